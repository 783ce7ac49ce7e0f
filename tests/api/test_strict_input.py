"""Under /api/, any input gets a clear JSON answer: 400 with field-level messages
for what we will not guess at, 413 for too much, 404 for no such thing, never a 500."""

import json

import pytest
from django.test import Client, RequestFactory

from bookings.models import AuditRecord, Booking, Party
from tests.factories.bookings import booking_payload
from venue_check.errors import server_error

pytestmark = pytest.mark.django_db

URL = "/api/v1/bookings/"
SCREEN = "/api/v1/screen/"


def post_raw(client, url: str, body: str | bytes, **extra):
    return client.generic("POST", url, body, content_type="application/json", **extra)


def assert_nothing_stored():
    assert (Booking.objects.count(), Party.objects.count()) == (0, 0)
    assert not AuditRecord.objects.filter(action="booking.received").exists()


def booking_json(**replace) -> str:
    """The booking body as text, with `replace` substituted verbatim for placeholders."""
    text = json.dumps(booking_payload(speakers=["Jane Greenwood"]))
    for placeholder, raw in replace.items():
        text = text.replace(placeholder, raw)
    return text


# --- Duplicate keys -------------------------------------------------------------------------


def test_a_duplicate_key_at_the_top_is_refused_naming_it(api, watchlist):
    body = booking_json(**{'"parties": [': '"parties": [], "parties": ['})

    response = post_raw(api, URL, body)

    assert response.status_code == 400
    assert response.json() == {"parties": ["'parties' appears more than once in this object; send it once."]}
    assert_nothing_stored()


@pytest.mark.parametrize("url", [URL, SCREEN])
def test_an_object_where_a_list_belongs_is_called_an_object_not_an_internal_name(url, api, watchlist):
    # The strict parser's own dict subclass showed through DRF's message as "_Object".
    body = booking_payload() if url == URL else {}
    body["parties"] = {"name": "Jane Greenwood", "kind": "person", "role": "speaker"}

    response = post_raw(api, url, json.dumps(body))

    assert response.status_code == 400
    expected = 'Expected a list of items but got type "dict".'
    assert response.json() == {"parties": {"non_field_errors": [expected]}}
    assert_nothing_stored()


def test_a_duplicate_key_inside_a_party_is_refused_where_it_is(api, watchlist):
    body = booking_json(**{'"name": "Jane Greenwood"': '"name": "Jane Greenwood", "name": "Someone Else"'})

    response = post_raw(api, URL, body)

    assert response.status_code == 400
    assert response.json() == {
        "parties": {"0": {"name": ["'name' appears more than once in this object; send it once."]}}
    }
    assert_nothing_stored()


def test_a_duplicate_key_in_the_event_is_refused(api, watchlist):
    body = booking_json(**{'"is_public": true': '"is_public": true, "is_public": false'})

    response = post_raw(api, URL, body)

    assert response.status_code == 400
    assert list(response.json()) == ["event"]
    assert "is_public" in response.json()["event"]


# --- Unknown fields ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda p: p.update(colour="blue"), {"colour"}),
        (lambda p: p["event"].update(venue_room="Hall B"), {"event"}),
        (lambda p: p["parties"][0].update(date_of_brith="1980-01-01"), {"parties"}),
    ],
)
def test_an_unknown_field_is_refused_not_ignored(api, watchlist, change, expected):
    payload = booking_payload(speakers=["Jane Greenwood"])
    change(payload)

    response = api.post(URL, payload, format="json")

    assert response.status_code == 400
    assert set(response.json()) == expected
    assert "Unknown field. This object takes: " in json.dumps(response.json())
    assert_nothing_stored()


def test_an_unknown_field_in_a_screening_request_is_named(api, watchlist):
    response = api.post(
        SCREEN, {"parties": [{"name": "A Person", "kind": "person", "dob": "1980"}]}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "parties": {"0": {"dob": ["Unknown field. This object takes: name, kind, date_of_birth."]}}
    }


# --- Times without a zone ----------------------------------------------------------------


def test_a_time_without_a_zone_is_refused_saying_why(api, watchlist):
    payload = booking_payload()
    payload["event"]["starts_at"] = "2027-06-05T18:00:00"

    response = api.post(URL, payload, format="json")

    assert response.status_code == 400
    message = response.json()["event"]["starts_at"][0]
    assert message.startswith("Give the time zone: end with Z or an offset such as +01:00")
    assert_nothing_stored()


def test_a_local_time_that_never_happens_is_refused_saying_so(api, watchlist):
    payload = booking_payload()
    payload["event"]["starts_at"] = "2027-03-28T01:30:00"  # UK clocks go from 01:00 to 02:00

    response = api.post(URL, payload, format="json")

    assert response.status_code == 400
    assert "2027-03-28 01:30 does not exist in Europe/London" in response.json()["event"]["starts_at"][0]


def test_a_local_time_that_happens_twice_is_refused_saying_so(api, watchlist):
    payload = booking_payload()
    payload["event"]["ends_at"] = "2027-10-31T01:30:00"  # UK clocks go from 02:00 back to 01:00

    response = api.post(URL, payload, format="json")

    assert response.status_code == 400
    assert "happens twice in Europe/London" in response.json()["event"]["ends_at"][0]


def test_a_time_without_a_zone_is_refused_in_a_change_too(api, watchlist):
    booking = api.post(URL, booking_payload(), format="json").json()

    response = api.patch(
        f"{URL}{booking['id']}/", {"event": {"ends_at": "2027-06-05T23:00:00"}}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["event"]["ends_at"][0].startswith("Give the time zone")


def test_a_time_with_its_offset_is_taken_as_that_instant(api, watchlist):
    payload = booking_payload()
    payload["event"].update(starts_at="2027-06-05T18:00:00+01:00", ends_at="2027-06-05T21:00:00+01:00")

    response = api.post(URL, payload, format="json")

    assert response.status_code == 201
    assert Booking.objects.get().starts_at.isoformat() == "2027-06-05T17:00:00+00:00"


# --- Sizes, depth and ranges ----------------------------------------------------------------


def test_a_body_over_the_limit_is_a_json_413(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    party = {"name": "A Person", "kind": "person"}
    body = json.dumps({"parties": [party] * 1000})

    response = post_raw(api, SCREEN, body)

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is larger than the limit of 10000 bytes."}


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 100_000 + "1" + "}" * 100_000,
        '{"parties": [' + '{"name": ' * 30 + '"x"' + "}" * 30 + "]}",
    ],
    ids=["lists", "objects", "moderately-deep"],
)
def test_deeply_nested_json_is_a_400_not_a_500(api, body):
    response = post_raw(api, SCREEN, body)

    assert response.status_code == 400
    assert response.json() == {"detail": "JSON nested more than 20 levels deep."}


@pytest.mark.parametrize(
    "value", ["0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+14:00"]
)
def test_an_extreme_date_in_a_list_filter_is_a_400(api, value):
    response = api.get(URL, {"starts_after": value})

    assert response.status_code == 400
    assert response.json() == {"starts_after": ["This date and time is out of range."]}


def test_json_that_does_not_parse_is_a_json_400(api):
    response = post_raw(api, SCREEN, '{"parties": [')

    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


# --- 404, 400 and 500 stay JSON --------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", f"{URL}not-a-uuid/"),
        ("get", f"{URL}not.a.uuid/"),
        ("post", f"{URL}12345/withdraw/"),
        ("post", f"{URL}12.345/withdraw/"),
        ("get", "/api/v1/no-such-endpoint/"),
        ("get", "/api/nothing"),
    ],
)
def test_anything_not_found_under_the_api_is_a_json_404(api, method, path):
    response = getattr(api, method)(path, {}, format="json")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_pages_outside_the_api_keep_their_html_404(client):
    response = client.get("/bookings/not-a-uuid/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_request_django_refuses_outright_is_a_json_400_under_the_api():
    response = Client(HTTP_HOST="attacker.example").get(URL)

    assert response.status_code == 400
    assert response.json() == {"detail": "Bad request."}


def test_a_server_error_under_the_api_is_json():
    response = server_error(RequestFactory().get("/api/v1/bookings/"))

    assert response.status_code == 500
    assert json.loads(response.content)["detail"].startswith("Internal server error")


# --- Idempotency-Key ------------------------------------------------------------------------


def test_reusing_an_idempotency_key_with_another_body_says_so(api, watchlist):
    first = api.post(URL, booking_payload("HB-1"), format="json", HTTP_IDEMPOTENCY_KEY="key-1")

    second = api.post(URL, booking_payload("HB-2"), format="json", HTTP_IDEMPOTENCY_KEY="key-1")

    assert first.status_code == 201
    assert second.status_code == 409
    detail = second.json()["detail"]
    assert detail.startswith("the Idempotency-Key 'key-1' was already used for booking 'HB-1'")
    assert Booking.objects.count() == 1


def test_reusing_a_reference_with_another_body_still_names_the_reference(api, watchlist):
    api.post(URL, booking_payload("HB-1"), format="json")

    second = api.post(URL, booking_payload("HB-1", is_public=False), format="json")

    assert second.status_code == 409
    assert second.json()["detail"].startswith("booking 'HB-1' already exists with different content")
