"""The review's free text is purged with the booking, and the audit never held it."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from bookings.audit import first_broken_record
from bookings.enums import Advice, VenueDecisionOutcome
from bookings.models import (
    AuditRecord,
    Booking,
    InformationRequest,
    ReviewRequest,
    VenueDecision,
    WebhookDelivery,
)
from bookings.privacy import personal_data_purge
from bookings.review.services import (
    booking_advise,
    booking_answer_info,
    booking_record_decision,
    booking_request_info,
    booking_request_review,
)
from bookings.roles import Role
from screening.models import Match
from tests.factories.bookings import give_webhook, make_user
from tests.factories.review import dispose_all, in_review_booking, make_officer

pytestmark = pytest.mark.django_db

SECRETS = [
    "Quillfeather rationale",
    "Quillfeather notes",
    "Quillfeather question",
    "Quillfeather answer",
    "Quillfeather Manager",
    "Quillfeather review",
    "Checked against",
]


def reviewed_booking(venue):
    officer = make_officer("officer1")
    staff = make_user("staff", Role.VENUE_STAFF, venue)
    give_webhook(venue, "http://127.0.0.1:9/hook")
    booking = in_review_booking(venue, officer)
    booking_request_info(booking=booking, by=officer, question=SECRETS[2])
    booking_answer_info(booking=booking, by=staff, answer=SECRETS[3])
    dispose_all(booking, officer)
    booking_advise(
        booking=booking,
        by=officer,
        advice=Advice.PROCEED_WITH_CONDITIONS,
        rationale=SECRETS[0],
        notes=SECRETS[1],
        conditions=["recording"],
    )
    booking_record_decision(
        booking=booking, by=staff, outcome=VenueDecisionOutcome.APPROVED, decided_by_name=SECRETS[4]
    )
    booking_request_review(booking=booking, by=staff, reason=SECRETS[5])
    return booking


def stored_text(booking) -> str:
    return json.dumps(
        [
            list(Booking.objects.filter(pk=booking.pk).values()),
            list(Match.objects.filter(run__booking=booking).values()),
            list(InformationRequest.objects.filter(booking=booking).values()),
            list(VenueDecision.objects.filter(booking=booking).values()),
            list(ReviewRequest.objects.filter(booking=booking).values()),
            list(WebhookDelivery.objects.filter(booking=booking).values()),
        ],
        default=str,
    )


def test_audit_records_hold_no_review_free_text(watchlist, venue):
    reviewed_booking(venue)

    audit = json.dumps(list(AuditRecord.objects.values("data")))

    for text in SECRETS:
        assert text not in audit


def test_purge_blanks_the_review_free_text(watchlist, venue, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    booking = reviewed_booking(venue)
    assert all(text in stored_text(booking) for text in SECRETS[:6])
    ended = timezone.now() - timedelta(days=31)
    Booking.objects.filter(pk=booking.pk).update(starts_at=ended - timedelta(hours=2), ends_at=ended)

    assert personal_data_purge(by=None).bookings == 1

    stored = stored_text(booking)
    for text in SECRETS:
        assert text not in stored
    assert first_broken_record() is None
