"""What the periodic jobs cost while the worker re-screens after a source publish.

    /work/main/.venv/bin/python benchmarks/periodic_beside_rescreen.py [--bookings 40] [--runs 3]
    VC_ROOT=/path/to/another/checkout .../python benchmarks/periodic_beside_rescreen.py   # A/B

Real processes on a SQLite file (or, with DATABASE_URL naming PostgreSQL, a database of
their own), made by `tests/reliability/deployments.py`: N upcoming bookings screened
against version 1 of a list, a `run_worker`, version 2 published with `import_source`
(which queues the re-screen). Once the worker has claimed the re-screen it is frozen
(SIGSTOP, its claim still within a 120 s lease: a worker busy re-screening), and
`run_periodic_jobs` runs: its wall time, its CPU (user + system, from the kernel's
accounting of the finished child), whether it built a match index ("match index of
versions ... ready" in its log) and what reconciliation says it screened. The worker is
then let go and the re-screen finishes. Repeated --runs times, each on a fresh copy.
VC_ROOT runs the processes (and the test helpers) of another checkout instead of this one.
"""

import argparse
import json
import os
import resource
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(os.environ.get("VC_ROOT", Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(ROOT))

from tests.reliability.deployments import (  # noqa: E402
    Deployment,
    deployment_copied_from,
    template_database,
    wait_until,
)
from tests.reliability.list_versions import publish_version_2  # noqa: E402


def one_run(deployment: Deployment) -> dict:
    worker = deployment.start_worker("worker")
    publish_version_2(deployment)
    wait_until(lambda: deployment.tasks_with_status("RUNNING", "rescreen"), what="the re-screen to start")
    os.killpg(worker.pid, signal.SIGSTOP)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    periodic = deployment.manage("run_periodic_jobs", timeout=600)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    os.killpg(worker.pid, signal.SIGCONT)
    assert periodic.returncode == 0, periodic.stderr[-2000:]
    wait_until(lambda: deployment.tasks_with_status("SUCCESSFUL", "rescreen"), what="the re-screen to end")
    reconciled = next(line for line in periodic.stdout.splitlines() if "bookings screened" in line)
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, 2),
        "built_index": "match index of versions" in periodic.stderr,
        "reconciliation": reconciled.split("; ")[1],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bookings", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        with template_database(Path(tmp), "seed", str(args.bookings)) as template:
            runs = []
            for n in range(args.runs):
                copy = Path(tmp) / f"run-{n}"
                copy.mkdir()
                with deployment_copied_from(template, copy, TASK_LEASE_SECONDS="120") as deployment:
                    runs.append(one_run(deployment))
                print(json.dumps(runs[-1]), flush=True)
    print(
        json.dumps(
            {
                "median_wall_s": statistics.median(r["wall_s"] for r in runs),
                "median_cpu_s": statistics.median(r["cpu_s"] for r in runs),
            }
        )
    )


if __name__ == "__main__":
    main()
