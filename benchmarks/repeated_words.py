"""A hostile name of common words written again and again, against their namesakes.

    /work/main/.venv/bin/python benchmarks/repeated_words.py [--aliases 20000]

A list of N people who all share two common words ("Ali Hassan Zorbek00001"...),
and queries of those two words written 1, 2, 5 and 10 times, and a name of four
common words: every alias holds the
pair, so all are looked up, and the retrieval bound decides how many are scored in
full. Each listed word pairs once, so the repeats add nothing to an alias's bound
(screening.matching._confirmed). Median of five queries each, in milliseconds.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "venue_check.settings.test")

import django  # noqa: E402

django.setup()

from screening.matching import IndexedName, MatchIndex, NameQuery  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aliases", type=int, default=20_000)
    args = parser.parse_args()
    names = [
        IndexedName(i, "src", f"e-{i}", "person", f"Ali Hassan Zorbek{i:05d}", "primary")
        for i in range(args.aliases)
    ]
    index = MatchIndex(names)
    queries = [" ".join(["Ali Hassan"] * times) for times in (1, 2, 5, 10)]
    for name in queries + ["Mohammed Ali Hassan Ahmed"]:
        query = NameQuery(name, "person")
        timings = []
        for _ in range(5):
            start = time.perf_counter()
            found = index.match(query, threshold=0.8)
            timings.append((time.perf_counter() - start) * 1000)
        print(f"{name[:40]:<42} {statistics.median(timings):8.1f} ms  {len(found)} flagged")


if __name__ == "__main__":
    main()
