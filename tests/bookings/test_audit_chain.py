"""The audit chain stays whole when many transactions append at once (PostgreSQL)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, transaction

from bookings.audit import AuditEntry, audit_records, chain_fault, first_broken_record
from bookings.models import AuditHead, AuditRecord

# Real commits from many threads. serialized_rollback: this test's flush must leave the
# database as the other serialized transactional tests expect (see test_review_audit).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_concurrent_writers_keep_one_unbroken_chain():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers itself; the advisory lock is PostgreSQL's")

    def write(n: int) -> None:
        try:
            with transaction.atomic():
                audit_records(
                    [
                        AuditEntry(actor=f"writer-{n}", action="test.first", object_type="t"),
                        AuditEntry(actor=f"writer-{n}", action="test.second", object_type="t"),
                    ]
                )
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(write, range(80)))

    assert AuditRecord.objects.count() == 160
    assert first_broken_record() is None
    # The signed length kept up with every writer: none of them read a stale count.
    assert AuditHead.objects.get().count == 160
    assert chain_fault() is None
    # Each writer's two records are adjacent: one lock for the batch.
    actors = list(AuditRecord.objects.values_list("actor", flat=True))
    assert all(actors[i] == actors[i + 1] for i in range(0, 160, 2))
