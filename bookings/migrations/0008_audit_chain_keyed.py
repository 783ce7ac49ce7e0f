"""Re-key the audit chain: from plain SHA-256 links to HMAC-SHA256 under AUDIT_SECRET.

The old chain is verified first and the migration refuses to go on if it does
not verify: re-keying a tampered chain would launder the tampering. Then every
record is re-linked and MACed in order, and its free-text digests
(`<name>_sha256`) become keyed digests (`<name>_hmac`, the HMAC of the old
SHA-256, as bookings.audit.text_digest computes). Withdrawal reasons, which
were stored verbatim, become their keyed digest too.

The digest functions are frozen here, as they were and are at this migration,
so later changes to bookings/audit.py cannot change what this does.
"""

import hashlib
import hmac
import json

from django.conf import settings
from django.db import migrations

GENESIS = "0" * 64
VERBATIM_FREE_TEXT = {"booking.withdrawn": ("reason",)}


def _canonical(record) -> str:
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


def _key(purpose: str) -> bytes:
    return hmac.new(settings.AUDIT_SECRET.encode(), f"venue-check audit {purpose}".encode(), hashlib.sha256).digest()


def _unkeyed_digest(record) -> str:
    return hashlib.sha256(_canonical(record).encode()).hexdigest()


def _keyed_digest(record) -> str:
    return hmac.new(_key("chain v2"), _canonical(record).encode(), hashlib.sha256).hexdigest()


def _keyed_text_digest_of_sha256(sha256_hex: str) -> str:
    return hmac.new(_key("free text v2"), sha256_hex.encode(), hashlib.sha256).hexdigest()


def _keyed_data(record) -> dict:
    data = {}
    for key, value in record.data.items():
        if key.endswith("_sha256") and isinstance(value, str):
            data[f"{key.removesuffix('_sha256')}_hmac"] = _keyed_text_digest_of_sha256(value)
        elif key in VERBATIM_FREE_TEXT.get(record.action, ()):
            sha = hashlib.sha256(str(value or "").encode()).hexdigest()
            data[f"{key}_hmac"] = _keyed_text_digest_of_sha256(sha)
        else:
            data[key] = value
    return data


def _relink(AuditRecord, *, verify, rewrite_data, digest) -> None:
    expected_prev, new_prev = GENESIS, GENESIS
    batch = []
    for record in AuditRecord.objects.order_by("id").iterator(chunk_size=2000):
        if record.prev_hash != expected_prev or record.hash != verify(record):
            raise RuntimeError(
                f"audit record {record.pk} ({record.action}) does not verify under the old scheme; "
                "investigate before re-keying: re-keying would hide the tampering"
            )
        expected_prev = record.hash
        record.data = rewrite_data(record)
        record.prev_hash = new_prev
        record.hash = new_prev = digest(record)
        batch.append(record)
    AuditRecord.objects.bulk_update(batch, ["data", "prev_hash", "hash"], batch_size=500)


def rekey(apps, schema_editor):
    AuditRecord = apps.get_model("bookings", "AuditRecord")
    _relink(AuditRecord, verify=_unkeyed_digest, rewrite_data=_keyed_data, digest=_keyed_digest)


def unkey(apps, schema_editor):
    """Back to plain SHA-256 links (the keyed free-text digests stay as they are)."""
    AuditRecord = apps.get_model("bookings", "AuditRecord")
    _relink(AuditRecord, verify=_keyed_digest, rewrite_data=lambda record: record.data, digest=_unkeyed_digest)


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0007_review_loop"),
    ]

    operations = [migrations.RunPython(rekey, unkey)]
