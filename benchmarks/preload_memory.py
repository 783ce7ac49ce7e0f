"""What gunicorn's preload saves: rigour's name tagger and the match index built once
in the master and shared by forked workers, against each worker loading its own.

    /work/main/.venv/bin/python benchmarks/preload_memory.py --aliases 100000 --workers 2

Two runs, each in a fresh process that forks `--workers` children, as gunicorn's
master does:

- preload: the parent loads the tagger and builds a `MatchIndex` of the
  generated watch list (`match_speed.py`), freezes the garbage collector (as
  `gunicorn.conf.py`'s pre_fork does), then forks; each worker screens bookings;
- per worker: the parent only imports the code; each worker loads the tagger and
  builds its own index after the fork, then screens the same bookings.

Each worker reports, after screening, its proportional (PSS) and private
(USS) memory from /proc/self/smaps_rollup, and the parent its own PSS; the
total PSS is what the machine spends on the whole set.
"""

import argparse
import gc
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--aliases", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--bookings", type=int, default=200)
    parser.add_argument("--mode", choices=["preload", "per-worker"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(run(args)))
        return 0
    for mode in ("preload", "per-worker"):
        command = [sys.executable, __file__, "--mode", mode, *_passed(args)]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        _print(mode, json.loads(out.strip().splitlines()[-1]), args)
    return 0


def _passed(args) -> list[str]:
    return ["--aliases", str(args.aliases), "--workers", str(args.workers), "--bookings", str(args.bookings)]


def _memory_kb() -> dict[str, int]:
    fields = {}
    with open("/proc/self/smaps_rollup") as rollup:
        for line in rollup:
            parts = line.split()
            if len(parts) == 3 and parts[2] == "kB":
                fields[parts[0].rstrip(":")] = int(parts[1])
    return {
        "pss": fields["Pss"],
        "uss": fields["Private_Clean"] + fields["Private_Dirty"],
        "rss": fields["Rss"],
    }


def _load(size: int):
    from match_speed import generate_watch_list

    from screening.matching import MatchIndex
    from screening.name_variants import name_symbols

    name_symbols("muhammad")  # rigour's tagger
    names = generate_watch_list(size, random.Random(size))
    return MatchIndex(names), names


def run(args) -> dict:
    from match_speed import generate_booking

    from screening.matching import NameQuery

    started = time.perf_counter()
    index, names = _load(args.aliases) if args.mode == "preload" else (None, None)
    parent_load_s = time.perf_counter() - started
    gc.collect()
    gc.freeze()
    pipes = []
    for _ in range(args.workers):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            started = time.perf_counter()
            if index is None:
                index, names = _load(args.aliases)
            load_s = time.perf_counter() - started
            rng = random.Random(os.getpid())
            for _ in range(args.bookings):
                for name, kind, _ in generate_booking(names, rng):
                    index.match(NameQuery(name, kind), threshold=0.8)
            os.write(write, json.dumps({"load_s": load_s, **_memory_kb()}).encode())
            os.close(write)
            time.sleep(2)  # stay alive while the parent reads the others' figures
            os._exit(0)
        os.close(write)
        pipes.append((pid, read))
    workers = []
    for _pid, read in pipes:
        with os.fdopen(read) as stream:
            workers.append(json.loads(stream.read()))
    parent = _memory_kb()
    for pid, _ in pipes:
        os.waitpid(pid, 0)
    return {"parent": parent, "parent_load_s": parent_load_s, "workers": workers, "load": os.getloadavg()[0]}


def _print(mode: str, r: dict, args) -> None:
    workers = r["workers"]
    total = r["parent"]["pss"] + sum(w["pss"] for w in workers)
    print(
        f"{mode:>10}: {args.aliases:,} aliases, {len(workers)} workers; master PSS "
        f"{r['parent']['pss'] / 1024:.0f} MB (loaded in {r['parent_load_s']:.1f} s); per worker PSS "
        + ", ".join(f"{w['pss'] / 1024:.0f}" for w in workers)
        + " MB, private "
        + ", ".join(f"{w['uss'] / 1024:.0f}" for w in workers)
        + " MB, loaded in "
        + ", ".join(f"{w['load_s']:.1f}" for w in workers)
        + f" s; total PSS {total / 1024:.0f} MB; load average {r['load']:.1f}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
