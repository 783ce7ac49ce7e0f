"""Tasks a dead worker left "running" are re-queued past their lease, and a task that
kills its worker on every claim ends FAILED instead of killing workers for ever."""

import logging
import time
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db.utils import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bookings.enums import BookingStatus
from bookings.intake.tasks import screen_received_booking
from bookings.models import Booking, TaskHeartbeat
from bookings.task_leases import _still_claimed, lease_beat, lease_renewed, tasks_recover_expired
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


# --- a live worker renews its lease (heartbeats) ------------------------------------------


def test_a_task_running_past_its_lease_whose_worker_beats_is_left_to_it(queued):
    row = claimed_by_dead_workers(queued, claims=1, age=timedelta(seconds=LEASE * 3))
    lease_beat(row, "killed-worker-0", now=timezone.now() - timedelta(seconds=LEASE - 30))

    recovered = tasks_recover_expired()

    assert (recovered.requeued, recovered.failed) == ([], [])
    assert DBTaskResult.objects.get(pk=queued).status == "RUNNING"


def test_a_heartbeat_older_than_the_lease_keeps_nothing(queued):
    row = claimed_by_dead_workers(queued, claims=1, age=timedelta(seconds=LEASE * 3))
    lease_beat(row, "killed-worker-0", now=timezone.now() - timedelta(seconds=LEASE + 1))

    assert tasks_recover_expired().requeued == [queued]


def test_a_heartbeat_of_an_earlier_claim_does_not_keep_the_current_one(queued):
    """A worker that lost its claim (frozen past the lease) and beats on does not hold the
    claim made after it: only the current claim's heartbeat counts."""
    first = claimed_by_dead_workers(queued, claims=1, age=timedelta(seconds=LEASE * 3))
    claimed_by_dead_workers(queued, claims=1, age=timedelta(seconds=LEASE * 2))  # claimed again
    lease_beat(first, "killed-worker-0")

    assert tasks_recover_expired().requeued == [queued]


def test_a_beat_between_the_recoverys_read_and_its_write_keeps_the_task(queued):
    row = claimed_by_dead_workers(queued, claims=1, age=timedelta(seconds=LEASE + 1))
    cutoff = timezone.now() - timedelta(seconds=LEASE)
    lease_beat(row, "killed-worker-0")  # the worker was only slow

    assert _still_claimed(row, cutoff).update(status="READY") == 0
    assert DBTaskResult.objects.get(pk=queued).status == "RUNNING"


def test_the_recovery_deletes_the_heartbeats_of_claims_that_ended(queued):
    row = claimed_by_dead_workers(queued, claims=1, age=timedelta(seconds=LEASE + 1))
    lease_beat(row, "killed-worker-0", now=timezone.now() - timedelta(seconds=LEASE + 1))
    live = DBTaskResult.objects.get(pk=screen_received_booking.enqueue(0).id)
    live.claim("live-worker")
    lease_beat(live, "live-worker")

    tasks_recover_expired()

    assert list(TaskHeartbeat.objects.values_list("task_id", flat=True)) == [live.pk]


def test_lease_renewed_beats_while_the_block_runs_and_cleans_up_after(queued, settings):
    settings.TASK_LEASE_SECONDS = 0.2  # a beat every 0.05 s
    row = claimed_by_dead_workers(queued, claims=1, age=timedelta(0))

    with lease_renewed(row, "this-worker"):
        deadline = time.monotonic() + 30
        while (
            not TaskHeartbeat.objects.filter(beat_at__gt=row.started_at).count()
            and time.monotonic() < deadline
        ):
            time.sleep(0.02)
        first = TaskHeartbeat.objects.get(task_id=row.pk)
        while (
            TaskHeartbeat.objects.get(task_id=row.pk).beat_at == first.beat_at and time.monotonic() < deadline
        ):
            time.sleep(0.02)
        beat_again = TaskHeartbeat.objects.get(task_id=row.pk)

    assert (first.claimed_at, first.worker_id) == (row.started_at, "this-worker")
    assert beat_again.beat_at > first.beat_at
    assert not TaskHeartbeat.objects.exists()


def test_a_heartbeat_that_cannot_be_written_is_logged_and_the_task_goes_on(queued, settings, caplog):
    settings.TASK_LEASE_SECONDS = 0.2
    row = claimed_by_dead_workers(queued, claims=1, age=timedelta(0))
    refused = mock.patch(
        "bookings.task_leases.lease_beat", side_effect=OperationalError("database is locked")
    )

    with refused, caplog.at_level(logging.WARNING, logger="bookings.task_leases"), lease_renewed(row, "w"):
        deadline = time.monotonic() + 30
        while len(caplog.records) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)

    assert [r.getMessage() for r in caplog.records][:2] == [
        f"task {row.pk}: heartbeat not recorded (database is locked); trying again"
    ] * 2
