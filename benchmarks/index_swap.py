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

ENTRY_COLUMNS = (
    "version_id, entry_id, kind, caption, names, birth_dates, nationalities, topics, programmes, details, "
    "content_hash"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--aliases", type=int, default=1_000_000)
    parser.add_argument("--bookings", type=int, default=300, help="bookings in the steady measurement")
    parser.add_argument("--after", type=int, default=200, help="bookings screened after each swap")
    parser.add_argument("--publishes", type=int, default=2, choices=range(1, 5), help="updates in a row")
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


class GcPauses:
    """The longest garbage collection of each generation, and how many ran, since `reset`
    (a collection holds the GIL: every thread waits for it)."""

    def __init__(self):
        self.reset()
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def reset(self) -> None:
        self.longest_ms = [0.0, 0.0, 0.0]
        self.count = [0, 0, 0]

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        generation = info["generation"]
        self.count[generation] += 1
        took = (time.perf_counter() - self._started) * 1000
        self.longest_ms[generation] = max(self.longest_ms[generation], took)


NEW_NAMES = ["Ysolde Carrow-Pennick", "Brannoch Velliquist", "Tamsin Orlovaine", "Evander Quillmoss"]


def run(args) -> dict:
    from django.db import connection
    from match_speed import generate_booking, generate_watch_list

    from screening.index import LiveIndexes
    from screening.matching import NameQuery
    from screening.name_variants import name_symbols

    connection.force_debug_cursor = False
    memory, pauses = MemorySampler(), GcPauses()
    rng = random.Random(args.aliases)
    names = generate_watch_list(args.aliases, rng)
    sample = rng.sample(names, min(len(names), 20_000))
    _store_version(names)
    del names
    gc.collect()

    started, before = time.perf_counter(), memory.now()
    name_symbols("muhammad")  # rigour's tagger, loaded once per process
    rigour = {"s": time.perf_counter() - started, "mb": memory.now() - before}

    indexes = LiveIndexes()
    memory.reset()
    started, started_cpu, before = time.perf_counter(), time.thread_time(), memory.now()
    built = indexes.fresh()
    cold = {
        "s": time.perf_counter() - started,
        "cpu_s": time.thread_time() - started_cpu,
        "mb": memory.now() - before,
        "peak_mb": memory.peak - before,
        "aliases": len(built.index),
    }
    del built
    bookings = [generate_booking(sample, rng) for _ in range(args.bookings + 2000)]

    def screen(booking) -> tuple[float, float, tuple[int, ...]]:
        started, started_cpu = time.perf_counter(), time.thread_time()
        live = indexes.live()
        for name, kind, _ in booking:
            live.index.match(NameQuery(name, kind), threshold=0.8)
        # This thread's own CPU time: the request's work, without waiting for the GIL or a core.
        return (time.perf_counter() - started) * 1000, (time.thread_time() - started_cpu) * 1000, live.key

    steady = [screen(b)[:2] for b in bookings[: args.bookings]]
    rounds = []
    for n in range(args.publishes):
        rounds.append(_publish_round(n, indexes, memory, pauses, screen, bookings[args.bookings :], args))
    return {
        "rigour": rigour,
        "cold": cold,
        "steady": _stats([w for w, _ in steady]),
        "steady_cpu": _stats([c for _, c in steady]),
        "resident_one_index_mb": rounds[0]["resident_before_mb"],
        "rounds": rounds,
        "load_average": os.getloadavg(),
    }


def _publish_round(n, indexes, memory, pauses, screen, bookings, args) -> dict:
    from screening.index import RELEASE_DELAY_SECONDS
    from screening.matching import NameQuery

    assert indexes.current is not None
    resident_before = memory.now()
    memory.reset()
    pauses.reset()
    new_version, published = _publish_copy(indexes.current.key[0], n), time.perf_counter()
    during, after, queue, swap_s = [], [], iter(bookings * 100), 0.0
    while len(after) < args.after:
        latency, cpu, key = screen(next(queue))
        if key == (new_version,):
            swap_s = swap_s or time.perf_counter() - published
            after.append((latency, cpu))
        else:
            during.append((latency, cpu))
    peak, longest_gc, collections = memory.peak, list(pauses.longest_ms), list(pauses.count)
    current = indexes.current
    gc.collect()
    resident_after = memory.now()
    # screening.index hands the freed pages back RELEASE_DELAY_SECONDS after the swap
    time.sleep(max(0.0, RELEASE_DELAY_SECONDS + 1.0 - (time.perf_counter() - published - swap_s)))
    return {
        "first_after_publish_ms": during[0][0] if during else after[0][0],
        "during": _stats([w for w, _ in during]),
        "during_cpu": _stats([c for _, c in during]),
        "after": _stats([w for w, _ in after]),
        "swap_s": swap_s,
        "resident_before_mb": resident_before,
        "peak_mb": peak,
        "resident_after_mb": resident_after,
        "resident_released_mb": memory.now(),
        "found": bool(current.index.match(NameQuery(NEW_NAMES[n], "person"), threshold=0.8)),
        "longest_gc_ms": longest_gc,
        "collections": collections,
        "aliases": len(current.index),
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


def _publish_copy(previous_id: int, n: int) -> int:
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
            entry_id=f"g-new-{n}",
            kind="person",
            caption=NEW_NAMES[n],
            names=[{"name": NEW_NAMES[n], "strength": "primary"}],
            content_hash="f" * 64,
        )
    return version.pk


def _print(r: dict) -> None:
    out = io.StringIO()
    steady, cpu = r["steady"], r["steady_cpu"]
    print(f"load average {' '.join(f'{x:.1f}' for x in r['load_average'])} at the end", file=out)
    print(f"rigour name tagger loaded in {r['rigour']['s']:.1f} s, +{r['rigour']['mb']:.0f} MB", file=out)
    cold = r["cold"]
    print(
        f"cold build of {cold['aliases']:,} aliases (paged reads + matcher): {cold['s']:.1f} s wall, "
        f"{cold['cpu_s']:.1f} s CPU, +{cold['mb']:.0f} MB resident (peak +{cold['peak_mb']:.0f} MB)",
        file=out,
    )
    print(
        f"steady: booking of 10 p50 {steady['p50']:.1f} ms, p95 {steady['p95']:.1f} ms, "
        f"max {steady['max']:.1f} ({steady['n']}); own CPU p50 {cpu['p50']:.1f}, p95 {cpu['p95']:.1f} ms",
        file=out,
    )
    for n, round_ in enumerate(r["rounds"], 1):
        during, after, dcpu = round_["during"], round_["after"], round_["during_cpu"]
        first = round_["first_after_publish_ms"]
        print(f"update {n}: first booking after the publish {first:.1f} ms", file=out)
        print(
            f"  while the new index built ({during['n']} bookings, previous index): p50 {during['p50']:.1f}, "
            f"p95 {during['p95']:.1f}, max {during['max']:.1f} ms; own CPU p50 {dcpu['p50']:.1f}, "
            f"p95 {dcpu['p95']:.1f} ms",
            file=out,
        )
        print(
            f"  after the swap: p50 {after['p50']:.1f}, p95 {after['p95']:.1f} ms ({after['n']}); "
            f"publish to swap {round_['swap_s']:.1f} s; new entry found: {round_['found']}",
            file=out,
        )
        print(
            f"  longest GC pause by generation {', '.join(f'{x:.0f}' for x in round_['longest_gc_ms'])} ms "
            f"({', '.join(map(str, round_['collections']))} collections)",
            file=out,
        )
        print(
            f"  resident before {round_['resident_before_mb']:.0f} MB, peak {round_['peak_mb']:.0f} MB, "
            f"after {round_['resident_after_mb']:.0f} MB, once the freed memory is handed back "
            f"{round_['resident_released_mb']:.0f} MB",
            file=out,
        )
    sys.stdout.write(out.getvalue())


if __name__ == "__main__":
    raise SystemExit(main())
