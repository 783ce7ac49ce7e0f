"""The task worker that outlives a locked or lost database (`run_worker`).

django-tasks-db's worker (`db_worker`) ignores a locked database only while claiming a
task; anywhere else (opening the claim's transaction, recording a result) an
OperationalError ends the process, and nothing starts it again. This worker runs the
same loop and, on a database error of that kind (SQLite's "database is locked", a
PostgreSQL connection lost or refused), closes its connections, waits (doubling from
`BACKOFF_START` to `BACKOFF_MAX` seconds while the errors keep coming) and carries on.
A task whose result could not be recorded stays RUNNING and is re-queued by the
reconciliation after its lease (`bookings.task_leases`).

While a task runs, a heartbeat renews its claim (`task_leases.lease_renewed`), so a task
longer than TASK_LEASE_SECONDS is not taken for a dead worker's and run again; for at most
TASK_TIME_LIMIT_SECONDS, when the task is interrupted (`TaskTimeLimitExceeded`, recorded
as its error) and the worker goes on to the next, or, if the task does not end, its claim
is marked FAILED and the worker exits for the supervisor to restart.

SIGTERM and SIGINT stop it as they stop `db_worker`: the task in hand is finished
first, a second signal abandons it.
"""

import logging
import signal
import threading
import time
from types import FrameType

from django.conf import settings
from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import is_locked_database_exception

from bookings.task_leases import TaskTimeLimitExceeded, lease_renewed

logger = logging.getLogger("django_tasks_db")

BACKOFF_START = 0.5
BACKOFF_MAX = 30.0
# Errors this far apart are separate outages: the wait starts short again.
QUIET_AFTER = 120.0

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


class ResilientWorker(Worker):
    _in_task = False

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """Run the task under its lease and time limit: at the limit the heartbeat thread
        sends this (the main) thread SIGALRM, whose handler raises TaskTimeLimitExceeded
        in the task, which django-tasks-db records as the task's error."""
        previous = signal.signal(signal.SIGALRM, self._time_limit_reached)
        main = threading.main_thread().ident
        assert main is not None
        try:
            with lease_renewed(
                db_task_result, self.worker_id, interrupt=lambda: signal.pthread_kill(main, signal.SIGALRM)
            ):
                self._in_task = True
                try:
                    super().run_task(db_task_result)
                finally:
                    self._in_task = False
        finally:
            signal.signal(signal.SIGALRM, previous)

    def _time_limit_reached(self, signum: int, frame: FrameType | None) -> None:
        # Only inside the task: a signal that arrives as it ends must not escape the loop.
        if self._in_task:
            self._in_task = False
            raise TaskTimeLimitExceeded(
                f"still running after TASK_TIME_LIMIT_SECONDS ({settings.TASK_TIME_LIMIT_SECONDS} s)"
            )

    def run(self) -> None:
        failures, last_failure = 0, float("-inf")
        while self.running:
            try:
                super().run()
                return
            except DATABASE_UNAVAILABLE as error:
                if not transient(error):
                    raise
                now = time.monotonic()
                failures = failures + 1 if now - last_failure < QUIET_AFTER else 1
                last_failure = now
                delay = min(BACKOFF_MAX, BACKOFF_START * 2 ** (failures - 1))
                logger.warning(
                    "worker %s: database unavailable (%s): %s; trying again in %.1f s",
                    self.worker_id,
                    type(error).__name__,
                    str(error).strip().splitlines()[0] if str(error).strip() else "",
                    delay,
                )
                _close_connections()
                if self.running:
                    time.sleep(delay)


def transient(error: Exception) -> bool:
    """A lock or a lost connection, worth waiting for; not a missing table (SQLite says
    OperationalError for both)."""
    if isinstance(error, InterfaceError) or connections["default"].vendor != "sqlite":
        return True
    return is_locked_database_exception(error)  # type: ignore[arg-type]


def _close_connections() -> None:
    """Drop every connection, so the next query opens a fresh one: a lost
    PostgreSQL connection is never reused, a SQLite one starts outside any transaction."""
    for connection in connections.all():
        try:
            connection.close()
        except DATABASE_UNAVAILABLE:
            pass
