"""Tasks that only the reliability tests queue; a worker imports them by path."""

import os
import signal
import time
from pathlib import Path

from django.db import connection
from django_tasks import task


@task()
def kill_the_worker() -> None:
    """A poison task: whatever runs it dies at once, as on running out of memory."""
    os.kill(os.getpid(), signal.SIGKILL)


@task()
def hold_until_released(directory: str) -> str:
    """Say it started (with the pid running it), then wait for `release` to appear."""
    here = Path(directory)
    (here / f"started-{os.getpid()}").touch()
    deadline = time.monotonic() + 300
    while not (here / "release").exists():
        if time.monotonic() > deadline:
            raise TimeoutError("never released")
        time.sleep(0.05)
    (here / f"finished-{os.getpid()}").touch()
    return "released"


@task()
def touch(path: str) -> None:
    """A task whose only effect is a file, to see a worker run tasks without screening
    anything (a process's first screening loads the name knowledge, which takes seconds)."""
    Path(path).touch()


@task()
def count_held_rows(directory: str) -> int:
    """Count the rows of the `held` table this worker can see, as a file `seen-N`: 0 if it
    runs before the transaction that queued it (and wrote the row) commits."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM held")
        (count,) = cursor.fetchone()
    (Path(directory) / f"seen-{count}").touch()
    return count


@task()
def sleep_for_ever(directory: str) -> None:
    """A task that hangs in a live worker (a call that never returns): say it started, then sleep."""
    (Path(directory) / f"started-{os.getpid()}").touch()
    while True:
        time.sleep(3600)


@task()
def hang_whatever_it_is_told(directory: str) -> None:
    """A task that hangs and swallows whatever interrupts it (a C library stuck in a call
    that retries on EINTR would look the same to the worker)."""
    (Path(directory) / f"started-{os.getpid()}").touch()
    while True:
        try:
            time.sleep(3600)
        except BaseException:  # noqa: S110 - the point: nothing stops it
            (Path(directory) / f"interrupted-{os.getpid()}").touch()
