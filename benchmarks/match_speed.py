"""Matcher speed and memory on generated watch lists, against a naive rapidfuzz scan.

    /work/main/.venv/bin/python benchmarks/match_speed.py --sizes 10000 100000
    /work/main/.venv/bin/python benchmarks/match_speed.py --quick        # 10k only
    /work/main/.venv/bin/python benchmarks/match_speed.py --sizes 1000000 --baseline-bookings 1

Each size runs in its own subprocess so memory figures do not mix. A size
generates a watch list of that many aliases (people with Zipf-distributed
common given names and surnames plus rare generated ones, organisations from
generic and rare words), builds a `MatchIndex` (time, and resident memory
added by the build), then screens bookings of 10 parties (listed names,
listed names with a typo, reordered names, common innocent names,
organisations) and reports p50/p95 latency per booking. The baseline screens
the same bookings with `rapidfuzz.process.extract(..., scorer=fuzz.WRatio)`
over every normalised alias; its p50 over fewer bookings gives the ratio.
"""

import argparse
import functools
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PARTIES_PER_BOOKING = 10
SYLLABLES = [
    "ka",
    "ri",
    "mo",
    "ta",
    "ne",
    "lu",
    "sa",
    "vo",
    "de",
    "mi",
    "ra",
    "zo",
    "be",
    "ha",
    "ni",
    "go",
    "fa",
    "ju",
    "le",
    "po",
    "si",
    "ke",
    "da",
    "ru",
    "ba",
    "yo",
    "te",
    "wi",
    "na",
    "ch",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--quick", action="store_true", help="10,000 aliases only, fewer bookings")
    parser.add_argument("--bookings", type=int, default=300)
    parser.add_argument("--baseline-bookings", type=int, default=5)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: run one size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_size(args.one, args.bookings, args.baseline_bookings)))
        return 0
    sizes = [10_000] if args.quick else args.sizes
    bookings = 100 if args.quick else args.bookings
    for size in sizes:
        command = [
            sys.executable,
            __file__,
            "--one",
            str(size),
            "--bookings",
            str(bookings),
            "--baseline-bookings",
            str(args.baseline_bookings),
        ]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        _print(json.loads(out.strip().splitlines()[-1]))
    return 0


def _print(r: dict) -> None:
    print(
        f"{r['aliases']:>9,} aliases: build {r['build_s']:.1f} s, +{r['build_mb']:.0f} MB "
        f"(input list {r['input_mb']:.0f} MB); booking of {PARTIES_PER_BOOKING}: "
        f"p50 {r['p50_ms']:.2f} ms, p95 {r['p95_ms']:.2f} ms over {r['bookings']} "
        f"(process CPU time p50 {r['cpu_p50_ms']:.2f}, p95 {r['cpu_p95_ms']:.2f}); "
        f"baseline p50 {r['baseline_p50_ms']:.0f} ms over {r['baseline_bookings']} "
        f"-> {r['speedup']:.0f}x faster; flagged {r['flag_rate']:.2f} of listed-name parties; "
        f"load average {r['load_average']:.1f}"
    )


# -- one size, in its own process -------------------------------------------------


def run_size(size: int, bookings: int, baseline_bookings: int) -> dict:
    from screening.matching import MatchIndex, NameQuery

    rng = random.Random(size)
    rss0 = _rss_mb()
    names = generate_watch_list(size, rng)
    rss1 = _rss_mb()
    started = time.perf_counter()
    index = MatchIndex(names)
    build_s = time.perf_counter() - started
    rss2 = _rss_mb()
    parties = [generate_booking(names, rng) for _ in range(bookings)]
    latencies, cpu, flagged = [], [], 0
    for booking in parties:
        started, started_cpu = time.perf_counter(), time.process_time()
        results = [index.match(NameQuery(n, k), threshold=0.8) for n, k, _ in booking]
        latencies.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        flagged += sum(bool(r) for r, (_, _, listed) in zip(results, booking, strict=True) if listed)
    listed_parties = sum(listed for booking in parties for _, _, listed in booking)
    baseline = _baseline(names, parties[:baseline_bookings])
    p50 = statistics.median(latencies)
    return {
        "aliases": len(index),
        "build_s": build_s,
        "input_mb": rss1 - rss0,
        "build_mb": rss2 - rss1,
        "p50_ms": p50,
        "p95_ms": statistics.quantiles(latencies, n=20)[-1],
        "cpu_p50_ms": statistics.median(cpu),
        "cpu_p95_ms": statistics.quantiles(cpu, n=20)[-1],
        "load_average": os.getloadavg()[0],
        "bookings": len(latencies),
        "baseline_p50_ms": statistics.median(baseline),
        "baseline_bookings": len(baseline),
        "speedup": statistics.median(baseline) / p50,
        "flag_rate": flagged / max(listed_parties, 1),
    }


def _baseline(names, bookings) -> list[float]:
    """The naive scan: WRatio of each party against every alias."""
    from rapidfuzz import fuzz, process

    from screening.normalise import normalise

    choices = [normalise(n.name) for n in names]
    timings = []
    for booking in bookings:
        started = time.perf_counter()
        for name, _, _ in booking:
            process.extract(normalise(name), choices, scorer=fuzz.WRatio, limit=10, score_cutoff=88)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * 4096 / 2**20


# -- generated data ---------------------------------------------------------------


@functools.cache
def _common_words() -> tuple[list[str], list[str]]:
    from screening.rarity import DATA_FILE

    given, generic, tier = [], [], None
    for line in DATA_FILE.read_text().splitlines():
        if line.startswith("["):
            tier = line.strip("[]")
        elif line and not line.startswith("#") and tier != "stopword":
            (generic if tier in {"generic", "org_type"} else given).extend(line.split())
    # Rank order for the Zipf draw: a fixed shuffle, so "common" is not "early in the alphabet".
    given, generic = sorted(set(given)), sorted(set(generic))
    random.Random(7).shuffle(given)
    random.Random(7).shuffle(generic)
    return given, generic


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def generate_watch_list(size: int, rng: random.Random) -> list:
    from screening.matching import IndexedName

    common, generic = _common_words()
    rare = [_word(rng) for _ in range(max(2000, size // 4))]
    names, entry = [], 0
    while len(names) < size:
        entry += 1
        is_person = rng.random() < 0.7
        birth = (f"{rng.randint(1940, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",)
        for alias in range(rng.randint(1, 4)):
            if is_person:
                parts = [_zipf(common, rng).capitalize() for _ in range(rng.randint(1, 2))]
                parts.append(rng.choice(rare) if rng.random() < 0.8 else _zipf(common, rng).capitalize())
                kind, dob = "person", birth
            else:
                parts = [rng.choice(rare)] + [
                    _zipf(generic, rng).capitalize() for _ in range(rng.randint(1, 3))
                ]
                kind, dob = "organisation", ()
            names.append(
                IndexedName(
                    entry,
                    "gen",
                    f"g-{entry}",
                    kind,
                    " ".join(parts),
                    "primary" if alias == 0 else "alias",
                    dob,
                )
            )
    return names[:size]


_ZIPF_WEIGHTS: dict[int, list[float]] = {}


def _zipf(words: list[str], rng: random.Random) -> str:
    """A word drawn Zipf-Mandelbrot, probability 1/(rank + 2): the most common word is
    about 5% of draws, like Muhammad and its spellings among given names in CT lists."""
    cumulative = _ZIPF_WEIGHTS.get(len(words))
    if cumulative is None:
        cumulative = _ZIPF_WEIGHTS[len(words)] = list(
            itertools.accumulate(1 / (r + 2) for r in range(1, len(words) + 1))
        )
    return rng.choices(words, cum_weights=cumulative)[0]


def generate_booking(names: list, rng: random.Random) -> list[tuple[str, str, bool]]:
    """10 parties: 2 listed (one with a typo), 1 reordered listed, 7 innocent."""
    common, generic = _common_words()
    parties = []
    for variant in ("exact", "typo", "reorder"):
        listed = rng.choice(names)
        text = listed.name
        if variant == "typo":
            words = text.split()
            longest = max(range(len(words)), key=lambda i: len(words[i]))
            w = words[longest]
            words[longest] = w[: len(w) // 2] + w[len(w) // 2] + w[len(w) // 2 :]
            text = " ".join(words)
        elif variant == "reorder":
            words = text.split()
            text = f"{words[-1].upper()}, {' '.join(words[:-1])}" if len(words) > 1 else text
        parties.append((text, listed.kind, True))
    for _ in range(PARTIES_PER_BOOKING - 4):
        parties.append((f"{_zipf(common, rng)} {_zipf(common, rng)}".title(), "person", False))
    parties.append(
        (
            f"{rng.choice(common)} {_zipf(generic, rng)} {_zipf(generic, rng)}".title(),
            "organisation",
            False,
        )
    )
    return parties


if __name__ == "__main__":
    raise SystemExit(main())
