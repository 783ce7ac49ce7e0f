"""A booking whose screening failed at intake: DESIGN's statuses have no `received`,
and the service only ever says "no match found" or "a person must look". So it is
stored `flagged`, waits for the worker's screening, and no officer can advise on it
before that screening has run."""

import pytest
from rest_framework.test import APIClient

from bookings.enums import BookingStatus
from bookings.intake.tasks import screen_received_booking
from bookings.models import AuditRecord, Booking
from bookings.review.services import booking_take
from tests.factories.bookings import BookingFactory, PartyFactory, booking_payload
from tests.helpers import key_client, session_client

pytestmark = pytest.mark.django_db

URL = "/api/v1/bookings/"


@pytest.fixture
def unscreened(api, watchlist, monkeypatch):
    def matcher_down(*args, **kwargs):
        raise RuntimeError("matcher failed")

    with monkeypatch.context() as patched:
        patched.setattr("bookings.intake.services.booking_screened", matcher_down)
        body = api.post(URL, booking_payload(speakers=["Priya Natarajan"]), format="json").json()
    return Booking.objects.get(public_id=body["id"])


def test_the_officer_queue_has_it_and_the_page_says_it_is_not_screened(unscreened, officer):
    queue = session_client(officer).get(URL, {"status": "flagged"}).json()
    page = session_client(officer).get(f"/review/{unscreened.public_id}/").content.decode()

    assert [b["id"] for b in queue["results"]] == [str(unscreened.public_id)]
    assert "Not screened yet." in page


def test_advice_is_refused_until_it_has_been_screened_and_nothing_is_written(unscreened, officer):
    booking_take(booking=unscreened, by=officer)
    records = AuditRecord.objects.count()

    response = session_client(officer).post(
        f"{URL}{unscreened.public_id}/advise/", {"advice": "no_concerns", "rationale": ""}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["matches"] == [
        "The booking has not been screened yet; advise once its screening has run."
    ]
    booking = Booking.objects.get(pk=unscreened.pk)
    assert (booking.status, booking.advice) == (BookingStatus.IN_REVIEW, None)
    assert AuditRecord.objects.count() == records


def test_the_worker_screens_it_and_a_person_still_finishes_it(unscreened, officer):
    screen_received_booking.call(unscreened.pk)
    screen_received_booking.call(unscreened.pk)  # delivered twice: one run

    booking = Booking.objects.get(pk=unscreened.pk)
    assert (booking.status, booking.screening_runs.count()) == (BookingStatus.FLAGGED, 1)
    assert booking.screened_at is not None
    booking_take(booking=booking, by=officer)
    response = session_client(officer).post(
        f"{URL}{booking.public_id}/advise/", {"advice": "no_concerns", "rationale": ""}, format="json"
    )
    assert (response.status_code, response.json()["status"]) == (200, "advised")


def test_a_booking_stored_received_before_reads_as_flagged_to_everyone(api, venue, watchlist, officer):
    legacy = BookingFactory(venue=venue)
    PartyFactory(booking=legacy, name="Priya Natarajan")
    assert legacy.status == BookingStatus.RECEIVED

    seen_by_venue = api.get(f"{URL}{legacy.public_id}/").json()
    seen_by_officer = session_client(officer).get(f"{URL}{legacy.public_id}/").json()
    queue = session_client(officer).get(URL, {"status": "flagged"}).json()

    assert (seen_by_venue["status"], seen_by_officer["status"]) == ("flagged", "flagged")
    assert seen_by_venue["guidance"].startswith("A person must look")
    assert [b["id"] for b in queue["results"]] == [str(legacy.public_id)]


@pytest.mark.parametrize("caller", ["venue", "officer"])
def test_received_is_not_a_status_anyone_can_filter_by(venue, officer, caller):
    client = key_client(venue) if caller == "venue" else session_client(officer)

    response = client.get(URL, {"status": "received"})

    assert response.status_code == 400
    assert list(response.json()) == ["status"]


@pytest.mark.parametrize("output", ["BookingVenueOutput", "BookingOfficerOutput"])
def test_the_schema_lists_designs_statuses_only(output):
    schema = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    [ref] = schema["components"]["schemas"][output]["properties"]["status"]["allOf"]
    assert schema["components"]["schemas"][ref["$ref"].split("/")[-1]]["enum"] == [
        "not_in_scope",
        "cleared",
        "flagged",
        "in_review",
        "info_requested",
        "awaiting_approval",
        "advised",
        "withdrawn",
        "lapsed",
        "closed",
    ]
