"""Nobody can lock a colleague out of signing in: failures count per username and
real client address, behind trusted proxies too, on the main and the admin sign-in."""

import pytest
from django.test import Client

from bookings.roles import Role
from tests.factories.bookings import make_user

pytestmark = pytest.mark.django_db

LOGINS = ["/accounts/login/", "/admin/login/"]
LOCKED = "There have been too many failed attempts to sign in with this username."


@pytest.fixture
def behind_a_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=address)


@pytest.mark.parametrize("url", LOGINS)
def test_an_attackers_failures_lock_only_the_attackers_address(behind_a_proxy, url):
    make_user("officer1", Role.ADMIN if "admin" in url else Role.PREVENT_OFFICER)
    attacker = from_address("203.0.113.9")
    for _ in range(5):
        attacker.post(url, {"username": "officer1", "password": "guess"})

    locked = attacker.post(url, {"username": "officer1", "password": "pw"})
    colleague = from_address("198.51.100.7").post(url, {"username": "officer1", "password": "pw"})

    assert LOCKED in locked.content.decode()
    assert colleague.status_code == 302


def test_the_lockout_holds_whatever_forwarded_for_the_attacker_makes_up(behind_a_proxy):
    make_user("officer1", Role.PREVENT_OFFICER)
    for n in range(5):
        from_address(f"192.0.2.{n}, 203.0.113.9").post(
            "/accounts/login/", {"username": "officer1", "password": "guess"}
        )

    response = from_address("192.0.2.99, 203.0.113.9").post(
        "/accounts/login/", {"username": "officer1", "password": "pw"}
    )

    assert LOCKED in response.content.decode()
