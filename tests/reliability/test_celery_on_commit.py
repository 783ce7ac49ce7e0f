"""Under Celery a task is sent to the broker when the transaction that queued it commits,
and never if it rolls back (venue_check/task_backends.py), as the database queue's row
appears only then. The broker is replaced by a recorder here; test_celery_queue.py
runs the same against RabbitMQ and a real worker."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import transaction
from django.test import override_settings
from django_tasks import task

from venue_check.task_backends import OnCommitCeleryBackend

CELERY = {"default": {"BACKEND": "venue_check.task_backends.OnCommitCeleryBackend", "QUEUES": ["default"]}}


def screen_booking(booking_id: int) -> None:
    """Stands for any task: only its sending is looked at."""


@pytest.fixture
def broker():
    with override_settings(TASKS=CELERY):
        sent = mock.Mock()
        with (
            mock.patch("venue_check.task_backends.celery_app", send_task=sent),
            mock.patch("venue_check.task_backends._store_enqueue_info"),
        ):
            yield task()(screen_booking), sent


def test_the_settings_name_of_fennels_backend_selects_the_on_commit_one(tmp_path):
    """`TASK_BACKEND=django_tasks_fennel.CeleryBackend`, as docs/operations.md says to set it."""
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from django_tasks import task_backends; b = task_backends['default']; "
            "print(type(b).__module__, type(b).__name__)",
        ],
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
            "DJANGO_SETTINGS_MODULE": "venue_check.settings.base",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
            "TASK_BACKEND": "django_tasks_fennel.CeleryBackend",
        },
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr[-3000:]
    assert shown.stdout.split() == ["venue_check.task_backends", OnCommitCeleryBackend.__name__]


@pytest.mark.django_db
def test_a_task_queued_in_a_transaction_is_sent_only_when_it_commits(
    broker, django_capture_on_commit_callbacks
):
    queued_task, sent = broker

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            result = queued_task.enqueue(42)
            assert sent.call_count == 0  # a worker cannot run it before the booking is there

    ((name,), options) = sent.call_args
    assert name.endswith("test_celery_on_commit.screen_booking")
    assert (list(options["args"]), options["task_id"]) == ([42], result.id)  # the id returned is the one sent


@pytest.mark.django_db
def test_a_task_whose_transaction_rolls_back_is_never_sent(broker, django_capture_on_commit_callbacks):
    queued_task, sent = broker

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            queued_task.enqueue(42)
            raise RuntimeError("the booking was not stored")

    assert sent.call_count == 0


@pytest.mark.django_db(transaction=True)
def test_a_task_queued_outside_a_transaction_is_sent_at_once(broker):
    """In autocommit (a command, a task): nothing to wait for."""
    queued_task, sent = broker

    queued_task.enqueue(7)

    assert sent.call_count == 1
