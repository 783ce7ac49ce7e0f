"""Migration 0008 re-keys the chain written under the old plain SHA-256 scheme."""

import hashlib
import json
from datetime import UTC, datetime

import pytest
from django.db import connection

from bookings.audit import GENESIS_HASH, first_broken_record, text_digest
from bookings.models import AuditRecord
from tests.helpers import migrate_to, migrate_to_latest

# Real migrations need real commits. serialized_rollback: this test's flush must leave the
# database as the other serialized transactional tests expect (see test_review_audit).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("bookings", "0007_review_loop")]
REKEY = [("bookings", "0008_audit_chain_keyed")]


def old_digest(fields: dict) -> str:
    payload = {**fields, "created_at": fields["created_at"].isoformat()}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def write_old_chain(apps, rows) -> None:
    """Records as the old code wrote them: unkeyed links, free text as SHA-256 or verbatim."""
    Record = apps.get_model("bookings", "AuditRecord")
    previous = GENESIS_HASH
    for n, (action, data) in enumerate(rows):
        fields = {
            "prev_hash": previous,
            "created_at": datetime(2026, 11, 1, 9, n, tzinfo=UTC),
            "actor": "user:officer1",
            "action": action,
            "object_type": "bookings.booking",
            "object_id": "1",
            "data": data,
        }
        previous = old_digest(fields)
        Record.objects.create(hash=previous, **fields)


OLD_ROWS = [
    ("booking.received", {"external_ref": "HB-1", "parties": 2}),
    ("booking.request_info", {"from": "in_review", "to": "info_requested", "question_sha256": "ab" * 32}),
    ("booking.withdrawn", {"from": "advised", "to": "withdrawn", "reason": "Hirer cancelled"}),
]


@pytest.fixture
def at_the_old_scheme():
    apps = migrate_to(BEFORE)
    yield apps
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM bookings_audit_record")  # a broken chain would stop the way back
    migrate_to_latest()


def test_the_old_chain_is_rekeyed_and_its_free_text_digested_under_the_secret(at_the_old_scheme):
    write_old_chain(at_the_old_scheme, OLD_ROWS)

    migrate_to(REKEY)

    assert first_broken_record() is None
    records = list(AuditRecord.objects.order_by("id"))
    assert [r.action for r in records] == [action for action, _ in OLD_ROWS]
    assert records[1].data == {
        "from": "in_review",
        "to": "info_requested",
        "question_hmac": records[1].data["question_hmac"],
    }
    assert records[1].data["question_hmac"] != "ab" * 32
    assert records[2].data == {
        "from": "advised",
        "to": "withdrawn",
        "reason_hmac": text_digest("Hirer cancelled"),
    }


def test_an_old_chain_that_does_not_verify_is_not_rekeyed(at_the_old_scheme):
    write_old_chain(at_the_old_scheme, OLD_ROWS)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE bookings_audit_record SET actor = 'user:x' WHERE action = 'booking.withdrawn'")

    with pytest.raises(RuntimeError, match="does not verify under the old scheme"):
        migrate_to(REKEY)
