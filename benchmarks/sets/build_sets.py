"""Build the labelled sets under benchmarks/sets/ (run it again after editing the name lists).

    /work/main/.venv/bin/python benchmarks/sets/build_sets.py

Each set is a directory with `watchlist.ftm.jsonl` (FtM JSON lines, loaded with
the real `import_source`) and `queries.jsonl` in the format of
../shared/eval/dev_queries.jsonl, plus `allowed`: entry ids a `no_flag` query
may flag without it counting as a false positive (the same name of the same
person listed in another spelling; never the look-alike it is tested against).

Method (the same for every group, no row is written by hand):

- fairness: for each name-origin group of `fairness_names.py`, every name of
  the group is listed once with each of its four surnames (two common, two
  rare). A variant spelling with the same surname must flag the listed
  spelling (`variant_given`); a look-alike different name with the same
  surname must not (`lookalike_given`), in both directions of each pair.
  Categories carry the surname's tier (common/rare) so the two can be told
  apart.

- cross_script: for each script of `other_sets_names.py`, each person is listed
  once in Latin letters and once (as another entry) in the script; the other
  form is asked (`latin_to_script`: the query in the script against the Latin
  listing; `script_to_latin`: the reverse). `different` names in the script
  share a surname with a listed person and must not flag it. Korean given names
  written as one Latin word (Kim Jongun) must flag the listing in Hangul
  (`joined_latin_to_script`), and another given name so written must not
  (`joined_different_person`).
- organisations: each invented company name is listed with each legal form's
  first spelling; every other spelling of that form must flag it
  (`legal_form`), and so must the name without any legal form
  (`legal_form_dropped`) and with a leading "The" (`leading_the`). Pairs of
  names one word apart (other invented names) are listed one way and asked
  the other (`one_word_apart`, no_flag).

The rows are a function of the name lists only: deterministic, no sampling.

Held-out sets (issue 17: the product is judged on other sets built the same
way, so these are measured, never tuned to):

    /work/main/.venv/bin/python benchmarks/sets/build_sets.py --held-out --seed 17

read the names of `held_out_names.py` instead and write
`held_out/{fairness,cross_script,organisations}/`. The seed draws, by the same
method: two of each group's four common and four rare surnames, which spelling
of a variant set is the one listed (not always the first) and which of the
legal forms each company is listed with and in which spelling. The same seed
writes the same rows (random.Random(seed), no other source of chance).
"""

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from fairness_names import GROUPS  # noqa: E402
from other_sets_names import CROSS_SCRIPT, ORGANISATIONS  # noqa: E402

HELD_OUT = HERE / "held_out"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--held-out", action="store_true", help="held_out_names.py into held_out/")
    parser.add_argument("--seed", type=int, help="draw surnames, listed spellings and forms (held-out)")
    args = parser.parse_args()
    if not args.held_out:
        if args.seed is not None:
            parser.error("--seed draws from the held-out names: use it with --held-out")
        write_set("fairness", *fairness_rows(GROUPS))
        write_set("cross_script", *cross_script_rows(CROSS_SCRIPT))
        write_set("organisations", *organisation_rows(ORGANISATIONS))
        return 0
    import held_out_names as H

    rng = random.Random(17 if args.seed is None else args.seed)
    write_set("fairness", *fairness_rows(H.FAIRNESS_GROUPS, rng), root=HELD_OUT)
    write_set("cross_script", *cross_script_rows(H.CROSS_SCRIPT), root=HELD_OUT)
    write_set("organisations", *organisation_rows(H.ORGANISATIONS, rng), root=HELD_OUT)
    return 0


def write_set(name: str, entries: list[dict], queries: list[dict], *, root: Path = HERE) -> None:
    out = root / name
    out.mkdir(parents=True, exist_ok=True)
    with (out / "watchlist.ftm.jsonl").open("w", encoding="utf-8") as f:
        for entry in entries:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
    with (out / "queries.jsonl").open("w", encoding="utf-8") as f:
        for query in queries:
            f.write(json.dumps(query, ensure_ascii=False) + "\n")
    flags = sum(q["expect"] == "flag" for q in queries)
    print(f"{name}: {len(entries)} entries, {len(queries)} queries ({flags} flag)")


# -- fairness ------------------------------------------------------------------


def fairness_rows(groups: dict, rng: random.Random | None = None) -> tuple[list[dict], list[dict]]:
    entries: dict[tuple[str, str, str], dict] = {}
    queries: list[dict] = []
    for group, spec in groups.items():
        cluster = _clusters(spec)
        surnames = [(tier, s) for tier in ("common", "rare") for s in _drawn(spec["surnames"][tier], rng)]

        def listed(given: str, surname: str, group=group) -> str:
            key = (group, given, surname)
            if key not in entries:
                entry_id = f"fair-{group}-{len(entries):04d}"
                entries[key] = {
                    "id": entry_id,
                    "schema": "Person",
                    "properties": {"name": [f"{given} {surname}"], "topics": ["sanction"]},
                    "datasets": ["fairness"],
                }
            return entries[key]["id"]

        for tier, surname in surnames:
            for spellings in spec["variants"]:
                spellings = _shuffled(spellings, rng)
                base = spellings[0]
                target = listed(base, surname)
                for other in spellings[1:]:
                    queries.append(
                        _query(f"{other} {surname}", "flag", f"variant_given_{tier}", group, target)
                    )
                # and the other way round: a variant listed, the usual spelling asked
                reverse = listed(spellings[1], surname)
                queries.append(_query(f"{base} {surname}", "flag", f"variant_given_{tier}", group, reverse))
            for a, b in spec["lookalikes"]:
                for shown, asked in ((a, b), (b, a)):
                    target = listed(shown, surname)
                    query = _query(f"{asked} {surname}", "no_flag", f"lookalike_given_{tier}", group, target)
                    queries.append(query)
        # a no_flag query may flag its own name listed in another spelling
        for query in queries:
            if query["group"] != group or query["expect"] != "no_flag":
                continue
            asked, surname = query["name"].rsplit(" ", 1)
            query["allowed"] = sorted(
                entry["id"]
                for (g, given, s), entry in entries.items()
                if g == group and s == surname and cluster.get(given, given) == cluster.get(asked, asked)
            )
    return list(entries.values()), queries


# -- cross-script --------------------------------------------------------------


def cross_script_rows(scripts: dict) -> tuple[list[dict], list[dict]]:
    entries: list[dict] = []
    queries: list[dict] = []
    by_latin: dict[str, dict] = {}
    for script, spec in scripts.items():
        for latin, written in spec["same"]:
            latin_entry = _person_entry(f"xs-{script}-{len(entries):03d}", latin)
            entries.append(latin_entry)
            by_latin[latin] = latin_entry
            script_entry = _person_entry(f"xs-{script}-{len(entries):03d}", written)
            entries.append(script_entry)
            queries.append(_query(written, "flag", "latin_to_script", script, latin_entry["id"]))
            queries.append(_query(latin, "flag", "script_to_latin", script, script_entry["id"]))
        for written, other in spec["different"]:
            target = by_latin[other]["id"]
            queries.append(_query(written, "no_flag", "different_person", script, target))
        by_written = {written: entry for entry in entries for written in entry["properties"]["name"]}
        for joined, written in spec.get("joined", ()):
            target = by_written[written]["id"]
            queries.append(_query(joined, "flag", "joined_latin_to_script", script, target))
        for joined, written in spec.get("joined_different", ()):
            target = by_written[written]["id"]
            queries.append(_query(joined, "no_flag", "joined_different_person", script, target))
    return entries, queries


def _person_entry(entry_id: str, name: str) -> dict:
    return {
        "id": entry_id,
        "schema": "Person",
        "properties": {"name": [name], "topics": ["sanction"]},
        "datasets": ["cross_script"],
    }


# -- organisations -----------------------------------------------------------


def organisation_rows(names: dict, rng: random.Random | None = None) -> tuple[list[dict], list[dict]]:
    entries: list[dict] = []
    queries: list[dict] = []

    def listed(name: str) -> str:
        entry_id = f"org-{len(entries):03d}"
        entries.append(
            {
                "id": entry_id,
                "schema": "Company",
                "properties": {"name": [name], "topics": ["sanction"]},
                "datasets": ["organisations"],
            }
        )
        return entry_id

    for base in names["bases"]:
        forms = names["forms"]
        if rng is not None:
            forms = rng.sample(forms, names["forms_per_base"])
        for spellings in forms:
            spellings = _shuffled(spellings, rng)
            target = listed(f"{base} {spellings[0]}")
            for other in spellings[1:]:
                queries.append(_org_query(f"{base} {other}", "flag", "legal_form", target))
            queries.append(_org_query(base, "flag", "legal_form_dropped", target))
            queries.append(_org_query(f"The {base} {spellings[0]}", "flag", "leading_the", target))
    for base in names["pair_bases"]:
        for shown, asked in names["one_word_apart"]:
            target = listed(shown.format(base=base))
            queries.append(_org_query(asked.format(base=base), "no_flag", "one_word_apart", target))
    return entries, queries


def _org_query(name: str, expect: str, category: str, target: str) -> dict:
    return {"name": name, "kind": "organisation", "expect": expect, "category": category, "target": target}


def _drawn(pool: list[str], rng: random.Random | None) -> list[str]:
    """Our own sets use every surname; a held-out set draws two of each pool."""
    return list(pool) if rng is None else rng.sample(pool, 2)


def _shuffled(spellings: list[str], rng: random.Random | None) -> list[str]:
    """Our own sets list the first spelling; a held-out set draws which is listed."""
    return list(spellings) if rng is None else rng.sample(spellings, len(spellings))


def _clusters(spec: dict) -> dict[str, str]:
    """Each spelling of a variant set -> the set's first spelling."""
    return {spelling: spellings[0] for spellings in spec["variants"] for spelling in spellings}


def _query(name: str, expect: str, category: str, group: str, target: str) -> dict:
    return {
        "name": name,
        "kind": "person",
        "expect": expect,
        "category": category,
        "group": group,
        "target": target,
    }


if __name__ == "__main__":
    raise SystemExit(main())
