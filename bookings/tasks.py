"""Background tasks. Thin: load by id, call one service.

The worker is `python manage.py db_worker` (django-tasks database backend).
Service imports are inside the tasks because `bookings.services` queues these.
"""

from django_tasks import task

from screening.enums import ScreeningTrigger

from .models import Booking


@task()
def screen_received_booking(booking_id: int) -> None:
    """Safety net queued with every new booking, in the same transaction.

    Normally the request screens the booking itself and this finds nothing to
    do; if the process died between storing and screening, the worker screens it.
    """
    from .services import booking_screen_if_received

    booking = Booking.objects.filter(pk=booking_id).first()
    if booking is not None:
        booking_screen_if_received(booking=booking, trigger=ScreeningTrigger.RECOVERY)


@task()
def rescreen_upcoming_bookings(version_id: int, removed: list[str]) -> int:
    """Queued when a concern source publishes a new version (see bookings.rescreen)."""
    from .rescreen import bookings_rescreen_after_source_update

    return bookings_rescreen_after_source_update(version_id=version_id, removed=removed)
