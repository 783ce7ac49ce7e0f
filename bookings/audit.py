"""The append-only, hash-chained audit log.

Every record stores the hash of the one before it, so altering or deleting
any record breaks the chain from that point; `verify_audit` finds the break.
Records are written inside the caller's transaction: if the change rolls
back, so does its audit record.
"""

import hashlib
import json

from django.db import connection, transaction
from django.utils import timezone

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


def audit_record(*, actor: str, action: str, target=None, object_type: str = "", data=None) -> AuditRecord:
    """Append one record to the chain. Must run inside a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must be called inside a transaction")
    _lock_chain()
    previous = AuditRecord.objects.order_by("-id").values_list("hash", flat=True).first()
    record = AuditRecord(
        created_at=timezone.now(),
        actor=actor[:200],
        action=action,
        object_type=object_type or (target._meta.label_lower if target is not None else ""),
        object_id=str(getattr(target, "pk", "") or ""),
        data=json.loads(json.dumps(data or {}, default=str)),
        prev_hash=previous or GENESIS_HASH,
    )
    record.hash = record_digest(record)
    record.save(force_insert=True)
    return record


def first_broken_record() -> AuditRecord | None:
    """The first record whose content or link does not verify, or None."""
    expected_prev = GENESIS_HASH
    for record in AuditRecord.objects.order_by("id").iterator(chunk_size=2000):
        if record.prev_hash != expected_prev or record.hash != record_digest(record):
            return record
        expected_prev = record.hash
    return None


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_ID])
    # SQLite: transactions are BEGIN IMMEDIATE (settings), so writers are already serialised.
