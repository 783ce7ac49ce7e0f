"""Sending again the webhook deliveries that gave up, once the venue's receiver is back.

A resent delivery is the same row: the same payload and idempotency key (so a
receiver that did get it after all drops the copy), signed afresh with the
venue's current secret and sent to its current URL, its attempts counted from
nought. Per-booking order holds: a booking's deliveries go out oldest first
(`webhooks._earlier_pending`), and one whose newer news has already arrived is
not resent, since it would arrive after it. Each resend is audited.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bookings.audit import audit_record
from bookings.enums import DeliveryStatus
from bookings.models import WebhookDelivery
from bookings.notifications.tasks import deliver_webhook
from bookings.notifications.webhooks import delivery_superseded_by
from bookings.webhook_secrets import webhook_secret_is_strong


@dataclass(frozen=True)
class ResendOutcome:
    delivery_id: int
    resent: bool
    message: str


def webhook_deliveries_resend(*, ids: Iterable[int], by, now: datetime | None = None) -> list[ResendOutcome]:
    """Resend each delivery that gave up, oldest first; say why for each one that is not."""
    now = now or timezone.now()
    return [_resend_one(delivery_id=pk, by=by, now=now) for pk in sorted(set(ids))]


@transaction.atomic
def _resend_one(*, delivery_id: int, by, now: datetime) -> ResendOutcome:
    # Locked, so a resend and the worker's last attempt never both act on one delivery.
    delivery = WebhookDelivery.objects.select_for_update().filter(pk=delivery_id).first()
    if delivery is None:
        return ResendOutcome(delivery_id, False, "no such delivery")
    refusal = _refusal(delivery)
    if refusal:
        return ResendOutcome(delivery_id, False, refusal)
    attempts_before = delivery.attempts
    delivery.status, delivery.attempts, delivery.next_attempt_at = DeliveryStatus.PENDING, 0, now
    delivery.url, delivery.last_status_code, delivery.last_error = delivery.venue.webhook_url, None, ""
    delivery.resends, delivery.resent_at = delivery.resends + 1, now
    delivery.save()
    audit_record(
        by=by,
        action="webhook.resent",
        target=delivery,
        data={"venue": delivery.venue.slug, "event": delivery.event, "attempts_before": attempts_before},
    )
    transaction.on_commit(partial(deliver_webhook.enqueue, delivery.pk))
    return ResendOutcome(delivery_id, True, f"resent to {delivery.url}")


def _refusal(delivery: WebhookDelivery) -> str | None:
    if delivery.status == DeliveryStatus.DELIVERED:
        return f"already delivered at {delivery.delivered_at:%Y-%m-%d %H:%M:%S %Z}: not sent again"
    if delivery.status == DeliveryStatus.PENDING:
        return (
            f"still being attempted (attempt {delivery.attempts} of {settings.WEBHOOK_MAX_ATTEMPTS} made): "
            "nothing to resend"
        )
    if not delivery.venue.webhook_url:
        return "the venue has no webhook URL now: set one, then resend"
    if not webhook_secret_is_strong(delivery.venue.webhook_secret):
        return "the venue has no strong webhook secret: make one (rotate_webhook_secret), then resend"
    newer = delivery_superseded_by(delivery)
    if newer is not None:
        return (
            f"superseded: delivery {newer.pk} of the same booking, which is newer, has arrived; "
            "this one would now arrive after it"
        )
    return None
