"""Signing in: each role's home page, plain messages, and the sign-in lockout on the
main and admin sign-in pages (bookings/venues/views.py, login_throttle.py)."""

import pytest
from django.test import Client

from bookings.roles import Role
from tests.factories.bookings import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "home"),
    [
        (Role.VENUE_STAFF, "/bookings/"),
        (Role.PREVENT_OFFICER, "/review/"),
        (Role.CAVA_REPORTER, "/reports/coverage/"),
        (Role.ADMIN, "/admin/"),
    ],
)
def test_sign_in_lands_on_the_role_home_page(venue, role, home):
    make_user("person", role, venue if role == Role.VENUE_STAFF else None)
    client = Client()

    response = client.post("/accounts/login/", {"username": "person", "password": "pw"}, follow=True)

    assert response.redirect_chain[:2] == [("/", 302), (home, 302)]


def test_home_page_for_someone_signed_out_offers_sign_in(db):
    response = Client().get("/")

    assert response.status_code == 200
    assert b'href="/accounts/login/"' in response.content


def test_home_page_for_someone_without_a_role_says_so(db):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.create_user("nobody", password="pw"))

    response = client.get("/")

    assert response.status_code == 200
    assert "Your account has no role yet" in response.content.decode()


def test_wrong_password_shows_a_plain_message(staff):
    response = Client().post("/accounts/login/", {"username": "sam", "password": "nope"})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "__all__": ["Enter a correct username and password. Both are case-sensitive."]
    }


def test_sign_in_is_locked_after_five_failures_even_with_the_right_password(staff):
    client = Client()
    for _ in range(5):
        client.post("/accounts/login/", {"username": "sam", "password": "nope"})

    response = client.post("/accounts/login/", {"username": "sam", "password": "pw"})

    assert response.status_code == 200
    assert (
        response.context["form"]
        .errors["__all__"][0]
        .startswith("There have been too many failed attempts to sign in with this username.")
    )
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_address(staff):
    for _ in range(5):
        Client(REMOTE_ADDR="10.0.0.1").post("/accounts/login/", {"username": "sam", "password": "nope"})

    response = Client(REMOTE_ADDR="10.0.0.2").post("/accounts/login/", {"username": "sam", "password": "pw"})

    assert response.status_code == 302


def test_successful_sign_in_clears_earlier_failures(staff):
    client = Client()
    for _ in range(4):
        client.post("/accounts/login/", {"username": "sam", "password": "nope"})
    client.post("/accounts/login/", {"username": "sam", "password": "pw"})
    client.logout()
    for _ in range(4):
        client.post("/accounts/login/", {"username": "sam", "password": "nope"})

    response = client.post("/accounts/login/", {"username": "sam", "password": "pw"})

    assert response.status_code == 302


def test_admin_sign_in_is_throttled_too(db):
    make_user("boss", Role.ADMIN)
    client = Client()
    for _ in range(5):
        client.post("/admin/login/", {"username": "boss", "password": "nope"})

    response = client.post("/admin/login/", {"username": "boss", "password": "pw"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_session_cookie_settings(settings):
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.CSRF_COOKIE_HTTPONLY is True
