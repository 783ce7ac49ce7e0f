"""Staff pages: edit a booking (re-screened as by PATCH), dates of birth in three boxes,
a decision shown as done, the printable advice letter, and "My bookings" search."""

import pytest
from django.test import Client
from django.utils import timezone

from bookings.enums import Advice, BookingStatus
from bookings.models import AuditRecord, Booking
from bookings.review.services import booking_record_decision
from bookings.roles import Role
from bookings.staff.forms import booking_form_data, date_of_birth_from_parts
from tests.factories.bookings import (
    LISTED_SPEAKER,
    booking_payload,
    create_booking,
    create_booking_from,
    make_user,
)
from tests.factories.bookings import staff_form_data as form_data
from tests.factories.review import advised_booking, flagged_booking, make_officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(staff):
    client = Client()
    client.force_login(staff)
    return client


def booking_naming(venue, ref: str, *people: dict):
    payload = booking_payload(ref)
    payload["parties"] = [{"kind": "person", "role": "speaker", **person} for person in people]
    return create_booking_from(venue, payload)


def edit_url(booking) -> str:
    return f"/bookings/{booking.public_id}/edit/"


def edit_data(booking, **changes) -> dict:
    data = booking_form_data(booking).dict()
    data.update(changes)
    return data


# --- Dates of birth ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "month", "year", "stored"),
    [
        ("", "", "", ""),
        ("", "", "1979", "1979"),
        ("", "3", "1979", "1979-03"),
        ("14", "3", "1979", "1979-03-14"),
        ("04", "03", "1979", "1979-03-04"),
    ],
)
def test_a_date_of_birth_is_a_year_a_month_or_a_day(day, month, year, stored):
    assert date_of_birth_from_parts(day=day, month=month, year=year) == stored


@pytest.mark.parametrize(
    ("day", "month", "year", "field"),
    [
        ("14", "3", "", "dob_year"),  # careless: no year
        ("14", "", "1979", "dob_month"),  # a day without its month
        ("31", "2", "1979", "dob_day"),  # no such day
        ("1", "13", "1979", "dob_month"),
        ("", "", "79", "dob_year"),  # two-digit year
        ("", "", "１９７９", "dob_year"),  # full-width digits look like a year but are not ASCII
    ],
)
def test_a_wrong_date_of_birth_is_explained_on_the_box_at_fault(client, day, month, year, field):
    data = form_data(**{"parties-0-dob_day": day, "parties-0-dob_month": month, "parties-0-dob_year": year})

    response = client.post("/bookings/new/", data)

    assert response.status_code == 400
    assert [anchor for anchor, _ in response.context["errors"]] == [f"id_parties-0-{field}"]
    assert Booking.objects.count() == 0


def test_a_year_of_birth_alone_is_stored_as_the_year(client, watchlist):
    data = form_data(**{"parties-0-dob_year": "1980"})

    response = client.post("/bookings/new/", data)

    assert response.status_code == 302
    assert Booking.objects.get().parties.get(role="speaker").date_of_birth == "1980"


# --- Editing ------------------------------------------------------------------------------


def test_the_edit_page_starts_from_what_is_stored(client, venue, watchlist):
    booking = booking_naming(venue, "HB-7", {"name": "Priya Natarajan", "date_of_birth": "1979-03-14"})

    page = client.get(edit_url(booking))

    html = page.content.decode()
    assert page.status_code == 200
    assert "<h1>Change the booking</h1>" in html
    assert 'value="Priya Natarajan"' in html
    assert 'name="parties-0-dob_day" value="14"' in html
    assert 'name="parties-0-dob_month" value="3"' in html
    assert 'name="reference"' not in html  # the reference stays as it is


def test_changing_a_speaker_to_a_listed_name_screens_the_booking_again(client, venue, watchlist):
    booking = booking_naming(venue, "HB-8", {"name": "Priya Natarajan"})
    assert booking.status == BookingStatus.CLEARED

    response = client.post(edit_url(booking), edit_data(booking, **{"parties-0-name": LISTED_SPEAKER}))

    booking.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == f"/bookings/{booking.public_id}/"
    assert booking.status == BookingStatus.FLAGGED
    assert [p.name for p in booking.parties.all()] == ["Riverside Residents Association", LISTED_SPEAKER]
    assert AuditRecord.objects.filter(action="booking.updated", object_id=str(booking.pk)).count() == 1
    assert booking.screening_runs.first().trigger == "update"


def test_an_unchanged_save_keeps_everyone_and_does_not_screen_again(client, venue, watchlist):
    booking = booking_naming(venue, "HB-9", {"name": "Priya Natarajan", "date_of_birth": "1979"})
    runs = booking.screening_runs.count()

    client.post(edit_url(booking), edit_data(booking))

    booking.refresh_from_db()
    assert [(p.name, p.date_of_birth) for p in booking.parties.all()][1:] == [("Priya Natarajan", "1979")]
    assert booking.screening_runs.count() == runs


def test_an_invalid_edit_changes_nothing(client, venue, watchlist):
    booking = create_booking(venue, "HB-10", title="Quiz night")

    response = client.post(edit_url(booking), edit_data(booking, title="", ends="10:00", starts="11:00"))

    booking.refresh_from_db()
    assert response.status_code == 400
    assert booking.title == "Quiz night"
    assert "Enter the name of the event" in [m for _, m in response.context["errors"]]


def test_a_withdrawn_booking_cannot_be_edited(client, venue, watchlist):
    booking = create_booking(venue, "HB-11")
    client.post(f"/bookings/{booking.public_id}/withdraw/", {"reason": ""})

    shown = client.get(edit_url(booking), follow=True)
    sent = client.post(edit_url(booking), edit_data(booking, title="Changed"))

    booking.refresh_from_db()
    assert "This booking can no longer be changed." in shown.content.decode()
    assert sent.status_code == 302
    assert booking.title != "Changed"


def test_another_venues_booking_cannot_be_edited(venue, other_venue, watchlist):
    booking = create_booking(other_venue, "HB-12")
    stranger = Client()
    stranger.force_login(make_user("sam", Role.VENUE_STAFF, venue))

    assert stranger.get(edit_url(booking)).status_code == 404
    assert stranger.post(edit_url(booking), edit_data(booking, title="Mine")).status_code == 404


# --- After a decision, and the advice letter ---------------------------------------------------


def test_after_the_decision_the_page_shows_it_as_done(client, staff, venue, watchlist):
    booking = advised_booking(venue, make_officer())
    booking_record_decision(booking=booking, by=staff, outcome="approved", decided_by_name="Sam Manager")

    html = client.get(f"/bookings/{booking.public_id}/").content.decode()

    assert "Your venue's decision is recorded" in html
    assert "Decision recorded: approved" in html
    assert "<summary>Record a different decision</summary>" in html
    assert 'id="record-decision-title"' not in html


def test_the_advice_letter_has_date_reference_role_advice_conditions_and_reasons(client, venue, watchlist):
    booking = advised_booking(
        venue, make_officer(), ref="HB-2026-0042", advice=Advice.PROCEED_WITH_CONDITIONS
    )

    letter = client.get(f"/bookings/{booking.public_id}/advice-letter/")

    html = letter.content.decode()
    assert letter.status_code == 200
    assert f"{timezone.localtime(booking.advised_at):%-d %B %Y}" in html
    assert "HB-2026-0042" in html
    assert "Prevent Officer" in html
    assert "Go ahead with conditions" in html
    assert "Adequate stewarding" in html
    assert "Plain-English rationale for the venue." in html
    assert "Restricted note." not in html  # the officer's notes never reach the venue
    assert "officer1" not in html  # the role, not the person


def test_there_is_no_letter_before_advice(client, venue, watchlist):
    booking = flagged_booking(venue)

    assert client.get(f"/bookings/{booking.public_id}/advice-letter/").status_code == 404


# --- My bookings search -----------------------------------------------------------------------


def test_my_bookings_finds_by_reference_event_or_any_name(client, venue, watchlist):
    create_booking(venue, "HB-100", title="Quiz night")
    booking_naming(venue, "HB-200", {"name": "Priya Natarajan"})

    def found(q):
        return [b.external_ref for b in client.get("/bookings/", {"q": q}).context["page"].object_list]

    assert found("hb-100") == ["HB-100"]
    assert found("neighbourhood") == ["HB-200"]
    assert found("natarajan") == ["HB-200"]
    assert found("") == ["HB-100", "HB-200"]
    assert found("%") == []  # a wildcard character is searched for, not obeyed
