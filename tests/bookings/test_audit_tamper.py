"""An attacker who can write to the database but does not hold AUDIT_SECRET
cannot rewrite, forge or truncate the audit chain without verify_audit saying so."""

import hashlib
import hmac
import importlib
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from bookings.audit import (
    GENESIS_HASH,
    AuditEntry,
    audit_record,
    audit_records,
    canonical_content,
    head_mac,
    record_digest,
    text_digest,
)
from bookings.models import AuditHead, AuditRecord
from tests.factories.bookings import booking_payload

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def append(n: int) -> list[AuditRecord]:
    with transaction.atomic():
        return audit_records(
            [AuditEntry(actor=f"user:officer{i}", action="test.step", object_type="t") for i in range(n)]
        )


def checkpoint() -> str:
    return run("audit_checkpoint").strip().splitlines()[-1]


def unkeyed(record: AuditRecord) -> str:
    return hashlib.sha256(canonical_content(record).encode()).hexdigest()


def keyed_with(secret: str):
    def digest(record: AuditRecord) -> str:
        return hmac.new(secret.encode(), canonical_content(record).encode(), hashlib.sha256).hexdigest()

    return digest


def guessed_head_mac(count: int, last_id: int, head: str) -> str:
    return hmac.new(b"a guessed secret", f"{count}:{last_id}:{head}".encode(), hashlib.sha256).hexdigest()


def sign_head(count: int, last_id: int, head: str, *, mac=guessed_head_mac) -> None:
    """An attacker's raw write of the chain's signed length."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE bookings_audit_head SET count = %s, last_id = %s, hash = %s, mac = %s",
            [count, last_id, head, mac(count, last_id, head)],
        )


def rewrite_from(victim: AuditRecord, *, actor: str, digest, head_signer=guessed_head_mac) -> None:
    """What someone with write access to the database does: change a record, then
    recompute every link after it so the chain is whole again, and re-sign its
    length as best they can, in raw SQL."""
    previous = GENESIS_HASH
    for record in AuditRecord.objects.order_by("id"):
        if record.pk == victim.pk:
            record.actor = actor
        if record.pk >= victim.pk:
            record.prev_hash = previous
            record.hash = digest(record)
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE bookings_audit_record SET actor = %s, prev_hash = %s, hash = %s WHERE id = %s",
                    [record.actor, record.prev_hash, record.hash, record.pk],
                )
        previous = record.hash
    last = AuditRecord.objects.order_by("-id").first()
    sign_head(AuditRecord.objects.count(), last.pk, last.hash, mac=head_signer)


def delete_newest(n: int) -> None:
    ids = list(AuditRecord.objects.order_by("-id").values_list("id", flat=True)[:n])
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM bookings_audit_record WHERE id IN ({', '.join(['%s'] * n)})", ids)


def test_a_record_rewritten_with_recomputed_unkeyed_hashes_is_named():
    records = append(8)

    rewrite_from(records[3], actor="user:someone-else", digest=unkeyed)

    with pytest.raises(CommandError, match=f"^audit record {records[3].pk} \\(test.step at "):
        run("verify_audit")


def test_a_record_rewritten_under_a_wrong_key_is_named():
    records = append(8)

    rewrite_from(records[5], actor="user:someone-else", digest=keyed_with("a guessed secret"))

    with pytest.raises(CommandError, match=f"^audit record {records[5].pk} "):
        run("verify_audit")


def test_only_the_servers_secret_rewrites_the_chain_undetected():
    """The control for the two tests above: the same rewrite under the real key passes,
    so what stops the attacker is the secret, not a flaw in the rewrite."""
    records = append(8)

    rewrite_from(records[3], actor="user:someone-else", digest=record_digest, head_signer=head_mac)

    assert run("verify_audit").startswith("audit chain intact: 8 records")


def test_a_forged_record_appended_without_the_secret_is_named():
    append(4)
    head = AuditRecord.objects.order_by("-id").first()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bookings_audit_record (created_at, actor, action, object_type, object_id, data, "
            "prev_hash, hash) VALUES (%s, 'system', 'booking.advise', '', '', '{}', %s, %s)",
            [head.created_at, head.hash, "f" * 64],
        )
    forged = AuditRecord.objects.order_by("-id").first()

    with pytest.raises(CommandError, match=f"^audit record {forged.pk} "):
        run("verify_audit")


def test_deleting_the_newest_records_fails_against_a_checkpoint_and_names_where():
    records = append(10)
    signed = checkpoint()

    delete_newest(3)

    with pytest.raises(CommandError) as error:
        run("verify_audit", "--checkpoint", signed)
    message = str(error.value)
    assert message.startswith(f"audit records are missing after audit record {records[6].pk}:")
    assert f"covers 10 records up to record {records[9].pk}, and only 7 of them remain" in message


def test_deleting_the_tail_is_caught_even_after_new_records_are_appended():
    records = append(6)
    signed = checkpoint()
    delete_newest(2)

    append(5)

    with pytest.raises(CommandError, match=f"missing after audit record {records[3].pk}"):
        run("verify_audit", "--checkpoint", signed)


def test_an_honest_checkpoint_passes_as_the_chain_grows():
    append(5)
    signed = checkpoint()

    append(3)

    assert run("verify_audit", "--checkpoint", signed).startswith("audit chain intact: 8 records, consistent")


def test_a_checkpoint_of_the_empty_chain_passes():
    signed = checkpoint()
    append(2)

    assert run("verify_audit", "--checkpoint", signed).startswith("audit chain intact: 2 records")


@pytest.mark.parametrize(
    "edit",
    [
        lambda parts: [*parts[:1], str(int(parts[1]) - 2), *parts[2:]],  # claim a shorter chain
        lambda parts: [*parts[:5], "0" * 64],  # no signature at all
        lambda parts: parts[:4],  # cut short
    ],
)
def test_an_edited_or_forged_checkpoint_is_refused(edit):
    append(5)
    parts = checkpoint().split(":")

    with pytest.raises(CommandError, match="checkpoint"):
        run("verify_audit", "--checkpoint", ":".join(edit(parts)))


def test_a_checkpoint_signed_under_another_secret_is_refused(settings):
    append(3)
    signed = checkpoint()

    settings.AUDIT_SECRET = "another-servers-audit-secret-0123456789"

    with pytest.raises(CommandError, match="signature does not verify"):
        run("verify_audit", "--checkpoint", signed)


def test_audit_checkpoint_refuses_to_sign_a_broken_chain():
    records = append(4)
    rewrite_from(records[1], actor="user:someone-else", digest=unkeyed)

    with pytest.raises(CommandError, match=f"no checkpoint signed: audit record {records[1].pk} "):
        run("audit_checkpoint")


def test_a_checkpoint_names_the_head_and_count_it_covers():
    records = append(3)

    count, last_id, head = checkpoint().split(":")[1:4]

    assert (int(count), int(last_id), head) == (3, records[-1].pk, records[-1].hash)


# --- Free text enters the chain only as a keyed digest -------------------------------------------


def test_a_withdrawal_reason_is_kept_only_as_a_keyed_digest(api, watchlist):
    booking = api.post("/api/v1/bookings/", booking_payload(), format="json").json()
    reason = "Cancelled by hirer"

    api.post(f"/api/v1/bookings/{booking['id']}/withdraw/", {"reason": reason}, format="json")

    record = AuditRecord.objects.get(action="booking.withdrawn")
    assert "reason" not in record.data
    assert reason not in canonical_content(record)
    assert record.data["reason_hmac"] == text_digest(reason)


def test_the_free_text_digest_is_keyed_so_short_texts_cannot_be_guessed(settings):
    digest = text_digest("yes")

    settings.AUDIT_SECRET = "another-servers-audit-secret-0123456789"

    assert digest != text_digest("yes")
    assert digest != hashlib.sha256(b"yes").hexdigest()


def test_free_text_passed_in_the_data_is_refused():
    with transaction.atomic(), pytest.raises(ValueError, match="free text must be passed as free_text"):
        audit_record(by=None, action="test.step", data={"reason": "the hirer's own words"})

    assert AuditRecord.objects.count() == 0


def test_with_a_checkpoint_file_plain_verify_audit_catches_a_deleted_tail(settings, tmp_path):
    settings.AUDIT_CHECKPOINT_FILE = str(tmp_path / "audit-checkpoints")
    records = append(4)
    checkpoint()
    append(3)
    checkpoint()  # the latest line is the one verify_audit uses

    delete_newest(1)

    with pytest.raises(CommandError, match=f"missing after audit record {records[-1].pk + 2}"):
        run("verify_audit")
    assert len((tmp_path / "audit-checkpoints").read_text().splitlines()) == 2


def test_with_a_checkpoint_file_an_honest_chain_passes_plain_verify_audit(settings, tmp_path):
    settings.AUDIT_CHECKPOINT_FILE = str(tmp_path / "audit-checkpoints")
    append(4)
    checkpoint()
    append(2)

    assert run("verify_audit").startswith("audit chain intact: 6 records, consistent with the checkpoint")


def test_deleting_the_newest_records_fails_without_any_checkpoint_and_names_where():
    """The contract: deleting the newest records is caught by plain verify_audit, with no
    checkpoint file configured (the default), because every append re-signs the length."""
    records = append(10)

    delete_newest(3)

    with pytest.raises(CommandError) as error:
        run("verify_audit")
    message = str(error.value)
    assert message.startswith(f"audit records are missing after audit record {records[6].pk}:")
    assert f"the chain's signed length covers 10 records up to record {records[9].pk}" in message


def test_deleting_only_the_newest_record_is_caught():
    records = append(2)

    delete_newest(1)

    with pytest.raises(CommandError, match=f"missing after audit record {records[0].pk}"):
        run("verify_audit")


def test_deleting_the_tail_and_re_signing_the_length_without_the_secret_is_caught():
    records = append(6)
    delete_newest(2)

    sign_head(4, records[3].pk, records[3].hash)

    with pytest.raises(CommandError, match="signed length does not verify"):
        run("verify_audit")


def test_the_same_truncation_re_signed_under_the_servers_secret_passes():
    """The control for the test above: what stops the attacker is the secret."""
    records = append(6)
    delete_newest(2)

    sign_head(4, records[3].pk, records[3].hash, mac=head_mac)

    assert run("verify_audit").startswith("audit chain intact: 4 records")


def test_deleting_the_signed_length_with_the_tail_is_caught_and_never_re_signed():
    """A fresh length signed by the next honest write would bless the shortened chain."""
    append(5)
    delete_newest(2)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM bookings_audit_head")

    append(1)

    assert not AuditHead.objects.exists()
    with pytest.raises(CommandError, match="signed length \\(bookings_audit_head\\) is missing"):
        run("verify_audit")
    assert AuditRecord.objects.count() == 4  # the chain itself still links: only the length shows the loss


def test_a_rolled_back_append_leaves_the_signed_length_as_it_was():
    append(3)
    before = AuditHead.objects.values_list("count", "last_id", "hash", "mac").get()

    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(by=None, action="test.step")
        raise RuntimeError("the change fails after its audit record")

    assert AuditHead.objects.values_list("count", "last_id", "hash", "mac").get() == before
    assert run("verify_audit").startswith("audit chain intact: 3 records")


def test_an_empty_chain_is_intact_and_its_first_append_signs_the_length():
    assert run("verify_audit").startswith("audit chain intact: 0 records")

    records = append(2)

    head = AuditHead.objects.get()
    assert (head.count, head.last_id, head.hash) == (2, records[1].pk, records[1].hash)
    assert head.mac == head_mac(2, records[1].pk, records[1].hash)


def test_the_migration_signs_a_chain_written_before_the_length_existed_as_the_code_does():
    records = append(3)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM bookings_audit_head")  # as the chain stood before migration 0014
    migration = importlib.import_module("bookings.migrations.0014_audit_head")

    migration.sign_the_existing_chain(apps, None)

    head = AuditHead.objects.get()
    assert head.mac == head_mac(3, records[2].pk, records[2].hash)
    assert run("verify_audit").startswith("audit chain intact: 3 records")
