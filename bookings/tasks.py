"""Background work through the durable task queue (django-tasks `TASKS` setting).

Each task loads by id and calls one service. A failed webhook attempt is
retried by re-enqueueing with `run_after` on a backend that can defer (the
database backend in production); the `deliver_webhooks` command also sweeps
due deliveries, so a lost task never loses a notification.
"""

import logging

from django.db import transaction
from django_tasks import default_task_backend, task

from .enums import DeliveryStatus
from .models import Booking
from .notifications import venue_email_send

logger = logging.getLogger(__name__)


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
