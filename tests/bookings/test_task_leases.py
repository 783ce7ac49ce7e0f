"""Tasks a dead worker left "running" are re-queued past their lease, and a task that
kills its worker on every claim ends FAILED instead of killing workers for ever."""

import logging
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bookings.enums import BookingStatus
from bookings.intake.tasks import screen_received_booking
from bookings.models import Booking
from bookings.task_leases import _still_claimed, tasks_recover_expired
from tests.factories.bookings import BookingFactory, PartyFactory

# The worker runs here for real, and on PostgreSQL it needs committed rows and a connection
# of its own outside a test transaction; serialized_rollback puts back the migrations' rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LEASE = 600


def claimed_by_dead_workers(task_id: str, *, claims: int, age: timedelta) -> DBTaskResult:
    """The row as django-tasks-db leaves it when each claiming worker was killed."""
    row = DBTaskResult.objects.get(pk=task_id)
    for n in range(claims):
        row.claim(f"killed-worker-{n}")
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=timezone.now() - age)
    return DBTaskResult.objects.get(pk=row.pk)


@pytest.fixture
def stuck_booking(watchlist, venue):
    booking = BookingFactory(venue=venue)
    PartyFactory(booking=booking, name="Corwin Hallstrand")
    return booking


@pytest.fixture
def queued(settings, stuck_booking):
    settings.TASKS = DB_QUEUE
    settings.TASK_LEASE_SECONDS = LEASE
    settings.TASK_MAX_CLAIMS = 3
    return screen_received_booking.enqueue(stuck_booking.pk).id


def test_a_task_whose_worker_died_is_requeued_after_its_lease_and_then_runs(queued, stuck_booking):
    claimed_by_dead_workers(queued, claims=1, age=timedelta(seconds=LEASE + 1))

    recovered = tasks_recover_expired()
    call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)

    assert recovered.requeued == [queued]
    row = DBTaskResult.objects.get(pk=queued)
    assert (row.status, len(row.worker_ids)) == ("SUCCESSFUL", 2)
    assert Booking.objects.get(pk=stuck_booking.pk).status == BookingStatus.FLAGGED


def test_a_task_within_its_lease_is_left_to_its_worker(queued):
    claimed_by_dead_workers(queued, claims=1, age=timedelta(seconds=LEASE - 30))

    recovered = tasks_recover_expired()

    assert (recovered.requeued, recovered.failed) == ([], [])
    assert DBTaskResult.objects.get(pk=queued).status == "RUNNING"


def test_a_task_that_killed_its_worker_on_every_claim_ends_failed_with_a_log_line(queued, caplog):
    claimed_by_dead_workers(queued, claims=3, age=timedelta(seconds=LEASE + 1))

    with caplog.at_level(logging.ERROR, logger="bookings.task_leases"):
        recovered = tasks_recover_expired()

    assert recovered.failed == [queued]
    row = DBTaskResult.objects.get(pk=queued)
    assert row.status == "FAILED"
    assert row.task_result.errors[0].exception_class_path == "bookings.task_leases.WorkerLost"
    assert [r.getMessage() for r in caplog.records] == [
        f"task {queued} (bookings.intake.tasks.screen_received_booking) failed: its worker died on each "
        "of its 3 claims (workers killed-worker-0, killed-worker-1, killed-worker-2)"
    ]


def test_recovering_twice_counts_each_claim_once(queued):
    claimed_by_dead_workers(queued, claims=1, age=timedelta(seconds=LEASE + 1))

    first = tasks_recover_expired()
    second = tasks_recover_expired()

    assert (len(first.requeued), second.requeued, second.failed) == (1, [], [])
    row = DBTaskResult.objects.get(pk=queued)
    assert (row.status, len(row.worker_ids)) == ("READY", 1)


def test_a_recovery_that_read_an_older_claim_changes_nothing(queued):
    """A worker claimed it again between the recovery's read and its write."""
    stale_read = claimed_by_dead_workers(queued, claims=1, age=timedelta(seconds=LEASE + 1))
    DBTaskResult.objects.filter(pk=queued).update(started_at=timezone.now())  # the new claim

    assert _still_claimed(stale_read).update(status="READY") == 0
    assert DBTaskResult.objects.get(pk=queued).status == "RUNNING"


def test_the_periodic_jobs_recover_dead_workers_tasks(queued):
    claimed_by_dead_workers(queued, claims=1, age=timedelta(seconds=LEASE + 1))
    # The booking itself is owed a screening too; reconciliation screens it, so the
    # re-queued safety-net task will find nothing left to do.
    out = StringIO()
    call_command("reconcile_background_work", stdout=out)

    assert "tasks re-queued 1, failed 0; bookings screened: stuck 1, stale 0" in out.getvalue()
    assert DBTaskResult.objects.get(pk=queued).status == "READY"
