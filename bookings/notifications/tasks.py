"""Background tasks of notifications, beside the services they run.

A failed webhook attempt is retried by re-enqueueing with `run_after` on a
backend that can defer (the database backend in production); the
`deliver_webhooks` command also sweeps due deliveries, so a lost task never
loses a notification.
"""

from django.db import transaction
from django_tasks import default_task_backend, task

from bookings.enums import DeliveryStatus
from bookings.models import Booking
from bookings.notifications.email import venue_email_send, venue_email_send_once
from bookings.notifications.officers import officer_notice_send
from bookings.notifications.webhooks import webhook_delivery_attempt


@task()
def deliver_webhook(delivery_id: int) -> str:
    delivery = webhook_delivery_attempt(delivery_id=delivery_id)
    if delivery.status == DeliveryStatus.PENDING and default_task_backend.supports_defer:
        transaction.on_commit(
            lambda: deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery_id)
        )
    return delivery.status


@task()
def send_venue_email(booking_id: int, event: str, email_id: int | None = None) -> bool:
    """Send the venue's e-mail once (`venue_email_send_once`); False if it was sent already.
    A task queued before e-mails were recorded has no `email_id`: sent as it was then."""
    if email_id is not None:
        return venue_email_send_once(email_id=email_id)
    booking = Booking.objects.select_related("venue").get(pk=booking_id)
    venue_email_send(booking=booking, event=event)
    return True


@task()
def send_officer_notice(notice_id: int) -> bool:
    return officer_notice_send(notice_id=notice_id)
