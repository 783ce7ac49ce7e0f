"""The path past one machine: the same django-tasks API on Celery (django-tasks-fennel)
with RabbitMQ, and late acknowledgement, so a task whose worker is SIGKILLed mid-way is
delivered again and completes.

Each run uses a queue of its own on the shared broker (deleted afterwards) and needs
no database: the task only waits for a file the test writes. Every wait polls a
condition against a generous deadline; every process started is killed at teardown.
"""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from kombu import Connection

ROOT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("TEST_CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
RESULTS = os.environ.get("TEST_CELERY_RESULT_BACKEND", "redis://127.0.0.1:6379/14")
DEADLINE = 180  # seconds for any one step, however loaded the machine


def wait_until(condition, *, what: str, seconds: float = DEADLINE, every: float = 0.1):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


class CeleryDeployment:
    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.queue = f"venue-check-test-{uuid.uuid4().hex[:12]}"
        self.markers = tmp / "markers"
        self.markers.mkdir()
        self.env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        self.env.update(
            DJANGO_SETTINGS_MODULE="venue_check.settings.base",
            DATABASE_URL=f"sqlite:///{tmp / 'unused.sqlite3'}",
            TASK_BACKEND="django_tasks_fennel.CeleryBackend",
            TASK_QUEUES=f"default,{self.queue}",
            TEST_QUEUE=self.queue,
            CELERY_BROKER_URL=BROKER,
            CELERY_RESULT_BACKEND=RESULTS,
            PYTHONUNBUFFERED="1",
        )
        self.workers: list[subprocess.Popen] = []

    def start_worker(self, name: str) -> subprocess.Popen:
        log = open(self.tmp / f"{name}.log", "w")
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "django_tasks_fennel.app",
                "worker",
                "--queues",
                self.queue,
                "--concurrency",
                "1",
                "--pool",
                "prefork",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--include",
                "tests.reliability.worker_tasks",
                "--hostname",
                f"{name}@%h",
                "--loglevel",
                "INFO",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its pool children share its process group
        )
        log.close()
        self.workers.append(worker)
        wait_until(lambda: " ready." in self.log(name) or worker.poll() is not None, what=f"{name} to start")
        assert worker.poll() is None, self.log(name)[-3000:]
        return worker

    def log(self, name: str) -> str:
        return (self.tmp / f"{name}.log").read_text()

    def world(self, *args: str) -> dict:
        done = subprocess.run(
            [sys.executable, "-m", "tests.reliability.background_world", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=DEADLINE,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    def started_by(self) -> set[int]:
        return {int(p.name.split("-")[1]) for p in self.markers.glob("started-*")}

    def tear_down(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=60)
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
    (running,) = wait_until(celery.started_by, what="the task to start")

    if killed == "the whole worker":
        os.killpg(first.pid, signal.SIGKILL)  # the broker sees the connection drop, unacknowledged
        first.wait(timeout=60)
        celery.start_worker("second")
    else:
        # The worker lives on and sees its pool process lost: rejected, not acknowledged.
        os.kill(_pool_child(first, running), signal.SIGKILL)
    again = wait_until(lambda: celery.started_by() - {running}, what="the task to be delivered again")
    (celery.markers / "release").touch()

    wait_until(lambda: list(celery.markers.glob("finished-*")), what="the task to finish")
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
    seen = wait_until(lambda: [p.name for p in celery.markers.glob("seen-*")], what="the task to run")
    assert seen == ["seen-1"]
    outcome = wait_until(
        lambda: (found := celery.world("result", queued["task"]))["status"] == "SUCCESSFUL" and found,
        what="the result to be stored",
        every=1,
    )
    assert outcome["return_value"] == 1
