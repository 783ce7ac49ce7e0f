"""Aggregate reads for the coverage report. Every query returns counts only.

A booking belongs to the period, and to a month, by when it was received
(`created_at`): screening runs in the same request, so this is also when it
was first screened. `screened_at` moves on every re-screen, so notice is
measured from `created_at` too.
"""

from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from django.core.exceptions import FieldDoesNotExist
from django.db import connection, transaction
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from bookings.enums import Advice, BookingStatus
from bookings.models import Booking, Venue
from screening.models import ScreeningRun

from .periods import ReportPeriod

# Outcomes split screened bookings into parts that add up to the whole.
DECIDED = (BookingStatus.ADVISED, BookingStatus.CLOSED)
OUTCOME_FILTERS: dict[str, Q] = {
    "cleared": Q(status=BookingStatus.CLEARED),
    "under_review": Q(status__in=BookingStatus.UNDER_REVIEW),
    "no_concerns": Q(status__in=DECIDED, advice=Advice.NO_CONCERNS),
    "with_conditions": Q(status__in=DECIDED, advice=Advice.PROCEED_WITH_CONDITIONS),
    "decline_advised": Q(status__in=DECIDED, advice=Advice.ADVISE_DECLINE),
    "withdrawn": Q(status=BookingStatus.WITHDRAWN),
    "lapsed": Q(status=BookingStatus.LAPSED),
}
# Whatever the named outcomes leave over (closed without advice): keeps the parts summing up.
OTHER_OUTCOME = "other_outcome"
OUTCOMES = (*OUTCOME_FILTERS, OTHER_OUTCOME)
BOOKING_COUNTS = ("screened", "screened_with_notice", "flagged", "screening_failed", *OUTCOMES)

GROUPINGS = {
    "district": F("venue__district"),
    "venue_type": F("venue__venue_type"),
    "month": TruncMonth("created_at"),
}
VENUE_GROUPINGS = {"district": "district", "venue_type": "venue_type"}

REPORT_WORK_MEM = "64MB"
SCREENED = Q(screened_at__isnull=False) & ~Q(status=BookingStatus.NOT_IN_SCOPE)
# Flagged by what a screening found: a booking stored flagged because its screening failed
# at intake is a person's to look at, but not a flag, until a screening of it flags.
FLAGGED_BY_SCREENING = Q(flagged_at__isnull=False) & (
    Q(screening_failed_at__isnull=True)
    | Q(Exists(ScreeningRun.objects.filter(booking=OuterRef("pk"), flagged=True)))
)


def bookings_received_in(period: ReportPeriod) -> QuerySet[Booking]:
    return Booking.objects.filter(created_at__gte=period.starts_at, created_at__lt=period.ends_before)


def _booking_aggregates(period: ReportPeriod) -> dict:
    notice = Q(created_at__lte=F("starts_at") - timedelta(days=period.notice_days))
    figures = {
        "screened": Count("id", filter=SCREENED),
        "screened_with_notice": Count("id", filter=SCREENED & notice),
        "flagged": Count("id", filter=SCREENED & FLAGGED_BY_SCREENING),
        # Every booking received whose screening failed at intake, screened since or not.
        "screening_failed": Count("id", filter=Q(screening_failed_at__isnull=False)),
    }
    figures.update({name: Count("id", filter=SCREENED & q) for name, q in OUTCOME_FILTERS.items()})
    return figures


COUNTED = ("venues_active", *BOOKING_COUNTS)


def booking_counts(*, period: ReportPeriod) -> dict[str, dict]:
    """Counts of bookings received in the period: {"district": {district: counts},
    "venue_type": {...}, "month": {first day: counts}, "total": counts}.

    One scan of the bookings, grouped by venue and month (at most venues x months
    rows); districts, venue types and totals are summed from those rows, and a
    venue is active in a group when it has a row there.
    """
    months = period.months()
    aggregates = _booking_aggregates(period)
    rows = (
        bookings_received_in(period)
        .annotate(month=_month_number(months))
        .order_by()
        .values("venue_id", "month")
        .annotate(**aggregates)
        .values_list("venue_id", "month", *aggregates)
    )
    venue_groups = {
        venue_id: (district, venue_type)
        for venue_id, district, venue_type in Venue.objects.values_list("id", "district", "venue_type")
    }
    sums: dict[tuple, list[int]] = {}
    active: dict[tuple, set] = {}
    # Months straight from the rows; districts, venue types and the total from per-venue sums.
    per_venue: dict[int, list[int]] = {}
    for venue_id, month, *figures in rows:
        _accumulate(sums, active, ("month", months[month]), figures, venue_id)
        _accumulate(per_venue, None, venue_id, figures, venue_id)
    for venue_id, figures in per_venue.items():
        district, venue_type = venue_groups[venue_id]
        for key in (("district", district), ("venue_type", venue_type), ("total", None)):
            _accumulate(sums, active, key, figures, venue_id)
    result: dict[str, dict] = {"district": {}, "venue_type": {}, "month": {}}
    for (grouping, group), figures in sums.items():
        counts = dict(zip(aggregates, figures, strict=True))
        counts = _with_other_outcome({"venues_active": len(active[(grouping, group)]), **counts})
        if grouping == "total":
            result["total"] = counts
        else:
            result[grouping][group] = counts
    result.setdefault("total", _with_other_outcome(dict.fromkeys(COUNTED, 0)))
    return result


def _accumulate(sums: dict, active: dict | None, key, figures: list[int], venue_id) -> None:
    previous = sums.get(key)
    sums[key] = figures if previous is None else [a + b for a, b in zip(previous, figures, strict=True)]
    if active is not None:
        active.setdefault(key, set()).add(venue_id)


def _month_number(months: list[date]) -> Case:
    """Which month of the period a booking was received in (0 = the first).

    Compared against each local month start, worked out in Python: cheaper than
    truncating every timestamp in the database, right across clock changes, and
    the same on SQLite and PostgreSQL.
    """
    starts = [timezone.make_aware(datetime.combine(month, time.min)) for month in months[1:]]
    return Case(
        *(When(created_at__lt=start, then=Value(n)) for n, start in enumerate(starts)),
        default=Value(len(months) - 1),
        output_field=IntegerField(),
    )


@contextmanager
def report_snapshot():
    """Run a report's queries in one transaction, so its figures agree with each other.

    On PostgreSQL the transaction gets more memory for grouping: the planner cannot
    estimate how many venue-month groups there are, and with the default 4 MB it sorts
    100,000 bookings on disk instead of hashing them in memory.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL work_mem = '{REPORT_WORK_MEM}'")
        yield


def _with_other_outcome(row: dict) -> dict:
    row[OTHER_OUTCOME] = row["screened"] - sum(row.get(name, 0) for name in OUTCOME_FILTERS)
    return row


def _group_key(value):
    # TruncMonth gives a local-time datetime; months are keyed by their first day.
    return value.date() if hasattr(value, "date") else value


def venues_registered_by(*, period: ReportPeriod, grouping: str) -> dict[str, int]:
    """Venues registered by the end of the period, per district or venue type."""
    field = VENUE_GROUPINGS[grouping]
    rows = (
        Venue.objects.filter(created_at__lt=period.ends_before)
        .order_by()
        .values(field)
        .annotate(n=Count("id"))
    )
    return {row[field]: row["n"] for row in rows}


def venues_registered_total(*, period: ReportPeriod) -> int:
    return Venue.objects.filter(created_at__lt=period.ends_before).count()


def venues_new_by_month(*, period: ReportPeriod) -> dict[date, int]:
    rows = (
        Venue.objects.filter(created_at__gte=period.starts_at, created_at__lt=period.ends_before)
        .annotate(month=TruncMonth("created_at"))
        .order_by()
        .values("month")
        .annotate(n=Count("id"))
    )
    return {row["month"].date(): row["n"] for row in rows}


def advice_time_recorded() -> bool:
    """Whether bookings record when advice was given (needed for review turnaround)."""
    try:
        Booking._meta.get_field("advised_at")
    except FieldDoesNotExist:
        return False
    return True


def review_durations_by(*, period: ReportPeriod, grouping: str | None) -> dict[object, list[float]]:
    """Days from flag to advice for each advised booking, per group (key None: all).

    Empty when advice times are not recorded.
    """
    if not advice_time_recorded():
        return {}
    rows = (
        bookings_received_in(period)
        .filter(flagged_at__isnull=False, advised_at__isnull=False)
        .annotate(group=GROUPINGS[grouping] if grouping else F("id") * 0)
        .order_by()
        .values_list("group", "flagged_at", "advised_at")
    )
    durations: dict[object, list[float]] = {}
    for group, flagged_at, advised_at in rows:
        assert flagged_at is not None and advised_at is not None  # filtered above
        key = _group_key(group) if grouping else None
        durations.setdefault(key, []).append((advised_at - flagged_at).total_seconds() / 86400)
    return durations
