"""A task that hangs for ever in a live worker, with real `run_worker` processes on a real
database: its heartbeat would renew its claim for ever, so the claim has a time limit
(TASK_TIME_LIMIT_SECONDS). There the task is interrupted and recorded FAILED, and the
worker goes on to the next task; a task that swallows the interruption has its claim
marked FAILED by the worker, which then exits for the supervisor to start a clean one.
"""

import pytest

from bookings.task_leases import EXIT_TASK_STUCK
from tests.reliability.deployments import ON_POSTGRES, Deployment, wait_until

LEASE_SECONDS = 3  # a heartbeat every 0.75 s
TIME_LIMIT_SECONDS = 4
LIMIT_ERROR = "bookings.task_leases.TaskTimeLimitExceeded"


@pytest.fixture
def deployment_settings():
    return {
        "TASK_LEASE_SECONDS": str(LEASE_SECONDS),
        "TASK_MAX_CLAIMS": "3",
        "TASK_TIME_LIMIT_SECONDS": str(TIME_LIMIT_SECONDS),
    }


def outcome(deployment: Deployment, task_id: str) -> tuple[str, str, int]:
    """(status, the error's class path, how many claims) of one task's row."""
    key = task_id if ON_POSTGRES else task_id.replace("-", "")
    row = "SELECT {} FROM django_tasks_database_dbtaskresult WHERE id = %s"
    status = deployment.scalar(row.format("status"), key)
    error = deployment.scalar(row.format("exception_class_path"), key)
    workers = deployment.scalar(row.format("worker_ids"), key)
    return status, error, len(workers) if ON_POSTGRES else workers.count('"') // 2


def test_a_task_that_sleeps_past_its_time_limit_is_failed_and_its_worker_goes_on(deployment):
    markers = deployment.tmp / "markers"
    markers.mkdir()
    after = deployment.tmp / "after-the-hung-task"
    hung = deployment.world("sleep-for-ever", str(markers))["task"]
    deployment.world("touch", str(after))
    worker = deployment.start_worker("worker")

    wait_until(lambda: list(markers.glob("started-*")), what="the hung task to start", every=0.05)
    wait_until(after.exists, seconds=120, what="the worker to run the task behind the hung one", every=0.1)

    assert outcome(deployment, hung) == ("FAILED", LIMIT_ERROR, 1)
    assert f"still running after its {TIME_LIMIT_SECONDS} s time limit" in deployment.log("worker")
    assert worker.poll() is None
    reconciled = deployment.manage("reconcile_background_work")
    assert "tasks re-queued 0, failed 0" in reconciled.stdout, reconciled.stderr[-3000:]
    assert deployment.stop_gracefully(worker) == [0]


def test_a_task_that_swallows_the_interruption_is_failed_and_its_worker_exits_to_be_restarted(deployment):
    markers = deployment.tmp / "markers"
    markers.mkdir()
    after = deployment.tmp / "after-the-stuck-task"
    stuck = deployment.world("hang", str(markers))["task"]
    deployment.world("touch", str(after))
    worker = deployment.start_worker("worker")

    assert worker.wait(timeout=120) == EXIT_TASK_STUCK
    assert list(markers.glob("interrupted-*"))  # it was interrupted, and carried on
    assert outcome(deployment, stuck) == ("FAILED", LIMIT_ERROR, 1)
    assert not after.exists()
    restarted = deployment.start_worker("restarted")  # as the supervisor would
    wait_until(after.exists, seconds=120, what="the restarted worker to run the next task", every=0.1)
    assert deployment.stop_gracefully(restarted) == [0]
