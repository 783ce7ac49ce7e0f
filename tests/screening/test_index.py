import json

import pytest

from screening.index import live_index
from screening.matching import NameQuery
from tests.helpers import FIXTURES
from watch_sources.services import source_import

pytestmark = pytest.mark.django_db


def test_live_index_is_built_once_per_set_of_live_versions(watchlist):
    first = live_index()

    assert live_index() is first
    assert first.key == (watchlist.id,)
    assert len(first.index) == 9  # names and aliases of the fixture's 5 people and organisations


def test_live_index_is_rebuilt_when_a_source_gets_a_new_version(watchlist, tmp_path):
    before = live_index()
    extra = tmp_path / "extra.ftm.jsonl"
    added = {"id": "t-per-9", "schema": "Person", "properties": {"name": ["Ysolde Carrow-Pennick"]}}
    extra.write_text((FIXTURES / "watchlist.ftm.jsonl").read_text() + json.dumps(added) + "\n")

    new_version = source_import(slug="test-watchlist", origin=str(extra), fmt="ftm").version
    after = live_index()

    assert after is not before
    assert after.key == (new_version.id,)
    [match] = after.index.match(NameQuery("Ysolde Carrow Pennick", "person"), threshold=0.8)
    assert match.entry_id == "t-per-9"


def test_live_index_matches_the_fixture_entries_with_their_ids(watchlist):
    index = live_index().index

    [match] = index.match(NameQuery("Dorian Vexley Marsh", "person"), threshold=0.8)

    assert (match.source, match.entry_id, match.matched_name) == (
        "test-watchlist",
        "t-per-1",
        "Dorian Vexley-Marsh",
    )
