"""The append-only audit chain, keyed so that database access alone cannot rewrite it.

Each record carries an HMAC-SHA256 over its content and the MAC of the record
before it, under a key derived from `AUDIT_SECRET`. That secret lives in the
server's environment, never in the database, so someone who can write to the
database but does not hold it cannot alter, insert or reorder records and
recompute the chain: `verify_audit` names the first record that does not
verify. Deleting the newest records leaves a shorter chain that still links,
so every append also re-signs the chain's length and last record in one row
(`AuditHead`), which the attacker cannot re-sign either: `verify_audit` names
the missing tail. What that row cannot show is a tail deleted by someone who
also put back an old copy of the row itself; against that the server signs
checkpoints (`audit_checkpoint`), kept where the database's administrators
cannot change them, and `verify_audit --checkpoint` checks them.

Free text (reasons, questions, answers) never enters a record: only a keyed
digest of it, so a short text ("yes", a name) cannot be guessed by hashing
candidates. Records are written inside the caller's transaction: if the change
rolls back, so does its audit record.
"""

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from callers import actor_of

from .models import AuditHead, AuditRecord

GENESIS_HASH = "0" * 64
# Any constant: serialises writers to the chain on PostgreSQL.
_CHAIN_LOCK_ID = 7_262_001
# Top-level data keys that would carry free text; pass such text as `free_text`.
FREE_TEXT_KEYS = frozenset({"reason", "question", "answer", "note", "notes", "comment", "rationale", "text"})
CHECKPOINT_SCHEME = "vcaudit1"


@cache
def _derived_key(secret: str, purpose: str) -> bytes:
    """One key per use of the audit secret, so a MAC made for one use is never valid for another."""
    return hmac.new(secret.encode(), f"venue-check audit {purpose}".encode(), hashlib.sha256).digest()


def _key(purpose: str) -> bytes:
    return _derived_key(settings.AUDIT_SECRET, purpose)


def _mac(purpose: str, message: str) -> str:
    return hmac.new(_key(purpose), message.encode(), hashlib.sha256).hexdigest()


def canonical_content(record: AuditRecord) -> str:
    """The bytes the MAC covers: every field of the record but its own MAC and id."""
    payload = {
        "prev_hash": record.prev_hash,
        "created_at": record.created_at.isoformat(),
        "actor": record.actor,
        "action": record.action,
        "object_type": record.object_type,
        "object_id": record.object_id,
        "data": record.data,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)


def record_digest(record: AuditRecord) -> str:
    return _mac("chain v2", canonical_content(record))


def text_digest(text: str) -> str:
    """What the audit keeps of free text: a keyed digest of its SHA-256.

    The text itself lives in the rows, which are purged after retention; the
    digest still proves what was written, to someone holding the audit secret.
    Keyed over the SHA-256 (not the text) so that digests written before the
    chain was keyed could be converted without the text (migration 0008).
    """
    return _mac("free text v2", hashlib.sha256(text.encode()).hexdigest())


@dataclass(frozen=True)
class AuditEntry:
    """One record to append; `audit_records` writes several under one chain lock.

    `free_text` maps a name to text the record must not hold; the record gets
    `<name>_hmac`, its keyed digest.
    """

    actor: str
    action: str
    target: Any = None
    object_type: str = ""
    data: dict | None = None
    free_text: dict[str, str] = field(default_factory=dict)

    def record_data(self) -> dict:
        data = dict(self.data or {})
        leaking = FREE_TEXT_KEYS & data.keys()
        if leaking:
            raise ValueError(f"free text must be passed as free_text, not in data: {sorted(leaking)}")
        data.update({f"{name}_hmac": text_digest(text or "") for name, text in self.free_text.items()})
        return json.loads(json.dumps(data, default=str))


def audit_record(
    *,
    by,
    action: str,
    target=None,
    object_type: str = "",
    data=None,
    free_text: dict[str, str] | None = None,
) -> AuditRecord:
    """Append one record to the chain, labelled with the caller `by`. Must run inside a transaction."""
    return audit_records([AuditEntry(actor_of(by), action, target, object_type, data, free_text or {})])[0]


def screening_audit_write(
    *, by, action: str, target, object_type: str, data: dict, free_text: dict[str, str]
) -> AuditRecord:
    """The writer `screening` calls through its hook (registered in BookingsConfig.ready)."""
    return audit_record(
        by=by,
        action=action,
        target=target,
        object_type=object_type,
        data=data,
        free_text=free_text,
    )


def audit_records(entries: list[AuditEntry]) -> list[AuditRecord]:
    """Append records to the chain in order, taking the chain lock once.

    The lock is held until the caller's transaction ends, so callers write
    their audit records last: the chain is a serialisation point.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit records must be written inside a transaction")
    previous, head_count = _locked_chain_head()
    chain_was_empty = previous is None
    records = []
    for entry in entries:
        target = entry.target
        record = AuditRecord(
            created_at=timezone.now(),
            actor=entry.actor[:200],
            action=entry.action,
            object_type=entry.object_type or (target._meta.label_lower if target is not None else ""),
            object_id=str(getattr(target, "pk", "") or ""),
            data=entry.record_data(),
            prev_hash=previous or GENESIS_HASH,
        )
        record.hash = previous = record_digest(record)
        records.append(record)
    # One INSERT: ids follow list order, which is the chain order verify_audit walks.
    created = AuditRecord.objects.bulk_create(records)
    _head_advance(created, head_count=head_count, chain_was_empty=chain_was_empty)
    return created


def head_mac(count: int, last_id: int, head: str) -> str:
    return _mac("head v1", f"{count}:{last_id}:{head}")


def _head_advance(created: list[AuditRecord], *, head_count: int | None, chain_was_empty: bool) -> None:
    """Re-sign the chain's length and last record, under the chain lock the caller holds.

    The row is never made again for a chain that has records: if someone
    deleted it, a fresh one would sign whatever tail they left, so it stays
    missing and verify_audit says so.
    """
    last = created[-1]
    if head_count is None and not chain_was_empty:
        return
    count = (head_count or 0) + len(created)
    signed = {
        "count": count,
        "last_id": last.pk,
        "hash": last.hash,
        "mac": head_mac(count, last.pk, last.hash),
    }
    if head_count is None:
        AuditHead.objects.create(pk=1, **signed)
    else:
        AuditHead.objects.filter(pk=1).update(**signed)


# --- Verifying ------------------------------------------------------------------


@dataclass(frozen=True)
class Checkpoint:
    """The server's signed statement: the chain had `count` records, the last
    being record `last_id` with MAC `head`, at time `at`."""

    count: int
    last_id: int
    head: str
    at: datetime

    def _message(self) -> str:
        return f"{CHECKPOINT_SCHEME}:{self.count}:{self.last_id}:{self.head}:{int(self.at.timestamp())}"

    def signed(self) -> str:
        return f"{self._message()}:{_mac('checkpoint v1', self._message())}"


class CheckpointInvalid(ValueError):
    pass


def checkpoint_parse(value: str) -> Checkpoint:
    """Read a signed checkpoint; refuse one this server's audit secret did not sign."""
    parts = value.strip().split(":")
    if len(parts) != 6 or parts[0] != CHECKPOINT_SCHEME:
        raise CheckpointInvalid(
            f"not an audit checkpoint (expected {CHECKPOINT_SCHEME}:count:id:head:time:mac)"
        )
    try:
        checkpoint = Checkpoint(
            count=int(parts[1]),
            last_id=int(parts[2]),
            head=parts[3],
            at=datetime.fromtimestamp(int(parts[4]), UTC),
        )
    except (ValueError, OverflowError, OSError) as error:
        raise CheckpointInvalid("not an audit checkpoint: count, id and time must be numbers") from error
    if not hmac.compare_digest(checkpoint.signed(), value.strip()):
        raise CheckpointInvalid(
            "the checkpoint's signature does not verify: it was not issued under this server's audit secret"
        )
    return checkpoint


@dataclass(frozen=True)
class ChainFault:
    """Why verification failed, naming the first record concerned."""

    record_id: int
    message: str


def _chain() -> Iterator[tuple[int, AuditRecord, bool]]:
    """Each record in chain order with its position (1-based) and whether it verifies."""
    expected_prev = GENESIS_HASH
    for position, record in enumerate(AuditRecord.objects.order_by("id").iterator(chunk_size=2000), start=1):
        intact = record.prev_hash == expected_prev and hmac.compare_digest(record.hash, record_digest(record))
        yield position, record, intact
        expected_prev = record.hash


def first_broken_record() -> AuditRecord | None:
    """The first record whose content or link does not verify, or None."""
    for _position, record, intact in _chain():
        if not intact:
            return record
    return None


def chain_fault(*, checkpoint: Checkpoint | None = None) -> ChainFault | None:
    """The first fault in the chain, or against its signed head or the checkpoint
    (a missing tail), or None."""
    # Read before the walk: records appended meanwhile come after it and are only checked as links.
    head = AuditHead.objects.filter(pk=1).first()
    statements = [statement for statement in (head, checkpoint) if statement is not None]
    covered: dict[int, tuple[AuditRecord | None, int]] = {id(s): (None, 0) for s in statements}
    last: AuditRecord | None = None
    for position, record, intact in _chain():
        if not intact:
            return ChainFault(
                record.pk,
                f"audit record {record.pk} ({record.action} at {record.created_at:%Y-%m-%d %H:%M:%S}) "
                "does not verify: its content or the chain before it was altered, "
                "or it was written without the server's audit secret",
            )
        for statement in statements:
            if record.pk <= statement.last_id:
                covered[id(statement)] = (record, position)
        last = record
    if head is None:
        if last is None:
            return None
        return ChainFault(
            last.pk,
            f"the chain's signed length ({AuditHead._meta.db_table}) is missing, so records may have been "
            f"deleted from its end after audit record {last.pk}: check it against a checkpoint",
        )
    if not hmac.compare_digest(head.mac, head_mac(head.count, head.last_id, head.hash)):
        return ChainFault(
            head.last_id,
            "the chain's signed length does not verify: it was altered without the server's audit secret",
        )
    # The checkpoint first: kept outside the database, it places a missing tail more exactly.
    if checkpoint is not None:
        checkpoint_fault = _tail_fault(
            checkpoint.count,
            checkpoint.last_id,
            checkpoint.head,
            *covered[id(checkpoint)],
            f"the checkpoint of {checkpoint.at:%Y-%m-%d %H:%M:%S} UTC",
        )
        if checkpoint_fault is not None:
            return checkpoint_fault
    return _tail_fault(head.count, head.last_id, head.hash, *covered[id(head)], "the chain's signed length")


def _tail_fault(
    count: int, last_id: int, head: str, covered: AuditRecord | None, covered_count: int, signed_by: str
) -> ChainFault | None:
    """Whether the chain still holds the `count` records up to `last_id` that a signed statement covers."""
    if count == 0 or (
        covered is not None
        and covered.pk == last_id
        and covered_count == count
        and hmac.compare_digest(covered.hash, head)
    ):
        return None
    if covered is not None and covered.pk == last_id and covered_count == count:
        return ChainFault(
            covered.pk,
            f"audit record {covered.pk} is not the record {signed_by} signed: the chain was replaced",
        )
    if covered is not None and covered.pk == last_id:
        return ChainFault(
            covered.pk,
            f"audit records are missing before audit record {covered.pk}: {signed_by} covers {count} "
            f"records up to it, and only {covered_count} remain",
        )
    after = f"after audit record {covered.pk}" if covered else "from the start of the chain"
    return ChainFault(
        covered.pk + 1 if covered else 1,
        f"audit records are missing {after}: {signed_by} covers {count} records up to record {last_id}, "
        f"and only {covered_count} of them remain",
    )


def checkpoint_kept() -> str | None:
    """The latest checkpoint in AUDIT_CHECKPOINT_FILE, if one is configured and written."""
    path = settings.AUDIT_CHECKPOINT_FILE
    if not path:
        return None
    try:
        with open(path, encoding="ascii") as kept:
            lines = [line.strip() for line in kept if line.strip()]
    except FileNotFoundError:
        return None
    return lines[-1] if lines else None


def checkpoint_keep(checkpoint: Checkpoint) -> None:
    """Append to AUDIT_CHECKPOINT_FILE (a file on the server, outside the database), if configured."""
    if settings.AUDIT_CHECKPOINT_FILE:
        with open(settings.AUDIT_CHECKPOINT_FILE, "a", encoding="ascii") as kept:
            kept.write(checkpoint.signed() + "\n")


def checkpoint_now() -> Checkpoint:
    """A checkpoint of the chain as it stands; refuses to sign a chain that does not verify."""
    # The head first: the walk below then covers it, and anything appended meanwhile.
    head = AuditRecord.objects.order_by("-id").first()
    fault = chain_fault()
    if fault is not None:
        raise CheckpointInvalid(fault.message)
    return Checkpoint(
        count=AuditRecord.objects.filter(id__lte=head.pk).count() if head else 0,
        last_id=head.pk if head else 0,
        head=head.hash if head else GENESIS_HASH,
        at=timezone.now(),
    )


_LAST_HASH_SQL = (
    f"SELECT (SELECT hash FROM {AuditRecord._meta.db_table} ORDER BY id DESC LIMIT 1), "
    f"(SELECT count FROM {AuditHead._meta.db_table} WHERE id = 1)"
)


def _locked_chain_head() -> tuple[str | None, int | None]:
    """Serialise writers to the chain and read its last hash and signed length, in one round trip.

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
        last_hash, head_count = cursor.fetchone()
    return last_hash, head_count
