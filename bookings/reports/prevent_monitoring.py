"""Figures compatible with the Office for Students Prevent monitoring return.

Each figure is its own function over a report period, counted over the
bookings received in the period (like the rest of the report), from the
venue's latest decision, the officer's conditions, review requests, match
dispositions and suppressions. A figure the service keeps no record for is
None, shown as "not recorded", so a missing figure is never mistaken for a
zero; a share with too few judgements behind it is withheld instead.
"""

from django.db.models import BooleanField, Count, ExpressionWrapper, OuterRef, Q, Subquery
from django.utils import timezone

from bookings.enums import (
    Advice,
    BookingStatus,
    RefusalGrounds,
    ReviewRequestOutcome,
    VenueDecisionOutcome,
)
from bookings.models import AdviceCondition, Booking, ReviewRequest, VenueDecision
from screening.enums import Disposition, ScreeningTrigger
from screening.models import Match, ScreeningRun, Suppression

from .disclosure import SMALL_NUMBER_LIMIT, WITHHELD_LABEL
from .periods import ReportPeriod
from .selectors import bookings_received_in


def events_approved(*, period: ReportPeriod) -> int | None:
    """Events whose venue's latest decision was "approved" (no conditions)."""
    return _decided(period).filter(decision=VenueDecisionOutcome.APPROVED).count()


def events_approved_with_prevent_conditions(*, period: ReportPeriod) -> int | None:
    """Events approved with conditions where the Prevent Officer advised conditions:
    those conditions came from the Prevent review, so they are Prevent-related."""
    return (
        _decided(period)
        .filter(decision=VenueDecisionOutcome.APPROVED_WITH_CONDITIONS, advice=Advice.PROCEED_WITH_CONDITIONS)
        .count()
    )


def events_approved_with_other_conditions(*, period: ReportPeriod) -> int | None:
    """Events approved with conditions the venue set itself (the officer advised none)."""
    return (
        _decided(period)
        .filter(decision=VenueDecisionOutcome.APPROVED_WITH_CONDITIONS)
        .exclude(advice=Advice.PROCEED_WITH_CONDITIONS)
        .count()
    )


def events_refused_by_grounds(*, period: ReportPeriod) -> dict[str, int] | None:
    """Events whose venue's latest decision was a refusal, per grounds category."""
    counts = dict(
        _decided(period)
        .filter(decision=VenueDecisionOutcome.REFUSED)
        .values_list("grounds")
        .annotate(n=Count("id"))
        .values_list("grounds", "n")
    )
    return {label: counts.get(code, 0) for code, label in RefusalGrounds.choices}


def events_withdrawn(*, period: ReportPeriod) -> int | None:
    """Events withdrawn by the hirer or the venue, from the bookings' own status."""
    return bookings_received_in(period).filter(status=BookingStatus.WITHDRAWN).count()


def conditions_by_type(*, period: ReportPeriod) -> dict[str, int] | None:
    """Conditions in the officer's advice, per condition in the managed list, plus
    bookings with conditions written as free text."""
    advised = bookings_received_in(period).filter(advice=Advice.PROCEED_WITH_CONDITIONS)
    applied = Booking.advice_conditions.through.objects.filter(booking__in=advised)
    counts = dict(
        applied.values_list("advicecondition__label")
        .annotate(n=Count("id"))
        .values_list("advicecondition__label", "n")
    )
    figures = {c.label: counts.get(c.label, 0) for c in AdviceCondition.objects.order_by("position", "id")}
    figures["Other (written by the officer)"] = advised.exclude(advice_conditions_text="").count()
    return figures


def appeals_lodged(*, period: ReportPeriod) -> int | None:
    """Reviews of adverse advice asked for by hirers (through the venue)."""
    return _review_requests(period).count()


def appeals_upheld(*, period: ReportPeriod) -> int | None:
    """Appeals that succeeded: the reviewing officer changed the advice. (The
    review request's own outcome "advice upheld" is an appeal that failed.)"""
    return _review_requests(period).filter(outcome=ReviewRequestOutcome.CHANGED).count()


def suppressions_created(*, period: ReportPeriod) -> int | None:
    """False-positive suppressions officers recorded during the period."""
    return Suppression.objects.filter(
        created_at__gte=period.starts_at, created_at__lt=period.ends_before
    ).count()


def suppressions_expired(*, period: ReportPeriod) -> int | None:
    """Suppressions that stopped applying during the period: expired or revoked."""
    window = {"gte": period.starts_at, "lt": min(period.ends_before, timezone.now())}
    return Suppression.objects.filter(
        Q(expires_at__gte=window["gte"], expires_at__lt=window["lt"])
        | Q(revoked_at__gte=window["gte"], revoked_at__lt=window["lt"])
    ).count()


def rescreens_from_source_updates(*, period: ReportPeriod) -> int | None:
    """Screenings of existing bookings triggered by a new source version."""
    return _source_update_runs(period).count()


def rescreens_changing_result(*, period: ReportPeriod) -> int | None:
    """Re-screens after a source update whose result (flagged or not) differs from
    the booking's screening before it: newly flagged, or no longer matching."""
    rescreened = _source_update_runs(period).values("booking_id")
    # Every run of the re-screened bookings, in order: few rows, compared in Python.
    counted = Q(
        trigger=ScreeningTrigger.SOURCE_UPDATE,
        created_at__gte=period.starts_at,
        created_at__lt=period.ends_before,
    )
    runs = (
        ScreeningRun.objects.filter(booking_id__in=rescreened)
        .annotate(counted=ExpressionWrapper(counted, output_field=BooleanField()))
        .order_by("booking_id", "created_at", "id")
        .values_list("booking_id", "counted", "flagged")
    )
    changed = 0
    previous: tuple[int | None, bool | None] = (None, None)
    for booking_id, is_counted, flagged in runs:
        if is_counted and previous[0] == booking_id and previous[1] != flagged:
            changed += 1
        previous = (booking_id, flagged)
    return changed


NOTHING_JUDGED = "no matches judged"


def false_positive_share(*, period: ReportPeriod) -> float | str:
    """Of the matches officers judged on bookings of the period, the share judged
    false positives (percent, one decimal): the burden on innocent people.
    Recorded whenever a match was judged; withheld (never "not recorded") when
    fewer than 5 were, so a share cannot reveal a small count."""
    judged = Match.objects.filter(run__booking__in=bookings_received_in(period)).exclude(disposition="")
    total = judged.count()
    if total == 0:
        return NOTHING_JUDGED
    if total < SMALL_NUMBER_LIMIT:
        return WITHHELD_LABEL
    return round(100 * judged.filter(disposition=Disposition.FALSE_POSITIVE).count() / total, 1)


def _decided(period: ReportPeriod):
    """Bookings of the period with the outcome of the venue's latest decision."""
    latest = VenueDecision.objects.filter(booking=OuterRef("pk")).order_by("-recorded_at", "-id")
    return bookings_received_in(period).annotate(
        decision=Subquery(latest.values("outcome")[:1]), grounds=Subquery(latest.values("grounds")[:1])
    )


def _review_requests(period: ReportPeriod):
    return ReviewRequest.objects.filter(booking__in=bookings_received_in(period))


def _source_update_runs(period: ReportPeriod):
    return ScreeningRun.objects.filter(
        trigger=ScreeningTrigger.SOURCE_UPDATE,
        created_at__gte=period.starts_at,
        created_at__lt=period.ends_before,
    )


# (key, label, function) in the order the return lists them.
FIGURES = [
    ("events_approved", "Events approved", events_approved),
    (
        "events_approved_with_prevent_conditions",
        "Approved with Prevent-related conditions",
        events_approved_with_prevent_conditions,
    ),
    (
        "events_approved_with_other_conditions",
        "Approved with other conditions",
        events_approved_with_other_conditions,
    ),
    ("events_refused_by_grounds", "Refused, by grounds category", events_refused_by_grounds),
    ("events_withdrawn", "Withdrawn", events_withdrawn),
    ("conditions_by_type", "Conditions applied, by type", conditions_by_type),
    ("appeals_lodged", "Appeals (reviews of advice) lodged", appeals_lodged),
    ("appeals_upheld", "Appeals upheld", appeals_upheld),
    ("suppressions_created", "False-positive suppressions created", suppressions_created),
    ("suppressions_expired", "Suppressions expired or ended", suppressions_expired),
    ("rescreens_from_source_updates", "Re-screens caused by source updates", rescreens_from_source_updates),
    ("rescreens_changing_result", "Re-screens that changed the screening result", rescreens_changing_result),
    ("false_positive_share", "Flags that were false positives (%)", false_positive_share),
]
