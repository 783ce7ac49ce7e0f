"""The audit trail of the review: every step recorded, tampering detected,
and two officers acting at once leaving one winner and an intact chain."""

import threading

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from bookings.audit import first_broken_record
from bookings.enums import BookingStatus
from bookings.models import AuditRecord, Booking
from bookings.review.services import booking_take
from tests.factories.review import advised_booking, flagged_booking, make_officer

pytestmark = pytest.mark.django_db


def test_review_journey_is_fully_audited(watchlist, venue):
    advised_booking(venue, make_officer("officer1"))

    actions = list(
        AuditRecord.objects.filter(object_type="bookings.booking").values_list("action", flat=True)
    )

    assert actions == [
        "booking.received",
        "booking.screened",
        "booking.take",
        "booking.dispose_match",
        "booking.advise",
    ]
    assert first_broken_record() is None


def test_verify_audit_detects_a_row_tampered_with_raw_sql(watchlist, venue):
    advised_booking(venue, make_officer("officer1"))
    target = AuditRecord.objects.get(action="booking.advise")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE bookings_audit_record SET actor = %s WHERE id = %s", ["user:someone-else", target.pk]
        )

    with pytest.raises(CommandError) as error:
        call_command("verify_audit")

    assert str(error.value).startswith(f"audit record {target.pk} (booking.advise at ")


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL: SQLite serialises all writers, so the race cannot happen there",
)
# Real commits from two threads; serialized_rollback restores the seeded condition list.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_officers_taking_at_once_leave_one_winner(watchlist, venue):
    officers = [make_officer("officer1"), make_officer("officer2")]
    booking = flagged_booking(venue)
    barrier = threading.Barrier(2)
    outcomes = []

    def take(officer):
        try:
            barrier.wait()
            booking_take(booking=Booking.objects.get(pk=booking.pk), by=officer)
            outcomes.append("won")
        except (TransitionNotAllowed, ConcurrentTransition):
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take, args=(o,)) for o in officers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    booking.refresh_from_db()
    assert sorted(outcomes) == ["refused", "won"]
    assert booking.status == BookingStatus.IN_REVIEW
    assert AuditRecord.objects.filter(action="booking.take").count() == 1
    assert first_broken_record() is None
