"""A change to a booking and its screening are one: a PATCH whose screening fails
changes nothing (DESIGN: a rejected request changes nothing; nothing is lost if a
process dies mid-way). It used to store the new party, answer 500, and leave the
party unscreened for good: the retried PATCH changed nothing, so screened nothing."""

import pytest

from bookings.models import AuditRecord, Booking
from screening.models import ScreeningRun
from tests.factories.bookings import booking_payload

pytestmark = pytest.mark.django_db

URL = "/api/v1/bookings/"
LISTED = {"name": "Dorian Vexley-Marsh", "kind": "person", "role": "speaker"}


@pytest.fixture
def cleared(api, watchlist):
    body = api.post(URL, booking_payload(speakers=["Priya Natarajan"]), format="json").json()
    assert body["status"] == "cleared"
    return Booking.objects.get(public_id=body["id"])


def test_a_patch_whose_screening_fails_changes_nothing(api, cleared, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("matcher crashed")

    api.raise_request_exception = False
    records = AuditRecord.objects.count()
    with monkeypatch.context() as patched:
        patched.setattr("bookings.intake.screening.booking_screened", explode)
        response = api.patch(f"{URL}{cleared.public_id}/", {"parties": [LISTED]}, format="json")

    assert response.status_code == 500
    booking = Booking.objects.get(pk=cleared.pk)
    assert [p.name for p in booking.parties.exclude(role="hirer")] == ["Priya Natarajan"]
    assert (booking.status, ScreeningRun.objects.filter(booking=booking).count()) == ("cleared", 1)
    assert AuditRecord.objects.count() == records


def test_the_retried_patch_stores_and_screens_the_change(api, cleared, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("matcher crashed")

    api.raise_request_exception = False
    with monkeypatch.context() as patched:
        patched.setattr("bookings.intake.screening.booking_screened", explode)
        api.patch(f"{URL}{cleared.public_id}/", {"parties": [LISTED]}, format="json")

    retry = api.patch(f"{URL}{cleared.public_id}/", {"parties": [LISTED]}, format="json")

    assert (retry.status_code, retry.json()["status"]) == (200, "flagged")
    assert ScreeningRun.objects.filter(booking=cleared).count() == 2
