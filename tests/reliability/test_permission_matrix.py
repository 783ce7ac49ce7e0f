"""Every endpoint and page against every kind of caller: the exact set allowed.

A row lists the principals that may use the endpoint; every other principal
must be refused (401/403/404/302-to-login). Adding an endpoint means adding a row.
"""

import pytest
from rest_framework.test import APIClient

from bookings.models import ApiKey, Booking
from bookings.roles import Role
from bookings.venues.services import api_key_create, api_key_revoke
from tests.factories.bookings import booking_payload, make_user

pytestmark = pytest.mark.django_db

PRINCIPALS = [
    "anonymous",
    "venue_key",
    "other_venue_key",
    "revoked_key",
    "venue_staff",
    "other_venue_staff",
    "officer",
    "cava",
    "admin",
]
REFUSED = {301, 302, 401, 403, 404, 405}


@pytest.fixture
def world(venue, other_venue, watchlist):
    clients = {"anonymous": APIClient()}
    for name, v in [("venue_key", venue), ("other_venue_key", other_venue), ("revoked_key", venue)]:
        api_key, key = api_key_create(venue=v, by=None)
        clients[name] = APIClient()
        clients[name].credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
        if name == "revoked_key":
            api_key_revoke(api_key=api_key, by=None)
    people = {
        "venue_staff": (Role.VENUE_STAFF, venue),
        "other_venue_staff": (Role.VENUE_STAFF, other_venue),
        "officer": (Role.PREVENT_OFFICER, None),
        "cava": (Role.CAVA_REPORTER, None),
        "admin": (Role.ADMIN, None),
    }
    for name, (role, v) in people.items():
        clients[name] = APIClient()
        clients[name].force_login(make_user(name, role, venue=v))
    response = clients["venue_key"].post("/api/v1/bookings/", booking_payload("MATRIX-1"), format="json")
    assert response.status_code == 201
    return clients, response.json()["id"]


def new_booking(n):
    return booking_payload(f"MATRIX-NEW-{n}")


# (method, path, body, principals allowed)
ENDPOINTS = [
    # Public: they describe the API, not its data (no authentication is even attempted).
    ("get", "/api/v1/schema/", None, set(PRINCIPALS)),
    ("get", "/api/docs/", None, set(PRINCIPALS)),
    (
        "get",
        "/api/v1/bookings/",
        None,
        {"venue_key", "other_venue_key", "venue_staff", "other_venue_staff", "officer", "admin"},
    ),
    (
        "post",
        "/api/v1/bookings/",
        "new",
        {"venue_key", "other_venue_key", "venue_staff", "other_venue_staff"},
    ),
    ("get", "/api/v1/bookings/{id}/", None, {"venue_key", "venue_staff", "officer", "admin"}),
    (
        "patch",
        "/api/v1/bookings/{id}/",
        {"event": {"expected_attendance": 90}},
        # Officers advise, venues decide: only the venue changes its booking.
        {"venue_key", "venue_staff"},
    ),
    (
        "post",
        "/api/v1/screen/",
        {"parties": [{"name": "Ann Example", "kind": "person"}]},
        # Venue callers are told `flagged` only (tests/api/test_screen.py).
        {"venue_key", "other_venue_key", "venue_staff", "other_venue_staff", "officer"},
    ),
    ("get", "/admin/", None, {"admin"}),
    ("get", "/api/v1/reports/coverage/", None, {"officer", "cava", "admin"}),
    ("get", "/api/v1/suppressions/", None, {"officer"}),
    # The managed list of advice conditions is reference data, not personal data.
    ("get", "/api/v1/advice-conditions/", None, set(PRINCIPALS) - {"anonymous", "revoked_key"}),
    # Pages: people sign in; an API key is not a session, so it is sent to the sign-in page.
    ("get", "/bookings/", None, {"venue_staff", "other_venue_staff"}),
    ("get", "/bookings/new/", None, {"venue_staff", "other_venue_staff"}),
    ("get", "/bookings/{id}/", None, {"venue_staff"}),
    ("get", "/review/", None, {"officer"}),
    ("get", "/review/{id}/", None, {"officer"}),
    ("get", "/reports/coverage/", None, {"officer", "cava", "admin"}),
    ("get", "/reports/coverage.csv", None, {"officer", "cava", "admin"}),
    ("get", "/reports/coverage.json", None, {"officer", "cava", "admin"}),
]


@pytest.mark.parametrize(
    "method, path, body, allowed", ENDPOINTS, ids=[f"{m.upper()} {p}" for m, p, _, _ in ENDPOINTS]
)
def test_exact_allowed_set(world, method, path, body, allowed):
    clients, booking_id = world
    permitted = set()
    for n, name in enumerate(PRINCIPALS):
        data = new_booking(n) if body == "new" else body
        response = getattr(clients[name], method)(path.format(id=booking_id), data, format="json")
        if response.status_code < 300:
            permitted.add(name)
        else:
            assert response.status_code in REFUSED, (name, response.status_code)

    assert permitted == allowed


def test_withdraw_is_allowed_exactly_for_the_owning_venue(world):
    clients, booking_id = world
    refused = [
        name
        for name in PRINCIPALS
        if clients[name].post(f"/api/v1/bookings/{booking_id}/withdraw/", {}, format="json").status_code
        in REFUSED
    ]

    assert refused == [
        "anonymous",
        "other_venue_key",
        "revoked_key",
        "other_venue_staff",
        "officer",
        "cava",
        "admin",
    ]
    assert Booking.objects.get(external_ref="MATRIX-1").status == "withdrawn"


def test_match_details_reach_no_one_but_officers(world):
    clients, booking_id = world
    flagged = (
        clients["venue_key"]
        .post(
            "/api/v1/bookings/", booking_payload("MATRIX-FLAG", speakers=["Corwin Hallstrand"]), format="json"
        )
        .json()
    )
    assert flagged["status"] == "flagged"

    for name in ["venue_key", "venue_staff"]:
        body = clients[name].get(f"/api/v1/bookings/{flagged['id']}/").content.decode()
        assert "t-per-2" not in body and "matches" not in body, name
    assert ApiKey.objects.count() == 3


def test_review_actions_are_for_officers_only(world):
    clients, _ = world
    flagged = (
        clients["venue_key"]
        .post(
            "/api/v1/bookings/", booking_payload("MATRIX-TAKE", speakers=["Corwin Hallstrand"]), format="json"
        )
        .json()["id"]
    )

    codes = {
        name: clients[name].post(f"/api/v1/bookings/{flagged}/take/", {}, format="json").status_code
        for name in PRINCIPALS
    }

    assert {name for name, code in codes.items() if code < 300} == {"officer"}, codes
    assert all(code in REFUSED for name, code in codes.items() if name != "officer")
