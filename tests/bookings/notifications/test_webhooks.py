"""Webhook delivery: signature, retries with backoff, giving up, the delivery log."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from bookings.enums import DeliveryStatus
from bookings.models import Venue, WebhookDelivery
from bookings.notifications.webhooks import NO_SECRET, sign, webhook_delivery_attempt
from tests.factories.bookings import give_webhook

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivery(venue, httpserver, webhooks_to_loopback):
    give_webhook(venue, httpserver.url_for("/hook"))
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
        secret=delivery.venue.webhook_secret,
        timestamp=request.headers["X-Venue-Check-Timestamp"],
        body=request.get_data(),
    )


# --- nothing signed with a key anyone has -------------------------------------------------


def test_a_delivery_whose_venue_has_no_secret_sends_nothing_and_says_why(delivery, httpserver):
    """The venue's URL was removed (and its secret never made) after the delivery was queued:
    a signature under an empty key is one anyone could make, so nothing goes out."""
    Venue.objects.filter(pk=delivery.venue_id).update(webhook_url="", webhook_secret="")

    attempted = webhook_delivery_attempt(delivery_id=delivery.pk)

    assert httpserver.log == []
    assert (attempted.status, attempted.attempts, attempted.last_status_code) == ("pending", 1, None)
    assert attempted.last_error == NO_SECRET


def test_no_delivery_can_be_forged_with_an_empty_key(delivery, httpserver):
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")

    webhook_delivery_attempt(delivery_id=delivery.pk)

    request, _ = httpserver.log[0]
    timestamp, body = request.headers["X-Venue-Check-Timestamp"], request.get_data()
    signature = request.headers["X-Venue-Check-Signature"]
    assert signature == sign(secret=delivery.venue.webhook_secret, timestamp=timestamp, body=body)
    assert signature != sign(secret="", timestamp=timestamp, body=body)


def test_the_signature_covers_the_timestamp_so_a_replay_cannot_be_made_fresh(delivery, httpserver):
    """A captured delivery replayed later with a new timestamp no longer verifies, and with
    its old timestamp a receiver refuses it as too old (docs/review.md)."""
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    webhook_delivery_attempt(delivery_id=delivery.pk)
    request, _ = httpserver.log[0]
    captured = request.headers["X-Venue-Check-Signature"]

    fresh = str(int(request.headers["X-Venue-Check-Timestamp"]) + 3600)

    assert sign(secret=delivery.venue.webhook_secret, timestamp=fresh, body=request.get_data()) != captured


def test_the_timestamp_is_the_time_of_the_attempt(delivery, httpserver):
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    at = timezone.now() - timedelta(minutes=30)

    webhook_delivery_attempt(delivery_id=delivery.pk, now=at)

    request, _ = httpserver.log[0]
    assert request.headers["X-Venue-Check-Timestamp"] == str(int(at.timestamp()))
