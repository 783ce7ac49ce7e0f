"""How fast the coverage report renders for a year over 100,000 bookings.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vc_reports_bench \\
        /work/main/.venv/bin/python benchmarks/report_speed.py [--bookings 100000] [--runs 5]

Creates the database if it is missing, migrates it, seeds it with
`seed_demo`'s bulk spread (only the bookings still missing), then times the
whole HTML page, the API response and the report assembly alone for the
twelve months ending this month. Exits non-zero when the page's median time
is over the one-second target.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/vc_reports_bench"
TARGET_SECONDS = 1.0


def ensure_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def timed(function, runs: int) -> list[float]:
    function()  # warm-up: connections, template loading
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "venue_check.settings.base")
    ensure_database(os.environ["DATABASE_URL"])
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from bookings.demo_spread import seed_bookings
    from bookings.models import Booking
    from bookings.reports.coverage import coverage_report
    from bookings.reports.periods import default_period
    from bookings.roles import Role
    from bookings.venues.services import user_create
    from callers import ManagementCommand

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    added = seed_bookings(count=args.bookings)
    print(
        f"seeded {added} bookings in {time.perf_counter() - started:.1f}s; "
        f"{Booking.objects.count()} bookings in the database"
    )
    if added:
        from django.db import connection

        with connection.cursor() as cursor:  # fresh planner statistics after a bulk load
            cursor.execute("ANALYZE")

    user, _ = user_create(
        username="bench-cava",
        role=Role.CAVA_REPORTER,
        password=None,
        venue=None,
        by=ManagementCommand("benchmark"),
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    period = default_period()
    query = f"?from={period.start}&to={period.end}"
    in_period = Booking.objects.filter(
        created_at__gte=period.starts_at, created_at__lt=period.ends_before
    ).count()
    print(f"period {period.start} to {period.end}: {in_period} bookings received")

    def page():
        response = client.get("/reports/coverage/" + query)
        assert response.status_code == 200, response.status_code

    def api():
        response = client.get("/api/v1/reports/coverage/" + query)
        assert response.status_code == 200, response.status_code

    results = {
        "HTML page": timed(page, args.runs),
        "API (JSON)": timed(api, args.runs),
        "report assembly only": timed(lambda: coverage_report(period=period), args.runs),
    }
    for name, times in results.items():
        print(
            f"{name:22s} median {statistics.median(times) * 1000:7.1f} ms   "
            f"max {max(times) * 1000:7.1f} ms   ({args.runs} runs)"
        )
    print("load average (1, 5, 15 min): " + ", ".join(f"{n:.1f}" for n in os.getloadavg()))
    median_page = statistics.median(results["HTML page"])
    print(
        f"target: HTML page under {TARGET_SECONDS:.1f}s -> "
        f"{'met' if median_page < TARGET_SECONDS else 'MISSED'}"
    )
    return 0 if median_page < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
