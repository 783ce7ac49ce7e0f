"""The path past one machine: the same django-tasks API on Celery (django-tasks-fennel)
with RabbitMQ, and late acknowledgement, so a task whose worker is SIGKILLed mid-way is
delivered again and completes.

Each run uses a queue of its own on the shared broker (deleted afterwards) and needs no
migrated database: the tasks wait for a file the test writes, or count the rows of a
table of their own. Every wait polls a
condition against a generous deadline; every process started is killed at teardown.
"""

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from kombu import Connection

from tests.reliability.deployments import Deployment, wait_until

BROKER = os.environ.get("TEST_CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
RESULTS = os.environ.get("TEST_CELERY_RESULT_BACKEND", "redis://127.0.0.1:6379/14")
DEADLINE = 180  # seconds for any one step, however loaded the machine


class CeleryDeployment(Deployment):
    """Celery workers on a queue of their own; a database file only `held` writes to."""

    def __init__(self, tmp: Path):
        self.queue = f"venue-check-test-{uuid.uuid4().hex[:12]}"
        self.markers = tmp / "markers"
        self.markers.mkdir()
        super().__init__(
            f"sqlite:///{tmp / 'unused.sqlite3'}",
            tmp,
            DJANGO_SETTINGS_MODULE="venue_check.settings.base",
            TASK_BACKEND="django_tasks_fennel.CeleryBackend",
            TASK_QUEUES=f"default,{self.queue}",
            TEST_QUEUE=self.queue,
            CELERY_BROKER_URL=BROKER,
            CELERY_RESULT_BACKEND=RESULTS,
        )

    def start_worker(self, name: str, **env: str):
        worker = self.start(
            name,
            [sys.executable, "-m", "celery", "-A", "django_tasks_fennel.app", "worker"]
            + ["--queues", self.queue, "--concurrency", "1", "--pool", "prefork"]
            + ["--without-gossip", "--without-mingle", "--without-heartbeat"]
            + [
                "--include",
                "tests.reliability.worker_tasks",
                "--hostname",
                f"{name}@%h",
                "--loglevel",
                "INFO",
            ],
            **env,
        )
        wait_until(
            lambda: " ready." in self.log(name) or worker.poll() is not None,
            what=f"{name} to start",
            seconds=DEADLINE,
            every=0.1,
        )
        assert worker.poll() is None, self.log(name)[-3000:]
        return worker

    def started_by(self) -> set[int]:
        return {int(p.name.split("-")[1]) for p in self.markers.glob("started-*")}

    def tear_down(self) -> None:
        self.stop_all()
        with Connection(BROKER, connect_timeout=10) as connection:
            connection.default_channel.queue_delete(self.queue)


@pytest.fixture
def celery(tmp_path):
    deployment = CeleryDeployment(tmp_path)
    try:
        yield deployment
    finally:
        deployment.tear_down()


def _pool_child(worker: subprocess.Popen, started: int) -> int:
    assert started != worker.pid, "the task runs in the worker's pool process"
    return started


@pytest.mark.parametrize("killed", ["the whole worker", "the process running the task"])
def test_a_task_whose_celery_worker_is_killed_mid_way_is_delivered_again_and_completes(celery, killed):
    first = celery.start_worker("first")
    task_id = celery.world("hold", str(celery.markers))["task"]
    (running,) = wait_until(celery.started_by, what="the task to start", seconds=DEADLINE, every=0.1)

    if killed == "the whole worker":
        os.killpg(first.pid, signal.SIGKILL)  # the broker sees the connection drop, unacknowledged
        first.wait(timeout=60)
        celery.start_worker("second")
    else:
        # The worker lives on and sees its pool process lost: rejected, not acknowledged.
        os.kill(_pool_child(first, running), signal.SIGKILL)
    again = wait_until(
        lambda: celery.started_by() - {running},
        what="the task to be delivered again",
        seconds=DEADLINE,
        every=0.1,
    )
    (celery.markers / "release").touch()

    wait_until(lambda: list(celery.markers.glob("finished-*")), what="the task to finish", seconds=DEADLINE)
    outcome = wait_until(
        lambda: (found := celery.world("result", task_id))["status"] in ("SUCCESSFUL", "FAILED") and found,
        what="the result to be stored",
        every=1,
    )
    assert outcome == {"status": "SUCCESSFUL", "return_value": "released"}
    assert [p.name for p in celery.markers.glob("finished-*")] == [f"finished-{next(iter(again))}"]


def test_a_task_queued_in_a_transaction_is_sent_when_it_commits(celery):
    """A worker ready and waiting: the task queued beside a row, in a transaction held
    open for seconds, runs after the commit and sees the row."""
    celery.start_worker("worker")

    queued = celery.world("held", str(celery.markers))

    assert queued["ran_before_commit"] is False
    seen = wait_until(
        lambda: [p.name for p in celery.markers.glob("seen-*")], what="the task to run", seconds=DEADLINE
    )
    assert seen == ["seen-1"]
    outcome = wait_until(
        lambda: (found := celery.world("result", queued["task"]))["status"] == "SUCCESSFUL" and found,
        what="the result to be stored",
        every=1,
    )
    assert outcome["return_value"] == 1


# --- the time limit --------------------------------------------------------------------
# The database worker's TASK_TIME_LIMIT_SECONDS, on Celery: a 3 s limit, a 0.75 s grace
# (TASK_LEASE_SECONDS 3 gives a heartbeat interval of 0.75 s, rounded up to 1 s).
# The limits travel in the message, from the settings of the process that queues the task
# (Celery puts a task's limits in it), so the queueing process has them as well as the worker.
TIME_LIMITED = {"TASK_TIME_LIMIT_SECONDS": "3", "TASK_LEASE_SECONDS": "3"}


def failed(celery, task_id: str) -> dict:
    return wait_until(
        lambda: (found := celery.world("failure", task_id))["status"] == "FAILED" and found,
        what="the task to be recorded FAILED",
        seconds=DEADLINE,
        every=1,
    )


def test_a_celery_task_that_sleeps_past_its_time_limit_is_interrupted_failed_and_not_delivered_again(celery):
    celery.start_worker("worker", **TIME_LIMITED)
    hung = celery.world("sleep-for-ever", str(celery.markers), **TIME_LIMITED)["task"]
    wait_until(celery.started_by, what="the task to start", seconds=DEADLINE, every=0.1)

    outcome = failed(celery, hung)
    after = celery.markers / "after-the-hung-task"
    celery.world("touch", str(after))
    wait_until(after.exists, what="the worker to run the next task", seconds=DEADLINE, every=0.2)

    assert outcome["errors"] == ["billiard.exceptions.SoftTimeLimitExceeded"]
    assert len(celery.started_by()) == 1  # acknowledged: never handed to a worker again


def test_a_celery_task_that_swallows_the_interruption_has_its_process_killed_and_is_failed(celery):
    worker = celery.start_worker("worker", **TIME_LIMITED)
    hung = celery.world("hang", str(celery.markers), **TIME_LIMITED)["task"]
    (pid,) = wait_until(celery.started_by, what="the task to start", seconds=DEADLINE, every=0.1)

    outcome = failed(celery, hung)
    after = celery.markers / "after-the-hung-task"
    celery.world("touch", str(after))
    wait_until(after.exists, what="a new pool process to run the next task", seconds=DEADLINE, every=0.2)

    assert (celery.markers / f"interrupted-{pid}").exists()  # it was told, and went on
    assert outcome["errors"] == ["billiard.exceptions.TimeLimitExceeded"]
    assert celery.started_by() == {pid}  # killed, not delivered again
    assert worker.poll() is None  # the worker itself lives on


def test_the_celery_limits_follow_the_database_workers(settings):
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT == settings.TASK_TIME_LIMIT_SECONDS
    assert settings.CELERY_TASK_TIME_LIMIT > settings.CELERY_TASK_SOFT_TIME_LIMIT
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > settings.CELERY_TASK_TIME_LIMIT
