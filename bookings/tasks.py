"""Background tasks through the durable task queue (django-tasks `TASKS` setting).

The worker is `python manage.py db_worker` (django-tasks database backend).
Service imports are inside the tasks because `bookings.services` queues these.

Thin: load by id, call one service. A failed webhook attempt is retried by
re-enqueueing with `run_after` on a backend that can defer (the database
backend in production); the `deliver_webhooks` command also sweeps due
deliveries, so a lost task never loses a notification.
"""

import logging

from django.db import transaction
from django_tasks import default_task_backend, task

from screening.enums import ScreeningTrigger

from .enums import DeliveryStatus
from .models import Booking
from .notifications import venue_email_send

logger = logging.getLogger(__name__)


@task()
def screen_received_booking(booking_id: int) -> None:
    """Safety net for a booking whose screening failed at intake, queued in the
    same transaction as the booking: the worker screens it later. A no-op if
    something else screened it first."""
    from .services import booking_screen_if_received

    booking = Booking.objects.filter(pk=booking_id).first()
    if booking is not None:
        booking_screen_if_received(booking=booking, trigger=ScreeningTrigger.RECOVERY)


@task()
def rescreen_upcoming_bookings(version_id: int, removed: list[str]) -> int:
    """Queued when a concern source publishes a new version (see bookings.rescreen)."""
    from .rescreen import bookings_rescreen_after_source_update

    return bookings_rescreen_after_source_update(version_id=version_id, removed=removed)


@task()
def deliver_webhook(delivery_id: int) -> str:
    from .webhooks import webhook_delivery_attempt

    delivery = webhook_delivery_attempt(delivery_id=delivery_id)
    if delivery.status == DeliveryStatus.PENDING and default_task_backend.supports_defer:
        transaction.on_commit(
            lambda: deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery_id)
        )
    return delivery.status


@task()
def send_venue_email(booking_id: int, event: str) -> None:
    booking = Booking.objects.select_related("venue").get(pk=booking_id)
    venue_email_send(booking=booking, event=event)


@task()
def close_past_bookings() -> dict:
    from .services_jobs import bookings_close_past

    return bookings_close_past()


@task()
def escalate_overdue_reviews() -> int:
    from .services_jobs import reviews_escalate_overdue

    return len(reviews_escalate_overdue())
