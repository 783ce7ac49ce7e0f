"""Many workers at once (PostgreSQL): one alert per outage, one resend per delivery."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.core import mail
from django.db import connection

from bookings.enums import DeliveryStatus
from bookings.models import WebhookAlert, WebhookDelivery
from bookings.notifications.resend import webhook_deliveries_resend
from bookings.notifications.webhooks import webhook_delivery_attempt
from tests.factories.bookings import BookingFactory, WebhookDeliveryFactory, give_webhook

# Real commits from many threads; serialized_rollback leaves the database as the other
# serialized transactional tests expect.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORKERS = 8


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers itself; the row locks are PostgreSQL's")


@pytest.fixture
def receiver(venue, httpserver, settings, webhooks_to_loopback):
    settings.ADMINS = [("Ops", "ops@council.example")]
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    give_webhook(venue, httpserver.url_for("/hook"))
    return httpserver


def in_threads(work, items) -> list:
    start = Barrier(len(items))

    def run(item):
        try:
            start.wait()
            return work(item)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(items)) as pool:
        return list(pool.map(run, items))


def test_workers_giving_up_at_once_open_one_alert_and_send_one_email(venue, receiver):
    receiver.expect_request("/hook").respond_with_data("down", status=503)
    deliveries = [WebhookDeliveryFactory(booking=BookingFactory(venue=venue)) for _ in range(WORKERS)]

    in_threads(lambda d: webhook_delivery_attempt(delivery_id=d.pk), deliveries)

    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.FAILED}
    [alert] = WebhookAlert.objects.all()
    assert alert.failed_deliveries == WORKERS
    assert len(mail.outbox) == 1


def test_admins_resending_one_delivery_at_once_send_it_once(venue, receiver):
    receiver.expect_request("/hook").respond_with_data("ok")
    delivery = WebhookDeliveryFactory(booking=BookingFactory(venue=venue))
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, attempts=1)

    outcomes = in_threads(lambda _: webhook_deliveries_resend(ids=[delivery.pk], by=None)[0], range(WORKERS))

    assert sum(o.resent for o in outcomes) == 1
    assert len(receiver.log) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.resends) == (DeliveryStatus.DELIVERED, 1)
