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
import time
import uuid

import pytest

from tests.reliability.deployments import (
    ON_POSTGRES,
    Deployment,
    deployment_copied_from,
    template_database,
    wait_until,
)

LEASE_SECONDS = 3  # a heartbeat every 0.75 s
SETTINGS = {"TASK_LEASE_SECONDS": str(LEASE_SECONDS), "TASK_MAX_CLAIMS": "3"}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    with template_database(tmp_path_factory.mktemp("lease-template")) as url:
        yield url


@pytest.fixture
def deployment(template, tmp_path):
    with deployment_copied_from(template, tmp_path, **SETTINGS) as deployment:
        yield deployment


def claims_of(deployment: Deployment, task_id: str) -> list[str]:
    """The workers that claimed the task (SQLite keeps a UUID as 32 hex digits, and JSON as text)."""
    raw = deployment.scalar(
        "SELECT worker_ids FROM django_tasks_database_dbtaskresult WHERE id = %s",
        task_id if ON_POSTGRES else uuid.UUID(task_id).hex,
    )
    return raw if ON_POSTGRES else json.loads(raw)


def reconcile(deployment: Deployment) -> str:
    done = deployment.manage("reconcile_background_work")
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_a_task_running_for_three_leases_is_left_to_its_live_worker(deployment):
    markers = deployment.tmp / "markers"
    markers.mkdir()
    worker = deployment.start_worker("worker")
    task = deployment.world("hold", str(markers))["task"]
    wait_until(lambda: list(markers.glob("started-*")), what="the task to start", every=0.05)
    started = time.monotonic()

    # Reconciliation every few seconds, as often as it can be run, for three leases.
    outputs = []
    while time.monotonic() < started + 3 * LEASE_SECONDS or len(outputs) < 3:
        outputs.append(reconcile(deployment))
    assert time.monotonic() - started > LEASE_SECONDS + 1

    assert [out.split(";")[0] for out in outputs] == ["tasks re-queued 0, failed 0"] * len(outputs)
    (markers / "release").touch()
    wait_until(
        lambda: deployment.tasks_with_status("SUCCESSFUL", "hold_until_released"), what="the task to end"
    )
    assert len(claims_of(deployment, task)) == 1
    assert len(list(markers.glob("started-*"))) == 1  # it ran once
    assert deployment.scalar("SELECT COUNT(*) FROM bookings_taskheartbeat") == 0
    os.killpg(worker.pid, signal.SIGTERM)
    assert worker.wait(timeout=120) == 0


def test_a_frozen_workers_task_is_taken_back_after_its_lease_and_run_by_another(deployment):
    markers = deployment.tmp / "markers"
    markers.mkdir()
    frozen = deployment.start_worker("frozen")
    task = deployment.world("hold", str(markers))["task"]
    wait_until(lambda: list(markers.glob("started-*")), what="the task to start", every=0.05)
    os.killpg(frozen.pid, signal.SIGSTOP)  # its heartbeat thread stops with it
    stopped = time.monotonic()

    wait_until(lambda: time.monotonic() > stopped + LEASE_SECONDS + 0.5, what="the lease to pass", every=0.1)
    assert "tasks re-queued 1, failed 0" in reconcile(deployment)
    second = deployment.start_worker("second")
    wait_until(lambda: len(list(markers.glob("started-*"))) == 2, what="the task to start again", every=0.05)
    (markers / "release").touch()

    wait_until(
        lambda: deployment.tasks_with_status("SUCCESSFUL", "hold_until_released"), what="the task to end"
    )
    assert len(claims_of(deployment, task)) == 2
    os.killpg(frozen.pid, signal.SIGKILL)
    os.killpg(second.pid, signal.SIGTERM)
    assert second.wait(timeout=120) == 0


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
    wait_until(lambda: time.monotonic() > killed + LEASE_SECONDS + 0.5, what="the lease to pass", every=0.1)
    assert "tasks re-queued 1, failed 0" in reconcile(deployment)
    second = deployment.start_worker("second")

    wait_until(lambda: deployment.tasks_with_status("SUCCESSFUL", task_name), what="the resend")
    assert sent_by_the_first == (0 if crash == "before-send" else 1)
    assert len(list(mail.glob("message-*"))) == messages
    assert deployment.world(read_sent) == {str(email): True}
    os.killpg(second.pid, signal.SIGTERM)
    assert second.wait(timeout=120) == 0


def test_a_frozen_worker_thawed_after_its_task_was_taken_back_finishes_beside_the_new_claim(deployment):
    """A noisy neighbour: the frozen worker wakes (SIGCONT) while a second worker runs the
    task it lost. Both finish it (delivery is at least once: each task here is safe run
    twice); the row ends SUCCESSFUL with two claims, nothing is re-queued a third time and
    no heartbeat is left behind."""
    markers = deployment.tmp / "markers"
    markers.mkdir()
    frozen = deployment.start_worker("frozen")
    task = deployment.world("hold", str(markers))["task"]
    wait_until(lambda: list(markers.glob("started-*")), what="the task to start", every=0.05)
    os.killpg(frozen.pid, signal.SIGSTOP)
    stopped = time.monotonic()
    wait_until(lambda: time.monotonic() > stopped + LEASE_SECONDS + 0.5, what="the lease to pass", every=0.1)
    assert "tasks re-queued 1, failed 0" in reconcile(deployment)
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
    assert reconcile(deployment).startswith("tasks re-queued 0, failed 0")
    wait_until(
        lambda: deployment.scalar("SELECT COUNT(*) FROM bookings_taskheartbeat") == 0,
        seconds=30,
        what="both claims' heartbeats to be gone",
    )
    for worker in (frozen, second):
        os.killpg(worker.pid, signal.SIGTERM)
    assert [frozen.wait(timeout=120), second.wait(timeout=120)] == [0, 0]
