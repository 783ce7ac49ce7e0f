"""The Celery task backend, sending a task to the broker when its transaction commits.

With the database queue a task is a row written in the transaction that queues it: it
exists once that commits, and never if it rolls back. django-tasks-fennel's
`CeleryBackend` sends the task to the broker the moment it is queued, so a worker can
run it before the transaction commits (and find none of what it was queued for), or
run a task whose transaction then rolls back. `OnCommitCeleryBackend` keeps the
database queue's meaning: the task, its id decided at once, is sent when the
transaction commits (at once outside one) and not at all if it rolls back.

`TASK_BACKEND=django_tasks_fennel.CeleryBackend` selects it (venue_check/settings/base.py).
It reuses fennel's own helpers for the message, pinned by pyproject.toml (<0.2) and
exercised against RabbitMQ by tests/reliability/test_celery_queue.py.
"""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks_fennel.backend import (
    DJANGO_TASKS_PRIORITY_HEADER,
    CeleryBackend,
    _map_priority,
    _store_enqueue_info,
    _to_celery_name,
    celery_app,
)
from django_tasks_fennel.compat import TaskResult, TaskResultStatus, get_random_id, task_enqueued


class OnCommitCeleryBackend(CeleryBackend):
    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        enqueued_at = timezone.now()
        result: TaskResult[Any] = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=enqueued_at,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        transaction.on_commit(lambda: self._send(result, enqueued_at))
        return result

    def _send(self, result: TaskResult[Any], enqueued_at: datetime) -> None:
        """What fennel's enqueue does once it has an id: the side-channel record read by
        get_result (before the message, so a fast worker never writes first), then the message."""
        task = result.task
        _store_enqueue_info(result.id, task.module_path, result.args, result.kwargs, enqueued_at)
        options: dict[str, Any] = {
            "task_id": result.id,
            "eta": task.run_after,
            "priority": _map_priority(task.priority),
            "headers": {DJANGO_TASKS_PRIORITY_HEADER: task.priority},
        }
        if task.queue_name:
            options["queue"] = task.queue_name
        celery_app.send_task(
            _to_celery_name(task.module_path), args=result.args, kwargs=result.kwargs, **options
        )
        task_enqueued.send(type(self), task_result=result)
