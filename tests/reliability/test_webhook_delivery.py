"""Durable, ordered webhook delivery through the database queue and a real worker.

The receiver is a real HTTP server on loopback. It is stopped while events
are queued, then started again: every event must arrive exactly once, and
in order for each booking.
"""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from bookings.intake.services import booking_create
from bookings.models import WebhookDelivery
from bookings.notifications.services import booking_changed
from tests.factories.bookings import booking_payload, give_webhook

pytestmark = pytest.mark.django_db(transaction=True)

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Receiver:
    """A webhook endpoint that can be killed and restarted on the same port."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.received: list[dict] = []
        self.server = None

    def start(self):
        received = self.received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.append(json.loads(body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def kill(self):
        self.server.shutdown()
        self.server.server_close()


def run_worker():
    call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)


@override_settings(TASKS=DB_QUEUE, WEBHOOK_RETRY_BASE_SECONDS=1, WEBHOOK_MAX_ATTEMPTS=6)
def test_events_queued_while_the_receiver_is_down_arrive_once_and_in_order(
    venue, watchlist, webhooks_to_loopback
):
    receiver = Receiver()
    give_webhook(venue, f"http://127.0.0.1:{receiver.port}/hook")
    bookings = [
        booking_create(venue=venue, by=None, **_fields(booking_payload(ref)))[0]
        for ref in ("HOOK-1", "HOOK-2")
    ]
    run_worker()  # screening safety-net tasks
    sent = []
    for round_ in range(3):
        for booking in bookings:
            with transaction.atomic():
                booking_changed(booking=booking, event=f"booking.test_{round_}")
            sent.append((str(booking.public_id), f"booking.test_{round_}"))

    run_worker()  # receiver down: every first attempt fails

    assert WebhookDelivery.objects.filter(status="pending").count() == 6
    assert receiver.received == []
    receiver.start()
    try:
        time.sleep(1.2)  # the first retry is due after WEBHOOK_RETRY_BASE_SECONDS
        run_worker()
    finally:
        receiver.kill()

    assert WebhookDelivery.objects.filter(status="delivered").count() == 6
    keys = [event["idempotency_key"] for event in receiver.received]
    assert len(keys) == len(set(keys)) == 6
    for booking in bookings:
        booking_id = str(booking.public_id)
        arrived = [e["event"] for e in receiver.received if e["booking"]["id"] == booking_id]
        assert arrived == [event for b, event in sent if b == booking_id]


def _fields(payload: dict) -> dict:
    event = dict(payload["event"])
    return {
        "external_ref": payload["external_ref"],
        "event": event,
        "hirer": payload["hirer"],
        "parties": payload["parties"],
    }
