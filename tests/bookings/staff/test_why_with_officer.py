"""Why a booking is with the Prevent Officer, as the venue's staff page says it: true
for each way a booking gets there, and never telling a proposed decline."""

import re

import pytest
from django.test import Client

from bookings.enums import Advice
from bookings.intake.services import booking_update
from bookings.models import Booking
from bookings.roles import Role
from tests.factories.bookings import booking_payload, make_user
from tests.factories.review import advised_booking, awaiting_approval_booking, flagged_booking
from tests.helpers import key_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(venue):
    client = Client()
    client.force_login(make_user("sam", Role.VENUE_STAFF, venue))
    return client


def speaker_changed_to_someone_clear(booking) -> Booking:
    booking_update(
        booking=Booking.objects.get(pk=booking.pk),
        parties=[{"name": "Tamsin Oakridge-Pell", "kind": "person", "role": "speaker"}],
        by=None,
    )
    return Booking.objects.get(pk=booking.pk)


def why(client, booking) -> str:
    page = client.get(f"/bookings/{booking.public_id}/").content.decode()
    found = re.search(r'<p id="why-with-officer">(.*?)</p>', page, re.S)
    assert found, "the page says why the booking is with the officer"
    return " ".join(found.group(1).split())


def test_a_flag_says_a_name_is_similar_to_a_listed_name(staff_client, venue, watchlist):
    booking = flagged_booking(venue)

    assert why(staff_client, booking).startswith("A name on this booking is similar to a name on a list")


def test_a_booking_that_could_not_be_screened_does_not_claim_a_similar_name(
    staff_client, venue, watchlist, monkeypatch
):
    def matcher_down(*args, **kwargs):
        raise RuntimeError("matcher failed")

    monkeypatch.setattr("bookings.intake.services.booking_screened", matcher_down)
    body = key_client(venue).post("/api/v1/bookings/", booking_payload(), format="json").json()

    said = why(staff_client, Booking.objects.get(public_id=body["id"]))

    assert said.startswith("The booking could not be checked automatically when it was entered")
    assert "similar" not in said


def test_re_opened_advice_says_the_booking_or_a_list_changed(staff_client, venue, watchlist, officer):
    booking = speaker_changed_to_someone_clear(advised_booking(venue, officer, advice=Advice.NO_CONCERNS))
    assert (booking.status, booking.reopen_reason) == ("flagged", "basis_gone")

    said = why(staff_client, booking)

    assert said.startswith(
        "The booking, or a list it is checked against, has changed since the advice was given"
    )
    assert "similar" not in said


def test_a_proposed_decline_sent_back_reads_as_any_review(staff_client, venue, watchlist, officer):
    booking = speaker_changed_to_someone_clear(awaiting_approval_booking(venue, officer))
    assert (booking.status, booking.reopen_reason) == ("in_review", "basis_gone")

    assert why(staff_client, booking) == why(staff_client, flagged_booking(venue, ref="HB-2"))
