"""Does the time `/api/v1/screen/` takes tell a venue more than its answer does?

    /work/main/.venv/bin/python benchmarks/screen_timing.py
    /work/main/.venv/bin/python benchmarks/screen_timing.py --rounds 400

A venue caller gets `flagged` only. A prober who cannot read matches could still
time the answers: if a name close to a listed one (a listed surname with another
given name, initials and a surname) took measurably longer than an unrelated name
while both answer "not flagged", timing would tell which surnames are on a list,
a confidential local list included. This loads `../shared/eval/watchlist.ftm.jsonl`
with the real `import_source` into a throwaway SQLite database and POSTs, with a
venue's API key through Django's test client (the whole middleware, authentication,
throttle and serializer path), rounds of one-name requests of four kinds,
interleaved so drift and noise fall on all alike:

- `listed`: a listed person's name as listed (answers flagged);
- `near_miss`: the listed surname with another given name (answers not flagged);
- `initials`: the listed surname after an initial (answers not flagged);
- `unrelated`: an invented name sharing nothing with the list (answers not flagged).

It reports each kind's median and 90th percentile, and the near-miss and initials
medians against the unrelated median, beside the run-to-run noise (the spread of
the unrelated medians over halves of the rounds). Nothing is written anywhere.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlite_django import REPO, setup_django

EVAL = REPO.parent / "shared" / "eval"
UNRELATED = ["Wilbur Quenneville", "Odette Marchbank", "Piers Lanyon", "Tamsin Fairweather", "Rufus Bellamy"]
OTHER_GIVEN = ["Wilbur", "Odette", "Piers", "Tamsin", "Rufus"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=EVAL)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # One prober well inside the per-key limit; the limit itself is not what is measured.
        setup_django(Path(tmp) / "bench.sqlite3", THROTTLE_RATE_API_KEY="100000/min")
        return _run(args.eval_dir / "watchlist.ftm.jsonl", rounds=args.rounds)


def _listed_people(watchlist: Path) -> list[str]:
    people = []
    for line in watchlist.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["schema"] == "Person":
            people += [n for n in row["properties"].get("name", []) if len(n.split()) >= 2]
    return people


def _probes(people: list[str]) -> dict[str, list[str]]:
    return {
        "listed": people,
        "near_miss": [f"{OTHER_GIVEN[i % len(OTHER_GIVEN)]} {p.split()[-1]}" for i, p in enumerate(people)],
        "initials": [f"{p.split()[0][0]}. {p.split()[-1]}" for p in people],
        "unrelated": UNRELATED,
    }


def _run(watchlist: Path, *, rounds: int) -> int:
    from django.core.cache import cache
    from django.test import Client

    from bookings.models import Venue
    from bookings.venues.services import api_key_create
    from watch_sources.services import source_import

    source_import(slug="eval-watchlist", origin=str(watchlist), fmt="ftm")
    venue = Venue.objects.create(name="Benchmark Hall", slug="bench")
    _, key = api_key_create(venue=venue, by=None)
    client = Client(SERVER_NAME="127.0.0.1", HTTP_AUTHORIZATION=f"Api-Key {key}")
    probes = _probes(_listed_people(watchlist))

    def screen(name: str) -> tuple[float, bool]:
        body = json.dumps({"parties": [{"name": name, "kind": "person"}]})
        started = time.perf_counter()
        response = client.post("/api/v1/screen/", body, content_type="application/json")
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        return elapsed * 1000, response.json()["results"][0]["flagged"]

    for name in UNRELATED + probes["listed"][:5]:
        screen(name)  # warm: the index, caches, first-request imports
    times: dict[str, list[float]] = {kind: [] for kind in probes}
    flagged: dict[str, int] = {kind: 0 for kind in probes}
    for r in range(rounds):
        for kind, names in probes.items():
            ms, was_flagged = screen(names[r % len(names)])
            times[kind].append(ms)
            flagged[kind] += was_flagged
        cache.clear()  # throttle counters: the prober stays under every limit
    print(f"{rounds} rounds, load average {os.getloadavg()[0]:.2f}")
    print(f"{'kind':<10} {'flagged':>8} {'median ms':>10} {'p90 ms':>8}")
    for kind, values in times.items():
        p90 = statistics.quantiles(values, n=10)[-1]
        print(f"{kind:<10} {flagged[kind]:>4}/{rounds:<3} {statistics.median(values):>10.2f} {p90:>8.2f}")
    unrelated = times["unrelated"]
    halves = [statistics.median(unrelated[: rounds // 2]), statistics.median(unrelated[rounds // 2 :])]
    noise = abs(halves[0] - halves[1])
    base = statistics.median(unrelated)
    for kind in ("near_miss", "initials"):
        print(
            f"{kind} - unrelated median: {statistics.median(times[kind]) - base:+.2f} ms "
            f"(noise between halves of the unrelated rounds: {noise:.2f} ms)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
