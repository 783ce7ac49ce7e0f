"""Background work that loses nothing, with real worker processes on a real database
(a SQLite file, or a PostgreSQL database of its own when DATABASE_URL names PostgreSQL).

A new source version queues the re-screen of 40 upcoming bookings; the worker is
SIGKILLed in the middle; a new worker and one run of the periodic jobs (with the task
lease shortened to a second) must leave every booking screened against the live
versions exactly once, with one new-flag notice for each booking the new version flags.
Also: two reconciliations at once, a poison task, and the database locked (SQLite) or
its connections cut (PostgreSQL) for 10 s under a running worker.

Every wait polls a condition against a deadline; none sleeps for a fixed time.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from urllib.parse import urlsplit

import psycopg
import pytest

from tests.reliability.deployments import (
    ON_POSTGRES,
    ROOT,
    Deployment,
    template_database,
    wait_until,
)
from tests.reliability.list_versions import publish_version_2

BOOKINGS = 40
NEWLY_FLAGGED = 10  # every fourth booking names the speaker version 2 adds
# Long enough that a worker's fresh claim is never taken for a dead one while the two
# overlapping periodic runs recover the killed worker's task (they start together).
LEASE_SECONDS = 8


def bookings_seeing(deployment: Deployment, version_id: int) -> int:
    return deployment.scalar(
        "SELECT COUNT(DISTINCT r.booking_id) FROM screening_screeningrun r "
        "JOIN screening_screeningrun_source_versions l ON l.screeningrun_id = r.id "
        "WHERE l.sourceversion_id = %s",
        version_id,
    )


def wait_for_lease_to_pass(claimed_before: float, lease: float = LEASE_SECONDS) -> None:
    """The dead worker's claim started before `claimed_before` (a monotonic time)."""
    wait_until(
        lambda: time.monotonic() > claimed_before + lease + 0.2,
        seconds=lease + 5,
        what="the lease to pass",
        every=0.05,
    )


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """Migrated, with a source (version 1), an officer and 40 upcoming bookings screened."""
    tmp = tmp_path_factory.mktemp("background-template")
    with template_database(tmp, "seed", str(BOOKINGS)) as url:
        seeded = Deployment(url, tmp).world("report")
        assert seeded["bookings"] == BOOKINGS and seeded["flagged"] == 0
        yield url


@pytest.fixture
def deployment_settings():
    return {"TASK_LEASE_SECONDS": str(LEASE_SECONDS), "TASK_MAX_CLAIMS": "2"}


def assert_every_booking_screened_once_against(deployment: Deployment, version_id: int) -> dict:
    report = deployment.world("report")
    assert report["live"] == [version_id]
    assert report["runs_per_live_version"][str(version_id)] == [1] * BOOKINGS
    assert report["flagged"] == NEWLY_FLAGGED
    assert report["new_flag_notices"] == NEWLY_FLAGGED
    return report


# --- the tests ------------------------------------------------------------------------------


def run_periodic_jobs_twice_at_once(deployment: Deployment) -> list[str]:
    runs = [
        subprocess.Popen(
            [sys.executable, "manage.py", "run_periodic_jobs"],
            cwd=ROOT,
            env=deployment.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        for _ in range(2)
    ]
    deployment.processes.extend(runs)
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err[-3000:] for _, err in outputs]
    return [out for out, _ in outputs]


@pytest.mark.parametrize("kill_after", [0, BOOKINGS // 3], ids=["just-claimed", "a-third-screened"])
def test_a_worker_killed_mid_rescreen_loses_nothing_and_duplicates_nothing(deployment, kill_after):
    worker = deployment.start_worker("first-worker")
    version = publish_version_2(deployment)

    def caught_mid_way():
        # frozen while it is looked at, so that what is seen is where it stands when
        # killed: a loaded machine may otherwise let it finish between look and kill
        os.killpg(worker.pid, signal.SIGSTOP)
        if deployment.tasks_with_status("RUNNING", "rescreen") and (
            bookings_seeing(deployment, version) >= kill_after
        ):
            return True
        os.killpg(worker.pid, signal.SIGCONT)
        return False

    wait_until(caught_mid_way, what="the worker to start the re-screen")
    screened_when_killed = bookings_seeing(deployment, version)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)
    killed_at = time.monotonic()
    assert kill_after <= screened_when_killed < BOOKINGS
    assert deployment.tasks_with_status("RUNNING", "rescreen") == 1  # the dead worker's claim

    # The supervisor starts a worker again; two runs of the periodic jobs overlap (a slow
    # cron run and the next), and the re-queued re-screen runs beside them.
    second = deployment.start_worker("second-worker")
    wait_for_lease_to_pass(killed_at)
    outputs = run_periodic_jobs_twice_at_once(deployment)

    assert sorted(out.count("tasks re-queued 1, failed 0") for out in outputs) == [0, 1], outputs
    wait_until(
        lambda: deployment.tasks_with_status("SUCCESSFUL", "rescreen") == 1,
        seconds=240,
        what="the re-queued re-screen to finish",
        every=0.2,
    )
    report = assert_every_booking_screened_once_against(deployment, version)
    assert [(t["status"], t["claims"]) for t in report["tasks"].values() if "rescreen" in t["path"]] == [
        ("SUCCESSFUL", 2)
    ]
    assert deployment.stop_gracefully(second) == [0]


def test_the_periodic_jobs_beside_a_running_rescreen_build_no_index_and_leave_it_the_bookings(deployment):
    """After a publish the worker re-screens; the periodic run beside it has nothing to do
    that needs a match index, so it must not build one (13 s of the CPU the worker needs)
    only to race the worker for the same bookings."""
    deployment.env["TASK_LEASE_SECONDS"] = "120"  # the frozen worker's claim stays live
    worker = deployment.start_worker("worker")
    version = publish_version_2(deployment)
    wait_until(lambda: deployment.tasks_with_status("RUNNING", "rescreen"), what="the re-screen to start")
    os.killpg(worker.pid, signal.SIGSTOP)  # busy re-screening, as far as the periodic run can tell
    screened_before = bookings_seeing(deployment, version)

    periodic = deployment.manage("run_periodic_jobs", timeout=600)
    screened_beside = bookings_seeing(deployment, version) - screened_before
    os.killpg(worker.pid, signal.SIGCONT)

    assert periodic.returncode == 0, periodic.stderr[-3000:]
    left = BOOKINGS - screened_before
    assert f"bookings screened: stuck 0, stale 0 ({left} left to the re-screen in hand)" in periodic.stdout
    assert "match index of versions" not in periodic.stderr  # no index built
    assert screened_beside == 0
    wait_until(
        lambda: deployment.tasks_with_status("SUCCESSFUL", "rescreen") == 1,
        what="the re-screen to finish",
        every=0.2,
    )
    report = assert_every_booking_screened_once_against(deployment, version)
    assert [(t["status"], t["claims"]) for t in report["tasks"].values() if "rescreen" in t["path"]] == [
        ("SUCCESSFUL", 1)
    ]
    assert deployment.stop_gracefully(worker) == [0]


def test_two_workers_and_every_task_delivered_twice_screen_each_booking_once_and_mail_each_notice_once(
    deployment,
):
    """A noisy neighbour: two workers on one queue, the publish's re-screen delivered twice
    (both run at once, one in each worker), then every officer notice's send delivered
    again. Each booking gets one run against the new version and each new flag one e-mail."""
    mail = deployment.tmp / "mail"
    mail.mkdir()
    deployment.env.update(EMAIL_BACKEND="tests.reliability.crashing_mail.EmailBackend", MAIL_DIR=str(mail))
    workers = [deployment.start_worker(f"worker-{n}") for n in (1, 2)]
    version = publish_version_2(deployment)
    deployment.world("rescreen-again", str(version))

    def finished(path_part: str, count: int):
        return lambda: (
            deployment.tasks_with_status("SUCCESSFUL", path_part)
            + deployment.tasks_with_status("FAILED", path_part)
            == count
        )

    wait_until(finished("rescreen", 2), what="both re-screens to finish", every=0.2)
    claimed_by = {
        t["claims"] for t in deployment.world("report")["tasks"].values() if "rescreen" in t["path"]
    }
    deployment.world("resend-notices")
    wait_until(
        finished("send_officer_notice", 2 * NEWLY_FLAGGED), what="every notice sent twice over", every=0.2
    )
    reconciled = deployment.manage("reconcile_background_work")  # as the periodic jobs would next

    assert reconciled.returncode == 0, reconciled.stderr[-3000:]
    assert claimed_by == {1}
    report = assert_every_booking_screened_once_against(deployment, version)
    assert len(list(mail.glob("message-*"))) == NEWLY_FLAGGED
    assert deployment.tasks_with_status("SUCCESSFUL", "send_officer_notice") == 2 * NEWLY_FLAGGED
    assert report["statuses"] == ["cleared", "flagged"]
    assert deployment.stop_gracefully(*workers) == [0, 0]


def test_a_task_that_kills_every_worker_ends_failed_and_the_queue_goes_on(deployment):
    deployment.world("poison")
    deployment.world("touch", str(deployment.tmp / "after-the-poison"))

    for claim in (1, 2):
        worker = deployment.start_worker(f"worker-{claim}")
        assert worker.wait(timeout=240) == -signal.SIGKILL  # the poison task killed it
        wait_for_lease_to_pass(time.monotonic(), lease=1)
        recovered = deployment.manage("reconcile_background_work", TASK_LEASE_SECONDS="1")
        assert recovered.returncode == 0, recovered.stderr[-3000:]
    assert "tasks re-queued 0, failed 1" in recovered.stdout
    assert (
        "(tests.reliability.worker_tasks.kill_the_worker) failed: its worker died on each of its 2 claims"
        in (recovered.stderr)
    )

    survivor = deployment.start_worker("survivor")
    wait_until(
        lambda: (deployment.tmp / "after-the-poison").exists(),
        seconds=240,
        what="the task behind the poison to run",
        every=0.1,
    )
    statuses = {
        t["path"].rsplit(".", 1)[1]: (t["status"], t["claims"])
        for t in deployment.world("report")["tasks"].values()
    }
    assert statuses == {"kill_the_worker": ("FAILED", 2), "touch": ("SUCCESSFUL", 1)}
    assert survivor.poll() is None
    assert deployment.stop_gracefully(survivor) == [0]


def _cut_off_the_database(deployment: Deployment, seconds: float) -> None:
    """SQLite: hold the write lock. PostgreSQL: end every other connection to the database."""
    deadline = time.monotonic() + seconds
    if not ON_POSTGRES:
        connection = sqlite3.connect(urlsplit(deployment.url).path, timeout=30, isolation_level=None)
        connection.execute("BEGIN EXCLUSIVE")
        while time.monotonic() < deadline:
            time.sleep(0.1)  # the lock is held for the whole period: nothing to poll
        connection.execute("ROLLBACK")
        connection.close()
        return
    with psycopg.connect(deployment.url, autocommit=True) as connection:
        while time.monotonic() < deadline:
            connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            time.sleep(0.2)


def test_the_worker_survives_the_database_locked_or_cut_off_for_10_seconds(deployment):
    worker = deployment.start_worker("worker", DATABASE_BUSY_TIMEOUT="1")
    wait_until(lambda: "Starting worker" in deployment.log("worker"), seconds=240, what="the worker to start")

    _cut_off_the_database(deployment, 10)
    deployment.world("touch", str(deployment.tmp / "after-the-outage"))

    wait_until(
        lambda: (deployment.tmp / "after-the-outage").exists(),
        seconds=240,
        what="the worker to run a task after the outage",
        every=0.1,
    )
    assert worker.poll() is None
    assert "database unavailable" in deployment.log("worker")
    assert deployment.stop_gracefully(worker) == [0]
