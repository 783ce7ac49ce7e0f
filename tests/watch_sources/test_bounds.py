"""Absurd entries are cut at import, each cut named in the version's report and
printed by `import_source`; the index is built from what was kept."""

import json

import pytest
from django.core.management import call_command

from screening.index import live_index
from screening.matching import NameQuery
from watch_sources.services import source_import
from watch_sources.services.bounds import MAX_NAME_LENGTH, MAX_NAMES_PER_ENTRY

pytestmark = pytest.mark.django_db


def ftm_file(tmp_path, rows: list[dict], name: str = "list.ftm.jsonl"):
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def org(entry_id: str, name: str, aliases=()) -> dict:
    return {"id": entry_id, "schema": "Organization", "properties": {"name": [name], "alias": list(aliases)}}


THOUSANDS_OF_ALIASES = [f"Front Number {n:05d} Brigade" for n in range(3000)]


def test_an_entry_with_thousands_of_aliases_keeps_the_first_with_a_line_in_the_report(tmp_path):
    path = ftm_file(tmp_path, [org("ev-1", "Hamas", THOUSANDS_OF_ALIASES), org("ev-2", "Boko Haram")])

    outcome = source_import(slug="absurd", origin=str(path), fmt="ftm")
    stored = outcome.version.entries.get(entry_id="ev-1").names

    assert outcome.version.report == {"names_dropped": [{"entry_id": "ev-1", "names": 3001, "kept": 500}]}
    assert len(stored) == MAX_NAMES_PER_ENTRY
    assert stored[0] == {"name": "Hamas", "strength": "primary"}
    assert outcome.version.name_count == MAX_NAMES_PER_ENTRY + 1
    assert outcome.names_truncated == 0


def test_an_entry_of_hundreds_of_thousands_of_letters_in_many_names_is_bounded(tmp_path):
    # 2,000 aliases of 400 letters each: 800,000 letters in one entry.
    aliases = [f"Alias{n:04d} " + "x" * 390 for n in range(2000)]
    path = ftm_file(tmp_path, [org("ev-1", "Hamas", aliases)])

    version = source_import(slug="absurd", origin=str(path), fmt="ftm").version
    stored = version.entries.get(entry_id="ev-1").names

    assert sum(len(n["name"]) for n in stored) <= MAX_NAMES_PER_ENTRY * MAX_NAME_LENGTH
    assert len(version.report["names_truncated"]) == MAX_NAMES_PER_ENTRY - 1  # every kept alias
    assert version.report["names_dropped"] == [{"entry_id": "ev-1", "names": 2001, "kept": 500}]
    [match] = live_index().index.match(NameQuery("Hamas", "organisation"), threshold=0.8)
    assert match.entry_id == "ev-1"


def test_a_delta_cannot_bring_in_an_absurd_entry(tmp_path):
    source_import(slug="absurd", origin=str(ftm_file(tmp_path, [org("ev-2", "Boko Haram")])), fmt="ftm")
    delta = tmp_path / "update.delta.json"
    delta.write_text(json.dumps({"op": "ADD", "entity": org("ev-1", "Hamas" + "x" * 300_000)}) + "\n")

    version = source_import(slug="absurd", origin=str(delta), fmt="ftm").version

    assert version.report["names_truncated"] == [{"entry_id": "ev-1", "length": 300_005, "kept": 300}]
    assert version.report["delta"]["ADD"] == 1
    assert len(version.entries.get(entry_id="ev-1").names[0]["name"]) == MAX_NAME_LENGTH


def test_a_cut_name_imported_again_is_not_a_rename_that_holds_the_version(tmp_path):
    rows = [org(f"ev-{n}", f"Listed Organisation {n}") for n in range(4)]
    rows.append(org("ev-long", "Hamas " + "x" * 1000))
    first = source_import(slug="absurd", origin=str(ftm_file(tmp_path, rows)), fmt="ftm").version
    rows[0] = org("ev-0", "Listed Organisation Zero")  # an ordinary change, so the file differs

    second = source_import(slug="absurd", origin=str(ftm_file(tmp_path, rows, "v2.ftm.jsonl")), fmt="ftm")

    assert second.created and second.version.status == "live"
    assert second.version.diff["changed"] == ["ev-0"]
    assert first.report["names_truncated"] == second.version.report["names_truncated"]


def test_import_source_prints_how_many_names_were_cut_and_each_entry(tmp_path, capsys):
    rows = [org("ev-1", "Hamas" + "x" * 300_000), org("ev-2", "Boko Haram", THOUSANDS_OF_ALIASES)]

    call_command("import_source", "absurd", str(ftm_file(tmp_path, rows)), "--format", "ftm")

    assert capsys.readouterr().out.splitlines()[1:] == [
        "absurd: 1 names truncated, 1 entries with names dropped (absurdly long names or too many "
        "aliases; the version's report lists each)",
        "absurd: ev-1: a name of 300,005 characters cut to 300",
        "absurd: ev-2: 3,001 names, only the first 500 kept",
    ]


def test_import_source_prints_the_first_cuts_of_many_and_says_how_many_more(tmp_path, capsys):
    rows = [org(f"ev-{n:02d}", f"Name{n} " + "y" * 400) for n in range(25)]

    call_command("import_source", "absurd", str(ftm_file(tmp_path, rows)), "--format", "ftm")
    out = capsys.readouterr().out.splitlines()

    assert out[1].startswith("absurd: 25 names truncated, 0 entries with names dropped")
    assert len(out) == 1 + 1 + 20 + 1
    assert out[-1] == "absurd: ... and 5 more"
