"""Load test: bookings submitted at a steady rate to gunicorn on PostgreSQL, loopback only.

    .venv/bin/python benchmarks/load_bookings.py --rate 100 --seconds 30

Creates a throwaway PostgreSQL database, migrates it, loads the demo watch
list, starts gunicorn and the task worker with production settings (HTTPS
off for loopback), then sends bookings open-loop at --rate per second for
--seconds. A share of requests (--retry-share) is sent twice, as a client
retrying after a timeout would. Latency is measured from each request's
scheduled time, so a slow server cannot hide queueing. At the end it checks
that every distinct booking was stored exactly once.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"


def main() -> None:
    args = parse_args()
    db = f"vc_load_{os.getpid()}"
    env = production_env(db)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", db], check=True)
    servers = []
    try:
        key = prepare(env)
        servers = start_servers(env, args.workers, args.threads, args.worker_class)
        wait_until_up()
        warm_up(key, args.workers)
        before = cpu_seconds_by_role(servers)
        results = drive(key, args)
        cpu = {role: spent - before.get(role, 0.0)
               for role, spent in cpu_seconds_by_role(servers).items()}
        report(results, args, env, cpu)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", db], check=False)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=100.0, help="bookings per second")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--worker-class", default="gthread", help="gunicorn worker class")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--retry-share", type=float, default=0.1)
    return parser.parse_args()


def production_env(db: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{db}",
        DEBUG="false",
        HTTPS="false",
        SECRET_KEY="load-test-only-" + "x" * 48,
        LOG_LEVEL="ERROR",
        THROTTLE_RATE_API_KEY="100000/min",
        REDIS_URL="redis://127.0.0.1:6379/5",
    )
    return env


def manage(env: dict, *args: str) -> str:
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True)
    return result.stdout


def prepare(env: dict) -> str:
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "import_source", "demo-watchlist",
           str(ROOT / "watch_sources" / "demo" / "demo_source.ftm.jsonl"), "--format", "ftm")
    return manage(env, "create_api_key", "Load Test Hall").strip().splitlines()[-1]


def start_servers(env: dict, workers: int, threads: int, worker_class: str) -> list[subprocess.Popen]:
    gunicorn = [PYTHON, "-m", "gunicorn", "venue_check.wsgi", "--bind", f"127.0.0.1:{PORT}",
                "--workers", str(workers), "--worker-class", worker_class, "--threads", str(threads),
                "--log-level", "warning"]
    worker = [PYTHON, "manage.py", "db_worker", "--no-reload", "--interval", "1"]
    log = open(ROOT / "benchmarks" / "load_bookings.log", "w")  # noqa: SIM115 (lives as long as the run)
    quiet = {"stdout": log, "stderr": log}
    return [subprocess.Popen(gunicorn, cwd=ROOT, env=env, **quiet),
            subprocess.Popen(worker, cwd=ROOT, env=env, **quiet)]


def wait_until_up() -> None:
    for _ in range(100):
        try:
            if requests.get(f"{BASE}/api/v1/schema/", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.2)
    raise SystemExit("server did not start")


# Fixed for the whole run, so a retry of booking n sends exactly the same content.
FIRST_EVENT = (datetime.now(UTC) + timedelta(days=20)).replace(hour=18, minute=0, second=0, microsecond=0)


def booking(n: int, prefix: str = "LOAD") -> dict:
    starts = FIRST_EVENT + timedelta(days=n % 200)
    speakers = [f"Speaker {['Ada', 'Ben', 'Chidi', 'Dana'][n % 4]} {n}"]  # a retry sends the same
    if n % 10 == 0:
        speakers.append("Dorian Vexley Marsh")  # a listed (fictional) name: one in ten flags
    return {
        "external_ref": f"{prefix}-{n:07d}",
        "event": {"title": f"Community event {n}", "description": "Talk and discussion",
                  "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=2)).isoformat(),
                  "expected_attendance": 50, "is_public": True},
        "hirer": {"name": f"Residents Group {n}", "kind": "organisation"},
        "parties": [{"name": s, "kind": "person", "role": "speaker"} for s in speakers],
    }


def warm_up(key: str, workers: int) -> None:
    """Send each worker process its first requests (imports, URL resolver, match
    index) before measuring: a long-running server has done all that long ago."""
    headers = {"Authorization": f"Api-Key {key}", "Content-Type": "application/json"}

    def send(n: int) -> None:
        requests.post(f"{BASE}/api/v1/bookings/", data=json.dumps(booking(n, prefix="WARMUP")),
                      headers=headers, timeout=30)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(send, range(50 * workers)))


def drive(key: str, args) -> list[tuple[float, int]]:
    sessions = threading.local()
    headers = {"Authorization": f"Api-Key {key}", "Content-Type": "application/json"}
    results: list[tuple[float, int]] = []
    lock = threading.Lock()

    def send(n: int, scheduled: float) -> None:
        session = getattr(sessions, "s", None) or requests.Session()
        sessions.s = session
        body = json.dumps(booking(n))
        try:
            status = session.post(f"{BASE}/api/v1/bookings/", data=body, headers=headers,
                                  timeout=10).status_code
        except requests.RequestException:
            status = 0
        with lock:
            results.append((time.perf_counter() - scheduled, status))

    total = int(args.rate * args.seconds)
    interval = 1.0 / args.rate
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=64) as pool:
        for i in range(total):
            scheduled = start + i * interval
            time.sleep(max(0.0, scheduled - time.perf_counter()))
            n = i if random.random() >= args.retry_share or i == 0 else i - 1  # a retry
            pool.submit(send, n, scheduled)
    elapsed = time.perf_counter() - start
    print(f"sent {total} requests in {elapsed:.1f} s")
    return results


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds_by_role(servers: list[subprocess.Popen]) -> dict[str, float]:
    """CPU time used so far (user + system) by the web server, the task worker,
    PostgreSQL and this load generator, read from /proc."""
    roles = {servers[0].pid: "web", servers[1].pid: "worker", os.getpid(): "load generator"}
    spent: dict[str, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # the process ended
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        pid, parent = int(entry.name), int(fields[1])
        role = roles.get(pid) or roles.get(parent) or ("postgres" if name == "postgres" else None)
        if role:
            spent[role] = spent.get(role, 0.0) + (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return spent


def report(results, args, env, cpu: dict[str, float]) -> None:
    latencies = sorted(r[0] * 1000 for r in results)
    errors = sum(1 for _, status in results if status not in (200, 201))
    q = statistics.quantiles(latencies, n=100)
    stored = manage(env, "shell", "-v", "0", "-c",
                    "from bookings.models import Booking; from django.db.models import Count;"
                    "load = Booking.objects.filter(external_ref__startswith='LOAD-');"
                    "print(load.count(),"
                    " load.values('external_ref').annotate(c=Count('id')).filter(c__gt=1).count(),"
                    " load.filter(status='received').count())").split()
    created = sum(1 for _, status in results if status == 201)
    print(json.dumps({
        "rate_per_s": args.rate, "seconds": args.seconds, "requests": len(results),
        "throughput_per_s": round(len(results) / args.seconds, 1),
        "p50_ms": round(q[49], 1), "p95_ms": round(q[94], 1), "p99_ms": round(q[98], 1),
        "max_ms": round(latencies[-1], 1), "errors": errors,
        "statuses": dict(Counter(status for _, status in results)),
        "created_201": created, "bookings_stored": int(stored[0]),
        "duplicated_refs": int(stored[1]), "left_unscreened": int(stored[2]),
        "cpu_ms_per_request": {role: round(seconds * 1000 / len(results), 2)
                               for role, seconds in sorted(cpu.items())},
    }, indent=2))


if __name__ == "__main__":
    main()
