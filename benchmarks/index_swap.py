"""The first screenings after a source update, with a large list, on PostgreSQL.

    /work/main/.venv/bin/python benchmarks/index_swap.py --aliases 1000000
    /work/main/.venv/bin/python benchmarks/index_swap.py --aliases 100000 --bookings 200   # quicker

Creates a throwaway PostgreSQL database (dropped at the end), migrates it and
writes one live source version of the given number of aliases (the generated
watch list of `match_speed.py`, stored as real `SourceEntry` rows with COPY).
Then, through the real `screening.index.LiveIndexes` of this process:

1. the cold build (`fresh()`: paged reads from PostgreSQL, then the matcher's
   constructor), after rigour's name tagger is loaded (timed on its own);
2. bookings of 10 parties screened as a request screens them (`live()`, the
   live-version query included, then `match` per party): the steady latency;
3. a new version is published (the same entries plus one new listed person,
   copied server-side, and the live version switched in one transaction), and
   bookings are screened back to back from that moment: the first one after the
   publish, every one while the background thread builds, and after the swap;
4. resident memory sampled every 50 ms throughout: the peak while two indexes
   are alive, and what stays once the previous one is freed.

A request in step 3 shares the process, and so the GIL, with the builder, as a
gunicorn worker's request threads do.
"""

import argparse
import gc
import io
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

NEWLY_LISTED = "Ysolde Carrow-Pennick"
ENTRY_COLUMNS = (
    "version_id, entry_id, kind, caption, names, birth_dates, nationalities, topics, programmes, details, "
    "content_hash"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--aliases", type=int, default=1_000_000)
    parser.add_argument("--bookings", type=int, default=300, help="bookings in the steady measurement")
    parser.add_argument("--after", type=int, default=200, help="bookings screened after the swap")
    args = parser.parse_args()
    database = f"vc_index_swap_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)
    try:
        _setup_django(database)
        _print(run(args))
    finally:
        from django.db import connections

        connections.close_all()
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database], check=False)
    return 0


def _setup_django(database: str) -> None:
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "venue_check.settings.base"
    os.environ["DEBUG"] = "true"  # development settings; query logging is switched off below
    os.environ["SCREENING_INDEX_REBUILD"] = "background"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


class MemorySampler:
    """Resident set size every 50 ms, from /proc/self/statm: the peak since `reset`."""

    def __init__(self):
        self.peak = self.now()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @staticmethod
    def now() -> float:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    def reset(self) -> None:
        self.peak = self.now()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self.now())


def run(args) -> dict:
    from django.db import connection
    from match_speed import generate_booking, generate_watch_list

    from screening.index import LiveIndexes
    from screening.matching import NameQuery
    from screening.name_variants import name_symbols

    connection.force_debug_cursor = False
    memory = MemorySampler()
    rng = random.Random(args.aliases)
    names = generate_watch_list(args.aliases, rng)
    sample = rng.sample(names, min(len(names), 20_000))
    v1 = _store_version(names)
    del names
    gc.collect()

    started, before = time.perf_counter(), memory.now()
    name_symbols("muhammad")  # rigour's tagger, loaded once per process
    rigour = {"s": time.perf_counter() - started, "mb": memory.now() - before}

    indexes = LiveIndexes()
    memory.reset()
    started, before = time.perf_counter(), memory.now()
    first = indexes.fresh()
    cold = {"s": time.perf_counter() - started, "mb": memory.now() - before, "peak_mb": memory.peak - before}
    bookings = [generate_booking(sample, rng) for _ in range(args.bookings + 2000)]

    cpu: dict[str, list[float]] = {"steady": [], "during": [], "after": []}
    first_key = first.key

    def screen(booking, phase: str = "steady") -> tuple[float, tuple[int, ...]]:
        started, started_cpu = time.perf_counter(), time.thread_time()
        live = indexes.live()
        for name, kind, _ in booking:
            live.index.match(NameQuery(name, kind), threshold=0.8)
        # This thread's own CPU time: the request's work, without waiting for the GIL or a core.
        cpu["after" if live.key != first_key and phase != "steady" else phase].append(
            (time.thread_time() - started_cpu) * 1000
        )
        return (time.perf_counter() - started) * 1000, live.key

    steady = [screen(b)[0] for b in bookings[: args.bookings]]
    resident_one = memory.now()
    memory.reset()
    v2, published = _publish_copy(v1), time.perf_counter()
    during, after, queue, swap_s = [], [], iter(bookings[args.bookings :] * 100), 0.0
    while True:
        latency, key = screen(next(queue), "during")
        if key == (v2,):
            swap_s = swap_s or time.perf_counter() - published
            after.append(latency)
            if len(after) >= args.after:
                break
        else:
            during.append(latency)
    swapped = indexes.current
    assert swapped is not None
    found = bool(swapped.index.match(NameQuery(NEWLY_LISTED, "person"), threshold=0.8))
    peak_two = memory.peak
    del first
    gc.collect()
    return {
        "aliases": len(swapped.index),
        "rigour": rigour,
        "cold": cold,
        "steady": _stats(steady),
        "first_after_publish_ms": during[0] if during else after[0],
        "during": _stats(during),
        "after": _stats(after),
        "swap_s": swap_s,
        "resident_one_index_mb": resident_one,
        "peak_two_indexes_mb": peak_two,
        "resident_after_swap_mb": memory.now(),
        "new_entry_found": found,
        "cpu": {phase: _stats(values) for phase, values in cpu.items()},
        "answered_by_previous": len(during),
        "load_average": os.getloadavg(),
    }


def _stats(latencies: list[float]) -> dict:
    if len(latencies) < 2:
        return {"n": len(latencies), "p50": latencies[0] if latencies else 0.0, "p95": 0.0, "max": 0.0}
    return {
        "n": len(latencies),
        "p50": statistics.median(latencies),
        "p95": statistics.quantiles(latencies, n=20)[-1],
        "max": max(latencies),
    }


# -- the database -------------------------------------------------------------


def _store_version(names) -> int:
    """One live version holding these generated names as real entries, written with COPY."""
    from django.db import connection

    from watch_sources.enums import VersionStatus
    from watch_sources.models import Source, SourceVersion

    entries: dict[int, dict] = defaultdict(lambda: {"names": []})
    for n in names:
        entry = entries[n.entry_pk]
        entry.update(kind=n.kind, birth_dates=list(n.birth_dates))
        entry["names"].append({"name": n.name, "strength": n.strength})
    source = Source.objects.create(slug="generated", name="Generated", format="ftm")
    version = SourceVersion.objects.create(
        source=source,
        number=1,
        status=VersionStatus.LIVE,
        origin="benchmark",
        checksum="0" * 64,
        entry_count=len(entries),
        name_count=len(names),
    )
    columns = ENTRY_COLUMNS
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY watch_sources_sourceentry ({columns}) FROM STDIN") as copy,
    ):
        for number, entry in entries.items():
            copy.write_row(
                (
                    version.pk,
                    f"g-{number}",
                    entry["kind"],
                    entry["names"][0]["name"],
                    json.dumps(entry["names"]),
                    json.dumps(entry["birth_dates"]),
                    "[]",
                    "[]",
                    "[]",
                    "{}",
                    f"{number:064x}",
                )
            )
    return version.pk


def _publish_copy(previous_id: int) -> int:
    """A new live version: the previous one's entries copied server-side, plus one."""
    from django.db import connection, transaction

    from watch_sources.enums import VersionStatus
    from watch_sources.models import SourceEntry, SourceVersion

    previous = SourceVersion.objects.get(pk=previous_id)
    with transaction.atomic():
        SourceVersion.objects.filter(pk=previous_id).update(status=VersionStatus.SUPERSEDED)
        version = SourceVersion.objects.create(
            source_id=previous.source_id,
            number=previous.number + 1,
            status=VersionStatus.LIVE,
            origin="benchmark",
            checksum="1" * 64,
            entry_count=previous.entry_count + 1,
            name_count=previous.name_count + 1,
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO watch_sources_sourceentry ({ENTRY_COLUMNS}) "
                f"SELECT %s, {ENTRY_COLUMNS.removeprefix('version_id, ')} "
                "FROM watch_sources_sourceentry WHERE version_id = %s ORDER BY id",
                [version.pk, previous_id],
            )
        SourceEntry.objects.create(
            version=version,
            entry_id="g-new",
            kind="person",
            caption=NEWLY_LISTED,
            names=[{"name": NEWLY_LISTED, "strength": "primary"}],
            content_hash="f" * 64,
        )
    return version.pk


def _print(r: dict) -> None:
    out = io.StringIO()
    steady, during, after = r["steady"], r["during"], r["after"]
    print(
        f"{r['aliases']:,} aliases; load average {' '.join(f'{x:.1f}' for x in r['load_average'])}", file=out
    )
    print(f"rigour name tagger loaded in {r['rigour']['s']:.1f} s, +{r['rigour']['mb']:.0f} MB", file=out)
    print(
        f"cold build (paged reads + matcher): {r['cold']['s']:.1f} s, +{r['cold']['mb']:.0f} MB resident "
        f"(peak +{r['cold']['peak_mb']:.0f} MB)",
        file=out,
    )
    print(
        f"steady:   booking of 10 p50 {steady['p50']:.1f} ms, p95 {steady['p95']:.1f} ms ({steady['n']})",
        file=out,
    )
    print(f"first booking after the publish: {r['first_after_publish_ms']:.1f} ms", file=out)
    print(
        f"during the background build ({r['answered_by_previous']} bookings, previous index): "
        f"p50 {during['p50']:.1f} ms, p95 {during['p95']:.1f} ms, max {during['max']:.1f} ms",
        file=out,
    )
    print(f"after the swap: p50 {after['p50']:.1f} ms, p95 {after['p95']:.1f} ms ({after['n']})", file=out)
    print(
        f"publish to swap: {r['swap_s']:.1f} s; new entry found after the swap: {r['new_entry_found']}",
        file=out,
    )
    print(
        f"resident: one index {r['resident_one_index_mb']:.0f} MB, peak with two "
        f"{r['peak_two_indexes_mb']:.0f} MB, after the previous is freed "
        f"{r['resident_after_swap_mb']:.0f} MB",
        file=out,
    )
    sys.stdout.write(out.getvalue())


if __name__ == "__main__":
    raise SystemExit(main())
