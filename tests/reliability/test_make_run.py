"""`make run` stops cleanly on Ctrl+C: the server, the periodic loop and the worker all end,
the shell says so, and nothing crashes or is left behind. Runs the Makefile's own recipe
(`make -n run` prints it) against a fresh SQLite database, with SIGINT as a terminal sends it:
to the whole process group."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_recipe(port: int) -> str:
    printed = subprocess.run(
        ["make", "-n", "run", f"VENV={sys.prefix}", f"PORT={port}"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    lines = printed.splitlines()
    start = next(i for i, line in enumerate(lines) if "run_worker" in line)
    return "\n".join(lines[start:])


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("the demo server did not start")


def test_ctrl_c_stops_make_run_cleanly(tmp_path):
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "PYTHONUNBUFFERED": "1"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300
    )
    recipe = run_recipe(port)

    shell = subprocess.Popen(
        ["bash", "-c", recipe],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        wait_for(port)
        time.sleep(1)
        os.killpg(shell.pid, signal.SIGINT)  # what Ctrl+C does
        output, _ = shell.communicate(timeout=60)
    finally:
        if shell.poll() is None:
            os.killpg(shell.pid, signal.SIGKILL)

    assert "venue-check stopped." in output
    assert "Segmentation fault" not in output and "Traceback" not in output
    assert shell.returncode in (0, 130)
    leftover = subprocess.run(["pgrep", "-g", str(shell.pid)], capture_output=True, text=True).stdout.split()
    assert [pid for pid in leftover if pid] == [] or _only_sleep(leftover)


def _only_sleep(pids: list[str]) -> bool:
    """The periodic loop's `sleep 300` may outlive it by minutes: harmless, nothing else may."""
    names = [Path(f"/proc/{pid}/comm").read_text().strip() for pid in pids if Path(f"/proc/{pid}").exists()]
    return all(name == "sleep" for name in names)
