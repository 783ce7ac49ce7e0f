"""Nothing personal stays in a shared computer's browser cache: every page and API
answer says `Cache-Control: no-store`."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from bookings.roles import Role
from tests.factories.bookings import booking_payload, make_user
from tests.factories.review import flagged_booking, make_officer

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_api_answers_with_personal_data_are_not_stored(api, watchlist):
    created = api.post("/api/v1/bookings/", booking_payload(), format="json")
    booking_id = created.json()["id"]

    responses = [
        created,
        api.get("/api/v1/bookings/"),
        api.get(f"/api/v1/bookings/{booking_id}/"),
        api.post(
            "/api/v1/screen/", {"parties": [{"name": "Jane Greenwood", "kind": "person"}]}, format="json"
        ),
        APIClient().get("/api/v1/bookings/"),  # 401 too
    ]

    assert [r.status_code for r in responses] == [201, 200, 200, 200, 401]
    assert all(no_store(r) for r in responses)


def test_pages_for_staff_officers_and_reporters_are_not_stored(watchlist, venue):
    booking = flagged_booking(venue)
    staff = signed_in(make_user("staff1", Role.VENUE_STAFF, venue=venue))
    officer = signed_in(make_officer("officer1"))
    cava = signed_in(make_user("cava1", Role.CAVA_REPORTER))

    responses = [
        Client().get("/accounts/login/"),
        staff.get("/bookings/"),
        staff.get(f"/bookings/{booking.public_id}/"),
        officer.get("/review/"),
        officer.get(f"/review/{booking.public_id}/"),
        cava.get("/reports/coverage.csv"),
        staff.get("/no-such-page/"),
    ]

    assert [r.status_code for r in responses] == [200, 200, 200, 200, 200, 200, 404]
    assert all(no_store(r) for r in responses)
