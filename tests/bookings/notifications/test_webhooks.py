"""Webhook delivery: signature, retries with backoff, giving up, the delivery log."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from bookings.enums import DeliveryStatus
from bookings.models import WebhookDelivery
from bookings.notifications.webhooks import sign, webhook_delivery_attempt

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivery(venue, httpserver, webhooks_to_loopback):
    venue.webhook_url = httpserver.url_for("/hook")
    venue.webhook_secret = "s3cret"
    venue.save()
    return WebhookDelivery.objects.create(
        venue=venue,
        event="booking.advice_changed",
        url=venue.webhook_url,
        payload={"event": "booking.advice_changed", "booking": {"advice": "no_concerns"}},
        next_attempt_at=timezone.now(),
    )


def test_signature_is_hmac_sha256_of_timestamp_dot_body():
    signature = sign(secret="k", timestamp="1700000000", body=b"{}")

    assert signature == "sha256=c6ef4734033cee2367414a0939385eca0397754aa7a59716da7463a9298b5146"


def test_failed_attempt_is_retried_later_with_backoff(delivery, httpserver, settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 60
    httpserver.expect_ordered_request("/hook").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/hook").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/hook").respond_with_data("ok")

    first = webhook_delivery_attempt(delivery_id=delivery.pk)
    first_delay = first.next_attempt_at - timezone.now()
    second = webhook_delivery_attempt(delivery_id=delivery.pk)
    second_delay = second.next_attempt_at - timezone.now()
    third = webhook_delivery_attempt(delivery_id=delivery.pk)

    assert (first.status, first.attempts, first.last_status_code) == ("pending", 1, 503)
    assert timedelta(seconds=55) < first_delay <= timedelta(seconds=60)
    assert timedelta(seconds=115) < second_delay <= timedelta(seconds=120)
    assert (third.status, third.attempts, third.last_error) == ("delivered", 3, "")
    assert third.delivered_at is not None and third.next_attempt_at is None


def test_delivery_gives_up_after_max_attempts(delivery, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    delivery.url = "http://127.0.0.1:9/unreachable"  # discard port: connection refused
    delivery.save()

    webhook_delivery_attempt(delivery_id=delivery.pk)
    final = webhook_delivery_attempt(delivery_id=delivery.pk)

    assert (final.status, final.attempts, final.next_attempt_at) == (DeliveryStatus.FAILED, 2, None)
    assert final.last_error.startswith("ConnectionError")


def test_deliver_webhooks_command_sends_due_deliveries(delivery, httpserver, capsys):
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")

    call_command("deliver_webhooks")

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert capsys.readouterr().out.splitlines()[-1] == "attempted 1"
    request, _ = httpserver.log[0]
    assert request.headers["X-Venue-Check-Signature"] == sign(
        secret="s3cret", timestamp=request.headers["X-Venue-Check-Timestamp"], body=request.get_data()
    )
