"""The append-only, hash-chained audit log.

Every record stores the hash of the one before it, so altering or deleting
any record breaks the chain from that point; `verify_audit` finds the break.
Records are written inside the caller's transaction: if the change rolls
back, so does its audit record.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from .callers import actor_of
from .models import AuditRecord

GENESIS_HASH = "0" * 64
# Any constant: serialises writers to the chain on PostgreSQL.
_CHAIN_LOCK_ID = 7_262_001


def record_digest(record: AuditRecord) -> str:
    payload = {
        "prev_hash": record.prev_hash,
        "created_at": record.created_at.isoformat(),
        "actor": record.actor,
        "action": record.action,
        "object_type": record.object_type,
        "object_id": record.object_id,
        "data": record.data,
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class AuditEntry:
    """One record to append; `audit_records` writes several under one chain lock."""

    actor: str
    action: str
    target: Any = None
    object_type: str = ""
    data: dict | None = None


def text_digest(text: str) -> str:
    """What the audit keeps of free text: its SHA-256. The text itself lives in
    the rows, which are purged after retention; the digest still proves it."""
    return hashlib.sha256(text.encode()).hexdigest()


def audit_record(*, by, action: str, target=None, object_type: str = "", data=None) -> AuditRecord:
    """Append one record to the chain, labelled with the caller `by`. Must run inside a transaction."""
    return audit_records([AuditEntry(actor_of(by), action, target, object_type, data)])[0]


def screening_audit_write(
    *, by, action: str, target, object_type: str, data: dict, free_text: dict[str, str]
) -> AuditRecord:
    """The writer `screening` calls through its hook (registered in BookingsConfig.ready)."""
    digests = {f"{key}_sha256": text_digest(text) for key, text in free_text.items()}
    return audit_record(
        by=by, action=action, target=target, object_type=object_type, data={**data, **digests}
    )


def audit_records(entries: list[AuditEntry]) -> list[AuditRecord]:
    """Append records to the chain in order, taking the chain lock once.

    The lock is held until the caller's transaction ends, so callers write
    their audit records last: the chain is a serialisation point.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit records must be written inside a transaction")
    previous = _locked_chain_head()
    records = []
    for entry in entries:
        target = entry.target
        record = AuditRecord(
            created_at=timezone.now(),
            actor=entry.actor[:200],
            action=entry.action,
            object_type=entry.object_type or (target._meta.label_lower if target is not None else ""),
            object_id=str(getattr(target, "pk", "") or ""),
            data=json.loads(json.dumps(entry.data or {}, default=str)),
            prev_hash=previous or GENESIS_HASH,
        )
        record.hash = previous = record_digest(record)
        records.append(record)
    # One INSERT: ids follow list order, which is the chain order verify_audit walks.
    return AuditRecord.objects.bulk_create(records)


def first_broken_record() -> AuditRecord | None:
    """The first record whose content or link does not verify, or None."""
    expected_prev = GENESIS_HASH
    for record in AuditRecord.objects.order_by("id").iterator(chunk_size=2000):
        if record.prev_hash != expected_prev or record.hash != record_digest(record):
            return record
        expected_prev = record.hash
    return None


_LAST_HASH_SQL = f"SELECT hash FROM {AuditRecord._meta.db_table} ORDER BY id DESC LIMIT 1"


def _locked_chain_head() -> str | None:
    """Serialise writers to the chain and read its last hash, in one round trip.

    PostgreSQL: the advisory lock is held until the transaction ends, and the
    second statement reads with a snapshot taken after the lock is granted, so
    it sees the head every earlier writer committed. SQLite: transactions are
    BEGIN IMMEDIATE (settings), so writers are already serialised.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT pg_advisory_xact_lock(%s); {_LAST_HASH_SQL}", [_CHAIN_LOCK_ID])
            cursor.nextset()
        else:
            cursor.execute(_LAST_HASH_SQL)
        row = cursor.fetchone()
    return row[0] if row else None
