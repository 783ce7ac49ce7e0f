"""Aggregate reads for the coverage report. Every query returns counts only.

A booking belongs to the period, and to a month, by when it was received
(`created_at`): screening runs in the same request, so this is also when it
was first screened. `screened_at` moves on every re-screen, so notice is
measured from `created_at` too.
"""

from datetime import date, timedelta

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth

from bookings.enums import Advice, BookingStatus
from bookings.models import Booking, Venue

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
BOOKING_COUNTS = ("screened", "screened_with_notice", "flagged", *OUTCOMES)

GROUPINGS = {
    "district": F("venue__district"),
    "venue_type": F("venue__venue_type"),
    "month": TruncMonth("created_at"),
}
VENUE_GROUPINGS = {"district": "district", "venue_type": "venue_type"}

SCREENED = Q(screened_at__isnull=False) & ~Q(status=BookingStatus.NOT_IN_SCOPE)


def bookings_received_in(period: ReportPeriod) -> QuerySet[Booking]:
    return Booking.objects.filter(
        created_at__gte=period.starts_at, created_at__lt=period.ends_before
    )


def _booking_aggregates(period: ReportPeriod) -> dict:
    notice = Q(created_at__lte=F("starts_at") - timedelta(days=period.notice_days))
    figures = {
        "venues_active": Count("venue", distinct=True),
        "screened": Count("id", filter=SCREENED),
        "screened_with_notice": Count("id", filter=SCREENED & notice),
        "flagged": Count("id", filter=SCREENED & Q(flagged_at__isnull=False)),
    }
    figures.update({name: Count("id", filter=SCREENED & q) for name, q in OUTCOME_FILTERS.items()})
    return figures


def _with_other_outcome(row: dict) -> dict:
    row[OTHER_OUTCOME] = row["screened"] - sum(row[name] for name in OUTCOME_FILTERS)
    return row


def booking_counts_by(*, period: ReportPeriod, grouping: str) -> dict[object, dict[str, int]]:
    """{group key: {figure: count}} for bookings received in the period."""
    rows = (
        bookings_received_in(period)
        .annotate(group=GROUPINGS[grouping])
        .order_by()
        .values("group")
        .annotate(**_booking_aggregates(period))
    )
    return {_group_key(row.pop("group")): _with_other_outcome(row) for row in rows}


def booking_counts_total(*, period: ReportPeriod) -> dict[str, int]:
    totals = bookings_received_in(period).aggregate(**_booking_aggregates(period))
    return _with_other_outcome(totals)


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
        key = _group_key(group) if grouping else None
        durations.setdefault(key, []).append((advised_at - flagged_at).total_seconds() / 86400)
    return durations
