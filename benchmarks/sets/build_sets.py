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
  share a surname with a listed person and must not flag it.
- organisations: each invented company name is listed with each legal form's
  first spelling; every other spelling of that form must flag it
  (`legal_form`), and so must the name without any legal form
  (`legal_form_dropped`) and with a leading "The" (`leading_the`). Pairs of
  names one word apart (other invented names) are listed one way and asked
  the other (`one_word_apart`, no_flag).

The rows are a function of the name lists only: deterministic, no sampling.
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from fairness_names import GROUPS  # noqa: E402
from other_sets_names import CROSS_SCRIPT, ORGANISATIONS  # noqa: E402


def main() -> int:
    write_set("fairness", *fairness_rows())
    write_set("cross_script", *cross_script_rows())
    write_set("organisations", *organisation_rows())
    return 0


def write_set(name: str, entries: list[dict], queries: list[dict]) -> None:
    out = HERE / name
    out.mkdir(exist_ok=True)
    with (out / "watchlist.ftm.jsonl").open("w", encoding="utf-8") as f:
        for entry in entries:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
    with (out / "queries.jsonl").open("w", encoding="utf-8") as f:
        for query in queries:
            f.write(json.dumps(query, ensure_ascii=False) + "\n")
    flags = sum(q["expect"] == "flag" for q in queries)
    print(f"{name}: {len(entries)} entries, {len(queries)} queries ({flags} flag)")


# -- fairness ------------------------------------------------------------------


def fairness_rows() -> tuple[list[dict], list[dict]]:
    entries: dict[tuple[str, str, str], dict] = {}
    queries: list[dict] = []
    for group, spec in GROUPS.items():
        cluster = _clusters(spec)
        surnames = [(tier, s) for tier in ("common", "rare") for s in spec["surnames"][tier]]

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


def cross_script_rows() -> tuple[list[dict], list[dict]]:
    entries: list[dict] = []
    queries: list[dict] = []
    by_latin: dict[str, dict] = {}
    for script, spec in CROSS_SCRIPT.items():
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
    return entries, queries


def _person_entry(entry_id: str, name: str) -> dict:
    return {
        "id": entry_id,
        "schema": "Person",
        "properties": {"name": [name], "topics": ["sanction"]},
        "datasets": ["cross_script"],
    }


# -- organisations -----------------------------------------------------------


def organisation_rows() -> tuple[list[dict], list[dict]]:
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

    for base in ORGANISATIONS["bases"]:
        for spellings in ORGANISATIONS["forms"]:
            target = listed(f"{base} {spellings[0]}")
            for other in spellings[1:]:
                queries.append(_org_query(f"{base} {other}", "flag", "legal_form", target))
            queries.append(_org_query(base, "flag", "legal_form_dropped", target))
            queries.append(_org_query(f"The {base} {spellings[0]}", "flag", "leading_the", target))
    for base in ORGANISATIONS["pair_bases"]:
        for shown, asked in ORGANISATIONS["one_word_apart"]:
            target = listed(shown.format(base=base))
            queries.append(_org_query(asked.format(base=base), "no_flag", "one_word_apart", target))
    return entries, queries


def _org_query(name: str, expect: str, category: str, target: str) -> dict:
    return {"name": name, "kind": "organisation", "expect": expect, "category": category, "target": target}


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
