"""The fairness sets again, with a middle name both sides share.

    /work/main/.venv/bin/python benchmarks/shared_middle_name.py [--sets fairness held_out/fairness]

Each fairness row is a given name and a surname. Here every listed name and every
query gains the same middle name after the given name (one rare, one common), so a
look-alike given name sits beside two words the same on both sides: where a rule
reads a given name one letter from another as a typo because the rest agrees, this
shows whose different names it flags (issue 17: such a rule flagged Arabic, Turkish
and South Asian look-alikes at 19-25% and East European, Hispanic and Irish ones not
at all). Per group: recall on variant spellings, false-positive rate on look-alikes.
"""

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "venue_check.settings.test")

import django  # noqa: E402

django.setup()

from screening.matching import IndexedName, MatchIndex, NameQuery  # noqa: E402
from screening.services import review_threshold  # noqa: E402

SETS = Path(__file__).resolve().parent / "sets"
MIDDLE_NAMES = ("Quennell", "James")  # a rare word and a common one


def with_middle(name: str, middle: str) -> str:
    given, *rest = name.split()
    return " ".join([given, middle, *rest])


def run(directory: Path, middle: str, threshold: float) -> None:
    entries = [json.loads(line) for line in (directory / "watchlist.ftm.jsonl").open(encoding="utf-8")]
    names = [
        IndexedName(pk, "fairness", e["id"], "person", with_middle(name, middle), "primary")
        for pk, e in enumerate(entries)
        for name in e["properties"]["name"]
    ]
    index = MatchIndex(names)
    hits, totals = Counter(), Counter()
    for line in (directory / "queries.jsonl").open(encoding="utf-8"):
        q = json.loads(line)
        found = {
            m.entry_id
            for m in index.match(NameQuery(with_middle(q["name"], middle), "person"), threshold=threshold)
        }
        key = (q["expect"], q["group"])
        totals[key] += 1
        if q["expect"] == "flag":
            hits[key] += q["target"] in found
        else:
            hits[key] += bool(found - set(q.get("allowed", ())))
    print(f"\n## {directory.relative_to(SETS)}, middle name {middle}")
    for expect, label in (("flag", "recall on variants"), ("no_flag", "false positives on look-alikes")):
        groups = sorted(g for e, g in totals if e == expect)
        all_hits = sum(hits[(expect, g)] for g in groups)
        all_total = sum(totals[(expect, g)] for g in groups)
        print(f"  {label}: {all_hits}/{all_total} {all_hits / all_total:.4f}")
        for g in groups:
            h, t = hits[(expect, g)], totals[(expect, g)]
            print(f"    {g:18s} {h:4d}/{t:<4d} {h / t:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=["fairness", "held_out/fairness"])
    args = parser.parse_args()
    threshold = review_threshold()
    for name in args.sets:
        for middle in MIDDLE_NAMES:
            run(SETS / name, middle, threshold)


if __name__ == "__main__":
    main()
