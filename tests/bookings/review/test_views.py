"""The officer's HTML pages drive the same journey as the API, without JavaScript."""

import pytest
from django.test import Client

from bookings.enums import Advice, BookingStatus
from bookings.models import AuditRecord, Booking
from bookings.review.services import (
    booking_advise,
    booking_answer_info,
    booking_approve,
    booking_request_info,
    booking_take,
)
from bookings.roles import Role
from screening.matching import SUBSTITUTION_NOTE
from screening.models import Suppression
from tests.factories.bookings import make_user
from tests.factories.review import (
    awaiting_approval_booking,
    dispose_all,
    flagged_booking,
    make_officer,
)

pytestmark = pytest.mark.django_db


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def action_url(booking, action):
    return f"/review/{booking.public_id}/{action}/"


def test_queue_lists_flagged_bookings_for_officers(watchlist, venue, officer):
    flagged_booking(venue, ref="HB-Q1")
    flagged_booking(venue, ref="HB-CLEAN", speaker="Jane Greenwood")

    response = browser(officer).get("/review/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "HB-Q1" in html and "HB-CLEAN" not in html
    assert "<h1>Review queue</h1>" in html


def test_review_pages_are_for_officers_only(watchlist, venue):
    booking = flagged_booking(venue)
    staff = make_user("staff", Role.VENUE_STAFF, venue)

    anonymous = Client().get("/review/")
    as_staff = browser(staff).get(f"/review/{booking.public_id}/")

    assert anonymous.status_code == 302
    assert anonymous["Location"] == "/accounts/login/?next=/review/"
    assert as_staff.status_code == 403
    assert AuditRecord.objects.filter(action="booking.match_details_viewed").count() == 0


def test_journey_through_the_pages(watchlist, venue, officer):
    booking = flagged_booking(venue)
    client = browser(officer)
    staff = make_user("staff", Role.VENUE_STAFF, venue)

    taken = client.post(action_url(booking, "take"))
    page = client.get(f"/review/{booking.public_id}/").content.decode()
    asked = client.post(action_url(booking, "request_info"), {"question": "Who chairs?"})
    booking_answer_info(booking=booking, by=staff, answer="An independent chair.")
    match = booking.screening_runs.first().matches.get()
    disposed = client.post(
        action_url(booking, "dispose_match"),
        {
            "match": match.pk,
            f"m{match.pk}-match_id": match.pk,
            f"m{match.pk}-disposition": "possible_match",
            f"m{match.pk}-reason": "Same name only.",
        },
    )
    advised = client.post(
        action_url(booking, "advise"),
        {
            "advice": "proceed_with_conditions",
            "rationale": "May go ahead with conditions.",
            "conditions": ["independent-chair", "stewarding"],
            "notes": "Restricted.",
        },
    )

    assert [r.status_code for r in (taken, asked, disposed, advised)] == [302, 302, 302, 302]
    assert "<mark>dorian</mark>" in page
    assert "t-per-1" in page and "version 1" in page
    booking.refresh_from_db()
    assert (booking.status, booking.advice) == (BookingStatus.ADVISED, Advice.PROCEED_WITH_CONDITIONS)
    assert sorted(booking.advice_conditions.values_list("code", flat=True)) == [
        "independent-chair",
        "stewarding",
    ]


def test_invalid_advice_form_shows_errors_and_changes_nothing(watchlist, venue, officer):
    booking = flagged_booking(venue)
    client = browser(officer)
    client.post(action_url(booking, "take"))

    response = client.post(action_url(booking, "advise"), {"advice": "advise_decline"})

    assert response.status_code == 400
    assert "Explain the advice to the venue." in response.content.decode()
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.IN_REVIEW


def test_action_in_wrong_status_is_409_with_a_message(watchlist, venue, officer):
    booking = flagged_booking(venue)

    response = browser(officer).post(action_url(booking, "approve"))

    assert response.status_code == 409
    assert "That is not possible now: the booking is flagged for review." in (response.content.decode())


def test_second_officer_approves_decline_on_the_page(watchlist, venue, officer):
    booking = awaiting_approval_booking(venue, officer)
    second = make_officer("officer2")

    own = browser(officer).post(action_url(booking, "approve"))
    approved = browser(second).post(action_url(booking, "approve"))

    assert own.status_code == 403
    assert approved.status_code == 302
    assert Booking.objects.get(pk=booking.pk).advice == Advice.ADVISE_DECLINE


def test_venue_staff_answer_and_record_decision_on_their_page(watchlist, venue, officer):
    staff = make_user("staff", Role.VENUE_STAFF, venue)
    booking = booking_take(booking=flagged_booking(venue), by=officer)
    booking_request_info(booking=booking, by=officer, question="Who will chair?")
    client = browser(staff)
    page = client.get(f"/bookings/{booking.public_id}/").content.decode()

    answered = client.post(f"/bookings/{booking.public_id}/answer/", {"answer": "Our centre manager."})
    booking = dispose_all(Booking.objects.get(pk=booking.pk), officer)
    booking_advise(
        booking=booking,
        by=officer,
        advice=Advice.ADVISE_DECLINE,
        rationale="Listed speaker.",
        notes="Restricted officer note.",
    )
    missing = client.post(
        f"/bookings/{booking.public_id}/decision/",
        {
            "record_decision-outcome": "refused",
            "record_decision-grounds": "prevent",
            "record_decision-decided_by_name": "Sam",
        },
    )

    assert "Who will chair?" in page
    assert "t-per-1" not in page and "score" not in page
    assert answered.status_code == 302
    assert Booking.objects.get(pk=booking.pk).information_requests.get().answer == ("Our centre manager.")
    assert missing.status_code == 409  # a proposed decline is not advice yet
    assert "Restricted officer note" not in missing.content.decode()


def test_venue_page_is_scoped_to_the_staff_member_venues(watchlist, venue, other_venue):
    booking = flagged_booking(venue)
    stranger = make_user("stranger", Role.VENUE_STAFF, other_venue)

    response = browser(stranger).get(f"/bookings/{booking.public_id}/")

    assert response.status_code == 404


def test_prevent_refusal_without_second_person_is_refused_on_the_page(watchlist, venue, officer):
    booking = awaiting_approval_booking(venue, officer)
    booking_approve(booking=booking, by=make_officer("officer2"))
    client = browser(make_user("staff", Role.VENUE_STAFF, venue))
    fields = {
        "record_decision-outcome": "refused",
        "record_decision-grounds": "prevent",
        "record_decision-decided_by_name": "Sam Manager",
    }

    missing = client.post(f"/bookings/{booking.public_id}/decision/", fields)
    recorded = client.post(
        f"/bookings/{booking.public_id}/decision/",
        {**fields, "record_decision-second_person_name": "Alex Deputy"},
    )

    assert missing.status_code == 400
    assert "A refusal on Prevent grounds needs a second named person." in missing.content.decode()
    assert recorded.status_code == 302
    assert Booking.objects.get(pk=booking.pk).venue_decisions.get().second_person_name == ("Alex Deputy")


def test_the_page_says_what_a_false_positive_will_silence_before_it_is_recorded(watchlist, venue, officer):
    booking = booking_take(
        booking=flagged_booking(venue, ref="HB-S1", organisation="Leeds Primary School"), by=officer
    )

    page = browser(officer).get(f"/review/{booking.public_id}/").content.decode()

    assert "What recording a false positive will silence:" in page
    assert "only for a party with organisation “Leeds Primary School”" in page
    assert "on this booking only" in page


def test_a_match_discounted_by_date_of_birth_is_shown_to_the_officer(watchlist, venue, officer):
    booking = flagged_booking(venue, ref="HB-D1", date_of_birth="2001-06-30")
    assert booking.status == BookingStatus.CLEARED

    page = browser(officer).get(f"/review/{booking.public_id}/").content.decode()

    assert "Considered and discounted" in page
    assert "considered and discounted: date of birth differs (booking 2001-06-30, entry 1979-03-14)" in page


def test_a_name_that_needs_a_person_is_shown_with_the_reason(watchlist, venue, officer):
    booking = flagged_booking(venue, ref="HB-M1", speaker="Priуa Natarajan")  # Cyrillic у

    page = browser(officer).get(f"/review/{booking.public_id}/").content.decode()

    assert "Names a person must read" in page
    assert "mixes letters of different scripts inside a word" in page


def test_detail_page_words_each_pairing_rule_and_the_notes_of_the_score(watchlist, venue, officer):
    booking = flagged_booking(venue)
    match = booking.screening_runs.first().matches.get()
    match.explanation = {
        **match.explanation,
        "alignment": [
            {
                "query_token": "محمد",
                "matched_token": "muhammad",
                "how": "same_name_in_another_script",
                "similarity": 0.9,
                "query_weight": 0.2,
                "matched_weight": 0.2,
            }
        ],
        "unmatched_query_tokens": [{"token": "wang", "weight": 0.2}],
        "unmatched_matched_tokens": [{"token": "kim", "weight": 0.2}],
        "notes": [SUBSTITUTION_NOTE],
    }
    match.save(update_fields=["explanation"])

    html = browser(officer).get(f"/review/{booking.public_id}/").content.decode()

    assert "<td>the same name written in another alphabet (name list)</td>" in html
    assert "<td>wang</td><td>None</td>" in html
    assert "<td>None</td><td>kim</td>" in html
    assert "<p>Each name has a word the other does not: counted as a difference" in html


def test_a_false_positive_on_a_shared_date_of_birth_is_refused_on_the_page(watchlist, venue, officer):
    booking = booking_take(booking=flagged_booking(venue, date_of_birth="1979"), by=officer)
    match = booking.screening_runs.first().matches.get()

    response = browser(officer).post(
        action_url(booking, "dispose_match"),
        {
            "match": match.pk,
            f"m{match.pk}-match_id": match.pk,
            f"m{match.pk}-disposition": "false_positive",
            f"m{match.pk}-reason": "Not him.",
            f"m{match.pk}-discriminators": ["different_dob"],
        },
    )

    assert response.status_code == 400
    assert (
        "The party&#x27;s date of birth (1979) agrees with the entry&#x27;s (1979-03-14)"
        in response.content.decode()
    )
    assert Suppression.objects.count() == 0
