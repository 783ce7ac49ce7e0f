"""The review over HTTP: one POST per transition, 409 with the allowed actions,
403 for the wrong caller, and what each kind of caller may see."""

from datetime import timedelta

import pytest

from bookings.enums import Advice, BookingStatus
from bookings.intake.screening import booking_screen
from bookings.models import AuditRecord, Booking
from screening.enums import ScreeningTrigger
from screening.models import Suppression
from tests.factories.review import (
    advised_booking,
    awaiting_approval_booking,
    flagged_booking,
    in_review_booking,
)
from tests.helpers import session_client

pytestmark = pytest.mark.django_db


def url(booking, action="") -> str:
    return f"/api/v1/bookings/{booking.public_id}/" + (f"{action}/" if action else "")


# action: (body, caller kind, allowed actions that caller has on an advised no-concerns booking)
# An officer never withdraws a venue's booking; only a duplicate or test, as an officer action.
OFFICER_ON_ADVISED = ["officer_withdraw"]
STAFF_ON_ADVISED = ["record_decision", "withdraw"]
ACTIONS = {
    "take": ({}, "officer", OFFICER_ON_ADVISED),
    "request_info": ({"question": "Who chairs?"}, "officer", OFFICER_ON_ADVISED),
    "answer_info": ({"answer": "The manager."}, "staff", STAFF_ON_ADVISED),
    "dispose_match": (
        {"match_id": 1, "disposition": "possible_match", "reason": "Same name."},
        "officer",
        OFFICER_ON_ADVISED,
    ),
    "advise": ({"advice": "no_concerns"}, "officer", OFFICER_ON_ADVISED),
    "approve": ({}, "officer", OFFICER_ON_ADVISED),
    "reject_approval": ({"reason": "Thin."}, "officer", OFFICER_ON_ADVISED),
    "request_review": ({"reason": "The hirer disagrees."}, "staff", STAFF_ON_ADVISED),
    "expedite": ({"reason": "Soon."}, "staff", STAFF_ON_ADVISED),
}


@pytest.mark.parametrize("action", ACTIONS)
def test_action_from_wrong_status_is_409_listing_allowed_actions(action, watchlist, venue, officer, staff):
    body, caller, allowed = ACTIONS[action]
    booking = advised_booking(venue, officer)
    client = session_client(officer if caller == "officer" else staff)

    response = client.post(url(booking, action), body, format="json")

    assert response.status_code == 409
    assert response.json() == {
        "detail": "Not allowed from status 'advised'.",
        "status": "advised",
        "allowed_actions": allowed,
    }


def test_record_decision_from_wrong_status_is_409(watchlist, venue, staff):
    booking = flagged_booking(venue, late=True)

    response = session_client(staff).post(
        url(booking, "record_decision"), {"outcome": "approved", "decided_by_name": "Sam"}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["allowed_actions"] == ["expedite", "withdraw"]


def test_venue_cannot_take_a_booking(watchlist, venue, api):
    booking = flagged_booking(venue)

    response = api.post(url(booking, "take"), {}, format="json")

    assert response.status_code == 403
    assert response.json() == {"detail": "You may not take this booking."}


def test_officer_cannot_approve_own_decline(watchlist, venue, officer):
    booking = awaiting_approval_booking(venue, officer)

    response = session_client(officer).post(url(booking, "approve"), {}, format="json")

    assert response.status_code == 403
    booking.refresh_from_db()
    assert booking.status == BookingStatus.AWAITING_APPROVAL


def test_other_venue_cannot_see_or_act_on_booking(watchlist, venue, other_api):
    booking = flagged_booking(venue)

    response = other_api.post(url(booking, "expedite"), {"reason": "x"}, format="json")

    assert response.status_code == 404


def test_advise_with_missing_rationale_is_400_and_changes_nothing(watchlist, venue, officer):
    booking = in_review_booking(venue, officer)
    match = booking.screening_runs.first().matches.get()
    client = session_client(officer)
    client.post(
        url(booking, "dispose_match"),
        {"match_id": match.pk, "disposition": "possible_match", "reason": "Same name."},
        format="json",
    )

    response = client.post(
        url(booking, "advise"),
        {"advice": "proceed_with_conditions", "conditions": ["nonsense"]},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "rationale": ["Explain the advice to the venue."],
        "conditions": ["Unknown or retired conditions: nonsense."],
    }
    booking.refresh_from_db()
    assert (booking.status, booking.advice) == (BookingStatus.IN_REVIEW, None)


def test_advise_before_judging_every_match_is_400(watchlist, venue, officer):
    booking = in_review_booking(venue, officer)
    match = booking.screening_runs.first().matches.get()

    response = session_client(officer).post(url(booking, "advise"), {"advice": "no_concerns"}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "matches": [f"Record a disposition for every match first (match [{match.pk}])."]
    }


def test_officer_detail_shows_matches_and_audits_the_look(watchlist, venue, officer):
    booking = in_review_booking(venue, officer)

    response = session_client(officer).get(url(booking))

    body = response.json()
    assert response.status_code == 200
    assert [m["matched_name"] for m in body["matches"]] == ["Dorian Vexley-Marsh"]
    match = body["matches"][0]
    assert match["entry"]["entry_id"] == "t-per-1"
    assert match["entry"]["source"] == "test-watchlist"
    assert match["entry"]["source_version"] == 1
    assert (match["suppressed"], match["disposition"]) == (False, "")
    assert body["assigned_to"] == "officer1"
    assert body["allowed_actions"] == ["request_info", "dispose_match", "advise", "officer_withdraw"]
    views = AuditRecord.objects.filter(action="booking.match_details_viewed")
    assert list(views.values_list("actor", flat=True)) == ["user:officer1"]


@pytest.mark.parametrize("caller", ["api_key", "staff"])
def test_venue_never_sees_match_details_or_restricted_notes(caller, watchlist, venue, officer, api, staff):
    booking = advised_booking(venue, officer, advice=Advice.PROCEED_WITH_CONDITIONS)
    client = api if caller == "api_key" else session_client(staff)

    detail = client.get(url(booking))
    listing = client.get("/api/v1/bookings/")

    for text in (detail.content.decode(), listing.content.decode()):
        assert "Restricted note" not in text
        assert "Vexley" in text  # the venue's own speaker, as submitted
        assert "t-per-1" not in text and "matches" not in text and "officer_notes" not in text
    body = detail.json()
    assert body["advice"] == "proceed_with_conditions"
    assert body["advice_rationale"] == "Plain-English rationale for the venue."
    assert body["advice_conditions"] == [{"code": "stewarding", "label": "Adequate stewarding"}]


def test_proposed_decline_rationale_stays_with_officers(watchlist, venue, officer, api):
    booking = awaiting_approval_booking(venue, officer)

    body = api.get(url(booking)).json()

    # Only declines wait for a second officer: the venue is told "in review", as for any review.
    assert (body["status"], body["advice"], body["advice_rationale"]) == ("in_review", None, "")


def test_queue_filters_and_orders_by_event_date(watchlist, venue, other_venue, officer):
    later = flagged_booking(venue, ref="LATER")
    sooner = flagged_booking(other_venue, ref="SOONER")
    Booking.objects.filter(pk=sooner.pk).update(
        starts_at=later.starts_at - timedelta(days=3), ends_at=later.starts_at - timedelta(days=2)
    )
    flagged_booking(venue, ref="CLEAN", speaker="Jane Greenwood")
    client = session_client(officer)

    queue = client.get("/api/v1/bookings/?status=flagged").json()
    by_venue = client.get("/api/v1/bookings/?status=flagged&venue=hilltop").json()
    by_source = client.get("/api/v1/bookings/?source=test-watchlist").json()
    unassigned = client.get("/api/v1/bookings/?assigned_to=none&status=flagged").json()

    assert [b["external_ref"] for b in queue["results"]] == ["SOONER", "LATER"]
    assert queue["count"] == 2
    assert [b["external_ref"] for b in by_venue["results"]] == ["SOONER"]
    assert [b["external_ref"] for b in by_source["results"]] == ["SOONER", "LATER"]
    assert unassigned["count"] == 2
    assert queue["results"][0]["matches"] is None  # match details only on the detail page
    assert queue["results"][0]["waiting_seconds"] >= 0
    assert queue["results"][0]["overdue"] is False


@pytest.mark.parametrize("rows", [1, 3])
def test_officer_queue_query_count_does_not_grow_with_rows(
    rows, watchlist, venue, officer, django_assert_num_queries
):
    for n in range(rows):
        flagged_booking(venue, ref=f"Q-{n}")
    client = session_client(officer)

    with django_assert_num_queries(10):
        response = client.get("/api/v1/bookings/?status=flagged")

    assert response.json()["count"] == rows


def test_a_false_positive_resting_on_a_date_of_birth_the_entry_shares_is_400_and_writes_nothing(
    watchlist, venue, officer
):
    # The listed entry t-per-1 is born 1979-03-14; the careless officer says "different date of birth".
    booking = in_review_booking(venue, officer)
    Booking.objects.get(pk=booking.pk).parties.filter(role="speaker").update(date_of_birth="1979-03-14")
    booking_screen(booking=booking, trigger=ScreeningTrigger.MANUAL)
    match = booking.screening_runs.first().matches.get()
    records = AuditRecord.objects.count()

    response = session_client(officer).post(
        url(booking, "dispose_match"),
        {
            "match_id": match.pk,
            "disposition": "false_positive",
            "reason": "Not him.",
            "discriminators": ["different_dob"],
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "discriminators": [
            "The party's date of birth (1979-03-14) agrees with the entry's (1979-03-14), so it does not "
            "show they are different people. Say what does."
        ]
    }
    match.refresh_from_db()
    assert (match.disposition, Suppression.objects.count(), AuditRecord.objects.count()) == ("", 0, records)
