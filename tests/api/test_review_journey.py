"""Whole journeys through the API: the venue's system on its key, officers on
their sessions, the venue told by a real local webhook receiver and e-mail."""

import hashlib
import hmac
import json

import pytest
from django.core import mail

from bookings.enums import DeliveryStatus
from bookings.models import Booking, ReviewRequest, WebhookDelivery
from tests.factories.bookings import booking_payload, give_webhook
from tests.factories.review import LISTED_SPEAKER, make_officer
from tests.helpers import session_client

pytestmark = pytest.mark.django_db


_capture = None


@pytest.fixture(autouse=True)
def _commit_hooks(django_capture_on_commit_callbacks):
    global _capture
    _capture = django_capture_on_commit_callbacks


def committed(request):
    """Make a request and run its on-commit work (queueing webhooks, e-mail) as a
    real commit would; the test's own wrapping transaction never commits."""
    with _capture(execute=True):
        return request()


@pytest.fixture
def receiver(httpserver, venue, webhooks_to_loopback):
    """The venue's webhook endpoint: a real HTTP server on loopback."""
    give_webhook(venue, httpserver.url_for("/hooks/venue-check"))
    venue.contact_email = "bookings@riverside.example"
    venue.save()
    httpserver.expect_request("/hooks/venue-check", method="POST").respond_with_data("ok")
    return httpserver


def submit(api, ref="HB-7", speakers=(LISTED_SPEAKER,), parties=None) -> dict:
    payload = booking_payload(ref, speakers=speakers)
    if parties is not None:
        payload["parties"] = parties
    response = committed(lambda: api.post("/api/v1/bookings/", payload, format="json"))
    assert response.status_code == 201
    return response.json()


def post(client, booking_id, action, body=None) -> dict:
    response = committed(
        lambda: client.post(f"/api/v1/bookings/{booking_id}/{action}/", body or {}, format="json")
    )
    assert response.status_code == 200, response.content
    return response.json()


def judge_matches(officer_client, booking_id, disposition="possible_match"):
    detail = officer_client.get(f"/api/v1/bookings/{booking_id}/").json()
    for match in detail["matches"]:
        if not match["suppressed"]:
            body = {"match_id": match["id"], "disposition": disposition, "reason": "Checked."}
            if disposition == "false_positive":
                body["discriminators"] = ["different_organisation"]
            post(officer_client, booking_id, "dispose_match", body)


def test_flag_take_ask_answer_advise_with_conditions(watchlist, venue, api, receiver):
    officer = session_client(make_officer("officer1"))
    booking = submit(api)
    assert booking["status"] == "flagged"

    post(officer, booking["id"], "take")
    asked = post(officer, booking["id"], "request_info", {"question": "Who will chair the talk?"})
    answered = post(api, booking["id"], "answer_info", {"answer": "An independent councillor."})
    judge_matches(officer, booking["id"])
    advised = post(
        officer,
        booking["id"],
        "advise",
        {
            "advice": "proceed_with_conditions",
            "rationale": "A speaker shares a name with a listed person; the talk may go ahead.",
            "notes": "RESTRICTED: cross-checked with regional team.",
            "conditions": ["independent-chair", "recording"],
            "conditions_text": "Stewards at doors.",
        },
    )

    assert (asked["status"], answered["status"], advised["status"]) == (
        "info_requested",
        "in_review",
        "advised",
    )
    venue_view = api.get(f"/api/v1/bookings/{booking['id']}/").json()
    assert venue_view["advice"] == "proceed_with_conditions"
    assert [c["code"] for c in venue_view["advice_conditions"]] == ["independent-chair", "recording"]
    assert venue_view["information_requests"][0]["answer"] == "An independent councillor."
    deliveries = WebhookDelivery.objects.order_by("id")
    assert [(d.event, d.status) for d in deliveries] == [
        ("booking.information_requested", DeliveryStatus.DELIVERED),
        ("booking.advice_changed", DeliveryStatus.DELIVERED),
    ]
    request, _ = receiver.log[-1]
    body = request.get_data()
    timestamp = request.headers["X-Venue-Check-Timestamp"]
    key = venue.webhook_secret.encode()
    expected = hmac.new(key, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    assert request.headers["X-Venue-Check-Signature"] == f"sha256={expected}"
    assert json.loads(body)["booking"]["advice"] == "proceed_with_conditions"
    assert b"RESTRICTED" not in body and b"Vexley" not in body
    assert [m.subject for m in mail.outbox] == [
        "The Prevent Officer has a question about booking HB-7",
        "Advice on booking HB-7",
    ]
    assert "RESTRICTED" not in mail.outbox[1].body
    assert mail.outbox[1].to == ["bookings@riverside.example"]


def test_decline_needs_a_second_officer_then_review_by_a_third(watchlist, venue, api, receiver):
    first, second = make_officer("officer1"), make_officer("officer2")
    first_client, second_client = session_client(first), session_client(second)
    booking = submit(api)
    post(first_client, booking["id"], "take")
    judge_matches(first_client, booking["id"], "true_match")

    proposed = post(
        first_client,
        booking["id"],
        "advise",
        {"advice": "advise_decline", "rationale": "The speaker is a listed person."},
    )
    own = first_client.post(f"/api/v1/bookings/{booking['id']}/approve/", {}, format="json")
    approved = post(second_client, booking["id"], "approve")

    assert (proposed["status"], proposed["advice"]) == ("awaiting_approval", None)
    assert own.status_code == 403
    assert (approved["status"], approved["advice"]) == ("advised", "advise_decline")
    assert len(receiver.log) == 1  # the venue heard only once advice was final

    reviewed = post(api, booking["id"], "request_review", {"reason": "The hirer says it is a mix-up."})
    refused = first_client.post(f"/api/v1/bookings/{booking['id']}/take/", {}, format="json")
    post(second_client, booking["id"], "take")
    advised = post(
        second_client,
        booking["id"],
        "advise",
        {"advice": "no_concerns", "rationale": "On review, a different person."},
    )

    assert reviewed["status"] == "flagged"
    assert refused.status_code == 403
    assert advised["advice"] == "no_concerns"
    review = ReviewRequest.objects.get()
    assert (review.outcome, review.handled_by, review.original_officer) == ("changed", second, first)


def test_prevent_refusal_needs_a_second_named_person(watchlist, venue, api):
    officer = make_officer("officer1")
    client = session_client(officer)
    booking = submit(api)
    post(client, booking["id"], "take")
    judge_matches(client, booking["id"], "true_match")
    post(client, booking["id"], "advise", {"advice": "advise_decline", "rationale": "Listed."})
    post(session_client(make_officer("officer2")), booking["id"], "approve")
    decision = {"outcome": "refused", "grounds": "prevent", "decided_by_name": "Sam Manager"}

    missing = api.post(f"/api/v1/bookings/{booking['id']}/record_decision/", decision, format="json")
    recorded = post(api, booking["id"], "record_decision", {**decision, "second_person_name": "Alex Deputy"})

    assert missing.status_code == 400
    assert missing.json() == {
        "second_person_name": ["A refusal on Prevent grounds needs a second named person."]
    }
    assert recorded["venue_decisions"][0]["grounds"] == "prevent"
    assert recorded["venue_decisions"][0]["second_person_name"] == "Alex Deputy"


def test_cleared_false_positive_does_not_realert_for_the_same_speaker(watchlist, venue, api):
    client = session_client(make_officer("officer1"))
    speaker = {
        "name": LISTED_SPEAKER,
        "kind": "person",
        "role": "speaker",
        "organisation": "Leeds Primary School",
    }
    first = submit(api, ref="FIRST", parties=[speaker])
    post(client, first["id"], "take")
    judge_matches(client, first["id"], "false_positive")
    post(client, first["id"], "advise", {"advice": "no_concerns"})

    second = submit(api, ref="SECOND", parties=[speaker])

    assert second["status"] == "cleared"
    detail = client.get(f"/api/v1/bookings/{second['id']}/").json()
    assert [(m["matched_name"], m["suppressed"]) for m in detail["matches"]] == [
        ("Dorian Vexley-Marsh", True)
    ]
    listed = client.get("/api/v1/suppressions/").json()
    assert [s["entry_id"] for s in listed["results"]] == ["t-per-1"]


def test_advised_booking_is_reopened_by_a_changed_party(watchlist, venue, api, receiver):
    client = session_client(make_officer("officer1"))
    booking = submit(api, speakers=("Jane Greenwood",))
    assert booking["status"] == "cleared"
    booking = submit(api, ref="HB-8")
    post(client, booking["id"], "take")
    judge_matches(client, booking["id"])
    post(client, booking["id"], "advise", {"advice": "no_concerns"})

    changed = committed(
        lambda: api.patch(
            f"/api/v1/bookings/{booking['id']}/",
            {
                "parties": [
                    {"name": LISTED_SPEAKER, "kind": "person", "role": "speaker"},
                    {"name": "Corwin Hallstrand", "kind": "person", "role": "speaker"},
                ]
            },
            format="json",
        )
    )

    assert changed.status_code == 200
    assert (changed.json()["status"], changed.json()["advice"]) == ("flagged", None)
    reopened = Booking.objects.get(external_ref="HB-8")
    assert reopened.review_opened_at is not None and reopened.assigned_to is not None
    told = [json.loads(request.get_data())["booking"] for request, _ in receiver.log]
    assert [(b["status"], b["advice"]) for b in told] == [("advised", "no_concerns"), ("flagged", None)]
