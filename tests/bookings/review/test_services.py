"""The review state machine through its services: allowed, refused, forbidden."""

import pytest
from django.core.exceptions import PermissionDenied

from bookings.enums import Advice, BookingStatus
from bookings.models import AuditRecord
from bookings.review.services import booking_advise, booking_answer_info, booking_approve, booking_take
from bookings.roles import Role
from tests.factories.bookings import make_user
from tests.factories.review import (
    awaiting_approval_booking,
    dispose_all,
    flagged_booking,
    info_requested_booking,
)

pytestmark = pytest.mark.django_db


def test_flagged_booking_is_taken_by_an_officer(watchlist, venue, officer):
    booking = flagged_booking(venue)

    booking = booking_take(booking=booking, by=officer)

    booking.refresh_from_db()
    assert booking.status == BookingStatus.IN_REVIEW
    assert booking.assigned_to == officer
    assert AuditRecord.objects.filter(action="booking.take").count() == 1


def test_journey_to_advice_with_conditions(watchlist, venue, officer):
    booking = info_requested_booking(venue, officer)
    venue_staff = make_user("staff", Role.VENUE_STAFF, venue)

    booking = booking_answer_info(booking=booking, by=venue_staff, answer="Only this speaker.")
    booking = dispose_all(booking, officer)
    booking = booking_advise(
        booking=booking,
        by=officer,
        advice=Advice.PROCEED_WITH_CONDITIONS,
        rationale="Public talk by a possibly listed speaker.",
        notes="Restricted",
        conditions=["independent-chair", "recording"],
    )

    booking.refresh_from_db()
    assert booking.status == BookingStatus.ADVISED
    assert booking.advice == Advice.PROCEED_WITH_CONDITIONS
    assert sorted(booking.advice_conditions.values_list("code", flat=True)) == [
        "independent-chair",
        "recording",
    ]
    assert booking.information_requests.get().answer == "Only this speaker."


def test_decline_needs_a_second_officer(watchlist, venue, officer, second_officer):
    booking = awaiting_approval_booking(venue, officer)
    assert booking.status == BookingStatus.AWAITING_APPROVAL
    assert booking.advice is None

    with pytest.raises(PermissionDenied):
        booking_approve(booking=booking, by=officer)
    booking = booking_approve(booking=booking, by=second_officer)

    booking.refresh_from_db()
    assert (booking.status, booking.advice) == (BookingStatus.ADVISED, Advice.ADVISE_DECLINE)
    assert (booking.advised_by, booking.approved_by) == (officer, second_officer)
