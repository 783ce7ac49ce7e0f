from datetime import date, timedelta

import pytest

from bookings.models import AuditRecord, Booking, Party
from tests.factories.bookings import booking_payload

pytestmark = pytest.mark.django_db

URL = "/api/v1/bookings/"


def post_invalid(api, payload, **kwargs):
    audit_before = AuditRecord.objects.count()
    response = api.post(URL, payload, format="json", **kwargs)
    assert response.status_code == 400
    assert Booking.objects.count() == 0
    assert Party.objects.count() == 0
    assert AuditRecord.objects.count() == audit_before
    return response.json()


def test_missing_hirer_name(api, watchlist):
    payload = booking_payload()
    del payload["hirer"]["name"]

    assert post_invalid(api, payload) == {"hirer": {"name": ["This field is required."]}}


def test_blank_speaker_name(api, watchlist):
    payload = booking_payload(speakers=["  "])

    assert post_invalid(api, payload) == {"parties": {"0": {"name": ["This field may not be blank."]}}}


def test_punctuation_only_name(api, watchlist):
    payload = booking_payload(speakers=["--"])

    assert post_invalid(api, payload) == {
        "parties": {"0": {"name": ["A name must contain letters or digits."]}}
    }


def test_end_before_start(api, watchlist):
    payload = booking_payload()
    payload["event"]["ends_at"], payload["event"]["starts_at"] = (
        payload["event"]["starts_at"],
        payload["event"]["ends_at"],
    )

    assert post_invalid(api, payload) == {"event": {"ends_at": ["The event must end after it starts."]}}


def test_unknown_kind(api, watchlist):
    payload = booking_payload()
    payload["parties"] = [{"name": "A Person", "kind": "robot", "role": "speaker"}]

    assert post_invalid(api, payload) == {
        "parties": {"0": {"kind": ['"robot" is not a valid choice. Choose one of: person, organisation.']}}
    }


def test_hirer_role_is_not_a_party_role(api, watchlist):
    payload = booking_payload()
    payload["parties"] = [{"name": "A Person", "kind": "person", "role": "hirer"}]

    assert post_invalid(api, payload) == {
        "parties": {
            "0": {"role": ['"hirer" is not a valid choice. Choose one of: organiser, speaker, performer.']}
        }
    }


def test_absurdly_long_name(api, watchlist):
    payload = booking_payload(speakers=["x" * 301])

    assert post_invalid(api, payload) == {
        "parties": {"0": {"name": ["Ensure this field has no more than 300 characters."]}}
    }


def test_too_many_parties(api, watchlist):
    payload = booking_payload(speakers=[f"Speaker {n}" for n in range(51)])

    assert post_invalid(api, payload) == {
        "parties": {"non_field_errors": ["Ensure this field has no more than 50 elements."]}
    }


def test_malformed_start_date(api, watchlist):
    payload = booking_payload(starts_at="next tuesday")

    body = post_invalid(api, payload)

    assert list(body) == ["event"]
    assert body["event"]["starts_at"][0].startswith("Datetime has wrong format.")


@pytest.mark.parametrize(
    "dob, message",
    [
        ("1980-13-01", "There is no such date as 1980-13-01. Use YYYY, YYYY-MM or YYYY-MM-DD."),
        ("1981-02-29", "There is no such date as 1981-02-29. Use YYYY, YYYY-MM or YYYY-MM-DD."),
        ("01/04/1980", "Use YYYY, YYYY-MM or YYYY-MM-DD."),
        ("1850", "Year must be between 1900 and this year."),
        # Tomorrow: the year check alone let a date of birth later this year through.
        ((date.today() + timedelta(days=1)).isoformat(), "A date of birth cannot be in the future."),
        ("2999", "A date of birth cannot be in the future."),
    ],
)
def test_malformed_date_of_birth(api, watchlist, dob, message):
    payload = booking_payload()
    payload["parties"] = [{"name": "A Person", "kind": "person", "role": "speaker", "date_of_birth": dob}]

    assert post_invalid(api, payload) == {"parties": {"0": {"date_of_birth": [message]}}}


def test_negative_attendance(api, watchlist):
    payload = booking_payload(expected_attendance=-1)

    assert post_invalid(api, payload) == {
        "event": {"expected_attendance": ["Ensure this value is greater than or equal to 0."]}
    }


def test_bad_external_ref(api, watchlist):
    payload = booking_payload("has spaces in it")

    assert post_invalid(api, payload) == {"external_ref": ["Use letters, digits and . _ : / - only."]}


def test_wrong_content_type_is_415(api, watchlist):
    response = api.post(URL, "external_ref=X", content_type="application/x-www-form-urlencoded")

    assert response.status_code == 415
    assert Booking.objects.count() == 0


def test_malformed_json_is_400(api, watchlist):
    response = api.post(URL, "{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")
    assert Booking.objects.count() == 0


def test_empty_patch_is_400(api, watchlist):
    booking_id = api.post(URL, booking_payload(), format="json").json()["id"]

    response = api.patch(f"{URL}{booking_id}/", {}, format="json")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Send at least one of event, hirer or parties."]}


def test_event_that_has_already_ended(api, watchlist):
    payload = booking_payload(starts_at="2020-01-01T10:00:00Z", ends_at="2020-01-01T12:00:00Z")

    assert post_invalid(api, payload) == {"event": {"ends_at": ["The event has already ended."]}}


def test_event_centuries_ahead(api, watchlist):
    payload = booking_payload(starts_at="3527-01-04T09:00:00Z", ends_at="3527-01-04T10:00:00Z")

    body = post_invalid(api, payload)

    assert body == {
        "event": {
            "starts_at": ["Use a date between 2000 and 5 years from now."],
            "ends_at": ["Use a date between 2000 and 5 years from now."],
        }
    }


def test_event_lasting_more_than_a_year(api, watchlist):
    payload = booking_payload()
    payload["event"]["ends_at"] = "2029-12-01T10:00:00Z"

    assert post_invalid(api, payload) == {"event": {"ends_at": ["An event can last at most a year."]}}
