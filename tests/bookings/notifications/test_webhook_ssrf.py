"""Delivery-time refusal of internal webhook targets: the URL is checked again before
each attempt, the connection is checked after the client's own DNS lookup (rebinding),
and redirects are never followed. Receivers are real local servers."""

import socket
import threading

import pytest
from django.utils import timezone

from bookings.enums import DeliveryStatus
from bookings.models import WebhookDelivery
from bookings.notifications.webhooks import webhook_delivery_attempt
from tests.factories.bookings import give_webhook

pytestmark = pytest.mark.django_db


class ConnectionCounter:
    """A TCP listener on loopback that records every connection and the bytes it carried."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.received: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(0.5)
                chunks = []
                try:
                    while chunk := conn.recv(4096):
                        chunks.append(chunk)
                except OSError:
                    pass
                self.received.append(b"".join(chunks))

    def close(self):
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def counter():
    listener = ConnectionCounter()
    yield listener
    listener.close()


@pytest.fixture
def protected(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    settings.WEBHOOK_RETRY_BASE_SECONDS = 60


def _delivery(venue, url: str) -> WebhookDelivery:
    # Stored directly, as a venue configured before this guard or a DNS answer since changed.
    give_webhook(venue, url)
    return WebhookDelivery.objects.create(
        venue=venue,
        event="booking.advice_changed",
        url=url,
        payload={"event": "booking.advice_changed", "booking": {"advice": "no_concerns"}},
        next_attempt_at=timezone.now(),
    )


def test_delivery_to_a_loopback_address_is_refused_and_nothing_is_sent(venue, counter, protected):
    delivery = _delivery(venue, f"https://127.0.0.1:{counter.port}/hook")

    attempted = webhook_delivery_attempt(delivery_id=delivery.pk)

    assert (attempted.status, attempted.attempts, attempted.last_status_code) == (
        DeliveryStatus.PENDING,
        1,
        None,
    )
    assert attempted.last_error == (
        "Refused: the host 127.0.0.1 resolves to 127.0.0.1, which is not a public address"
    )
    assert attempted.next_attempt_at > timezone.now()  # retried with the usual backoff
    assert counter.received == []  # not even a TCP connection


def test_delivery_over_plain_http_is_refused_and_the_receiver_gets_nothing(venue, httpserver, protected):
    httpserver.expect_request("/hook").respond_with_data("ok")
    delivery = _delivery(venue, httpserver.url_for("/hook"))

    attempted = webhook_delivery_attempt(delivery_id=delivery.pk)

    assert attempted.last_error == "Refused: the URL must use https, not http"
    assert attempted.status == DeliveryStatus.PENDING
    assert httpserver.log == []


def test_a_refused_delivery_gives_up_after_max_attempts(venue, counter, protected, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    delivery = _delivery(venue, f"https://[::ffff:127.0.0.1]:{counter.port}/hook")

    webhook_delivery_attempt(delivery_id=delivery.pk)
    final = webhook_delivery_attempt(delivery_id=delivery.pk)

    assert (final.status, final.attempts, final.next_attempt_at) == (DeliveryStatus.FAILED, 2, None)
    assert final.last_error.startswith("Refused: the host ::ffff:127.0.0.1 resolves to")
    assert counter.received == []


def test_a_name_rebound_to_loopback_after_the_check_is_refused_at_connect(
    venue, counter, protected, monkeypatch
):
    """DNS rebinding: the name answers a public address to our check, then loopback to the
    HTTP client's own lookup a moment later. The request must not be sent."""
    real_getaddrinfo = socket.getaddrinfo
    answers = iter(["93.184.216.34", "127.0.0.1"])

    def rebinding_dns(host, port, *args, **kwargs):
        if host != "rebind.example":
            return real_getaddrinfo(host, port, *args, **kwargs)
        address = next(answers, "127.0.0.1")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_dns)
    delivery = _delivery(venue, f"https://rebind.example:{counter.port}/hook")

    attempted = webhook_delivery_attempt(delivery_id=delivery.pk)

    assert attempted.status == DeliveryStatus.PENDING
    assert attempted.last_error.startswith("ConnectionError: ")
    assert "Refused: connected to 127.0.0.1, which is not a public address" in attempted.last_error
    # The TCP handshake reached the listener, but not one byte: no TLS hello, no request.
    assert counter.received in ([], [b""])


def test_redirects_are_not_followed(venue, httpserver, webhooks_to_loopback):
    httpserver.expect_request("/hook").respond_with_data(
        "", status=302, headers={"Location": httpserver.url_for("/internal")}
    )
    httpserver.expect_request("/internal").respond_with_data("ok")
    delivery = _delivery(venue, httpserver.url_for("/hook"))

    attempted = webhook_delivery_attempt(delivery_id=delivery.pk)

    assert (attempted.status, attempted.last_status_code, attempted.last_error) == (
        DeliveryStatus.PENDING,
        302,
        "HTTP 302: redirects are not followed",
    )
    assert [request.path for request, _ in httpserver.log] == ["/hook"]
