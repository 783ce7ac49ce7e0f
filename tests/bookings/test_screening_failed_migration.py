"""Migration 0015 marks the bookings whose screening failed at intake before the field
existed, from their `booking.screening_failed` audit records, and no other booking."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from bookings.models import Booking
from tests.helpers import migrate_to, migrate_to_latest

# Real migrations need real commits; serialized_rollback as tests/bookings/test_audit_migration.py.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("bookings", "0014_audit_head")]
AFTER = [("bookings", "0015_booking_screening_failed_at")]
FAILED_AT = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def before_the_field():
    apps = migrate_to(BEFORE)
    yield apps
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM bookings_audit_record")  # not a chain: the way back must not check it
    migrate_to_latest()


def old_booking(apps, venue, ref: str):
    starts = datetime(2026, 12, 5, 18, 0, tzinfo=UTC)
    return apps.get_model("bookings", "Booking").objects.create(
        venue=venue,
        external_ref=ref,
        title="Talk",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        status="flagged",
        flagged_at=FAILED_AT,
    )


def test_bookings_whose_screening_failed_are_marked_from_the_audit_trail(before_the_field):
    apps = before_the_field
    venue = apps.get_model("bookings", "Venue").objects.create(name="Hall", slug="hall")
    failed, flagged = old_booking(apps, venue, "FAILED"), old_booking(apps, venue, "FLAGGED")
    record = apps.get_model("bookings", "AuditRecord")
    for n, (action, booking) in enumerate(
        [("booking.screening_failed", failed), ("booking.screened", flagged)]
    ):
        record.objects.create(
            created_at=FAILED_AT,
            actor="system",
            action=action,
            object_type="bookings.booking",
            object_id=str(booking.pk),
            data={},
            prev_hash=str(n),
            hash=f"h{n}",
        )

    migrate_to(AFTER)

    marked = dict(Booking.objects.values_list("external_ref", "screening_failed_at"))
    assert marked == {"FAILED": FAILED_AT, "FLAGGED": None}
