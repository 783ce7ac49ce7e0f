"""Background tasks of intake, beside the services they run (django-tasks `TASKS`).

Thin: load by id, call one service. The queue stores each task's import
path; `bookings.tasks` keeps the paths used before the move importable.
"""

from django_tasks import task

from bookings.intake.rescreen import (
    bookings_rescreen_after_source_update,
    bookings_rescreen_after_suppression_ended,
    bookings_rescreen_stale,
)
from bookings.intake.screening import booking_screen_if_received
from bookings.models import Booking
from screening.enums import ScreeningTrigger


@task()
def screen_received_booking(booking_id: int) -> None:
    """Safety net for a booking whose screening failed at intake, queued in the
    same transaction as the booking: the worker screens it later. A no-op if
    something else screened it first."""
    booking = Booking.objects.filter(pk=booking_id).first()
    if booking is not None:
        booking_screen_if_received(booking=booking, trigger=ScreeningTrigger.RECOVERY)


@task()
def rescreen_upcoming_bookings(version_id: int, removed: list[str]) -> int:
    """Queued when a concern source publishes a new version (see `receivers`)."""
    return bookings_rescreen_after_source_update(version_id=version_id, removed=removed)


@task()
def rescreen_after_suppression_revoked(suppression_id: int) -> int:
    """Queued when an officer revokes a suppression (see `receivers`)."""
    return bookings_rescreen_after_suppression_ended(suppression_id=suppression_id)


@task()
def rescreen_screened_with_other_versions() -> int:
    """Queued when a process swapped in a new index after answering with its previous
    one (see `receivers`): every stale booking screened again. If it is lost, the periodic
    reconciliation screens the same bookings, found the same way (`bookings.intake.reconcile`)."""
    return bookings_rescreen_stale()
