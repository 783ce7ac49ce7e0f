"""The match index is rebuilt off the request path: a process keeps answering with
its previous index while a background thread builds the new one, then swaps.

These tests commit (a builder thread has its own database connection, which sees
only committed rows) and switch SCREENING_INDEX_REBUILD to "background", as in
production. A slow or failing build is injected where the index manager hands the
names to the matcher (`LiveIndexes(build=...)`), the matcher itself unchanged.
"""

import json
import logging
import threading

import pytest
from django.db import connections

import screening.index
from screening.index import LiveIndexes, live_index, process_indexes_replace
from screening.matching import MatchIndex, NameQuery
from tests.helpers import FIXTURES
from watch_sources.services import source_import

# Plain transactional, as tests/reliability's are (which run before these): a serialized
# rollback here would fail to restore the content types their flushes renumbered.
pytestmark = pytest.mark.django_db(transaction=True)

NEWLY_LISTED = "Ysolde Carrow-Pennick"


@pytest.fixture(autouse=True)
def _background(settings):
    settings.SCREENING_INDEX_REBUILD = "background"


class GatedBuild:
    """The matcher's constructor, held at a gate while `armed`, and counting the
    sets it built. `hold_after` names read before holding (a build part-way)."""

    def __init__(self, *, hold_after: int = 0):
        self.armed = False
        self.hold_after = hold_after
        self.entered = threading.Event()
        self.release = threading.Event()
        self.completed: list[int] = []

    def __call__(self, names):
        names = iter(names)
        read = []
        if self.armed:
            read = [next(names) for _ in range(self.hold_after)]
            self.entered.set()
            assert self.release.wait(timeout=30), "the test never released the build"
        index = MatchIndex([*read, *names])
        self.completed.append(len(index))
        return index


def publish(tmp_path, *names: str):
    """The fixture watch list plus one listed person per name, as a new version."""
    path = tmp_path / f"list-{len(list(tmp_path.iterdir()))}.ftm.jsonl"
    extra = [
        json.dumps({"id": f"t-new-{i}", "schema": "Person", "properties": {"name": [name]}})
        for i, name in enumerate(names)
    ]
    path.write_text((FIXTURES / "watchlist.ftm.jsonl").read_text() + "".join(f"{e}\n" for e in extra))
    return source_import(slug="test-watchlist", origin=str(path), fmt="ftm").version


def finds(live, name: str) -> bool:
    return bool(live.index.match(NameQuery(name, "person"), threshold=0.8))


@pytest.fixture
def gate():
    build = GatedBuild()
    process_indexes_replace(LiveIndexes(build=build))
    return build


def test_requests_keep_the_previous_index_while_the_new_one_builds(watchlist, tmp_path, gate):
    before = live_index()
    gate.armed = True

    new_version = publish(tmp_path, NEWLY_LISTED)
    during = [live_index() for _ in range(3)]
    assert gate.entered.wait(timeout=30)
    still = live_index()
    gate.release.set()
    assert screening.index.process_indexes().wait_for_builder(timeout=30)
    after = live_index()

    assert [d.key for d in during] == [(watchlist.id,)] * 3
    assert still is before
    assert not finds(still, NEWLY_LISTED)
    assert after.key == (new_version.id,)
    assert finds(after, NEWLY_LISTED)
    assert len(gate.completed) == 2  # the first index (built inline) and the new one


def test_the_swap_is_atomic_every_answer_is_one_whole_index(watchlist, tmp_path, gate):
    live_index()
    new_version = publish(tmp_path, NEWLY_LISTED)
    seen: list[tuple[tuple[int, ...], bool]] = []
    stop = threading.Event()

    def screen_repeatedly():
        while not stop.is_set():
            live = screening.index.process_indexes().current
            assert live is not None
            seen.append((live.key, finds(live, NEWLY_LISTED)))

    readers = [threading.Thread(target=screen_repeatedly) for _ in range(3)]
    for reader in readers:
        reader.start()
    live_index()  # notices the new version: the builder starts
    assert screening.index.process_indexes().wait_for_builder(timeout=30)
    stop.set()
    for reader in readers:
        reader.join()

    assert set(seen) <= {((watchlist.id,), False), ((new_version.id,), True)}
    assert ((new_version.id,), True) in seen


def test_a_failed_build_keeps_the_previous_index_and_logs(watchlist, tmp_path, caplog, monkeypatch):
    calls = []

    def build(names):
        calls.append(1)
        if len(calls) > 1:
            raise MemoryError("no room for a second index")
        return MatchIndex(names)

    process_indexes_replace(LiveIndexes(build=build))
    before = live_index()
    publish(tmp_path, NEWLY_LISTED)

    with caplog.at_level(logging.ERROR, logger="screening.index"):
        assert live_index() is before
        assert screening.index.process_indexes().wait_for_builder(timeout=30)
    again = live_index()
    assert screening.index.process_indexes().wait_for_builder(timeout=30)

    assert again is before
    assert len(calls) == 2  # not retried on the next request, within REBUILD_RETRY_SECONDS
    [record] = [r for r in caplog.records if r.name == "screening.index" and r.levelno == logging.ERROR]
    assert "failed; the previous index stays" in record.getMessage()
    assert record.exc_info[0] is MemoryError

    monkeypatch.setattr(screening.index, "REBUILD_RETRY_SECONDS", 0)
    live_index()
    assert screening.index.process_indexes().wait_for_builder(timeout=30)
    assert len(calls) == 3  # tried again once the retry period has passed


def test_two_publishes_in_quick_succession_build_only_the_newest(watchlist, tmp_path, gate):
    live_index()
    gate.armed = True
    publish(tmp_path, NEWLY_LISTED)
    live_index()  # starts building the first publish's set
    assert gate.entered.wait(timeout=30)

    newest = publish(tmp_path, NEWLY_LISTED, "Brannoch Velliquist")
    answered = live_index()  # notices the second: the first build is now superseded
    gate.armed = False
    gate.release.set()
    assert screening.index.process_indexes().wait_for_builder(timeout=30)
    final = live_index()

    assert answered.key == (watchlist.id,)
    assert final.key == (newest.id,)
    assert finds(final, "Brannoch Velliquist")
    # The first publish's build was abandoned before it reached the matcher's
    # constructor's end: only the first index and the newest were completed.
    assert gate.completed == [9, 11]


def test_a_publish_part_way_through_a_build_abandons_it_at_the_next_page(watchlist, tmp_path, monkeypatch):
    monkeypatch.setattr(screening.index, "PAGE_SIZE", 2)
    gate = GatedBuild(hold_after=3)  # two pages read: the build is under way
    process_indexes_replace(LiveIndexes(build=gate))
    live_index()
    gate.armed = True
    publish(tmp_path, NEWLY_LISTED)
    live_index()
    assert gate.entered.wait(timeout=30)

    newest = publish(tmp_path, "Brannoch Velliquist")
    live_index()
    gate.armed = False
    gate.release.set()
    assert screening.index.process_indexes().wait_for_builder(timeout=30)

    assert live_index().key == (newest.id,)
    assert gate.completed == [9, 10]


def test_a_process_with_no_index_builds_once_for_its_first_concurrent_screenings(watchlist):
    builds = []

    def build(names):
        builds.append(threading.current_thread().name)
        return MatchIndex(names)

    process_indexes_replace(LiveIndexes(build=build))
    answers = []

    def first_screening():
        try:
            answers.append(live_index())
        finally:
            connections.close_all()

    callers = [threading.Thread(target=first_screening) for _ in range(4)]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join()

    assert len(builds) == 1
    assert {a.key for a in answers} == {(watchlist.id,)}
    assert len({id(a) for a in answers}) == 1
    assert all(finds(a, "Dorian Vexley Marsh") for a in answers)
