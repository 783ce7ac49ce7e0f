"""Our matcher on a public labelled benchmark of name pairs, beside logic-v2.

    .venv-bench/bin/python benchmarks/public_pairs.py CASES_CSV
    .venv-bench/bin/python benchmarks/public_pairs.py CASES_CSV --frozen FROZEN_CSV
    .venv-bench/bin/python benchmarks/public_pairs.py CASES_CSV --rows rows.csv --show-errors
    /work/main/.venv/bin/python benchmarks/public_pairs.py CASES_CSV --no-reference

The benchmark is OpenSanctions' name_bench: `contrib/name_bench/cases.csv` in
the nomenklatura repository (https://github.com/opensanctions/nomenklatura,
MIT), measured at commit 502208c22543a0ca8f394a2509c8be55738dbb38 (826 rows,
the file last changed in eab9ceba). Columns: case_group, schema, name1, name2,
is_match (true/false), quality (STRONG/MEDIUM/WEAK, blank is MEDIUM),
category, notes. The same directory has a logic-v2 run frozen by its authors,
`run_data/logicv2-frozen.csv` (`--frozen`: its verdicts at 0.7 are compared
with the live run's). Neither file is kept in this repository: fetch them from
there (`git show <commit>:contrib/name_bench/cases.csv`).

Each pair is screened as the product screens a name: name1 is the query
(`NameQuery`, kind from the schema: Person is a person, every other schema an
organisation), against a `MatchIndex` holding name2 alone as a listed primary
name of the same kind, at the configured `SCREENING_REVIEW_THRESHOLD`; a pair
is matched when name2's entry is flagged. The reverse direction (name2 as the
query, name1 listed) is measured too and printed after: a pair's label says
the two names are the same party whichever side is listed. logic-v2 is
nomenklatura's `LogicV2.compare` on two entities of the row's schema with one
`name` each, matched at 0.7, in the same direction. Printed per direction:
recall on is_match=true and false-positive rate on is_match=false, overall and
per case_group, schema, quality and category, for us and for logic-v2, then
row by row: of the pairs logic-v2 matches truly, how many we match, and our
false positives beside its own. `--rows` writes every row's verdicts to a CSV
(outside the repository: it carries the benchmark's names).
"""

import argparse
import csv
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from match_quality import (  # noqa: E402  (benchmarks/ is not a package)
    LOGIC_V2_THRESHOLD,
    _table,
    logic_v2_entity,
)
from sqlite_django import setup_django  # noqa: E402

MEASURED_COMMIT = "502208c22543a0ca8f394a2509c8be55738dbb38"
PERSON_SCHEMA = "Person"


@dataclass(frozen=True)
class Pair:
    case_group: str
    schema: str
    name1: str
    name2: str
    is_match: bool
    quality: str
    category: str

    @property
    def kind(self) -> str:
        return "person" if self.schema == PERSON_SCHEMA else "organisation"

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.case_group, self.schema, self.name1, self.name2)

    def slices(self) -> tuple[str, ...]:
        return (
            "ALL",
            f"group:{self.case_group}",
            f"schema:{self.schema}",
            f"quality:{self.quality}",
            f"category:{self.category or '(none)'}",
        )


def main() -> int:
    args = _arguments()
    pairs = load_pairs(args.cases)
    print(
        f"{len(pairs)} pairs from {args.cases} (nomenklatura name_bench, measured at {MEASURED_COMMIT[:12]})"
    )

    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        from screening.services import review_threshold

        threshold = review_threshold()
        results = {}
        for direction in ("forward", "reverse"):
            ours = _our_verdicts(pairs, threshold, reverse=direction == "reverse")
            theirs = None if args.no_reference else _logic_v2_verdicts(pairs, reverse=direction == "reverse")
            results[direction] = (ours, theirs)
            _report_direction(direction, pairs, ours, theirs, threshold, show_errors=args.show_errors)
    if args.frozen and results["forward"][1] is not None:
        _compare_frozen(pairs, results["forward"][1], args.frozen)
    if args.rows:
        _write_rows(args.rows, pairs, results)
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cases", type=Path, help="nomenklatura contrib/name_bench/cases.csv")
    parser.add_argument(
        "--frozen", type=Path, help="nomenklatura contrib/name_bench/run_data/logicv2-frozen.csv"
    )
    parser.add_argument("--no-reference", action="store_true", help="skip logic-v2")
    parser.add_argument("--show-errors", action="store_true", help="print each miss and false positive")
    parser.add_argument("--rows", type=Path, help="write every row's verdicts to this CSV")
    return parser.parse_args()


def load_pairs(path: Path) -> list[Pair]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Pair(
                case_group=row["case_group"],
                schema=row["schema"],
                name1=row["name1"],
                name2=row["name2"],
                is_match=row["is_match"].strip().lower() == "true",
                quality=row.get("quality") or "MEDIUM",
                category=row.get("category") or "",
            )
            for row in csv.DictReader(f)
        ]


# -- the two matchers ----------------------------------------------------------


def _our_verdicts(pairs: list[Pair], threshold: float, *, reverse: bool) -> list[float | None]:
    """Our score of each pair, or None where the listed name is not flagged."""
    from screening.matching import IndexedName, MatchIndex, NameQuery

    started = time.perf_counter()
    verdicts: list[float | None] = []
    for pair in pairs:
        query_name, listed_name = (pair.name2, pair.name1) if reverse else (pair.name1, pair.name2)
        listed = IndexedName(
            entry_pk=1,
            source="name-bench",
            entry_id="listed",
            kind=pair.kind,
            name=listed_name,
            strength="primary",
        )
        index = MatchIndex([listed])
        matches = index.match(NameQuery(name=query_name, kind=pair.kind), threshold=threshold)
        verdicts.append(matches[0].score if matches else None)
    print(f"venue-check: {len(pairs)} pairs in {time.perf_counter() - started:.1f} s (an index per pair)")
    return verdicts


def _logic_v2_verdicts(pairs: list[Pair], *, reverse: bool) -> list[float] | None:
    try:
        from nomenklatura.matching import LogicV2
    except ImportError as exc:
        print(f"logic-v2 reference skipped: {exc} (run with .venv-bench, see docs/benchmarks.md)")
        return None
    config = LogicV2.default_config()
    started = time.perf_counter()
    scores = []
    for pair in pairs:
        query_name, listed_name = (pair.name2, pair.name1) if reverse else (pair.name1, pair.name2)
        query = logic_v2_entity(pair.schema, {"name": [query_name]})
        listed = logic_v2_entity(pair.schema, {"name": [listed_name]})
        scores.append(float(LogicV2.compare(query, listed, config).score))
    print(f"logic-v2: {len(pairs)} pairs in {time.perf_counter() - started:.1f} s")
    return scores


def _flagged(ours: list[float | None]) -> list[bool]:
    return [score is not None for score in ours]


def _logic_v2_flagged(scores: list[float]) -> list[bool]:
    return [score >= LOGIC_V2_THRESHOLD for score in scores]


# -- reporting -----------------------------------------------------------------


def _report_direction(direction, pairs, ours, theirs, threshold, *, show_errors: bool) -> None:
    heading = (
        "name1 as the query, name2 listed" if direction == "forward" else "name2 as the query, name1 listed"
    )
    print(f"\n######## {direction}: {heading}")
    _report(f"venue-check matcher at {threshold}", pairs, _flagged(ours), show_errors=show_errors)
    if theirs is not None:
        _report(
            f"nomenklatura logic-v2 >= {LOGIC_V2_THRESHOLD}",
            pairs,
            _logic_v2_flagged(theirs),
            show_errors=False,
        )
        _compare(pairs, _flagged(ours), _logic_v2_flagged(theirs))


def _report(title: str, pairs: list[Pair], flagged: list[bool], *, show_errors: bool) -> None:
    print(f"\n== {title}")
    recall: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    false_pos: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pair, hit in zip(pairs, flagged, strict=True):
        counts = recall if pair.is_match else false_pos
        for key in pair.slices():
            counts[key][0] += hit
            counts[key][1] += 1
        if show_errors and hit != pair.is_match:
            what = "false positive" if hit else "miss"
            print(f"  {what}: [{pair.case_group} {pair.schema}] {pair.name1!r} ~ {pair.name2!r}")
    _table("recall on is_match=true", recall)
    _table("false-positive rate on is_match=false", false_pos)


def _compare(pairs: list[Pair], ours: list[bool], theirs: list[bool]) -> None:
    """Row by row: of logic-v2's true matches, how many we find; false positives of each."""
    found_by_reference = both = ours_only = ours_fp = reference_fp = both_fp = 0
    for pair, mine, reference in zip(pairs, ours, theirs, strict=True):
        if pair.is_match:
            found_by_reference += reference
            both += reference and mine
            ours_only += mine and not reference
        else:
            ours_fp += mine
            reference_fp += reference
            both_fp += mine and reference
    print("  == against logic-v2, row by row")
    print(f"    of the {found_by_reference} true matches logic-v2 finds, we find {both}")
    print(f"    true matches we find that logic-v2 misses: {ours_only}")
    ratio = f"{ours_fp / reference_fp:.2f}" if reference_fp else "n/a"
    print(
        f"    false positives: ours {ours_fp}, logic-v2 {reference_fp}, both {both_fp}"
        f" (ours / theirs {ratio})"
    )


def _compare_frozen(pairs: list[Pair], live: list[float], frozen_path: Path) -> None:
    """The live logic-v2 verdicts against the run its authors froze (same pairs, 0.7)."""
    with frozen_path.open(encoding="utf-8", newline="") as f:
        frozen = {
            (r["case_group"], r["schema"], r["name1"], r["name2"]): float(r["score"])
            for r in csv.DictReader(f)
        }
    common = [(pair, score) for pair, score in zip(pairs, live, strict=True) if pair.key in frozen]
    differ = [
        (pair, score)
        for pair, score in common
        if (score >= LOGIC_V2_THRESHOLD) != (frozen[pair.key] >= LOGIC_V2_THRESHOLD)
    ]
    print(f"\n######## logic-v2 live against the frozen run ({frozen_path.name})")
    print(
        f"  pairs in both: {len(common)} of {len(pairs)};"
        f" verdicts that differ at {LOGIC_V2_THRESHOLD}: {len(differ)}"
    )
    for pair, score in differ:
        print(f"    {pair.name1!r} ~ {pair.name2!r}: live {score:.3f}, frozen {frozen[pair.key]:.3f}")
    true_pos = sum(frozen[p.key] >= LOGIC_V2_THRESHOLD for p, _ in common if p.is_match)
    false_pos = sum(frozen[p.key] >= LOGIC_V2_THRESHOLD for p, _ in common if not p.is_match)
    positives = sum(p.is_match for p, _ in common)
    negatives = len(common) - positives
    print(
        f"  frozen run on those pairs: recall {true_pos}/{positives} {true_pos / positives:.4f}, "
        f"false positives {false_pos}/{negatives} {false_pos / negatives:.4f}"
    )


def _write_rows(path: Path, pairs: list[Pair], results: dict) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(
            ["case_group", "schema", "name1", "name2", "is_match", "quality", "category"]
            + [f"{who}_{d}" for d in ("forward", "reverse") for who in ("ours", "logicv2")]
        )
        for n, pair in enumerate(pairs):
            row = [
                pair.case_group,
                pair.schema,
                pair.name1,
                pair.name2,
                pair.is_match,
                pair.quality,
                pair.category,
            ]
            for direction in ("forward", "reverse"):
                ours, theirs = results[direction]
                row.append("" if ours[n] is None else f"{ours[n]:.3f}")
                row.append("" if theirs is None else f"{theirs[n]:.3f}")
            out.writerow(row)
    print(f"\nrows written to {path}")


if __name__ == "__main__":
    raise SystemExit(main())
