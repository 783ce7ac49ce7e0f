"""Load test: bookings submitted at a steady rate to gunicorn on PostgreSQL, loopback only.

    .venv/bin/python benchmarks/load_bookings.py --rate 100 --seconds 30 [--port 8765]

Creates a throwaway PostgreSQL database, migrates it, loads the demo watch
list, starts gunicorn and the task worker with production settings (HTTPS
off for loopback), then sends bookings open-loop at --rate per second for
--seconds. A share of requests (--retry-share) is sent twice, as a client
retrying after a timeout would. Latency is measured from each request's
scheduled time, so a slow server cannot hide queueing. At the end it checks
that every distinct booking was stored exactly once.

The load generator shares the machine with the server it measures, so it is
kept cheap: one asyncio event loop speaking minimal HTTP/1.1 over a pool of
keep-alive connections (stdlib only), rather than an HTTP library on threads.
Its own CPU time per request is reported alongside the server's.
"""

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
HOST = "127.0.0.1"


def main() -> None:
    args = parse_args()
    db = f"vc_load_{os.getpid()}"
    env = production_env(db)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", db], check=True)
    servers = []
    try:
        key = prepare(env)
        servers = start_servers(env, args.port, args.workers, args.threads, args.worker_class)
        wait_until_up(args.port)
        warm_up(key, args.port, args.workers or os.cpu_count() or 2)
        before = cpu_seconds_by_role(servers)
        results = drive(key, args)
        cpu = {role: spent - before.get(role, 0.0) for role, spent in cpu_seconds_by_role(servers).items()}
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
    # Unset, these come from the repo's gunicorn.conf.py, the production settings.
    parser.add_argument("--workers", type=int, help="gunicorn worker processes")
    parser.add_argument("--worker-class", help="gunicorn worker class")
    parser.add_argument("--threads", type=int, help="threads per gunicorn worker")
    parser.add_argument("--retry-share", type=float, default=0.1)
    parser.add_argument(
        "--port",
        type=int,
        default=8765,
        help="loopback port for gunicorn (pick another if a run is already going)",
    )
    return parser.parse_args()


def production_env(db: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{db}",
        DEBUG="false",
        HTTPS="false",
        SECRET_KEY="load-test-only-" + "x" * 48,
        AUDIT_SECRET="load-test-audit-only-" + "y" * 32,
        LOG_LEVEL="ERROR",
        THROTTLE_RATE_API_KEY="100000/min",
        REDIS_URL="redis://127.0.0.1:6379/5",
    )
    return env


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


def prepare(env: dict) -> str:
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(
        env,
        "import_source",
        "demo-watchlist",
        str(ROOT / "watch_sources" / "demo" / "demo_source.ftm.jsonl"),
        "--format",
        "ftm",
    )
    return manage(env, "create_api_key", "Load Test Hall").strip().splitlines()[-1]


def start_servers(
    env: dict, port: int, workers: int | None, threads: int | None, worker_class: str | None
) -> list[subprocess.Popen]:
    gunicorn = [
        PYTHON,
        "-m",
        "gunicorn",
        "venue_check.wsgi",
        "--config",
        "gunicorn.conf.py",
        "--bind",
        f"{HOST}:{port}",
        "--log-level",
        "warning",
    ]
    for option, value in (("--workers", workers), ("--threads", threads), ("--worker-class", worker_class)):
        if value is not None:
            gunicorn += [option, str(value)]
    worker = [PYTHON, "manage.py", "db_worker", "--no-reload", "--interval", "1"]
    log = open(ROOT / "benchmarks" / "load_bookings.log", "w")  # noqa: SIM115 (lives as long as the run)
    quiet = {"stdout": log, "stderr": log}
    return [
        subprocess.Popen(gunicorn, cwd=ROOT, env=env, **quiet),
        subprocess.Popen(worker, cwd=ROOT, env=env, **quiet),
    ]


def wait_until_up(port: int) -> None:
    for _ in range(100):
        try:
            if requests.get(f"http://{HOST}:{port}/api/v1/schema/", timeout=2).status_code == 200:
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
        "event": {
            "title": f"Community event {n}",
            "description": "Talk and discussion",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=2)).isoformat(),
            "expected_attendance": 50,
            "is_public": True,
        },
        "hirer": {"name": f"Residents Group {n}", "kind": "organisation"},
        "parties": [{"name": s, "kind": "person", "role": "speaker"} for s in speakers],
    }


def warm_up(key: str, port: int, workers: int) -> None:
    """Send each worker process its first requests (imports, URL resolver, match
    index) before measuring: a long-running server has done all that long ago."""

    async def run() -> None:
        client = BookingClient(key, port, max_connections=8)
        bodies = [json.dumps(booking(n, prefix="WARMUP")).encode() for n in range(50 * workers)]
        await asyncio.gather(*(client.post(body, timeout=30) for body in bodies))
        await client.close()

    asyncio.run(run())


def drive(key: str, args) -> list[tuple[float, int]]:
    """Send the bookings open-loop: request i goes at start + i / rate whether or
    not earlier ones have been answered, each in its own task, so a slow server
    shows up as latency instead of silently lowering the rate."""
    total = int(args.rate * args.seconds)
    interval = 1.0 / args.rate
    results: list[tuple[float, int]] = []

    async def send(client: BookingClient, body: bytes, scheduled: float) -> None:
        status = await client.post(body, timeout=10)
        results.append((time.perf_counter() - scheduled, status))

    async def run() -> float:
        client = BookingClient(key, args.port, max_connections=64)
        tasks = []  # the loop keeps only weak references to tasks
        start = time.perf_counter()
        for i in range(total):
            scheduled = start + i * interval
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            n = i if random.random() >= args.retry_share or i == 0 else i - 1  # a retry
            body = json.dumps(booking(n)).encode()  # same n, same bytes: a retry is exact
            tasks.append(asyncio.create_task(send(client, body, scheduled)))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - start
        await client.close()
        return elapsed

    elapsed = asyncio.run(run())  # includes waiting for the last responses, as before
    print(f"sent {total} requests in {elapsed:.1f} s")
    return results


class BookingClient:
    """POSTs bookings over a pool of keep-alive HTTP/1.1 connections to gunicorn.

    Deliberately minimal: it only has to understand gunicorn's answers to this
    one endpoint. Connections are opened lazily up to max_connections and each
    carries one request at a time; callers beyond that wait for a free one.
    Any failure (refused, reset, malformed, timed out) drops the connection and
    counts as status 0. A failed request is not re-sent: the benchmark decides
    which requests are retries, and a hidden re-send would skew that share."""

    # gunicorn closes keep-alive connections idle for --keep-alive (2 s by
    # default); reusing one just as it is closed would turn into a spurious
    # error, so connections idle for half that are dropped rather than reused.
    MAX_IDLE = 1.0

    def __init__(self, key: str, port: int, max_connections: int) -> None:
        self.port = port
        self.head = (
            f"POST /api/v1/bookings/ HTTP/1.1\r\n"
            f"Host: {HOST}:{port}\r\n"
            f"Authorization: Api-Key {key}\r\n"
            f"Content-Type: application/json\r\n"
            f"Content-Length: "
        ).encode()
        self.slots = asyncio.Semaphore(max_connections)
        # (reader, writer, idle since); used last in, first out so the busy
        # connections stay warm and the idle ones age out together.
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter, float]] = []

    async def post(self, body: bytes, timeout: float) -> int:
        """Returns the response status, or 0 on any error or timeout."""
        async with self.slots:  # waiting for a free connection is not part of the timeout
            conn = self._reusable()
            try:
                async with asyncio.timeout(timeout):
                    if conn is None:
                        conn = await asyncio.open_connection(HOST, self.port)
                    reader, writer = conn
                    writer.write(self.head + str(len(body)).encode() + b"\r\n\r\n" + body)
                    status, keep_alive = await read_response(reader)
            except (OSError, EOFError, ValueError, TimeoutError):
                # IncompleteReadError is an EOFError, LimitOverrunError a ValueError.
                if conn is not None:
                    conn[1].close()
                return 0
            if keep_alive:
                self.idle.append((reader, writer, time.monotonic()))
            else:
                writer.close()
            return status

    def _reusable(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter] | None:
        """The most recently used idle connection the server has not closed, if any."""
        now = time.monotonic()
        while self.idle:
            reader, writer, since = self.idle.pop()
            # The server may have closed it meanwhile (EOF already seen by the loop),
            # or may be about to; neither kind can carry a request.
            if now - since < self.MAX_IDLE and not reader.at_eof() and not writer.is_closing():
                return reader, writer
            writer.close()
        return None

    async def close(self) -> None:
        writers = [writer for _, writer, _ in self.idle]
        self.idle.clear()
        for writer in writers:
            writer.close()
        await asyncio.gather(*(writer.wait_closed() for writer in writers), return_exceptions=True)


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Reads one response to the end of its body. Returns (status, whether the
    connection can carry another request)."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
    status_line, *header_lines = head[:-4].split("\r\n")
    version, status = status_line.split(" ", 2)[:2]
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip().lower()
    connection = headers.get("connection", "")
    keep_alive = "keep-alive" in connection if version == "HTTP/1.0" else "close" not in connection
    if "chunked" in headers.get("transfer-encoding", ""):
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            await reader.readexactly(size + 2)  # the chunk and its CRLF
        while await reader.readuntil(b"\r\n") != b"\r\n":  # any trailers, then a blank line
            pass
    elif "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif status not in ("204", "304"):
        await reader.read()  # body runs to the end of the connection
        keep_alive = False
    return int(status), keep_alive


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
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        pid, parent = int(entry.name), int(fields[1])
        role = roles.get(pid) or roles.get(parent) or ("postgres" if name == "postgres" else None)
        if role:
            spent[role] = spent.get(role, 0.0) + (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return spent


def report(results, args, env, cpu: dict[str, float]) -> None:
    latencies = sorted(r[0] * 1000 for r in results)
    errors = sum(1 for _, status in results if status not in (200, 201))
    q = statistics.quantiles(latencies, n=100)
    stored = manage(
        env,
        "shell",
        "-v",
        "0",
        "-c",
        "from bookings.models import Booking; from django.db.models import Count;"
        "load = Booking.objects.filter(external_ref__startswith='LOAD-');"
        "print(load.count(),"
        " load.values('external_ref').annotate(c=Count('id')).filter(c__gt=1).count(),"
        " load.filter(status='received').count())",
    ).split()
    created = sum(1 for _, status in results if status == 201)
    print(
        json.dumps(
            {
                "rate_per_s": args.rate,
                "seconds": args.seconds,
                "requests": len(results),
                "throughput_per_s": round(len(results) / args.seconds, 1),
                "p50_ms": round(q[49], 1),
                "p95_ms": round(q[94], 1),
                "p99_ms": round(q[98], 1),
                "max_ms": round(latencies[-1], 1),
                "errors": errors,
                "statuses": dict(Counter(status for _, status in results)),
                "created_201": created,
                "bookings_stored": int(stored[0]),
                "duplicated_refs": int(stored[1]),
                "left_unscreened": int(stored[2]),
                "cpu_ms_per_request": {
                    role: round(seconds * 1000 / len(results), 2) for role, seconds in sorted(cpu.items())
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
