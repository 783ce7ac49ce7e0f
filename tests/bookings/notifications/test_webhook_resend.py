"""Resending deliveries that gave up: the service, the command and the admin action."""

import json
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from bookings.enums import DeliveryStatus
from bookings.models import AuditRecord, WebhookAlert, WebhookDelivery
from bookings.notifications.resend import webhook_deliveries_resend
from bookings.notifications.webhooks import sign, webhook_delivery_attempt
from tests.factories.bookings import BookingFactory, WebhookDeliveryFactory, give_webhook

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings(settings, webhooks_to_loopback):
    settings.WEBHOOK_MAX_ATTEMPTS = 2


@pytest.fixture
def receiver(venue, httpserver):
    give_webhook(venue, httpserver.url_for("/hook"))
    return httpserver


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what a resend queues after commit (the test transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def gave_up(delivery: WebhookDelivery) -> WebhookDelivery:
    """As the worker leaves a delivery that exhausted its attempts."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED,
        attempts=2,
        next_attempt_at=None,
        last_error="HTTP 503",
        last_status_code=503,
    )
    delivery.refresh_from_db()
    return delivery


def received(receiver) -> list[tuple[str, str]]:
    return [(r.headers["Idempotency-Key"], json.loads(r.get_data())["event"]) for r, _ in receiver.log]


def test_a_resent_delivery_goes_again_signed_with_the_same_idempotency_key(venue, receiver, commit):
    receiver.expect_request("/hook", method="POST").respond_with_data("ok")
    delivery = gave_up(WebhookDeliveryFactory(booking=BookingFactory(venue=venue)))

    with commit():
        [outcome] = webhook_deliveries_resend(ids=[delivery.pk], by=None)

    delivery.refresh_from_db()
    assert (outcome.resent, outcome.message) == (True, f"resent to {venue.webhook_url}")
    assert (delivery.status, delivery.attempts, delivery.resends, delivery.last_error) == (
        "delivered",
        1,
        1,
        "",
    )
    [(request, _)] = receiver.log
    assert request.headers["Idempotency-Key"] == delivery.payload["idempotency_key"]
    assert request.headers["X-Venue-Check-Signature"] == sign(
        secret=venue.webhook_secret,
        timestamp=request.headers["X-Venue-Check-Timestamp"],
        body=request.get_data(),
    )


def test_each_resend_is_audited(venue, receiver, admin_user):
    delivery = gave_up(WebhookDeliveryFactory(booking=BookingFactory(venue=venue)))

    webhook_deliveries_resend(ids=[delivery.pk], by=admin_user)

    record = AuditRecord.objects.get(action="webhook.resent")
    assert (record.actor, record.object_id) == (f"user:{admin_user.username}", str(delivery.pk))
    assert record.data == {"venue": "riverside", "event": "booking.advice_changed", "attempts_before": 2}


def test_an_already_delivered_delivery_is_not_sent_again(venue, receiver, commit):
    delivery = WebhookDeliveryFactory(booking=BookingFactory(venue=venue))
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status="delivered", delivered_at=timezone.now())
    delivery.refresh_from_db()

    with commit():
        [outcome] = webhook_deliveries_resend(ids=[delivery.pk], by=None)

    assert outcome.resent is False
    assert (
        outcome.message
        == f"already delivered at {delivery.delivered_at:%Y-%m-%d %H:%M:%S %Z}: not sent again"
    )
    assert receiver.log == []
    assert not AuditRecord.objects.filter(action="webhook.resent").exists()


def test_a_delivery_still_being_attempted_is_not_resent(venue, receiver, commit):
    """A resend while the original is still in its retries would send it twice."""
    delivery = WebhookDeliveryFactory(booking=BookingFactory(venue=venue), attempts=1)

    with commit():
        [outcome] = webhook_deliveries_resend(ids=[delivery.pk], by=None)

    delivery.refresh_from_db()
    assert outcome.message == "still being attempted (attempt 1 of 2 made): nothing to resend"
    assert (delivery.status, delivery.attempts, delivery.resends) == ("pending", 1, 0)
    assert receiver.log == []


def test_a_resend_storm_sends_once(venue, receiver, commit):
    """An admin clicking resend again and again while the receiver is still down."""
    receiver.expect_request("/hook").respond_with_data("down", status=503)
    delivery = gave_up(WebhookDeliveryFactory(booking=BookingFactory(venue=venue)))

    outcomes = []
    for _ in range(5):
        with commit():
            outcomes += webhook_deliveries_resend(ids=[delivery.pk, delivery.pk], by=None)

    delivery.refresh_from_db()
    assert [o.resent for o in outcomes] == [True, False, False, False, False]
    assert (delivery.status, delivery.attempts, delivery.resends) == ("pending", 1, 1)
    assert len(receiver.log) == 1


def test_a_booking_s_resent_deliveries_arrive_oldest_first(venue, receiver, commit):
    receiver.expect_request("/hook").respond_with_data("ok")
    booking = BookingFactory(venue=venue)
    first, second = (
        gave_up(WebhookDeliveryFactory(booking=booking, event=e)) for e in ("booking.a", "booking.b")
    )

    with commit():
        webhook_deliveries_resend(ids=[second.pk, first.pk], by=None)

    assert received(receiver) == [
        (first.payload["idempotency_key"], "booking.a"),
        (second.payload["idempotency_key"], "booking.b"),
    ]


def test_a_delivery_whose_newer_news_has_arrived_is_not_resent(venue, receiver, commit):
    booking = BookingFactory(venue=venue)
    older = gave_up(WebhookDeliveryFactory(booking=booking))
    newer = WebhookDeliveryFactory(booking=booking)
    WebhookDelivery.objects.filter(pk=newer.pk).update(status="delivered", delivered_at=timezone.now())

    with commit():
        [outcome] = webhook_deliveries_resend(ids=[older.pk], by=None)

    assert outcome.message == (
        f"superseded: delivery {newer.pk} of the same booking, which is newer, has arrived; "
        "this one would now arrive after it"
    )
    assert receiver.log == []


def test_newer_news_arriving_after_the_resend_stops_the_older_one(venue, receiver):
    """The race: resent, then the booking's newer delivery arrives before the worker gets to it."""
    booking = BookingFactory(venue=venue)
    older = gave_up(WebhookDeliveryFactory(booking=booking))
    newer = WebhookDeliveryFactory(booking=booking)
    webhook_deliveries_resend(ids=[older.pk], by=None)  # its task not run yet
    WebhookDelivery.objects.filter(pk=newer.pk).update(status="delivered", delivered_at=timezone.now())

    stopped = webhook_delivery_attempt(delivery_id=older.pk)

    assert stopped.status == DeliveryStatus.FAILED
    assert (
        stopped.last_error
        == f"Not sent: superseded by delivery {newer.pk} of the same booking, which arrived first"
    )
    assert receiver.log == []
    assert not WebhookAlert.objects.exists()


def test_a_resend_goes_to_the_venue_s_current_url(venue, receiver, commit, httpserver):
    receiver.expect_request("/moved").respond_with_data("ok")
    delivery = gave_up(WebhookDeliveryFactory(booking=BookingFactory(venue=venue)))
    venue.webhook_url = httpserver.url_for("/moved")
    venue.save()

    with commit():
        webhook_deliveries_resend(ids=[delivery.pk], by=None)

    delivery.refresh_from_db()
    assert (delivery.url, delivery.status) == (venue.webhook_url, "delivered")
    assert [r.path for r, _ in receiver.log] == ["/moved"]


def test_a_venue_without_a_webhook_now_is_not_resent_to(venue, receiver):
    delivery = gave_up(WebhookDeliveryFactory(booking=BookingFactory(venue=venue)))
    venue.webhook_url = ""
    venue.save()

    [outcome] = webhook_deliveries_resend(ids=[delivery.pk], by=None)

    assert outcome.message == "the venue has no webhook URL now: set one, then resend"
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED


def test_an_unknown_delivery_is_named(db):
    assert [o.message for o in webhook_deliveries_resend(ids=[999_999], by=None)] == ["no such delivery"]


# --- the command -------------------------------------------------------------------------


def test_resend_webhooks_by_venue_resends_only_that_venue_s_failed_deliveries(
    venue, other_venue, receiver, capsys
):
    give_webhook(other_venue, receiver.url_for("/hook"))
    mine = gave_up(WebhookDeliveryFactory(booking=BookingFactory(venue=venue)))
    theirs = gave_up(WebhookDeliveryFactory(booking=BookingFactory(venue=other_venue)))
    WebhookDeliveryFactory(booking=BookingFactory(venue=venue))  # pending: not picked

    call_command("resend_webhooks", "--venue", "riverside")

    assert capsys.readouterr().out.splitlines() == [
        f"delivery {mine.pk}: resent to {venue.webhook_url}",
        "resent 1 of 1",
    ]
    assert WebhookDelivery.objects.get(pk=theirs.pk).status == DeliveryStatus.FAILED


def test_resend_webhooks_since_picks_by_creation_time(venue, receiver, capsys):
    old = gave_up(WebhookDeliveryFactory(booking=BookingFactory(venue=venue)))
    WebhookDelivery.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3))
    recent = gave_up(WebhookDeliveryFactory(booking=BookingFactory(venue=venue)))

    call_command("resend_webhooks", "--since", (timezone.now() - timedelta(days=1)).date().isoformat())

    assert capsys.readouterr().out.splitlines()[0] == f"delivery {recent.pk}: resent to {venue.webhook_url}"
    assert WebhookDelivery.objects.get(pk=old.pk).status == DeliveryStatus.FAILED


def test_resend_webhooks_of_a_delivered_id_says_so_and_exits_non_zero(venue, receiver, capsys):
    delivery = WebhookDeliveryFactory(booking=BookingFactory(venue=venue))
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status="delivered", delivered_at=timezone.now())

    with pytest.raises(CommandError, match="some of the deliveries asked for were not resent"):
        call_command("resend_webhooks", "--id", str(delivery.pk))

    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"delivery {delivery.pk}: not resent: already delivered at ")
    assert out[-1] == "resent 0 of 1"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "say which deliveries: --id, --venue, --since or --all"),
        (["--venue", "nowhere"], "no venue with slug 'nowhere'"),
        (["--since", "2026-02-30"], "--since '2026-02-30' is neither YYYY-MM-DD nor an ISO date-time"),
        (["--since", "last week"], "--since 'last week' is neither YYYY-MM-DD nor an ISO date-time"),
    ],
)
def test_resend_webhooks_refuses_unclear_requests(db, args, message):
    with pytest.raises(CommandError) as refused:
        call_command("resend_webhooks", *args)

    assert str(refused.value) == message


# --- the admin action ---------------------------------------------------------------------


def test_admin_resend_action_resends_the_failed_and_names_the_rest(admin_client, venue, receiver):
    failed = gave_up(WebhookDeliveryFactory(booking=BookingFactory(venue=venue)))
    pending = WebhookDeliveryFactory(booking=BookingFactory(venue=venue), attempts=1)

    response = admin_client.post(
        "/admin/bookings/webhookdelivery/", {"action": "resend", "_selected_action": [failed.pk, pending.pk]}
    )

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Resent 1 of 2.",
        f"Delivery {pending.pk} not resent: still being attempted (attempt 1 of 2 made): nothing to resend",
    ]
    assert WebhookDelivery.objects.get(pk=failed.pk).resends == 1
