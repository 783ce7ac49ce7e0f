"""Tasks left "running" by a worker that died, recovered through django-tasks-db's own fields.

The database backend marks a task RUNNING when a worker claims it (`started_at`, and the
worker's id appended to `worker_ids`) and never looks at it again: if that worker is
killed, the row stays RUNNING for ever and the task never runs. A claim is therefore
treated as a lease of `TASK_LEASE_SECONDS` (longer than any task runs): past it, the task
is put back in the queue, to run again (at least once: docs/operations.md says what each
task does when run twice). A task whose worker died on each of `TASK_MAX_CLAIMS` claims
is taken to be what kills it (a poison task) and is marked FAILED, with a log line,
instead of killing workers for ever.

Each change is a conditional UPDATE of a row still RUNNING under the same claim, so two
recoveries at once, or a worker that finishes just then, never count a claim twice.

A worker that is alive renews its claim while the task runs (`lease_renewed`, used by
`run_worker`): every quarter of the lease it records a heartbeat for the claim, and the
lease runs from the latest one. A task longer than the lease is left to its worker; a
worker killed or frozen stops beating, and its task is recovered one lease later.

A task that hangs in a live worker would keep its claim for ever that way, so the
heartbeat has a time limit, TASK_TIME_LIMIT_SECONDS from the claim: there it stops
beating and interrupts the task (`TaskTimeLimitExceeded`, recorded FAILED; the periodic
jobs then do what it left undone), and if the task does not end, it marks the claim
FAILED itself and ends the worker process.
"""

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.db.utils import DatabaseError
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from bookings.models import TaskHeartbeat

logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """Recorded as the error of a task whose every claim outlived its lease."""


class TaskTimeLimitExceeded(BaseException):
    """Raised in a task still running TASK_TIME_LIMIT_SECONDS after its claim, and recorded
    as its error. A BaseException, as KeyboardInterrupt is, so that a task's own `except
    Exception` (one booking's failure must not stop a re-screen) cannot swallow it."""


# The worker's exit status when a task it interrupted at its time limit did not end.
EXIT_TASK_STUCK = 70


@dataclass
class RecoveredTasks:
    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def tasks_recover_expired(*, now: datetime | None = None) -> RecoveredTasks:
    """Re-queue, or fail after TASK_MAX_CLAIMS, every task RUNNING past its lease."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.TASK_LEASE_SECONDS)
    recovered = RecoveredTasks()
    expired = DBTaskResult.objects.running().filter(started_at__lt=cutoff).exclude(_beat_since(cutoff))
    for row in expired.order_by("started_at"):
        claims = len(row.worker_ids)
        if claims >= settings.TASK_MAX_CLAIMS:
            if _fail(row, now=now, claims=claims, cutoff=cutoff):
                recovered.failed.append(str(row.pk))
                logger.error(
                    "task %s (%s) failed: its worker died on each of its %d claims (workers %s)",
                    row.pk,
                    row.task_path,
                    claims,
                    ", ".join(row.worker_ids),
                )
        elif _still_claimed(row, cutoff).update(status=TaskResultStatus.READY):
            recovered.requeued.append(str(row.pk))
            logger.warning(
                "task %s (%s) re-queued: claim %d of %d by worker %s outlived its %d s lease",
                row.pk,
                row.task_path,
                claims,
                settings.TASK_MAX_CLAIMS,
                row.worker_ids[-1] if row.worker_ids else "?",
                settings.TASK_LEASE_SECONDS,
            )
    # Heartbeats of claims that have ended (finished, recovered, or their worker killed).
    TaskHeartbeat.objects.exclude(
        Exists(
            DBTaskResult.objects.running().filter(pk=OuterRef("task_id"), started_at=OuterRef("claimed_at"))
        )
    ).delete()
    return recovered


def tasks_in_hand(task_paths: list[str], *, queued_within: timedelta, now: datetime | None = None):
    """The rows of these tasks a worker has in hand: RUNNING under a live claim (claimed,
    or beating, within the lease), or READY and due less than `queued_within` ago (a worker
    will take it soon; one due longer ago suggests no worker is taking it)."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.TASK_LEASE_SECONDS)
    since = now - queued_within
    running = Q(status=TaskResultStatus.RUNNING) & (Q(started_at__gte=cutoff) | _beat_since(cutoff))
    waiting = Q(run_after=get_date_max(), enqueued_at__gte=since) | (
        ~Q(run_after=get_date_max()) & Q(run_after__gte=since)
    )
    return DBTaskResult.objects.filter(task_path__in=task_paths).filter(
        running | (Q(status=TaskResultStatus.READY) & waiting)
    )


def _beat_since(cutoff: datetime) -> Exists:
    """The row's current claim has a heartbeat at or after `cutoff`: its worker is alive."""
    return Exists(
        TaskHeartbeat.objects.filter(
            task_id=OuterRef("pk"), claimed_at=OuterRef("started_at"), beat_at__gte=cutoff
        )
    )


def _still_claimed(row: DBTaskResult, cutoff: datetime | None = None):
    """The row, only while it is still RUNNING under the claim this recovery read, and
    (given `cutoff`) with no heartbeat since: a worker that beat meanwhile keeps it."""
    # Every claim sets a new started_at, so it names the claim.
    claimed = DBTaskResult.objects.filter(
        pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at
    )
    return claimed if cutoff is None else claimed.exclude(_beat_since(cutoff))


def _fail(row: DBTaskResult, *, now: datetime, claims: int, cutoff: datetime) -> int:
    return _still_claimed(row, cutoff).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        return_value=None,
        exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
        traceback=(
            f"{WorkerLost.__qualname__}: claimed {claims} times, and each worker stopped without "
            f"finishing it within the {settings.TASK_LEASE_SECONDS} s lease.\n"
        ),
    )


def heartbeat_every() -> float:
    """Seconds between heartbeats: a quarter of the lease, so three can fail (a database
    locked or away for a while) before the task is taken for a dead worker's."""
    return settings.TASK_LEASE_SECONDS / 4


def lease_beat(row: DBTaskResult, worker_id: str, *, now: datetime | None = None) -> None:
    """Record that `worker_id` is still running the claim of `row` it made."""
    TaskHeartbeat.objects.update_or_create(
        task_id=row.pk,
        claimed_at=row.started_at,
        defaults={"worker_id": worker_id, "beat_at": now or timezone.now()},
    )


@contextmanager
def lease_renewed(
    row: DBTaskResult, worker_id: str, *, interrupt: Callable[[], None] = lambda: None
) -> Iterator[None]:
    """Beat for the claim of `row` from a thread of its own while the block runs, for at
    most TASK_TIME_LIMIT_SECONDS.

    The thread dies with the process, so a killed worker stops beating; a beat that fails
    (the database locked or away) is logged and the next one tried. At the time limit the
    thread stops beating and calls `interrupt` (the worker raises TaskTimeLimitExceeded in
    the task); a task still running one heartbeat interval later is taken to be stuck
    where nothing reaches it: its claim is marked FAILED and the process ends
    (`EXIT_TASK_STUCK`), for the supervisor to start a clean one."""
    stop = threading.Event()
    deadline = time.monotonic() + settings.TASK_TIME_LIMIT_SECONDS

    def beat() -> None:
        try:
            while not stop.wait(min(heartbeat_every(), max(0.0, deadline - time.monotonic()))):
                if time.monotonic() >= deadline:
                    _time_limit_reached(row, stop, interrupt)
                    return
                try:
                    lease_beat(row, worker_id)
                except DatabaseError as error:
                    logger.warning("task %s: heartbeat not recorded (%s); trying again", row.pk, error)
        finally:
            connection.close()  # this thread's own connection

    beating = threading.Thread(target=beat, name=f"heartbeat-{row.pk}", daemon=True)
    beating.start()
    try:
        yield
    finally:
        stop.set()
        beating.join()
        try:
            TaskHeartbeat.objects.filter(task_id=row.pk, claimed_at=row.started_at).delete()
        except DatabaseError:
            pass  # the next recovery deletes the heartbeats of claims that have ended


def _time_limit_reached(row: DBTaskResult, stop: threading.Event, interrupt: Callable[[], None]) -> None:
    logger.error(
        "task %s (%s) still running after its %d s time limit: interrupting it",
        row.pk,
        row.task_path,
        settings.TASK_TIME_LIMIT_SECONDS,
    )
    interrupt()
    if stop.wait(heartbeat_every()):
        return  # the task ended (the worker recorded it FAILED)
    try:
        failed = _fail_stuck(row)
    except DatabaseError as error:
        # The database away too: exit all the same; the claim, its heartbeats stopped,
        # is re-queued one lease later.
        logger.error("task %s: its claim could not be marked FAILED (%s)", row.pk, error)
        failed = 0
    logger.error(
        "task %s (%s) did not end when interrupted: %s, and worker exits with status %d",
        row.pk,
        row.task_path,
        "marked FAILED" if failed else "not marked FAILED (no longer its claim, or the database away)",
        EXIT_TASK_STUCK,
    )
    logging.shutdown()
    os._exit(EXIT_TASK_STUCK)


def _fail_stuck(row: DBTaskResult) -> int:
    return _still_claimed(row).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        return_value=None,
        exception_class_path=f"{TaskTimeLimitExceeded.__module__}.{TaskTimeLimitExceeded.__qualname__}",
        traceback=(
            f"{TaskTimeLimitExceeded.__qualname__}: still running {settings.TASK_TIME_LIMIT_SECONDS} s after "
            "its claim, and interrupting it did not end it; its worker exited.\n"
        ),
    )
