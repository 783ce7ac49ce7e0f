"""Real processes on a real database, for the reliability tests of background work.

A `Deployment` is a database URL (a SQLite file, or a PostgreSQL database of its own when
the suite's DATABASE_URL names PostgreSQL) and the environment every process of it runs
with: workers (`run_worker`, or Celery's), commands, and `tests.reliability.background_world`
to set it up and read it as an operator would. A migrated and seeded template is made once
(`template_database`) and copied for each test (`database_copied_from`); the fixtures
`template` and `deployment` (tests/reliability/conftest.py) do both for a test module.

Every wait polls a condition against a deadline (`wait_until`); none sleeps for a fixed
time. Every process started is killed, with its children, by `stop_all`.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parents[2]
SUITE_DATABASE = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = SUITE_DATABASE.startswith(("postgres://", "postgresql://"))
DEADLINE = 240  # seconds for any one step, however loaded the machine


def wait_until(condition, *, what: str, seconds: float = DEADLINE, every: float = 0.02):
    """`condition()` once it is truthy; an AssertionError naming `what` at the deadline."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


class Deployment:
    """A database URL and the environment every process of this deployment runs with."""

    def __init__(self, url: str, tmp: Path, **env: str):
        self.url = url
        self.tmp = tmp
        self.env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        defaults = {
            "PYTHONUNBUFFERED": "1",
            "TASK_BACKEND": "django_tasks_db.DatabaseBackend",
            "LOG_LEVEL": "INFO",
        }
        self.env.update(defaults, DATABASE_URL=url, **env)
        self.processes: list[subprocess.Popen] = []

    # processes

    def manage(self, *args: str, timeout: float = 180, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def world(self, *args: str, **env: str) -> dict:
        """One command of tests.reliability.background_world, its JSON answer."""
        done = subprocess.run(
            [sys.executable, "-m", "tests.reliability.background_world", *args],
            cwd=ROOT,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    def start(self, name: str, argv: list[str], **env: str) -> subprocess.Popen:
        """A long-running process, its output in `name`.log, in a process group of its own
        (so its children are signalled with it)."""
        log = open(self.tmp / f"{name}.log", "w")
        process = subprocess.Popen(
            argv,
            cwd=ROOT,
            env={**self.env, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.processes.append(process)
        return process

    def start_worker(self, name: str, **env: str) -> subprocess.Popen:
        command = [sys.executable, "manage.py", "run_worker", "--interval", "0.2", "--no-startup-delay"]
        return self.start(name, command, **env)

    def log(self, name: str) -> str:
        return (self.tmp / f"{name}.log").read_text()

    def reconcile(self) -> str:
        """One run of `reconcile_background_work`, which must succeed; what it printed."""
        done = self.manage("reconcile_background_work")
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def stop_gracefully(self, *processes: subprocess.Popen) -> list[int]:
        """SIGTERM to each process's group at once (a worker finishes the task in hand),
        then each one's exit status."""
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        return [process.wait(timeout=120) for process in processes]

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=60)

    # reading the database directly, fast enough to catch a worker mid-way

    def scalar(self, sql: str, *params):
        if ON_POSTGRES:
            with psycopg.connect(self.url, autocommit=True) as connection:
                return connection.execute(sql, params).fetchone()[0]
        with sqlite3.connect(urlsplit(self.url).path, timeout=30) as connection:
            return connection.execute(sql.replace("%s", "?"), params).fetchone()[0]

    def tasks_with_status(self, status: str, path_part: str = "") -> int:
        return self.scalar(
            "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status = %s AND task_path LIKE %s",
            status,
            f"%{path_part}%",
        )


@contextmanager
def _postgres_admin():
    parts = urlsplit(SUITE_DATABASE)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        yield connection


def _drop_postgres_database(name: str) -> None:
    with _postgres_admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def template_database(tmp: Path, *seed: str) -> Iterator[str]:
    """A migrated database (seeded by `background_world *seed` if given), its URL; dropped after."""
    name = f"vc_bg_template_{uuid.uuid4().hex[:8]}"
    if ON_POSTGRES:
        with _postgres_admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        url = urlunsplit(urlsplit(SUITE_DATABASE)._replace(path=f"/{name}"))
    else:
        url = f"sqlite:///{tmp / 'template.sqlite3'}"
    deployment = Deployment(url, tmp)
    try:
        migrated = deployment.manage("migrate", "--noinput", "-v0", timeout=600)
        assert migrated.returncode == 0, migrated.stderr[-3000:]
        if seed:
            deployment.world(*seed)
        if not ON_POSTGRES:
            with sqlite3.connect(urlsplit(url).path) as connection:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        yield url
    finally:
        if ON_POSTGRES:
            _drop_postgres_database(name)


@contextmanager
def database_copied_from(template: str, tmp: Path) -> Iterator[str]:
    """A database of its own for one test, copied from `template`; dropped after."""
    name = f"vc_bg_{uuid.uuid4().hex[:10]}"
    if ON_POSTGRES:
        with _postgres_admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{urlsplit(template).path[1:]}"')
        url = urlunsplit(urlsplit(template)._replace(path=f"/{name}"))
    else:
        copy = tmp / "db.sqlite3"
        copy.write_bytes(Path(urlsplit(template).path).read_bytes())
        url = f"sqlite:///{copy}"
    try:
        yield url
    finally:
        if ON_POSTGRES:
            _drop_postgres_database(name)


@contextmanager
def deployment_copied_from(template: str, tmp: Path, **env: str) -> Iterator[Deployment]:
    """A deployment on its own copy of `template`; its processes stopped and its database dropped after."""
    with database_copied_from(template, tmp) as url:
        deployment = Deployment(url, tmp, **env)
        try:
            yield deployment
        finally:
            deployment.stop_all()
