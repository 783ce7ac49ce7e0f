"""Resident memory across index swaps, and which allocator keeps what is freed.

    /work/main/.venv/bin/python benchmarks/swap_memory.py --aliases 1000000 --updates 2

Builds as `screening.index` does, without the database: a builder thread, the
names made anew for each build and frozen once read, no full collections
during the build, and a request thread screening the current index throughout.
After each swap: whether the previous index is still alive (a weakref), the
resident set, pymalloc's arenas and free space (`sys._debugmallocstats`) and
glibc's (`mallinfo2`), then the same once `malloc_trim(0)` has run, as
`screening/index.py` runs it after a swap.
"""

import argparse
import ctypes
import gc
import os
import random
import re
import sys
import threading
import time
import weakref
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

MALLINFO_FIELDS = (
    "arena",
    "ordblks",
    "smblks",
    "hblks",
    "hblkhd",
    "usmblks",
    "fsmblks",
    "uordblks",
    "fordblks",
)


class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (*MALLINFO_FIELDS, "keepcost")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--aliases", type=int, default=1_000_000)
    parser.add_argument("--updates", type=int, default=2)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "venue_check.settings.test")
    import django

    django.setup()
    run(args.aliases, args.updates)
    return 0


def run(size: int, updates: int) -> None:
    import match_speed

    from screening.index import _frozen_once_read, _malloc_trim, _no_full_collections
    from screening.matching import IndexedName, MatchIndex, NameQuery
    from screening.name_variants import name_symbols

    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = MallInfo2
    listed = match_speed.generate_watch_list(size, random.Random(size))
    rows = [(n.entry_pk, n.source, n.entry_id, n.kind, n.name, n.strength, n.birth_dates) for n in listed]
    sample = random.Random(1).sample(listed, 2000)
    bookings = [match_speed.generate_booking(sample, random.Random(i)) for i in range(300)]
    del listed, sample
    name_symbols("muhammad")  # rigour's tagger, once per process
    gc.collect()
    current: dict = {}

    def build() -> None:
        names = (IndexedName(*row[:4], row[4] + "", *row[5:]) for row in rows)  # new objects, as a page read
        with _no_full_collections():
            current["built"] = MatchIndex(_frozen_once_read(names))

    def in_thread(target) -> None:
        thread = threading.Thread(target=target)
        thread.start()
        thread.join()

    stop = threading.Event()

    def screen() -> None:
        for n in range(10**9):
            if stop.is_set():
                return
            for name, kind, _ in bookings[n % len(bookings)]:
                current["index"].match(NameQuery(name, kind), threshold=0.8)
            time.sleep(0.002)

    report("start (names as rows, tagger loaded)", libc)
    in_thread(build)
    current["index"] = current.pop("built")
    report("one index", libc)
    threading.Thread(target=screen, daemon=True).start()
    for n in range(1, updates + 1):
        in_thread(build)
        report(f"update {n}: two indexes", libc)
        previous = weakref.ref(current["index"])
        current["index"] = current.pop("built")
        time.sleep(2.0)
        gc.collect()
        report(f"update {n}: after the swap (previous alive: {previous() is not None})", libc)
        started = time.perf_counter()
        _malloc_trim()(0)
        report(f"update {n}: after malloc_trim(0), {time.perf_counter() - started:.2f} s", libc)
    stop.set()


def report(what: str, libc) -> None:
    arenas, used, free_blocks, free_pools = _pymalloc()
    info = libc.mallinfo2()
    print(
        f"{what}: resident {_rss_mb():.0f} MB | pymalloc {arenas} arenas of 1 MiB, {used:.0f} MB in use, "
        f"{free_blocks:.0f} MB free blocks, {free_pools:.0f} MB free pools | glibc "
        f"{info.uordblks / 2**20:.0f} MB in use, {info.fordblks / 2**20:.0f} MB free, "
        f"{info.hblkhd / 2**20:.0f} MB mmapped",
        flush=True,
    )


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _pymalloc() -> tuple[int, float, float, float]:
    """From sys._debugmallocstats, which writes to the C stderr."""
    saved, (read, write) = os.dup(2), os.pipe()
    os.dup2(write, 2)
    sys._debugmallocstats()
    os.dup2(saved, 2)
    os.close(write)
    out = os.read(read, 1 << 20).decode()
    os.close(read)

    def number(pattern: str) -> int:
        return int(re.search(pattern, out).group(1).replace(",", ""))

    return (
        number(r"# arenas allocated current\s*=\s*([\d,]+)"),
        number(r"# bytes in allocated blocks\s*=\s*([\d,]+)") / 2**20,
        number(r"# bytes in available blocks\s*=\s*([\d,]+)") / 2**20,
        number(r"unused pools \* \d+ bytes\s*=\s*([\d,]+)") / 2**20,
    )


if __name__ == "__main__":
    raise SystemExit(main())
