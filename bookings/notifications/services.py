"""Telling the venue when its booking needs it: webhook and e-mail.

`booking_changed` runs inside the caller's transaction and writes the
webhook delivery rows there, so a committed change always has its
notification stored (durable): a WebhookDelivery or a VenueEmail row, each
marking itself done, so a task delivered twice sends once. The sending itself
is queued as tasks after commit. Payloads carry only what the venue may see: status, advice,
conditions and the rationale written for it. Never match details, never
the officer's restricted notes.
"""

from functools import partial

from django.db import transaction
from django.utils import timezone

from bookings.models import Booking, OfficerEmailPreference, OfficerNotice, VenueEmail, WebhookDelivery
from bookings.notifications.officers import officer_recipients
from bookings.notifications.payloads import venue_payload
from bookings.notifications.tasks import deliver_webhook, send_officer_notice, send_venue_email


def booking_changed(*, booking: Booking, event: str) -> None:
    """Queue a webhook (if the venue has one) and an e-mail to the venue contact."""

    venue = booking.venue
    if venue.webhook_url:
        delivery = WebhookDelivery.objects.create(
            venue=venue,
            booking=booking,
            event=event,
            url=venue.webhook_url,
            payload=venue_payload(booking, event),
            next_attempt_at=timezone.now(),
        )
        transaction.on_commit(lambda: deliver_webhook.enqueue(delivery.pk))
    if venue.contact_email:
        email = VenueEmail.objects.create(booking=booking, event=event)
        transaction.on_commit(lambda: send_venue_email.enqueue(booking.pk, event, email.pk))


def officers_notify(*, booking: Booking, kind: str) -> list[OfficerNotice]:
    """Store a notice for each officer who should hear, and queue the immediate e-mails."""
    notices = OfficerNotice.objects.bulk_create(
        OfficerNotice(officer=officer, booking=booking, kind=kind)
        for officer in officer_recipients(booking, kind)
    )
    digest = set(OfficerEmailPreference.objects.filter(daily_digest=True).values_list("user_id", flat=True))
    for notice in notices:
        if notice.officer_id not in digest:
            transaction.on_commit(partial(send_officer_notice.enqueue, notice.pk))
    return notices
