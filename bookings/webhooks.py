"""Webhook delivery: signing, one HTTP attempt, and retry with backoff.

The receiver checks `X-Venue-Check-Signature: sha256=<hex>`, the HMAC-SHA256
under the venue's webhook secret of `<timestamp>.<body>`, where the timestamp
is the `X-Venue-Check-Timestamp` header (Unix seconds); rejecting old
timestamps stops replays.
"""

import hashlib
import hmac
import json
import logging
import time
from datetime import timedelta

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .enums import DeliveryStatus
from .models import WebhookDelivery

logger = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Venue-Check-Signature"
TIMESTAMP_HEADER = "X-Venue-Check-Timestamp"


def sign(*, secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def _post(url: str, body: bytes, headers: dict) -> tuple[int | None, str]:
    """One POST. Returns (status code or None, error text); never raises for HTTP trouble."""
    try:
        response = requests.post(url, data=body, headers=headers, timeout=settings.WEBHOOK_TIMEOUT,
                                 allow_redirects=False)
    except requests.RequestException as exc:
        return None, f"{type(exc).__name__}: {exc}"[:500]
    if 200 <= response.status_code < 300:
        return response.status_code, ""
    return response.status_code, f"HTTP {response.status_code}"


def webhook_delivery_attempt(*, delivery_id: int) -> WebhookDelivery:
    """Make one attempt; on failure schedule the next with exponential backoff,
    or give up after WEBHOOK_MAX_ATTEMPTS. The HTTP call runs outside any transaction."""
    delivery = WebhookDelivery.objects.select_related("venue").get(pk=delivery_id)
    if delivery.status != DeliveryStatus.PENDING:
        return delivery
    earlier = _earlier_pending(delivery)
    if earlier is not None:
        # Per-booking order: an earlier notification must arrive first.
        if earlier.next_attempt_at is None or earlier.next_attempt_at <= timezone.now():
            earlier = webhook_delivery_attempt(delivery_id=earlier.pk)
        if earlier.status == DeliveryStatus.PENDING:
            return _wait_behind(delivery, earlier)
    body = json.dumps(delivery.payload, sort_keys=True, separators=(",", ":")).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(secret=delivery.venue.webhook_secret, timestamp=timestamp, body=body),
        "User-Agent": "venue-check-webhook/1",
        "Idempotency-Key": delivery.payload.get("idempotency_key", str(delivery.pk)),
    }
    code, error = _post(delivery.url, body, headers)
    return _record_attempt(delivery, code, error)


def _earlier_pending(delivery: WebhookDelivery) -> WebhookDelivery | None:
    if delivery.booking_id is None:
        return None
    return (WebhookDelivery.objects.filter(booking_id=delivery.booking_id, status=DeliveryStatus.PENDING,
                                           pk__lt=delivery.pk).order_by("pk").first())


def _wait_behind(delivery: WebhookDelivery, earlier: WebhookDelivery) -> WebhookDelivery:
    """Not an attempt: try again when the earlier delivery is next tried."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=earlier.next_attempt_at)
    delivery.next_attempt_at = earlier.next_attempt_at
    return delivery


@transaction.atomic
def _record_attempt(delivery: WebhookDelivery, code: int | None, error: str) -> WebhookDelivery:
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_status_code = code
    delivery.last_error = error
    if not error:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
            DeliveryStatus.DELIVERED, now, None)
    elif delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
        logger.warning("webhook delivery %s gave up after %s attempts", delivery.pk, delivery.attempts)
    else:
        delay = settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** (delivery.attempts - 1)
        delivery.next_attempt_at = now + timedelta(seconds=delay)
    delivery.save()
    return delivery


def webhook_deliveries_due(*, now=None):
    now = now or timezone.now()
    return WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
