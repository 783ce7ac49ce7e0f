"""Administrators are told when deliveries give up: once per venue per outage, with no personal data."""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from bookings.enums import DeliveryStatus, WebhookAlertKind
from bookings.models import WebhookAlert
from bookings.notifications.webhooks import webhook_delivery_attempt
from tests.factories.bookings import BookingFactory, VenueFactory, WebhookDeliveryFactory, give_webhook

pytestmark = pytest.mark.django_db

ADMIN = "ops@council.example"


@pytest.fixture(autouse=True)
def _settings(settings, webhooks_to_loopback):
    settings.ADMINS = [("Ops", ADMIN)]
    settings.WEBHOOK_MAX_ATTEMPTS = 1  # each failed attempt gives up: one step per delivery
    settings.WEBHOOK_ALERT_REOPEN_SECONDS = 3600


@pytest.fixture
def receiver(venue, httpserver):
    give_webhook(venue, httpserver.url_for("/hook"))
    return httpserver


def down(receiver):
    receiver.clear()
    receiver.expect_request("/hook").respond_with_data("down for maintenance", status=503)


def up(receiver):
    receiver.clear()
    receiver.expect_request("/hook").respond_with_data("ok")


def attempt(delivery, now, commit):
    with commit(execute=True):
        return webhook_delivery_attempt(delivery_id=delivery.pk, now=now)


def test_a_storm_of_failures_is_one_alert_and_one_email(venue, receiver, django_capture_on_commit_callbacks):
    down(receiver)
    start = timezone.now()
    deliveries = [WebhookDeliveryFactory(booking=BookingFactory(venue=venue)) for _ in range(5)]

    for n, delivery in enumerate(deliveries):
        assert (
            attempt(delivery, start + timedelta(minutes=n), django_capture_on_commit_callbacks).status
            == "failed"
        )

    [alert] = WebhookAlert.objects.all()
    assert (alert.kind, alert.venue, alert.failed_deliveries) == (
        WebhookAlertKind.DELIVERIES_FAILED,
        venue,
        5,
    )
    assert (alert.first_delivery, alert.last_delivery) == (deliveries[0], deliveries[-1])
    assert (alert.last_error, alert.closed_at) == ("HTTP 503", None)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [ADMIN]
    subject = "[venue-check] Webhook deliveries to Riverside Community Centre are giving up"
    assert mail.outbox[0].subject == subject


def test_the_alert_names_ids_and_the_error_and_carries_no_personal_data(
    venue, receiver, django_capture_on_commit_callbacks
):
    down(receiver)
    booking = BookingFactory(venue=venue, external_ref="HB-PRIVATE-7", title="Talk by Dorian Vexley Marsh")
    delivery = WebhookDeliveryFactory(
        booking=booking,
        payload={
            "idempotency_key": "k1",
            "booking": {"external_ref": "HB-PRIVATE-7", "question": "Who chairs?"},
        },
    )

    attempt(delivery, timezone.now(), django_capture_on_commit_callbacks)

    body = mail.outbox[0].body
    alert = WebhookAlert.objects.get()
    assert f"Webhook delivery {delivery.pk} to Riverside Community Centre (riverside) gave up" in body
    assert f"This is alert {alert.pk}." in body
    assert "Last error: HTTP 503" in body
    assert "python manage.py resend_webhooks --venue riverside" in body
    for private in ("HB-PRIVATE-7", "Dorian", "Who chairs?", venue.webhook_secret, "k1"):
        assert private not in body


def test_each_venue_has_its_own_alert(venue, receiver, django_capture_on_commit_callbacks):
    down(receiver)
    other = VenueFactory()
    give_webhook(other, receiver.url_for("/hook"))
    now = timezone.now()

    attempt(
        WebhookDeliveryFactory(booking=BookingFactory(venue=venue)), now, django_capture_on_commit_callbacks
    )
    attempt(
        WebhookDeliveryFactory(booking=BookingFactory(venue=other)), now, django_capture_on_commit_callbacks
    )

    assert sorted(WebhookAlert.objects.values_list("venue__slug", flat=True)) == sorted(
        ["riverside", other.slug]
    )
    assert len(mail.outbox) == 2


def test_a_delivery_that_arrives_ends_the_outage_and_a_later_outage_is_a_new_alert(
    venue, receiver, django_capture_on_commit_callbacks
):
    commit, start = django_capture_on_commit_callbacks, timezone.now()
    down(receiver)
    attempt(WebhookDeliveryFactory(booking=BookingFactory(venue=venue)), start, commit)
    up(receiver)
    attempt(WebhookDeliveryFactory(booking=BookingFactory(venue=venue)), start + timedelta(minutes=5), commit)
    first = WebhookAlert.objects.get()

    down(receiver)
    attempt(WebhookDeliveryFactory(booking=BookingFactory(venue=venue)), start + timedelta(hours=3), commit)

    first.refresh_from_db()
    assert first.closed_at == start + timedelta(minutes=5)
    assert WebhookAlert.objects.filter(closed_at__isnull=True).exclude(pk=first.pk).count() == 1
    assert len(mail.outbox) == 2


def test_a_flapping_receiver_reopens_its_alert_instead_of_mailing_again(
    venue, receiver, django_capture_on_commit_callbacks
):
    commit, start = django_capture_on_commit_callbacks, timezone.now()
    for minute in range(0, 40, 10):  # down, up, down, up...
        (down if minute % 20 == 0 else up)(receiver)
        attempt(
            WebhookDeliveryFactory(booking=BookingFactory(venue=venue)),
            start + timedelta(minutes=minute),
            commit,
        )

    [alert] = WebhookAlert.objects.all()
    assert alert.failed_deliveries == 2
    assert len(mail.outbox) == 1


def test_without_admins_the_alert_is_still_kept_for_the_admin_pages(
    venue, receiver, settings, django_capture_on_commit_callbacks
):
    settings.ADMINS = []
    down(receiver)

    attempt(
        WebhookDeliveryFactory(booking=BookingFactory(venue=venue)),
        timezone.now(),
        django_capture_on_commit_callbacks,
    )

    assert WebhookAlert.objects.get().failed_deliveries == 1
    assert mail.outbox == []


def test_a_mail_server_that_is_down_loses_neither_the_alert_nor_the_failure(
    venue, receiver, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # refused
    down(receiver)
    delivery = WebhookDeliveryFactory(booking=BookingFactory(venue=venue))

    failed = attempt(delivery, timezone.now(), django_capture_on_commit_callbacks)

    assert failed.status == DeliveryStatus.FAILED
    alert = WebhookAlert.objects.get()
    assert f"could not e-mail the administrators about webhook alert {alert.pk}" in caplog.text


def test_a_delivery_still_being_retried_raises_no_alert(
    venue, receiver, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_MAX_ATTEMPTS = 6
    down(receiver)

    still = attempt(
        WebhookDeliveryFactory(booking=BookingFactory(venue=venue)),
        timezone.now(),
        django_capture_on_commit_callbacks,
    )

    assert (still.status, WebhookAlert.objects.count(), mail.outbox) == ("pending", 0, [])


def test_alerts_are_listed_read_only_in_the_admin(admin_client, venue):
    alert = WebhookAlert.objects.create(
        venue=venue, kind=WebhookAlertKind.DELIVERIES_FAILED, failed_deliveries=3
    )

    listing = admin_client.get("/admin/bookings/webhookalert/?closed_at__isempty=1")
    edit = admin_client.post(f"/admin/bookings/webhookalert/{alert.pk}/change/", {"failed_deliveries": 0})

    assert listing.status_code == 200
    assert "Webhook deliveries gave up" in listing.content.decode()
    assert edit.status_code == 403
    alert.refresh_from_db()
    assert alert.failed_deliveries == 3


def test_server_errors_are_not_mailed_to_the_admins(settings):
    """Setting ADMINS for these alerts must not start Django e-mailing every server error's
    traceback, which carries the request and so personal data."""
    from django.utils.log import AdminEmailHandler

    handlers = [h for name in ("django", "django.request", "") for h in logging.getLogger(name).handlers]

    assert handlers != []
    assert not any(isinstance(h, AdminEmailHandler) for h in handlers)
