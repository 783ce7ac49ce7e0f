"""How many evasion tricks are caught, per class, on every name of the development watch list.

    /work/main/.venv/bin/python benchmarks/evasion.py
    /work/main/.venv/bin/python benchmarks/evasion.py --show-misses

Loads `../shared/eval/watchlist.ftm.jsonl` with the real `import_source`
service into a throwaway SQLite database, then for every listed primary name
(and every listed acronym, for the acronym tricks) applies every trick of
`tests/evasion.py` and submits the booking through the real intake service
(`booking_create`, the code the API calls). A trick is caught when the booking
is `flagged`. Also counted: how many of the caught were caught by matching the
very entry (not only by a signal such as mixed scripts), and whether any of the
ordinary sentences of `tests/evasion.py` flags. Nothing is written anywhere.
"""

import argparse
import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from sqlite_django import REPO, setup_django

BY_DESIGN = "common_words_lower_case"
EVAL = REPO.parent / "shared" / "eval"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=EVAL)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        return _run(args.eval_dir / "watchlist.ftm.jsonl", show_misses=args.show_misses)


def _listed(watchlist: Path):
    from tests.evasion import Listed

    names: dict[str, list] = {"person": [], "organisation": [], "acronym": []}
    for line in watchlist.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        kind = "person" if row["schema"] == "Person" else "organisation"
        for name in row["properties"].get("name", []):
            names[kind].append((row["id"], Listed(name, kind)))
        for alias in row["properties"].get("alias", []):
            letters = [c for c in alias if c.isalpha()]
            if kind == "organisation" and len(alias) <= 6 and sum(c.isupper() for c in letters) >= 2:
                names["acronym"].append((row["id"], Listed(alias, kind)))
    return names


def _run(watchlist: Path, *, show_misses: bool) -> int:
    from bookings.models import Venue
    from screening.index import live_index
    from screening.models import Match
    from tests.evasion import LOOK_ALIKE_SCRIPTS, ORDINARY_TEXTS, TRICKS, base_request
    from watch_sources.services import source_import

    source_import(slug="eval-watchlist", origin=str(watchlist), fmt="ftm")
    venue = Venue.objects.create(name="Benchmark Hall", slug="bench")
    listed = _listed(watchlist)
    caught: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # caught, by the entry, tried
    misses = []
    started = time.perf_counter()
    counter = 0
    index = live_index().index
    for trick in TRICKS:
        for kind in trick.applies_to:
            for entry_id, name in listed[kind]:
                counter += 1
                booking = _submit(venue, trick.build(name), f"EV-{counter}")
                klass = trick.klass
                if _by_design(trick, name, index):
                    klass = BY_DESIGN
                tally = caught[klass]
                tally[2] += 1
                if booking.status == "flagged":
                    tally[0] += 1
                    entries = set(
                        Match.objects.filter(run__booking=booking).values_list("entry__entry_id", flat=True)
                    )
                    tally[1] += entry_id in entries
                else:
                    misses.append((trick.klass, trick.name, name.name))
    elapsed = time.perf_counter() - started
    flagged_prose = []
    for text in ORDINARY_TEXTS:
        counter += 1
        body = base_request()
        body["event"]["description"] = text
        if _submit(venue, body, f"EV-{counter}").status != "cleared":
            flagged_prose.append(text)
    print(
        f"listed: {len(listed['organisation'])} organisations, {len(listed['person'])} people, "
        f"{len(listed['acronym'])} acronyms; {counter} bookings in {elapsed:.1f} s"
    )
    print(f"look-alike scripts swapped in: {', '.join(s.title() for s in LOOK_ALIKE_SCRIPTS)}")
    print(f"{'class':24} {'caught':>14} {'share':>7} {'by the entry':>13}")
    total = [0, 0, 0]
    for klass, (hit, by_entry, tried) in caught.items():
        if klass == BY_DESIGN:
            continue
        total = [total[0] + hit, total[1] + by_entry, total[2] + tried]
        print(f"{klass:24} {hit:>6}/{tried:<7} {hit / tried:>7.4f} {by_entry / tried:>13.4f}")
    print(f"{'ALL':24} {total[0]:>6}/{total[2]:<7} {total[0] / total[2]:>7.4f} {total[1] / total[2]:>13.4f}")
    if BY_DESIGN in caught:
        hit, _, tried = caught[BY_DESIGN]
        print(
            f"not counted (by design): {tried} mentions in text of names made only of common or English "
            f"words written in lower case (National Action, Red Hand Commando: found when written with "
            f"capitals), of two-letter acronyms (BK, LT) and of acronyms that are everyday "
            f"abbreviations (ETA, SSP): {hit} flagged"
        )
    print(f"ordinary sentences flagged: {len(flagged_prose)}/{len(ORDINARY_TEXTS)} {flagged_prose}")
    if show_misses:
        for miss in misses:
            print("missed:", *miss)
    return 0


def _by_design(trick, name, index) -> bool:
    """Tricks the fairness rules deliberately let pass in text (docs/matching.md): a name
    made only of common or English words written as prose, a two-letter acronym, an
    acronym that is also an everyday abbreviation (ETA, SSP)."""
    from screening.mentions import ACRONYM_MIN_LENGTH, EVERYDAY_ABBREVIATIONS, found_in_any_case

    if trick.lower_case_text and not found_in_any_case(index, name.name):
        return True
    letters = "".join(c for c in name.name if c.isalnum())
    return "acronym" in trick.applies_to and (
        len(letters) < ACRONYM_MIN_LENGTH or letters.upper() in EVERYDAY_ABBREVIATIONS
    )


def _submit(venue, body: dict, ref: str):
    from bookings.intake.services import booking_create

    booking, _ = booking_create(
        venue=venue,
        external_ref=ref,
        event=body["event"],
        hirer=body["hirer"],
        parties=body["parties"],
        by=None,
    )
    return booking


if __name__ == "__main__":
    raise SystemExit(main())
