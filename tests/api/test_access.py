import pytest
from rest_framework.test import APIClient

from bookings.models import ApiKey, Booking
from bookings.roles import Role
from bookings.venues.services import api_key_create, api_key_revoke
from tests.factories.bookings import booking_payload, make_user
from tests.helpers import key_client

pytestmark = pytest.mark.django_db

URL = "/api/v1/bookings/"


@pytest.fixture
def booking_id(api, watchlist):
    return api.post(URL, booking_payload(), format="json").json()["id"]


def test_no_key_is_401(booking_id):
    response = APIClient().get(URL)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"


def test_unknown_key_is_401(booking_id):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Api-Key vc_notarealkey")

    assert client.get(URL).status_code == 401


@pytest.mark.parametrize("scheme", ["api-key", "API-KEY", "Api-key"])
def test_the_scheme_is_read_whatever_its_case(scheme, venue, booking_id):
    # RFC 9110 (11.1): the authentication scheme is case-insensitive; a venue system
    # sending "api-key" was told no credentials were given.
    _, key = api_key_create(venue=venue, by=None)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"{scheme} {key}")

    response = client.get(f"{URL}{booking_id}/")

    assert (response.status_code, response.json()["id"]) == (200, booking_id)


def test_a_wrong_key_under_a_lowercase_scheme_is_refused_as_invalid(booking_id):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="api-key vc_notarealkey")

    response = client.get(URL)

    assert (response.status_code, response.json()) == (401, {"detail": "Invalid or revoked API key."})


def test_revoked_key_is_401(venue, booking_id):
    client = key_client(venue)
    for api_key in ApiKey.objects.filter(venue=venue):
        api_key_revoke(api_key=api_key, by=None)

    response = client.get(URL)

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid or revoked API key."}


def test_key_records_last_use(venue):
    client = key_client(venue)

    client.get(URL)

    assert ApiKey.objects.get(venue=venue).last_used_at is not None


def test_keys_are_stored_only_as_digests(venue):
    from bookings.venues.services import api_key_create

    api_key, key = api_key_create(venue=venue, by=None)

    assert key.startswith(api_key.prefix)
    assert key not in (api_key.digest, api_key.prefix)
    assert len(api_key.digest) == 64


@pytest.mark.parametrize("method, suffix", [("get", ""), ("patch", ""), ("post", "withdraw/")])
def test_other_venues_booking_is_404(other_api, booking_id, method, suffix):
    response = getattr(other_api, method)(f"{URL}{booking_id}/{suffix}", {}, format="json")

    assert response.status_code == 404
    assert Booking.objects.get().status == "cleared"


def test_list_shows_only_the_venues_own_bookings(api, other_api, watchlist):
    api.post(URL, booking_payload("MINE"), format="json")
    other_api.post(URL, booking_payload("THEIRS"), format="json")

    refs = [b["external_ref"] for b in api.get(URL).json()["results"]]

    assert refs == ["MINE"]


def test_unknown_booking_is_404(api):
    assert api.get(f"{URL}00000000-0000-0000-0000-000000000000/").status_code == 404


def test_officer_session_sees_every_venues_bookings(api, other_api, watchlist):
    api.post(URL, booking_payload("MINE", speakers=["Corwin Hallstrand"]), format="json")
    other_api.post(URL, booking_payload("THEIRS"), format="json")
    client = APIClient()
    client.force_login(make_user("olive", Role.PREVENT_OFFICER))

    flagged = client.get(URL, {"status": "flagged"}).json()

    assert [b["external_ref"] for b in flagged["results"]] == ["MINE"]
    assert client.get(URL).json()["count"] == 2


def test_venue_staff_session_sees_only_their_venue(api, other_api, venue, watchlist):
    api.post(URL, booking_payload("MINE"), format="json")
    other_api.post(URL, booking_payload("THEIRS"), format="json")
    client = APIClient()
    client.force_login(make_user("sam", Role.VENUE_STAFF, venue=venue))

    assert [b["external_ref"] for b in client.get(URL).json()["results"]] == ["MINE"]


def test_venue_staff_can_submit_for_their_venue(venue, watchlist):
    client = APIClient()
    client.force_login(make_user("sam", Role.VENUE_STAFF, venue=venue))

    response = client.post(URL, booking_payload(), format="json")

    assert response.status_code == 201
    assert Booking.objects.get().venue == venue


def test_cava_reporter_cannot_use_bookings(api, watchlist):
    client = APIClient()
    client.force_login(make_user("cara", Role.CAVA_REPORTER))

    assert client.get(URL).status_code == 403
    assert client.post(URL, booking_payload(), format="json").status_code == 403
