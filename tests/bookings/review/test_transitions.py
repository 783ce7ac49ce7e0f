"""Each review transition: allowed from its source status, refused elsewhere
(TransitionNotAllowed, status unchanged), and refused to the wrong caller."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django_fsm import TransitionNotAllowed

from bookings.enums import Advice, BookingStatus, VenueDecisionOutcome
from bookings.models import Booking
from bookings.review.jobs import bookings_close_past
from bookings.review.services import (
    booking_advise,
    booking_answer_info,
    booking_approve,
    booking_dispose_match,
    booking_expedite,
    booking_record_decision,
    booking_reject_approval,
    booking_request_info,
    booking_request_review,
    booking_take,
)
from bookings.roles import Role
from screening.enums import Disposition
from tests.factories.bookings import make_user
from tests.factories.review import (
    advised_booking,
    awaiting_approval_booking,
    dispose_all,
    flagged_booking,
    in_review_booking,
    info_requested_booking,
    make_officer,
)

pytestmark = pytest.mark.django_db


@dataclass
class People:
    officer: object
    second: object
    staff: object


@pytest.fixture
def people(venue):
    return People(
        make_officer("officer1"), make_officer("officer2"), make_user("staff", Role.VENUE_STAFF, venue)
    )


def wrong_status_booking(action, venue, people):
    """A booking in a status the action is not allowed from."""
    if action in ("record_decision", "request_review"):
        return flagged_booking(venue, ref="WRONG-1")
    return advised_booking(venue, people.officer, ref="WRONG-1")


def ready_to_advise(venue, people):
    return dispose_all(in_review_booking(venue, people.officer), people.officer)


def first_match_id(booking):
    return booking.screening_runs.first().matches.first().pk


# action: (setup in an allowed status, call, status after, a caller who may not)
TRANSITIONS = {
    "take": (
        lambda v, p: flagged_booking(v),
        lambda b, p: booking_take(booking=b, by=p.officer),
        BookingStatus.IN_REVIEW,
        "staff",
    ),
    "request_info": (
        lambda v, p: in_review_booking(v, p.officer),
        lambda b, p: booking_request_info(booking=b, by=p.officer, question="Who chairs?"),
        BookingStatus.INFO_REQUESTED,
        "second",
    ),
    "answer_info": (
        lambda v, p: info_requested_booking(v, p.officer),
        lambda b, p: booking_answer_info(booking=b, by=p.staff, answer="The centre manager."),
        BookingStatus.IN_REVIEW,
        "officer",
    ),
    "dispose_match": (
        lambda v, p: in_review_booking(v, p.officer),
        lambda b, p: booking_dispose_match(
            booking=b,
            by=p.officer,
            match_id=first_match_id(b),
            disposition=Disposition.POSSIBLE_MATCH,
            reason="Same name, no other detail.",
            discriminators=[],
        ),
        BookingStatus.IN_REVIEW,
        "staff",
    ),
    "advise": (
        ready_to_advise,
        lambda b, p: booking_advise(
            booking=b, by=p.officer, advice=Advice.NO_CONCERNS, rationale="Not the listed person."
        ),
        BookingStatus.ADVISED,
        "second",
    ),
    "approve": (
        lambda v, p: awaiting_approval_booking(v, p.officer),
        lambda b, p: booking_approve(booking=b, by=p.second),
        BookingStatus.ADVISED,
        "officer",
    ),
    "reject_approval": (
        lambda v, p: awaiting_approval_booking(v, p.officer),
        lambda b, p: booking_reject_approval(booking=b, by=p.second, reason="Evidence is thin."),
        BookingStatus.IN_REVIEW,
        "officer",
    ),
    "record_decision": (
        lambda v, p: advised_booking(v, p.officer),
        lambda b, p: booking_record_decision(
            booking=b, by=p.staff, outcome=VenueDecisionOutcome.APPROVED, decided_by_name="Sam Manager"
        ),
        BookingStatus.ADVISED,
        "officer",
    ),
    "request_review": (
        lambda v, p: advised_booking(v, p.officer, advice=Advice.PROCEED_WITH_CONDITIONS),
        lambda b, p: booking_request_review(booking=b, by=p.staff, reason="The hirer disagrees."),
        BookingStatus.FLAGGED,
        "officer",
    ),
    "expedite": (
        lambda v, p: flagged_booking(v, late=True),
        lambda b, p: booking_expedite(booking=b, by=p.staff, reason="Event in six days."),
        BookingStatus.FLAGGED,
        "officer",
    ),
}


@pytest.mark.parametrize("action", TRANSITIONS)
def test_transition_allowed_from_its_source_status(action, watchlist, venue, people):
    setup, call, expected, _ = TRANSITIONS[action]
    booking = setup(venue, people)

    call(booking, people)

    assert Booking.objects.get(pk=booking.pk).status == expected


@pytest.mark.parametrize("action", TRANSITIONS)
def test_transition_refused_from_other_status_leaves_it_unchanged(action, watchlist, venue, people):
    _, call, _, _ = TRANSITIONS[action]
    booking = wrong_status_booking(action, venue, people)
    before = booking.status

    with pytest.raises(TransitionNotAllowed):
        call(booking, people)

    assert Booking.objects.get(pk=booking.pk).status == before


@pytest.mark.parametrize("action", TRANSITIONS)
def test_transition_forbidden_to_the_wrong_caller(action, watchlist, venue, people):
    setup, call, _, wrong = TRANSITIONS[action]
    booking = setup(venue, people)
    before = Booking.objects.get(pk=booking.pk).status
    impostor = People(
        officer=getattr(people, wrong), second=getattr(people, wrong), staff=getattr(people, wrong)
    )

    with pytest.raises(PermissionDenied):
        call(booking, impostor)

    assert Booking.objects.get(pk=booking.pk).status == before


def test_staff_of_another_venue_cannot_answer(watchlist, venue, other_venue, people):
    booking = info_requested_booking(venue, people.officer)
    stranger = make_user("stranger", Role.VENUE_STAFF, other_venue)

    with pytest.raises(PermissionDenied):
        booking_answer_info(booking=booking, by=stranger, answer="Not mine.")


def past(booking, **kw):
    """Move the event into the past (a raw update: the event dates are not the state)."""
    Booking.objects.filter(pk=booking.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1)
    )


def test_event_passing_under_review_lapses_never_advises(watchlist, venue, people):
    booking = in_review_booking(venue, people.officer)
    past(booking)

    counts = bookings_close_past()

    booking.refresh_from_db()
    assert counts == {"lapsed": 1, "closed": 0}
    assert (booking.status, booking.advice) == (BookingStatus.LAPSED, None)


def test_event_passing_after_advice_closes(watchlist, venue, people):
    booking = advised_booking(venue, people.officer)
    past(booking)

    counts = bookings_close_past()

    booking.refresh_from_db()
    assert counts == {"lapsed": 0, "closed": 1}
    assert (booking.status, booking.advice) == (BookingStatus.CLOSED, Advice.NO_CONCERNS)


def test_close_refused_while_event_is_ahead(watchlist, venue, people):
    booking = in_review_booking(venue, people.officer)

    with pytest.raises(TransitionNotAllowed):
        booking.close()
    counts = bookings_close_past()

    assert counts == {"lapsed": 0, "closed": 0}
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.IN_REVIEW


def test_lapse_refused_for_an_advised_booking(watchlist, venue, people):
    booking = advised_booking(venue, people.officer)

    with pytest.raises(TransitionNotAllowed):
        booking.lapse()

    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.ADVISED
