"""Matching quality on every labelled set, beside a naive scan and nomenklatura's logic-v2.

    .venv-bench/bin/python benchmarks/match_quality.py                 # every set
    .venv-bench/bin/python benchmarks/match_quality.py --sets fairness # one set
    .venv-bench/bin/python benchmarks/match_quality.py --quick         # every 5th query
    /work/main/.venv/bin/python benchmarks/match_quality.py --no-reference
    .venv-bench/bin/python benchmarks/match_quality.py --held-out       # the held-out sets

The sets: `dev` (../shared/eval, the development set), the sets built by
`benchmarks/sets/build_sets.py` (fairness, cross_script, organisations) and by
`benchmarks/sets/build_name_forms.py` (name_forms: numbers, words written
together or apart, long listed names, patronymic order, type nouns, initials). Each
set's watch list is loaded with the real `import_source` service into one
throwaway SQLite database as its own source, its own index is built with the
real `build_index` over that source's version only, and every query is
screened with `MatchIndex.match` at the configured `SCREENING_REVIEW_THRESHOLD`.
Printed per set: recall on `flag`, false-positive rate on `no_flag` (a flag
of an entry in the query's `allowed` list, its own name in another spelling,
does not count), per category and per name-origin group, and the ratio of
the highest to the lowest group rate. In the same run the same queries are
scored with a naive rapidfuzz scan and with nomenklatura's logic-v2 (flag at
0.7) against every listed entry of the same kind (a superset of any candidate
retrieval), when nomenklatura is importable, and the two matchers are
compared row by row. `either` queries are reported but not counted. Nothing
from the sets is written anywhere.

`--held-out` runs the held-out sets instead (benchmarks/sets/held_out/: a
development-style set, fairness, cross-script and organisations, built by
`build_dev_style.py` and `build_sets.py --held-out` from other names with a
seed): the sets the product is judged on are built the same way, so these are
measured and never tuned to. Their names are `held_out/<set>`.
"""

import argparse
import itertools
import json
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from sqlite_django import REPO, setup_django

EVAL = REPO.parent / "shared" / "eval"
SETS = REPO / "benchmarks" / "sets"
LOGIC_V2_THRESHOLD = 0.7


def main() -> int:
    args = _arguments()
    sets = _sets(args)
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        for name, directory in sets.items():
            _run_set(name, directory, args)
    return 0


def _sets(args: argparse.Namespace) -> dict[str, Path]:
    if args.held_out:
        held_out = SETS / "held_out"
        found = sorted(d for d in held_out.iterdir() if (d / "queries.jsonl").exists())
        known = {f"held_out/{d.name}": d for d in found}
    else:
        known = {"dev": args.eval_dir} | {
            d.name: d for d in sorted(SETS.iterdir()) if (d / "queries.jsonl").exists()
        }
    unknown = set(args.sets or ()) - set(known)
    if unknown:
        raise SystemExit(f"no such set: {', '.join(sorted(unknown))} (known: {', '.join(known)})")
    chosen = args.sets or list(known)
    return {name: known[name] for name in chosen}


def _run_set(name: str, directory: Path, args: argparse.Namespace) -> None:
    queries_file = "dev_queries.jsonl" if name == "dev" else "queries.jsonl"
    queries = _load_queries(directory / queries_file, every=5 if args.quick else 1)
    watchlist = directory / "watchlist.ftm.jsonl"
    if args.without_names:
        queries = _without_names(queries, watchlist, args.without_names)
    ours, threshold = _our_flags(name, watchlist, queries)
    print(f"\n######## set {name}: {len(queries)} queries, threshold {threshold}")
    _report("venue-check matcher", queries, ours)
    _report(f"naive rapidfuzz WRatio >= {NAIVE_CUTOFF}", queries, _naive_flags(watchlist, queries))
    reference = None if args.no_reference else _logic_v2_flags(watchlist, queries)
    if reference is not None:
        _report(f"nomenklatura logic-v2 >= {LOGIC_V2_THRESHOLD}", queries, reference)
        _compare(queries, ours, reference)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="+", help="dev and/or the set directories under benchmarks/sets")
    parser.add_argument("--quick", action="store_true", help="every 5th query only")
    parser.add_argument("--no-reference", action="store_true", help="skip logic-v2")
    parser.add_argument("--held-out", action="store_true", help="benchmarks/sets/held_out")
    parser.add_argument("--eval-dir", type=Path, default=EVAL)
    parser.add_argument("--show-errors", action="store_true", help="print each miss and FP")
    parser.add_argument(
        "--without-names",
        type=Path,
        help="leave out the rows that use a name of this list (screening/data/given_names.txt): "
        "a held-out set is no longer held out on the rows a list was written from",
    )
    args = parser.parse_args()
    global SHOW_ERRORS
    SHOW_ERRORS = args.show_errors
    return args


SHOW_ERRORS = False


def _load_queries(path: Path, *, every: int) -> list[dict]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [json.loads(line) for n, line in enumerate(lines) if n % every == 0]


def _without_names(queries: list[dict], watchlist: Path, names_file: Path) -> list[dict]:
    """The queries whose words, and whose target's listed words, use no name of the file."""
    from screening.given_names import listed_names
    from screening.normalise import normalise

    names = listed_names(names_file)
    listed = {}
    for line in watchlist.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            listed[entry["id"]] = " ".join(entry["properties"].get("name", []))
    kept = [
        q
        for q in queries
        if names.isdisjoint(normalise(f"{q['name']} {listed.get(q.get('target'), '')}").split())
    ]
    print(f"(without the names of {names_file}: {len(kept)} of {len(queries)} queries)")
    return kept


# -- our matcher -------------------------------------------------------------


def _our_flags(name: str, watchlist: Path, queries: list[dict]) -> tuple[list[set[str]], float]:
    """Entry ids flagged for each query, through the real import and index build."""
    from screening.index import build_index
    from screening.matching import NameQuery
    from screening.services import review_threshold
    from watch_sources.models import SourceVersion
    from watch_sources.services import source_import

    slug = f"set-{name.replace('/', '-')}"
    source_import(slug=slug, origin=str(watchlist), fmt="ftm")
    version = SourceVersion.objects.filter(source__slug=slug).latest("id")
    started = time.perf_counter()
    index = build_index((version,))
    threshold = review_threshold()
    flags = []
    for q in queries:
        query = NameQuery(name=q["name"], kind=q["kind"], date_of_birth=q.get("date_of_birth"))
        flags.append({m.entry_id for m in index.match(query, threshold=threshold)})
    elapsed = time.perf_counter() - started
    print(f"venue-check: {len(queries)} queries in {elapsed:.2f} s (index build included)")
    return flags, threshold


# -- the naive scan ----------------------------------------------------------------

NAIVE_CUTOFF = 88


def _naive_flags(watchlist: Path, queries: list[dict]) -> list[set[str]]:
    """WRatio of the normalised query against every name and alias of the same kind."""
    from rapidfuzz import fuzz

    from screening.normalise import normalise

    names: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for line in watchlist.open(encoding="utf-8"):
        row = json.loads(line)
        kind = "person" if row["schema"] == "Person" else "organisation"
        for prop in ("name", "alias", "weakAlias"):
            for value in row["properties"].get(prop, []):
                names[kind].append((row["id"], normalise(value)))
    return [
        {
            entry_id
            for entry_id, name in names[q["kind"]]
            if fuzz.WRatio(normalise(q["name"]), name) >= NAIVE_CUTOFF
        }
        for q in queries
    ]


# -- the reference -----------------------------------------------------------


def _logic_v2_flags(watchlist: Path, queries: list[dict]) -> list[set[str]] | None:
    try:
        from nomenklatura.matching import LogicV2
    except ImportError as exc:
        print(f"\nlogic-v2 reference skipped: {exc} (run with .venv-bench, see docs/benchmarks.md)")
        return None
    listed = [json.loads(line) for line in watchlist.open(encoding="utf-8")]
    config = LogicV2.default_config()
    entity = logic_v2_entity

    by_kind: dict[str, list[tuple[str, object]]] = defaultdict(list)
    for row in listed:
        kind = "person" if row["schema"] == "Person" else "organisation"
        if row["schema"] in {"Person", "Organization", "Company", "LegalEntity"}:
            props = {k: v for k, v in row["properties"].items() if k in _COMPARED}
            by_kind[kind].append((row["id"], entity(row["schema"], props)))
    started = time.perf_counter()
    flags = [_logic_v2_one(q, by_kind, entity, LogicV2, config) for q in queries]
    print(f"\nlogic-v2: {len(queries)} queries in {time.perf_counter() - started:.1f} s")
    return flags


_ENTITY_IDS = itertools.count()


def logic_v2_entity(schema: str, properties: dict) -> object:
    """A FollowTheMoney entity for logic-v2 (nomenklatura must be importable)."""
    from followthemoney import model

    made = model.make_entity(schema)
    # logic-v2 caches by id: every entity gets a fresh one, across sets too
    made.id = f"e{next(_ENTITY_IDS)}"
    for prop, values in properties.items():
        for value in values:
            made.add(prop, value, quiet=True)
    return made


_COMPARED = {"name", "alias", "weakAlias", "previousName", "birthDate"}


def _logic_v2_one(q: dict, by_kind, entity: Callable, algorithm, config) -> set[str]:
    props = {"name": [q["name"]]}
    if q.get("date_of_birth"):
        props["birthDate"] = [q["date_of_birth"]]
    query = entity("Person" if q["kind"] == "person" else "Organization", props)
    return {
        entry_id
        for entry_id, candidate in by_kind[q["kind"]]
        if algorithm.compare(query, candidate, config).score >= LOGIC_V2_THRESHOLD
    }


# -- reporting ---------------------------------------------------------------


def _report(title: str, queries: list[dict], flags: list[set[str]]) -> None:
    print(f"\n== {title}")
    recall = defaultdict(lambda: [0, 0])
    false_pos = defaultdict(lambda: [0, 0])
    either = defaultdict(lambda: [0, 0])
    for q, flagged in zip(queries, flags, strict=True):
        if q["expect"] == "flag":
            hit = q.get("target") in flagged
            for key in ("ALL", q["category"], *(["group:" + q["group"]] if q.get("group") else [])):
                recall[key][0] += hit
                recall[key][1] += 1
            if not hit and SHOW_ERRORS:
                print(f"  miss: {q['name']!r} -> {q.get('target')}")
        elif q["expect"] == "no_flag":
            flagged = _false_flags(q, flagged)
            for key in ("ALL", q["category"], "group:" + str(q.get("group"))):
                false_pos[key][0] += bool(flagged)
                false_pos[key][1] += 1
            if flagged and SHOW_ERRORS:
                print(f"  false positive: {q['name']!r} ({q.get('group')}) -> {sorted(flagged)}")
        else:
            either[q["category"]][0] += bool(flagged)
            either[q["category"]][1] += 1
    _table("recall on flag", recall)
    _table("false-positive rate on no_flag", false_pos)
    _table("flagged among either (not counted)", either)
    _group_ratio(false_pos)


def _false_flags(q: dict, flagged: set[str]) -> set[str]:
    """Flags of a no_flag query that are false: not its own name in another spelling."""
    return flagged - set(q.get("allowed", ()))


def _compare(queries: list[dict], ours: list[set[str]], reference: list[set[str]]) -> None:
    """Row by row against logic-v2: of the true matches it finds, how many we find too,
    and our false positives against its own on the same rows."""
    print("  == against logic-v2, row by row")
    both = found_by_reference = ours_fp = reference_fp = 0
    for q, mine, theirs in zip(queries, ours, reference, strict=True):
        if q["expect"] == "flag" and q.get("target") in theirs:
            found_by_reference += 1
            both += q["target"] in mine
            if q["target"] not in mine and SHOW_ERRORS:
                print(f"  logic-v2 finds, we miss: {q['name']!r} ({q.get('category')}) -> {q['target']}")
        elif q["expect"] == "no_flag":
            ours_fp += bool(_false_flags(q, mine))
            reference_fp += bool(_false_flags(q, theirs))
    print(f"    of the {found_by_reference} true matches logic-v2 finds, we find {both}")
    ratio = f"{ours_fp / reference_fp:.2f}" if reference_fp else "n/a"
    print(f"    false positives: ours {ours_fp}, logic-v2 {reference_fp} (ours / theirs {ratio})")


def _table(heading: str, counts: dict) -> None:
    print(f"  {heading}:")
    for key in sorted(counts, key=lambda k: (k != "ALL", k)):
        hits, total = counts[key]
        print(f"    {key:32s} {hits:5d}/{total:<5d} {hits / total:7.4f}")


def _group_ratio(false_pos: dict) -> None:
    rates = {
        k: hits / total
        for k, (hits, total) in false_pos.items()
        if k.startswith("group:") and k != "group:None" and total
    }
    if not rates:
        return
    high, low = max(rates.values()), min(rates.values())
    ratio = (
        "n/a (no group has a false positive)"
        if high == 0
        else ("inf (lowest group is 0)" if low == 0 else f"{high / low:.2f}")
    )
    print(f"  group FP rate: max {high:.4f}  min {low:.4f}  max/min {ratio}")


if __name__ == "__main__":
    raise SystemExit(main())
