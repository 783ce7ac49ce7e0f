"""The venue staff pages: the booking form, my bookings, withdrawal (sign-in: tests/bookings/venues)."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from bookings.enums import Advice, BookingStatus, Channel
from bookings.models import AuditRecord, Booking
from bookings.review.services import booking_advise, booking_approve, booking_take
from bookings.roles import Role
from screening.enums import Disposition
from tests.factories.bookings import LISTED_SPEAKER, VenueFactory, create_booking, make_user
from tests.factories.bookings import staff_form_data as form_data
from tests.factories.review import (
    advised_booking,
    dispose_all,
    flagged_booking,
    in_review_booking,
    info_requested_booking,
    make_officer,
)

pytestmark = pytest.mark.django_db

NEW_URL = "/bookings/new/"
LIST_URL = "/bookings/"


@pytest.fixture
def staff_client(staff):
    client = Client()
    client.force_login(staff)
    return client


def with_venue(data: dict, venue) -> dict:
    return {**data, "venue": str(venue.pk)}


def test_forms_need_a_csrf_token(staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)

    response = client.post(NEW_URL, form_data())

    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
    assert Booking.objects.count() == 0


# --- Who may use the staff pages ---------------------------------------------------------


@pytest.mark.parametrize("url", [LIST_URL, NEW_URL])
def test_staff_pages_need_sign_in(db, url):
    response = Client().get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("role", [Role.PREVENT_OFFICER, Role.CAVA_REPORTER])
def test_other_roles_cannot_use_staff_pages(db, role):
    client = Client()
    client.force_login(make_user("other", role))

    assert client.get(LIST_URL).status_code == 403
    assert client.get(NEW_URL).status_code == 403


def test_staff_cannot_reach_another_venues_booking(staff_client, venue, other_venue, watchlist):
    theirs = create_booking(other_venue, "THEIRS-1")
    urls = [f"/bookings/{theirs.public_id}/", f"/bookings/{theirs.public_id}/withdraw/"]

    responses = [staff_client.get(url) for url in urls]
    withdraw = staff_client.post(f"/bookings/{theirs.public_id}/withdraw/", {"reason": "x"})

    assert [r.status_code for r in responses] == [404, 404]
    assert withdraw.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == BookingStatus.CLEARED


def test_my_bookings_lists_only_my_venues_bookings(staff_client, venue, other_venue, watchlist):
    create_booking(venue, "MINE-1", title="Our quiz night")
    create_booking(other_venue, "THEIRS-1", title="Their quiz night")

    response = staff_client.get(LIST_URL)

    assert [b.external_ref for b in response.context["page"].object_list] == ["MINE-1"]
    assert "Their quiz night" not in response.content.decode()


def test_my_bookings_separates_past_from_upcoming(staff_client, venue, watchlist):
    upcoming = create_booking(venue, "SOON-1")
    past = create_booking(venue, "PAST-1")
    Booking.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now() - timedelta(days=3, hours=-2)
    )

    upcoming_page = staff_client.get(LIST_URL)
    past_page = staff_client.get(LIST_URL + "?show=past")

    assert [b.pk for b in upcoming_page.context["page"].object_list] == [upcoming.pk]
    assert [b.pk for b in past_page.context["page"].object_list] == [past.pk]


@pytest.mark.parametrize("rows", [1, 3])
def test_my_bookings_query_count_does_not_grow_with_rows(
    staff_client, venue, watchlist, rows, django_assert_num_queries
):
    for n in range(rows):
        create_booking(venue, f"REF-{n}")

    with django_assert_num_queries(7):
        response = staff_client.get(LIST_URL)

    assert len(response.context["page"].object_list) == rows


# --- The booking form ---------------------------------------------------------------------


def test_new_booking_form_renders_with_one_empty_person_row(staff_client):
    response = staff_client.get(NEW_URL)

    assert response.status_code == 200
    assert response.context["entry"].parties.total_form_count() == 1
    assert "novalidate" in response.content.decode()


def test_clean_booking_is_stored_through_the_service_and_shows_no_concerns(
    staff_client, staff, venue, watchlist
):
    response = staff_client.post(NEW_URL, form_data(), follow=True)

    booking = Booking.objects.get()
    assert response.redirect_chain == [(f"/bookings/{booking.public_id}/", 302)]
    assert booking.status == BookingStatus.CLEARED
    assert booking.channel == Channel.FORM
    assert booking.submitted_by == staff
    assert booking.venue == venue
    assert booking.external_ref == "WEB-0123456789"
    assert [(p.role, p.name, p.kind) for p in booking.parties.all()] == [
        ("hirer", "Canal Heritage Society", "organisation"),
        ("speaker", "Priya Natarajan", "person"),
    ]
    page = response.content.decode()
    assert "No concerns found in the sources checked" in page
    assert AuditRecord.objects.filter(action="booking.received", actor="user:sam").count() == 1


def test_cleared_page_lists_each_source_with_its_version_date(staff_client, watchlist):
    response = staff_client.post(NEW_URL, form_data(), follow=True)

    local = timezone.localtime(watchlist.created_at)
    assert [(v.source.name, v.created_at) for v in response.context["sources"]] == [
        (watchlist.source.name, watchlist.created_at)
    ]
    assert f"{watchlist.source.name}, version of {local.day} {local:%B %Y}" in response.content.decode()


def test_booking_times_are_read_in_uk_time(staff_client, watchlist):
    staff_client.post(NEW_URL, form_data(date="2027-07-01", starts="18:00", ends="21:00"))

    booking = Booking.objects.get()
    assert booking.starts_at.isoformat() == "2027-07-01T17:00:00+00:00"
    assert booking.ends_at.isoformat() == "2027-07-01T20:00:00+00:00"


def test_event_that_ends_the_next_day_uses_the_end_date(staff_client, watchlist):
    staff_client.post(
        NEW_URL, form_data(date="2027-01-15", starts="22:00", ends="02:00", end_date="2027-01-16")
    )

    booking = Booking.objects.get()
    assert booking.ends_at - booking.starts_at == timedelta(hours=4)


def test_booking_with_listed_speaker_is_sent_for_review_without_match_details(staff_client, watchlist):
    data = form_data(**{"parties-0-name": LISTED_SPEAKER})

    response = staff_client.post(NEW_URL, data, follow=True)

    booking = Booking.objects.get()
    assert booking.status == BookingStatus.FLAGGED
    page = response.content.decode()
    assert "Sent to the Prevent Officer for review" in page
    answer_by = timezone.localdate(booking.review_due_at)
    assert f"You should have an answer by <strong>{answer_by:%A} {answer_by.day} {answer_by:%B %Y}" in page
    assert_no_match_details(page)
    assert response.context["sources"] == []


def assert_no_match_details(page: str) -> None:
    """Nothing that identifies or describes a matched entry: id, listed name, score, explanation, source."""
    for leak in [
        "t-per-1",
        "Vexley-Marsh",
        "1979-03-14",
        "score",
        "test-watchlist",
        "Test watchlist",
        "matched",
        "alias",
        "crime.terror",
    ]:
        assert leak.lower() not in page.lower(), leak


def test_no_staff_page_shows_match_details(staff_client, venue, watchlist):
    booking = create_booking(venue, "FLAG-1", speakers=[LISTED_SPEAKER])
    assert booking.status == BookingStatus.FLAGGED
    assert booking.screening_runs.get().matches.count() >= 1

    pages = [
        staff_client.get(url)
        for url in [LIST_URL, f"/bookings/{booking.public_id}/", f"/bookings/{booking.public_id}/withdraw/"]
    ]

    assert [p.status_code for p in pages] == [200, 200, 200]
    for page in pages:
        assert_no_match_details(page.content.decode())


def test_double_submit_makes_one_booking(staff_client, watchlist):
    first = staff_client.post(NEW_URL, form_data())
    second = staff_client.post(NEW_URL, form_data())

    assert Booking.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_typed_reference_is_kept(staff_client, watchlist):
    staff_client.post(NEW_URL, form_data(reference="HB-2026-0042"))

    assert Booking.objects.get().external_ref == "HB-2026-0042"


def test_reference_already_used_with_other_details_is_explained(staff_client, venue, watchlist):
    create_booking(venue, "HB-2026-0042")

    response = staff_client.post(NEW_URL, form_data(reference="HB-2026-0042"))

    assert response.status_code == 409
    assert response.context["entry"].event.errors["reference"] == [
        "A booking with the reference HB-2026-0042 already exists at this venue. Enter a different reference."
    ]
    assert Booking.objects.count() == 1


def test_resending_a_used_form_with_changes_asks_to_check_first(staff_client, watchlist):
    staff_client.post(NEW_URL, form_data())

    response = staff_client.post(NEW_URL, form_data(title="Another event"))

    assert response.status_code == 409
    assert response.context["entry"].event.non_field_errors()[0].startswith("This form was already sent")
    assert response.context["entry"].event["token"].value() != form_data()["token"]
    assert Booking.objects.count() == 1


def test_empty_form_shows_every_problem_in_plain_english_and_stores_nothing(staff_client):
    data = {
        "parties-TOTAL_FORMS": "1",
        "parties-INITIAL_FORMS": "0",
        "token": "",
        "parties-0-role": "speaker",
        "parties-0-kind": "person",
    }

    response = staff_client.post(NEW_URL, data)

    assert response.status_code == 400
    assert response.context["errors"] == [
        ("id_title", "Enter the name of the event"),
        ("id_date", "Enter the date of the event"),
        ("id_starts", "Enter the start time"),
        ("id_ends", "Enter the end time"),
        ("id_is_public_0", "Select yes if the event is open to the public"),
        ("id_attendance_mode_0", "Select how people will attend"),
        ("id_hirer-name", "Enter the hirer's name"),
        ("id_hirer-kind_0", "Select if the hirer is a person or an organisation"),
    ]
    page = response.content.decode()
    assert "There is a problem" in page
    assert '<a href="#id_title">Enter the name of the event</a>' in page
    assert 'aria-invalid="true"' in page
    assert "<title>Error: New booking" in page
    assert Booking.objects.count() == 0


def test_field_errors_are_linked_to_their_inputs(staff_client):
    response = staff_client.post(NEW_URL, form_data(title=""))

    page = response.content.decode()
    assert 'id="id_title_error"' in page
    assert 'aria-describedby="id_title_error"' in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends": "17:00"}, "ends", "The event must end after it starts"),
        (
            {"date": (date.today() - timedelta(days=2)).isoformat()},
            "date",
            "The event has already happened: enter a date in the future",
        ),
        ({"date": "31/02/2027"}, "date", "Enter a real date, for example 05/12/2026"),
        ({"starts": "6pm"}, "starts", "Enter the start time as hours and minutes, for example 18:00"),
        (
            {"expected_attendance": "lots"},
            "expected_attendance",
            "Enter the number of people as a whole number, for example 80",
        ),
        (
            {"reference": "no spaces please"},
            "reference",
            "A reference can only contain letters, numbers and . _ : / -, "
            "and must start with a letter or number",
        ),
        ({"title": "!!!"}, "title", "The event name must contain letters or numbers"),
    ],
)
def test_event_fields_explain_what_to_fix(staff_client, overrides, field, message):
    response = staff_client.post(NEW_URL, form_data(**overrides))

    assert response.status_code == 400
    assert response.context["entry"].event.errors[field] == [message]
    assert Booking.objects.count() == 0


def test_hirer_email_must_look_like_an_email(staff_client):
    response = staff_client.post(NEW_URL, form_data(**{"hirer-contact_email": "jo at example"}))

    assert response.context["entry"].hirer.errors["contact_email"] == [
        "Enter an email address in the correct format, like name@example.com"
    ]


def test_person_row_errors_are_numbered_in_the_summary(staff_client):
    data = form_data(
        **{
            "parties-TOTAL_FORMS": "2",
            "parties-1-name": "",
            "parties-1-role": "organiser",
            "parties-1-kind": "person",
            "parties-1-dob_month": "13",
            "parties-1-dob_year": "1980",
        }
    )

    response = staff_client.post(NEW_URL, data)

    assert response.context["errors"] == [
        ("id_parties-1-name", "Person 2: Enter the person's or organisation's name, or remove this row"),
        (
            "id_parties-1-dob_month",
            "Person 2: Enter a date of birth as a year, like 1980, or a day, month and year, like 14 3 1980",
        ),
    ]


def test_untouched_person_rows_are_ignored(staff_client, watchlist):
    data = form_data(
        **{
            "parties-TOTAL_FORMS": "2",
            "parties-1-name": "",
            "parties-1-role": "speaker",
            "parties-1-kind": "person",
        }
    )

    staff_client.post(NEW_URL, data)

    names = [p.name for p in Booking.objects.get().parties.all()]
    assert names == ["Canal Heritage Society", "Priya Natarajan"]


def test_add_another_person_keeps_what_was_typed(staff_client):
    data = form_data(add_party="1", title="", **{"hirer-name": "Typed hirer"})

    response = staff_client.post(NEW_URL, data)

    entry = response.context["entry"]
    assert response.status_code == 200
    assert entry.parties.total_form_count() == 2
    assert entry.parties.forms[0]["name"].value() == "Priya Natarajan"
    assert entry.hirer["name"].value() == "Typed hirer"
    assert response.context["errors"] == []
    assert "aria-invalid" not in response.content.decode()
    assert Booking.objects.count() == 0


def test_remove_a_person_keeps_the_others(staff_client):
    data = form_data(
        **{
            "parties-TOTAL_FORMS": "3",
            "parties-1-name": "Second Person",
            "parties-1-role": "organiser",
            "parties-1-kind": "person",
            "parties-2-name": "Third Org",
            "parties-2-role": "performer",
            "parties-2-kind": "organisation",
        },
        remove_party="1",
    )

    response = staff_client.post(NEW_URL, data)

    rows = response.context["entry"].parties.forms
    assert [(f["name"].value(), f["role"].value(), f["kind"].value()) for f in rows] == [
        ("Priya Natarajan", "speaker", "person"),
        ("Third Org", "performer", "organisation"),
    ]
    assert Booking.objects.count() == 0


def test_rows_are_capped_at_fifty(staff_client):
    response = staff_client.post(NEW_URL, form_data(**{"parties-TOTAL_FORMS": "50"}, add_party="1"))

    assert response.context["entry"].parties.total_form_count() == 50
    assert "You can name up to 50 people on one booking." in response.content.decode()


def test_staff_with_several_venues_choose_one_of_theirs(venue, other_venue, watchlist):
    outsider = VenueFactory(name="Far Away Hall", slug="far-away")
    user = make_user("multi", Role.VENUE_STAFF, venue)
    other_venue.staff.add(user)
    client = Client()
    client.force_login(user)

    missing = client.post(NEW_URL, form_data())
    not_theirs = client.post(NEW_URL, with_venue(form_data(), outsider))
    chosen = client.post(NEW_URL, with_venue(form_data(), other_venue))

    assert missing.context["entry"].event.errors["venue"] == ["Select the venue"]
    assert not_theirs.context["entry"].event.errors["venue"] == ["Select one of your venues"]
    assert chosen.status_code == 302
    assert Booking.objects.get().venue == other_venue


def test_staff_cannot_submit_for_a_venue_that_is_not_theirs(staff_client, other_venue, watchlist):
    response = staff_client.post(NEW_URL, with_venue(form_data(), other_venue))

    assert response.status_code == 302  # one-venue staff are not asked: a posted venue is ignored
    assert Booking.objects.get().venue != other_venue


def test_staff_without_a_venue_are_told_to_ask_their_administrator(db):
    client = Client()
    client.force_login(make_user("lonely", Role.VENUE_STAFF))

    response = client.get(NEW_URL)

    assert response.status_code == 403
    assert "Your account is not linked to a venue" in response.content.decode()


# --- Detail and withdrawal -------------------------------------------------------------------


def test_withdraw_asks_for_confirmation_first(staff_client, venue, watchlist):
    booking = create_booking(venue)

    response = staff_client.get(f"/bookings/{booking.public_id}/withdraw/")

    assert response.status_code == 200
    assert "Yes, withdraw the booking" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CLEARED


def test_withdraw_through_the_service_with_the_reason(staff_client, venue, watchlist):
    booking = create_booking(venue)

    response = staff_client.post(
        f"/bookings/{booking.public_id}/withdraw/", {"reason": "Hirer cancelled"}, follow=True
    )

    booking.refresh_from_db()
    assert booking.status == BookingStatus.WITHDRAWN
    assert booking.withdrawal_reason == "Hirer cancelled"
    assert AuditRecord.objects.filter(action="booking.withdrawn", actor="user:sam").count() == 1
    page = response.content.decode()
    assert "Booking HB-1 has been withdrawn." in page
    assert "Withdraw this booking" not in page


def test_withdrawn_booking_cannot_be_withdrawn_again(staff_client, venue, watchlist):
    booking = create_booking(venue)
    staff_client.post(f"/bookings/{booking.public_id}/withdraw/", {"reason": ""})

    response = staff_client.post(f"/bookings/{booking.public_id}/withdraw/", {"reason": "again"})

    assert response.status_code == 409
    assert "This booking cannot be withdrawn" in response.content.decode()
    assert AuditRecord.objects.filter(action="booking.withdrawn").count() == 1


def test_too_long_withdrawal_reason_is_refused(staff_client, venue, watchlist):
    booking = create_booking(venue)

    response = staff_client.post(f"/bookings/{booking.public_id}/withdraw/", {"reason": "x" * 501})

    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == ["The reason must be 500 characters or fewer"]
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CLEARED


def test_private_booking_with_only_a_hirer_says_not_screened(staff_client, venue, watchlist):
    booking = create_booking(venue, is_public=False)

    response = staff_client.get(f"/bookings/{booking.public_id}/")

    assert booking.status == BookingStatus.NOT_IN_SCOPE
    assert "Not screened" in response.content.decode()


def advised_with_conditions(venue):
    """Advised through the real services; the speaker spelled unlike the listed entry."""
    officer = make_officer()
    booking = booking_take(booking=flagged_booking(venue, speaker=LISTED_SPEAKER), by=officer)
    dispose_all(booking, officer, Disposition.FALSE_POSITIVE)
    return booking_advise(
        booking=booking,
        by=officer,
        advice=Advice.PROCEED_WITH_CONDITIONS,
        rationale="Plain-English rationale for the venue.",
        notes="Restricted note.",
        conditions=["stewarding"],
    )


def test_advised_booking_shows_advice_conditions_and_reasons_but_not_restricted_notes(
    staff_client, venue, watchlist
):
    booking = advised_with_conditions(venue)

    response = staff_client.get(f"/bookings/{booking.public_id}/")

    page = response.content.decode()
    assert "Advice from the Prevent Officer" in page
    assert "Go ahead with conditions" in page
    assert "Adequate stewarding" in page
    assert "Plain-English rationale for the venue." in page
    assert "Restricted note." not in page
    assert "Checked against the entry." not in page  # the officer's reason on the match
    assert_no_match_details(page)


def test_my_bookings_shows_advice_with_conditions(staff_client, venue, watchlist):
    advised_with_conditions(venue)

    page = staff_client.get(LIST_URL).content.decode()

    assert "Go ahead with conditions" in page
    assert "See the conditions" in page
    assert "Restricted note." not in page


def test_expected_answer_date_is_the_officers_due_date(staff_client, venue, watchlist):
    booking = in_review_booking(venue, make_officer())

    response = staff_client.get(f"/bookings/{booking.public_id}/")

    assert response.context["answer_by"] == timezone.localdate(booking.review_due_at)


def test_staff_answer_the_officers_question(staff_client, venue, watchlist):
    booking = info_requested_booking(venue, make_officer())
    detail = staff_client.get(f"/bookings/{booking.public_id}/")

    response = staff_client.post(
        f"/bookings/{booking.public_id}/answer/", {"answer": "Only the two speakers listed."}, follow=True
    )

    assert "Who else is speaking?" in detail.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.IN_REVIEW
    request = booking.information_requests.get()
    assert request.answer == "Only the two speakers listed."
    assert request.answered_by == "user:sam"
    assert "Your answer has been sent to the Prevent Officer." in response.content.decode()


def test_an_empty_answer_is_refused(staff_client, venue, watchlist):
    booking = info_requested_booking(venue, make_officer())

    response = staff_client.post(f"/bookings/{booking.public_id}/answer/", {"answer": ""})

    assert response.status_code == 400
    assert response.context["answer_form"].errors == {
        "answer": ["Enter your answer to the officer's question"]
    }
    booking.refresh_from_db()
    assert booking.status == BookingStatus.INFO_REQUESTED


def test_answer_when_no_question_is_open_is_a_conflict(staff_client, venue, watchlist):
    booking = in_review_booking(venue, make_officer())

    response = staff_client.post(f"/bookings/{booking.public_id}/answer/", {"answer": "Hello"})

    assert response.status_code == 409
    booking.refresh_from_db()
    assert booking.status == BookingStatus.IN_REVIEW


def test_staff_cannot_answer_for_another_venue(staff_client, other_venue, watchlist):
    booking = info_requested_booking(other_venue, make_officer())

    response = staff_client.post(f"/bookings/{booking.public_id}/answer/", {"answer": "Hello"})

    assert response.status_code == 404
    booking.refresh_from_db()
    assert booking.status == BookingStatus.INFO_REQUESTED


def declined_booking(venue):
    """Advice to decline, approved by a second officer: the booking is advised and adverse.
    The speaker is spelled unlike the listed entry, so the page's own party list leaks nothing."""
    officer = make_officer()
    booking = booking_take(booking=flagged_booking(venue, speaker=LISTED_SPEAKER), by=officer)
    dispose_all(booking, officer)
    booking = booking_advise(
        booking=booking,
        by=officer,
        advice=Advice.ADVISE_DECLINE,
        rationale="The speaker is a listed person.",
        notes="Restricted note.",
    )
    return booking_approve(booking=booking, by=make_officer("officer2"))


def test_forms_are_offered_only_when_the_status_allows(staff_client, venue, watchlist):
    flagged = flagged_booking(venue, ref="FLAG-1", late=True)
    no_concerns = advised_booking(venue, make_officer(), ref="OK-1")
    with_conditions = advised_with_conditions(venue)
    cleared = create_booking(venue, "CLEAR-1")

    forms = {
        b.external_ref: staff_client.get(f"/bookings/{b.public_id}/").context["action_forms"]
        for b in (flagged, no_concerns, with_conditions, cleared)
    }

    assert {ref: sorted(f) for ref, f in forms.items()} == {
        "FLAG-1": ["expedite"],
        "OK-1": ["record_decision"],
        "HB-1": ["record_decision", "request_review"],
        "CLEAR-1": [],
    }


def test_adverse_advice_offers_a_review_request(venue, watchlist):
    booking = declined_booking(venue)
    client = Client()
    client.force_login(make_user("sam", Role.VENUE_STAFF, venue))

    page = client.get(f"/bookings/{booking.public_id}/")

    assert sorted(page.context["action_forms"]) == ["record_decision", "request_review"]
    assert "Ask for the advice to be reviewed" in page.content.decode()
    assert "Restricted note." not in page.content.decode()
    assert_no_match_details(page.content.decode())


def test_staff_record_the_venues_decision(staff_client, venue, watchlist):
    booking = advised_with_conditions(venue)

    response = staff_client.post(
        f"/bookings/{booking.public_id}/decision/",
        {
            "record_decision-outcome": "approved_with_conditions",
            "record_decision-decided_by_name": "Sam Manager",
        },
        follow=True,
    )

    decision = booking.venue_decisions.get()
    assert (decision.outcome, decision.grounds, decision.decided_by_name, decision.recorded_by) == (
        "approved_with_conditions",
        "",
        "Sam Manager",
        "user:sam",
    )
    page = response.content.decode()
    assert "Your venue&#x27;s decision has been recorded." in page
    assert "Approved with conditions" in page and "decided by Sam Manager" in page
    assert_no_match_details(page)


def test_incomplete_decision_is_explained_in_plain_english_and_nothing_is_stored(
    staff_client, venue, watchlist
):
    booking = advised_with_conditions(venue)

    response = staff_client.post(
        f"/bookings/{booking.public_id}/decision/", {"record_decision-outcome": "refused"}
    )

    assert response.status_code == 400
    assert response.context["action_forms"]["record_decision"].errors == {
        "grounds": ["Select the grounds for refusing the booking"],
        "decided_by_name": ["Enter the name of the person who made the decision"],
    }
    assert response.context["errors"] == [  # in the order of the fields on the page
        ("id_record_decision-grounds", "Select the grounds for refusing the booking"),
        ("id_record_decision-decided_by_name", "Enter the name of the person who made the decision"),
    ]
    assert '<a href="#id_record_decision-grounds">' in response.content.decode()
    assert booking.venue_decisions.count() == 0


def test_staff_ask_for_a_review_of_adverse_advice(venue, watchlist):
    booking = declined_booking(venue)
    client = Client()
    client.force_login(make_user("sam", Role.VENUE_STAFF, venue))

    empty = client.post(f"/bookings/{booking.public_id}/request-review/", {"request_review-reason": " "})
    sent = client.post(
        f"/bookings/{booking.public_id}/request-review/",
        {"request_review-reason": "The hirer says the speaker is a different person."},
        follow=True,
    )

    assert empty.status_code == 400
    assert empty.context["action_forms"]["request_review"].errors == {
        "reason": ["Explain why the advice should be looked at again"]
    }
    booking.refresh_from_db()
    assert booking.status == BookingStatus.FLAGGED
    request = booking.review_requests.get()
    assert (request.reason, request.requested_by, request.original_advice) == (
        "The hirer says the speaker is a different person.",
        "user:sam",
        Advice.ADVISE_DECLINE,
    )
    assert "A different officer will review the advice." in sent.content.decode()


def test_review_of_favourable_advice_is_not_possible(staff_client, venue, watchlist):
    booking = advised_booking(venue, make_officer())

    response = staff_client.post(
        f"/bookings/{booking.public_id}/request-review/", {"request_review-reason": "Please look again."}
    )

    assert response.status_code == 409
    assert "That is not possible for this booking now." in response.content.decode()
    assert booking.review_requests.count() == 0


def test_staff_ask_for_a_late_booking_to_be_expedited(staff_client, venue, watchlist):
    booking = in_review_booking(venue, make_officer(), late=True)
    due_before = booking.review_due_at

    response = staff_client.post(
        f"/bookings/{booking.public_id}/expedite/",
        {"expedite-reason": "The event is on Friday."},
        follow=True,
    )

    booking.refresh_from_db()
    assert (booking.expedited, booking.expedite_reason) == (True, "The event is on Friday.")
    assert booking.review_due_at <= due_before
    page = response.content.decode()
    assert "The officer will aim to answer sooner." in page
    assert "You asked for an answer sooner on this booking." in page
    assert "expedite" not in response.context["action_forms"]


def test_expedite_needs_a_reason(staff_client, venue, watchlist):
    booking = in_review_booking(venue, make_officer(), late=True)

    response = staff_client.post(f"/bookings/{booking.public_id}/expedite/", {"expedite-reason": ""})

    assert response.status_code == 400
    assert response.context["errors"] == [("id_expedite-reason", "Explain why you need an answer sooner")]
    booking.refresh_from_db()
    assert booking.expedited is False


@pytest.mark.parametrize(
    "path, data",
    [
        ("decision/", {"record_decision-outcome": "approved", "record_decision-decided_by_name": "X"}),
        ("request-review/", {"request_review-reason": "x"}),
        ("expedite/", {"expedite-reason": "x"}),
    ],
)
def test_staff_cannot_act_on_another_venues_booking(staff_client, other_venue, watchlist, path, data):
    booking = (
        declined_booking(other_venue)
        if path != "expedite/"
        else in_review_booking(other_venue, make_officer())
    )

    response = staff_client.post(f"/bookings/{booking.public_id}/{path}", data)

    assert response.status_code == 404
    assert booking.venue_decisions.count() == booking.review_requests.count() == 0
    booking.refresh_from_db()
    assert booking.expedited is False


def test_review_actions_need_post(staff_client, venue, watchlist):
    booking = advised_with_conditions(venue)

    assert staff_client.get(f"/bookings/{booking.public_id}/decision/").status_code == 405
