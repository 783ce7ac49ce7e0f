import pytest

from tests.conftest import booking_payload

pytestmark = pytest.mark.django_db


def test_booking_with_listed_speaker_is_flagged(api, watchlist):
    response = api.post("/api/v1/bookings/", booking_payload(speakers=["Dorian Vexley Marsh"]), format="json")

    assert response.status_code == 201
    assert response.json()["status"] == "flagged"
