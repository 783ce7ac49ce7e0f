"""How long a fresh process takes to build its first match index, and where it goes.

Every worker, periodic-jobs run and web process builds the index on its first screening;
the first lookup of a name part loads rigour's name knowledge. Run from the repository:

    python benchmarks/index_cold_start.py [--runs 3]

Each run is a new Python process that sets up Django on a throwaway SQLite database
with the repo's test watch list imported, then times its first index build (which
makes the first name-knowledge lookup) and a later lookup (wall clock, and process
CPU time for the build).
Prints one line per run and the median of each; docs/benchmarks.md has the figures.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ONE_RUN = r"""
import json, os, time
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from watch_sources.services import source_import
source_import(slug="bench", origin="tests/fixtures/watchlist.ftm.jsonl", fmt="ftm")
import screening.index as index
started, cpu = time.perf_counter(), time.process_time()
index.live_index()
build, build_cpu = time.perf_counter() - started, time.process_time() - cpu
from screening.name_variants import name_symbols
started = time.perf_counter()
name_symbols("Bartholomew")
warm = time.perf_counter() - started
print(json.dumps({"first_index_build_s": round(build, 2), "first_index_build_cpu_s": round(build_cpu, 2),
                  "next_lookup_s": round(warm, 4)}))
"""


def one_run() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        env.update(
            DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3", DJANGO_SETTINGS_MODULE="venue_check.settings.base"
        )
        done = subprocess.run(
            [sys.executable, "-c", ONE_RUN], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = [one_run() for _ in range(parser.parse_args().runs)]
    for run in runs:
        print(run)
    print("load average", os.getloadavg())
    for key in runs[0]:
        print(f"median {key}: {statistics.median(r[key] for r in runs)}")


if __name__ == "__main__":
    main()
