"""A venue's receiver down for about half an hour, told as it happens in production.

The receiver is a real HTTP server (pytest-httpserver) that does what docs/review.md
asks of a venue: it checks the signature under the venue's secret, refuses a
timestamp more than five minutes from its clock (a replay), and drops an
Idempotency-Key it has seen. Time is driven by an explicit `now`, minute by minute,
with the default retry schedule (6 attempts, 60 s doubling: the last at 31 minutes).
"""

import json
import urllib.error
import urllib.request
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from werkzeug import Request, Response

from bookings.enums import DeliveryStatus
from bookings.models import WebhookAlert, WebhookDelivery
from bookings.notifications.services import booking_changed
from bookings.notifications.webhooks import sign, webhook_deliveries_due, webhook_delivery_attempt
from tests.factories.bookings import BookingFactory, give_webhook

pytestmark = pytest.mark.django_db

TOLERANCE = 300


class VenueReceiver:
    """The venue's endpoint, with its own clock and its own record of what it accepted."""

    def __init__(self, secret: str):
        self.secret, self.down, self.clock = secret, True, 0
        self.seen: set[str] = set()
        self.accepted: list[tuple[str, str]] = []  # (booking id, event), in arrival order
        self.refused: list[str] = []

    def __call__(self, request: Request) -> Response:
        if self.down:
            return Response("down", status=503)
        timestamp, body = request.headers["X-Venue-Check-Timestamp"], request.get_data()
        if request.headers["X-Venue-Check-Signature"] != sign(
            secret=self.secret, timestamp=timestamp, body=body
        ):
            self.refused.append("bad signature")
            return Response("bad signature", status=401)
        if abs(self.clock - int(timestamp)) > TOLERANCE:
            self.refused.append("too old")
            return Response("too old", status=400)
        key = request.headers["Idempotency-Key"]
        if key not in self.seen:
            self.seen.add(key)
            event = json.loads(body)
            self.accepted.append((event["booking"]["id"], event["event"]))
        return Response(status=204)


@pytest.fixture
def receiver(venue, httpserver, settings, webhooks_to_loopback):
    settings.ADMINS = [("Ops", "ops@council.example")]
    settings.WEBHOOK_MAX_ATTEMPTS, settings.WEBHOOK_RETRY_BASE_SECONDS = 6, 60
    endpoint = VenueReceiver(give_webhook(venue, httpserver.url_for("/hook")))
    httpserver.expect_request("/hook", method="POST").respond_with_handler(endpoint)
    return endpoint


def run_minutes(receiver, start, minutes, *, up_from: int, commit) -> None:
    """The worker's sweep, once a minute, as `deliver_webhooks` does it."""
    for minute in range(minutes):
        now = start + timedelta(minutes=minute)
        receiver.down, receiver.clock = minute < up_from, int(now.timestamp())
        for pk in webhook_deliveries_due(now=now).order_by("pk").values_list("pk", flat=True):
            with commit(execute=True):
                webhook_delivery_attempt(delivery_id=pk, now=now)


def notify(booking, event, at) -> WebhookDelivery:
    """The real notification, as if made at `at` (its task is not run: the sweep sends it)."""
    with transaction.atomic():  # the test's transaction never commits: no task runs by itself
        booking_changed(booking=booking, event=event)
    delivery = WebhookDelivery.objects.latest("pk")
    WebhookDelivery.objects.filter(pk=delivery.pk).update(created_at=at, next_attempt_at=at)
    return delivery


def test_an_outage_of_half_an_hour_is_one_alert_then_a_resend_delivers_once(
    venue, receiver, httpserver, django_capture_on_commit_callbacks, capsys
):
    commit = django_capture_on_commit_callbacks
    start = timezone.now() - timedelta(hours=1)  # the resend, at the real now, comes after
    talk, quiz = BookingFactory(venue=venue), BookingFactory(venue=venue)
    asked = notify(talk, "booking.information_requested", start)
    advised = notify(talk, "booking.advice_changed", start)
    quiz_advised = notify(quiz, "booking.advice_changed", start)

    run_minutes(receiver, start, 45, up_from=33, commit=commit)

    states = {d.pk: (d.status, d.attempts) for d in WebhookDelivery.objects.all()}
    assert states[asked.pk] == states[quiz_advised.pk] == (DeliveryStatus.FAILED, 6)
    # The talk's newer news waited behind the older, then went out once the receiver was back.
    assert states[advised.pk][0] == DeliveryStatus.DELIVERED
    assert receiver.accepted == [(str(talk.public_id), "booking.advice_changed")]
    [alert] = WebhookAlert.objects.all()
    assert (alert.failed_deliveries, alert.last_error) == (2, "HTTP 503")
    assert alert.closed_at is not None  # a delivery arrived: the outage is over
    assert len(mail.outbox) == 1

    receiver.clock = int(timezone.now().timestamp())
    with commit(execute=True):
        call_command("resend_webhooks", "--venue", venue.slug)

    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"delivery {asked.pk}: not resent: superseded: delivery {advised.pk} of the same booking, "
        "which is newer, has arrived; this one would now arrive after it",
        f"delivery {quiz_advised.pk}: resent to {venue.webhook_url}",
        "resent 1 of 2",
    ]
    assert receiver.accepted == [
        (str(talk.public_id), "booking.advice_changed"),
        (str(quiz.public_id), "booking.advice_changed"),
    ]
    assert receiver.refused == []
    assert WebhookDelivery.objects.get(pk=quiz_advised.pk).status == DeliveryStatus.DELIVERED
    assert len(mail.outbox) == 1

    # Resending again is a no-op, and so is a replay of the captured request by anyone else.
    with commit(execute=True), pytest.raises(CommandError, match="not resent"):
        call_command("resend_webhooks", "--id", str(quiz_advised.pk))
    request, _ = httpserver.log[-1]
    receiver.clock += 3600
    replay = httpserver.url_for("/hook")
    _post(replay, request.get_data(), dict(request.headers))
    _post(replay, request.get_data(), {**request.headers, "X-Venue-Check-Timestamp": str(receiver.clock)})
    assert receiver.refused == ["too old", "bad signature"]
    assert len(receiver.accepted) == 2


def test_a_booking_whose_deliveries_all_gave_up_gets_them_again_in_order(
    venue, receiver, django_capture_on_commit_callbacks
):
    """A longer outage: the booking's second delivery gives up too (31 minutes after the
    first did); a resend of both delivers them oldest first, each once."""
    commit = django_capture_on_commit_callbacks
    start = timezone.now() - timedelta(hours=2)
    talk = BookingFactory(venue=venue)
    first = notify(talk, "booking.information_requested", start)
    second = notify(talk, "booking.advice_changed", start)

    run_minutes(receiver, start, 70, up_from=70, commit=commit)

    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.FAILED}
    receiver.down, receiver.clock = False, int(timezone.now().timestamp())
    with commit(execute=True):
        call_command("resend_webhooks", "--id", str(second.pk), "--id", str(first.pk))

    booking_id = str(talk.public_id)
    assert receiver.accepted == [
        (booking_id, "booking.information_requested"),
        (booking_id, "booking.advice_changed"),
    ]
    assert WebhookAlert.objects.get().failed_deliveries == 2
    assert len(mail.outbox) == 1


def _post(url: str, body: bytes, headers: dict) -> None:
    keep = {
        k: v for k, v in headers.items() if k.lower().startswith("x-venue-check") or k == "Idempotency-Key"
    }
    request = urllib.request.Request(url, data=body, headers={**keep, "Content-Type": "application/json"})
    try:
        urllib.request.urlopen(request, timeout=5)  # noqa: S310 (a loopback test server)
    except urllib.error.HTTPError:
        pass
