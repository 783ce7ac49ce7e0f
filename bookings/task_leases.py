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
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """Recorded as the error of a task whose every claim outlived its lease."""


@dataclass
class RecoveredTasks:
    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def tasks_recover_expired(*, now: datetime | None = None) -> RecoveredTasks:
    """Re-queue, or fail after TASK_MAX_CLAIMS, every task RUNNING past its lease."""
    now = now or timezone.now()
    lease = timedelta(seconds=settings.TASK_LEASE_SECONDS)
    recovered = RecoveredTasks()
    for row in DBTaskResult.objects.running().filter(started_at__lt=now - lease).order_by("started_at"):
        claims = len(row.worker_ids)
        if claims >= settings.TASK_MAX_CLAIMS:
            if _fail(row, now=now, claims=claims):
                recovered.failed.append(str(row.pk))
                logger.error(
                    "task %s (%s) failed: its worker died on each of its %d claims (workers %s)",
                    row.pk,
                    row.task_path,
                    claims,
                    ", ".join(row.worker_ids),
                )
        elif _still_claimed(row).update(status=TaskResultStatus.READY):
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
    return recovered


def _still_claimed(row: DBTaskResult):
    """The row, only while it is still RUNNING under the claim this recovery read."""
    # Every claim sets a new started_at, so it names the claim.
    return DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at)


def _fail(row: DBTaskResult, *, now: datetime, claims: int) -> int:
    return _still_claimed(row).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        return_value=None,
        exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
        traceback=(
            f"{WorkerLost.__qualname__}: claimed {claims} times, and each worker stopped without "
            f"finishing it within the {settings.TASK_LEASE_SECONDS} s lease.\n"
        ),
    )
