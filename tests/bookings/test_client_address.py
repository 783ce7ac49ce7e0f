"""The real client address behind trusted reverse proxies (bookings/client_address.py)."""

import pytest
from django.test import RequestFactory

from bookings.client_address import client_address


def request(peer: str, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=peer, **extra)


def test_with_no_proxy_configured_the_peer_is_the_client_whatever_the_header_says(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_address(request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "192.0.2.66, 203.0.113.9", "203.0.113.9"),  # the client's own entry is ignored
        (2, "192.0.2.66, 203.0.113.9, 10.0.0.5", "203.0.113.9"),
        (2, "203.0.113.9", "10.0.0.2"),  # fewer hops than proxies: not through them all
        (1, "", "10.0.0.2"),
        (1, " , ", "10.0.0.2"),
    ],
)
def test_the_client_is_as_many_entries_from_the_right_as_there_are_proxies(
    settings, count, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    settings.TRUSTED_PROXIES = []

    assert client_address(request("10.0.0.2", forwarded)) == expected


def test_with_trusted_proxies_listed_only_they_may_forward(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "fd00::/8"]

    assert client_address(request("10.1.2.3", "203.0.113.9")) == "203.0.113.9"
    assert client_address(request("fd00::1", "203.0.113.9")) == "203.0.113.9"
    # Reaching the service directly, a client cannot name itself.
    assert client_address(request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"
