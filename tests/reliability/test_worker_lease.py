"""What a worker's death, or its slowness, does to a task, with real `run_worker` processes
on a real database (a SQLite file, or a PostgreSQL database of its own).

A task that runs for three leases is left to its worker, which renews its claim while it
runs; a worker frozen mid-task stops renewing, and its task is taken back and run by
another. A venue's e-mail or an officer's notice whose worker is killed just before,
during or just after the send reaches its reader once, or twice in the one documented window.
"""

import json
import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from tests.reliability.deployments import ON_POSTGRES, Deployment, wait_until

LEASE_SECONDS = 3  # a heartbeat every 0.75 s


@pytest.fixture
def deployment_settings():
    return {"TASK_LEASE_SECONDS": str(LEASE_SECONDS), "TASK_MAX_CLAIMS": "3"}


def claims_of(deployment: Deployment, task_id: str) -> list[str]:
    """The workers that claimed the task (SQLite keeps a UUID as 32 hex digits, and JSON as text)."""
    raw = deployment.scalar(
        "SELECT worker_ids FROM django_tasks_database_dbtaskresult WHERE id = %s",
        task_id if ON_POSTGRES else uuid.UUID(task_id).hex,
    )
    return raw if ON_POSTGRES else json.loads(raw)


def start_a_held_task(deployment: Deployment, worker_name: str) -> tuple[subprocess.Popen, str, Path]:
    """A worker, and the task it has started that holds until `markers`/release is touched:
    (the worker, the task's id, markers)."""
    markers = deployment.tmp / "markers"
    markers.mkdir()
    worker = deployment.start_worker(worker_name)
    task = deployment.world("hold", str(markers))["task"]
    wait_until(lambda: list(markers.glob("started-*")), what="the task to start", every=0.05)
    return worker, task, markers


def wait_for_the_lease_to_pass(since: float) -> None:
    wait_until(lambda: time.monotonic() > since + LEASE_SECONDS + 0.5, what="the lease to pass", every=0.1)


def test_a_task_running_for_three_leases_is_left_to_its_live_worker(deployment):
    worker, task, markers = start_a_held_task(deployment, "worker")
    started = time.monotonic()

    # Reconciliation every few seconds, as often as it can be run, for three leases.
    outputs = []
    while time.monotonic() < started + 3 * LEASE_SECONDS or len(outputs) < 3:
        outputs.append(deployment.reconcile())
    assert time.monotonic() - started > LEASE_SECONDS + 1

    assert [out.split(";")[0] for out in outputs] == ["tasks re-queued 0, failed 0"] * len(outputs)
    (markers / "release").touch()
    wait_until(
        lambda: deployment.tasks_with_status("SUCCESSFUL", "hold_until_released"), what="the task to end"
    )
    assert len(claims_of(deployment, task)) == 1
    assert len(list(markers.glob("started-*"))) == 1  # it ran once
    # The worker deletes its claim's heartbeat once the task's result is recorded: after it.
    wait_until(
        lambda: deployment.scalar("SELECT COUNT(*) FROM bookings_taskheartbeat") == 0,
        what="the claim's heartbeat to be deleted",
    )
    assert deployment.stop_gracefully(worker) == [0]


def test_a_frozen_workers_task_is_taken_back_after_its_lease_and_run_by_another(deployment):
    frozen, task, markers = start_a_held_task(deployment, "frozen")
    os.killpg(frozen.pid, signal.SIGSTOP)  # its heartbeat thread stops with it
    stopped = time.monotonic()

    wait_for_the_lease_to_pass(stopped)
    assert "tasks re-queued 1, failed 0" in deployment.reconcile()
    second = deployment.start_worker("second")
    wait_until(lambda: len(list(markers.glob("started-*"))) == 2, what="the task to start again", every=0.05)
    (markers / "release").touch()

    wait_until(
        lambda: deployment.tasks_with_status("SUCCESSFUL", "hold_until_released"), what="the task to end"
    )
    assert len(claims_of(deployment, task)) == 2
    os.killpg(frozen.pid, signal.SIGKILL)
    assert deployment.stop_gracefully(second) == [0]


KINDS = {
    # what stores it and queues its task, the task, what reads whether each is marked sent
    "venue-email": ("venue-email", "send_venue_email", "venue-emails"),
    "officer-notice": ("officer-notice", "send_officer_notice", "notices-sent"),
}


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize(
    ("crash", "messages"),
    [("before-send", 1), ("after-send", 2), ("after-commit", 1)],
    ids=["killed-before-the-mail-server-has-it", "killed-after-it-has-it", "killed-after-the-commit"],
)
def test_an_email_whose_worker_is_killed_reaches_its_reader_once_or_in_the_window_twice(
    deployment, crash, messages, kind
):
    """A venue's e-mail and an officer's notice go through the same locked send
    (bookings/notifications/sending.py), so a SIGKILL does the same to each."""
    store, task_name, read_sent = KINDS[kind]
    mail = deployment.tmp / "mail"
    mail.mkdir()
    crashing = {"EMAIL_BACKEND": "tests.reliability.crashing_mail.EmailBackend", "MAIL_DIR": str(mail)}
    deployment.env.update(crashing)
    (email,) = deployment.world(store).values()

    first = deployment.start_worker("first", CRASH_MAIL=crash)
    assert first.wait(timeout=240) == -signal.SIGKILL
    killed = time.monotonic()
    sent_by_the_first = len(list(mail.glob("message-*")))
    wait_for_the_lease_to_pass(killed)
    assert "tasks re-queued 1, failed 0" in deployment.reconcile()
    second = deployment.start_worker("second")

    wait_until(lambda: deployment.tasks_with_status("SUCCESSFUL", task_name), what="the resend")
    assert sent_by_the_first == (0 if crash == "before-send" else 1)
    assert len(list(mail.glob("message-*"))) == messages
    assert deployment.world(read_sent) == {str(email): True}
    assert deployment.stop_gracefully(second) == [0]


def test_a_frozen_worker_thawed_after_its_task_was_taken_back_finishes_beside_the_new_claim(deployment):
    """A noisy neighbour: the frozen worker wakes (SIGCONT) while a second worker runs the
    task it lost. Both finish it (delivery is at least once: each task here is safe run
    twice); the row ends SUCCESSFUL with two claims, nothing is re-queued a third time and
    no heartbeat is left behind."""
    frozen, task, markers = start_a_held_task(deployment, "frozen")
    os.killpg(frozen.pid, signal.SIGSTOP)
    stopped = time.monotonic()
    wait_for_the_lease_to_pass(stopped)
    assert "tasks re-queued 1, failed 0" in deployment.reconcile()
    second = deployment.start_worker("second")
    wait_until(
        lambda: len(list(markers.glob("started-*"))) == 2, what="the second claim to start", every=0.05
    )

    os.killpg(frozen.pid, signal.SIGCONT)  # awake, its task still in hand
    (markers / "release").touch()
    wait_until(lambda: len(list(markers.glob("finished-*"))) == 2, what="both runs to finish", every=0.05)
    wait_until(
        lambda: deployment.tasks_with_status("SUCCESSFUL", "hold_until_released"), what="the row to end"
    )

    assert len(claims_of(deployment, task)) == 2
    assert deployment.reconcile().startswith("tasks re-queued 0, failed 0")
    wait_until(
        lambda: deployment.scalar("SELECT COUNT(*) FROM bookings_taskheartbeat") == 0,
        seconds=30,
        what="both claims' heartbeats to be gone",
    )
    assert deployment.stop_gracefully(frozen, second) == [0, 0]
