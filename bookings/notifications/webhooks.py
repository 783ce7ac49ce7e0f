"""Webhook delivery: signing, one HTTP attempt, and retry with backoff.

The receiver checks `X-Venue-Check-Signature: sha256=<hex>`, the HMAC-SHA256
under the venue's webhook secret of `<timestamp>.<body>`, where the timestamp
is the `X-Venue-Check-Timestamp` header (Unix seconds); rejecting old
timestamps stops replays.

Before each attempt the URL is checked again (`webhook_addresses`): DNS can
change after the venue configured it. The connection itself is checked too,
so a name that resolves to a public address for our check and to an internal
one a moment later (DNS rebinding) still reaches nothing inside. Redirects are
never followed: a public URL must not bounce the request to an internal one.

Nothing is signed with a weak secret (an empty key is a key anyone has): such a
delivery records why and sends nothing. A delivery that gives up is counted on
the venue's alert (`alerts`), and an administrator can resend it (`resend`).
"""

import hashlib
import hmac
import json
import logging
from datetime import datetime, timedelta

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NewConnectionError

from bookings.enums import DeliveryStatus
from bookings.models import WebhookDelivery
from bookings.notifications.alerts import webhook_delivery_arrived, webhook_delivery_gave_up
from bookings.webhook_addresses import address_refusal, webhook_url_refusal
from bookings.webhook_secrets import webhook_secret_is_strong

logger = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Venue-Check-Signature"
TIMESTAMP_HEADER = "X-Venue-Check-Timestamp"
NO_SECRET = (
    "Refused: the venue has no strong webhook secret, so nothing was signed or sent (rotate_webhook_secret)"
)


def sign(*, secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


class _PublicPeerMixin(HTTPConnection):
    """Refuse the connection if the socket reached an address we must not call: the
    address actually connected to, after the HTTP client's own DNS lookup."""

    def _new_conn(self):
        sock = super()._new_conn()
        reason = address_refusal(sock.getpeername()[0])
        if reason:
            sock.close()
            raise NewConnectionError(self, f"Refused: connected to {reason}")
        return sock


class _PublicHTTPConnection(_PublicPeerMixin, HTTPConnection):
    pass


class _PublicHTTPSConnection(_PublicPeerMixin, HTTPSConnection):
    pass


class _PublicHTTPPool(HTTPConnectionPool):
    ConnectionCls = _PublicHTTPConnection


class _PublicHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _PublicHTTPSConnection


class _PublicOnlyAdapter(requests.adapters.HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _PublicHTTPPool, "https": _PublicHTTPSPool}


def _session() -> requests.Session:
    # No environment proxies: through a proxy the connection check would see the proxy,
    # not the venue's host, and the proxy would do its own DNS lookup.
    session = requests.Session()
    session.trust_env = False
    session.mount("http://", _PublicOnlyAdapter())
    session.mount("https://", _PublicOnlyAdapter())
    return session


def _post(url: str, body: bytes, headers: dict) -> tuple[int | None, str]:
    """One POST. Returns (status code or None, error text); never raises for HTTP trouble."""
    refusal = webhook_url_refusal(url)
    if refusal:
        return None, f"Refused: {refusal}"[:500]
    try:
        with _session() as session:
            response = session.post(
                url, data=body, headers=headers, timeout=settings.WEBHOOK_TIMEOUT, allow_redirects=False
            )
    except requests.RequestException as exc:
        return None, f"{type(exc).__name__}: {exc}"[:500]
    if 200 <= response.status_code < 300:
        return response.status_code, ""
    if 300 <= response.status_code < 400:
        return response.status_code, f"HTTP {response.status_code}: redirects are not followed"
    return response.status_code, f"HTTP {response.status_code}"


def webhook_delivery_attempt(*, delivery_id: int, now: datetime | None = None) -> WebhookDelivery:
    """Make one attempt; on failure schedule the next with exponential backoff,
    or give up after WEBHOOK_MAX_ATTEMPTS. The HTTP call runs outside any transaction."""
    delivery = WebhookDelivery.objects.select_related("venue").get(pk=delivery_id)
    if delivery.status != DeliveryStatus.PENDING:
        return delivery
    now = now or timezone.now()
    earlier = _earlier_pending(delivery)
    if earlier is not None:
        # Per-booking order: an earlier notification must arrive first.
        if earlier.next_attempt_at is None or earlier.next_attempt_at <= now:
            earlier = webhook_delivery_attempt(delivery_id=earlier.pk, now=now)
        if earlier.status == DeliveryStatus.PENDING:
            return _wait_behind(delivery, earlier)
    newer = delivery_superseded_by(delivery) if delivery.resends else None
    if newer is not None:
        # Resent, but newer news of the booking arrived meanwhile: older news must not follow it.
        return _record_superseded(delivery, newer)
    secret = delivery.venue.webhook_secret
    if not webhook_secret_is_strong(secret):
        return _record_attempt(delivery, None, NO_SECRET, now)
    code, error = _post(delivery.url, *_signed(delivery, secret, now))
    return _record_attempt(delivery, code, error, now)


def _signed(delivery: WebhookDelivery, secret: str, now: datetime) -> tuple[bytes, dict]:
    body = json.dumps(delivery.payload, sort_keys=True, separators=(",", ":")).encode()
    timestamp = str(int(now.timestamp()))
    headers = {
        "Content-Type": "application/json",
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(secret=secret, timestamp=timestamp, body=body),
        "User-Agent": "venue-check-webhook/1",
        "Idempotency-Key": delivery.payload.get("idempotency_key", str(delivery.pk)),
    }
    return body, headers


def delivery_superseded_by(delivery: WebhookDelivery) -> WebhookDelivery | None:
    """A newer delivery of the same booking that has already arrived, if any."""
    if delivery.booking_id is None:
        return None
    return (
        WebhookDelivery.objects.filter(
            booking_id=delivery.booking_id, status=DeliveryStatus.DELIVERED, pk__gt=delivery.pk
        )
        .order_by("-pk")
        .first()
    )


def _earlier_pending(delivery: WebhookDelivery) -> WebhookDelivery | None:
    if delivery.booking_id is None:
        return None
    return (
        WebhookDelivery.objects.filter(
            booking_id=delivery.booking_id, status=DeliveryStatus.PENDING, pk__lt=delivery.pk
        )
        .order_by("pk")
        .first()
    )


def _wait_behind(delivery: WebhookDelivery, earlier: WebhookDelivery) -> WebhookDelivery:
    """Not an attempt: try again when the earlier delivery is next tried."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=earlier.next_attempt_at)
    delivery.next_attempt_at = earlier.next_attempt_at
    return delivery


@transaction.atomic
def _record_superseded(delivery: WebhookDelivery, newer: WebhookDelivery) -> WebhookDelivery:
    """Not an attempt and not an outage: nothing to alert about, nothing sent."""
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
    delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
    delivery.last_error = (
        f"Not sent: superseded by delivery {newer.pk} of the same booking, which arrived first"
    )
    delivery.save()
    return delivery


@transaction.atomic
def _record_attempt(
    delivery: WebhookDelivery, code: int | None, error: str, now: datetime
) -> WebhookDelivery:
    """Side effects: a delivery that arrives closes its venue's alert; one that gives up counts on it."""
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
    delivery.attempts += 1
    delivery.last_status_code = code
    delivery.last_error = error
    if not error:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
            DeliveryStatus.DELIVERED,
            now,
            None,
        )
        webhook_delivery_arrived(delivery=delivery, now=now)
    elif delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
        logger.warning("webhook delivery %s gave up after %s attempts", delivery.pk, delivery.attempts)
    else:
        delay = settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** (delivery.attempts - 1)
        delivery.next_attempt_at = now + timedelta(seconds=delay)
    delivery.save()
    if delivery.status == DeliveryStatus.FAILED:
        webhook_delivery_gave_up(delivery=delivery, now=now)
    return delivery


def webhook_deliveries_due(*, now=None):
    now = now or timezone.now()
    return WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
