"""Figures compatible with the Office for Students Prevent monitoring return.

Each figure is its own function over a report period. Several read records of
the venue's decision, the officer's conditions, appeals, review dispositions
and match suppressions; where such a record is not kept yet the function
returns None, which every output shows as "not recorded", so a missing
figure is never mistaken for a zero.
"""

from django.db.models import BooleanField, ExpressionWrapper, Q

from bookings.enums import BookingStatus
from screening.enums import ScreeningTrigger
from screening.models import ScreeningRun

from .periods import ReportPeriod
from .selectors import bookings_received_in


def events_approved(*, period: ReportPeriod) -> int | None:
    """Events the venue approved without conditions.

    Reads the venue's recorded decision on each booking (the venue-decision
    model, decision "approved"); bookings do not record that decision yet.
    """
    return None


def events_approved_with_prevent_conditions(*, period: ReportPeriod) -> int | None:
    """Events approved with at least one Prevent-related condition.

    Reads the venue-decision model (decision "approved with conditions")
    together with the conditions attached to the officer's advice (the
    advice-condition model, conditions marked Prevent-related).
    """
    return None


def events_approved_with_other_conditions(*, period: ReportPeriod) -> int | None:
    """Events approved with conditions, none of them Prevent-related.

    Reads the venue-decision model and the advice-condition model.
    """
    return None


def events_refused_by_grounds(*, period: ReportPeriod) -> dict[str, int] | None:
    """Events the venue refused, counted per grounds category.

    Reads the venue-decision model (decision "refused" and its grounds category).
    """
    return None


def events_withdrawn(*, period: ReportPeriod) -> int | None:
    """Events withdrawn by the hirer or the venue, from the bookings' own status."""
    return bookings_received_in(period).filter(status=BookingStatus.WITHDRAWN).count()


def conditions_by_type(*, period: ReportPeriod) -> dict[str, int] | None:
    """Conditions applied to events, counted per condition type.

    Reads the advice-condition model (one row per condition on the officer's advice).
    """
    return None


def appeals_lodged(*, period: ReportPeriod) -> int | None:
    """Reviews of adverse advice asked for by hirers.

    Reads the appeal model (appeals lodged in the period).
    """
    return None


def appeals_upheld(*, period: ReportPeriod) -> int | None:
    """Reviews of adverse advice that changed the advice.

    Reads the appeal model (appeals decided in the period with outcome "upheld").
    """
    return None


def suppressions_created(*, period: ReportPeriod) -> int | None:
    """False-positive suppressions recorded by officers.

    Reads the screening suppression model (suppressions created in the period).
    """
    return None


def suppressions_expired(*, period: ReportPeriod) -> int | None:
    """Suppressions that stopped applying (expired, or either side changed).

    Reads the screening suppression model (suppressions ended in the period).
    """
    return None


def rescreens_from_source_updates(*, period: ReportPeriod) -> int | None:
    """Screenings of existing bookings triggered by a new source version."""
    return _source_update_runs(period).count()


def rescreens_changing_result(*, period: ReportPeriod) -> int | None:
    """Re-screens after a source update whose result (flagged or not) differs from
    the booking's screening before it: newly flagged, or no longer matching."""
    rescreened = _source_update_runs(period).values("booking_id")
    # Every run of the re-screened bookings, in order: few rows, compared in Python.
    counted = Q(trigger=ScreeningTrigger.SOURCE_UPDATE, created_at__gte=period.starts_at,
                created_at__lt=period.ends_before)
    runs = (
        ScreeningRun.objects.filter(booking_id__in=rescreened)
        .annotate(counted=ExpressionWrapper(counted, output_field=BooleanField()))
        .order_by("booking_id", "created_at", "id")
        .values_list("booking_id", "counted", "flagged")
    )
    changed, previous = 0, (None, None)
    for booking_id, is_counted, flagged in runs:
        if is_counted and previous[0] == booking_id and previous[1] != flagged:
            changed += 1
        previous = (booking_id, flagged)
    return changed


def false_positive_share(*, period: ReportPeriod) -> float | None:
    """Share of flags an officer cleared as false positives (percent, one decimal).

    Reads the review-disposition model (each flag's disposition, "false
    positive" among them) against the flagged bookings of the period.
    """
    return None


def _source_update_runs(period: ReportPeriod):
    return ScreeningRun.objects.filter(
        trigger=ScreeningTrigger.SOURCE_UPDATE,
        created_at__gte=period.starts_at,
        created_at__lt=period.ends_before,
    )


# (key, label, function) in the order the return lists them.
FIGURES = [
    ("events_approved", "Events approved", events_approved),
    ("events_approved_with_prevent_conditions", "Approved with Prevent-related conditions",
     events_approved_with_prevent_conditions),
    ("events_approved_with_other_conditions", "Approved with other conditions",
     events_approved_with_other_conditions),
    ("events_refused_by_grounds", "Refused, by grounds category", events_refused_by_grounds),
    ("events_withdrawn", "Withdrawn", events_withdrawn),
    ("conditions_by_type", "Conditions applied, by type", conditions_by_type),
    ("appeals_lodged", "Appeals (reviews of advice) lodged", appeals_lodged),
    ("appeals_upheld", "Appeals upheld", appeals_upheld),
    ("suppressions_created", "False-positive suppressions created", suppressions_created),
    ("suppressions_expired", "Suppressions expired or ended", suppressions_expired),
    ("rescreens_from_source_updates", "Re-screens caused by source updates",
     rescreens_from_source_updates),
    ("rescreens_changing_result", "Re-screens that changed the screening result",
     rescreens_changing_result),
    ("false_positive_share", "Flags that were false positives (%)", false_positive_share),
]
