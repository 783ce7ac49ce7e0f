"""The per-process match index, rebuilt off the request path when a live version changes.

Each process keeps one index of one set of source versions (its `key`, the
version ids). Every screening reads the ids of the live versions (one query)
and compares:

- `live_index()` (requests, and anything that must answer now) answers with the
  newest index this process has ready. When the live set has changed it starts
  one background build of the new set and keeps answering with the previous
  index until the new one is swapped in, with one assignment: a screening sees
  one whole index or the other. Only a process with no index at all builds in
  the caller, so its very first screening waits; gunicorn builds the index in
  its master before forking (gunicorn.conf.py), so no web worker starts empty.
- `live_index_fresh()` (the re-screen after a publish, in a worker) waits for
  the index of exactly the live set, building it if this process has none.

A run records the key of the index that screened it, never "live now". A
process that answered with a previous index while the new one was building
sends `screened_with_previous_index` once it has swapped, and bookings screens
those bookings again against the new versions.

A build reads its entries in short keyset-paged queries, so no cursor or
transaction stays open while it runs; a build whose set stops being wanted (a
second publish came) is abandoned at the next page for the newer set; a build
that fails is logged, the previous index stays, and the same set is tried again
after REBUILD_RETRY_SECONDS. SCREENING_INDEX_REBUILD = "inline" (the test
settings) builds in the caller instead, as a single-threaded process would.
"""

import ctypes
import ctypes.util
import functools
import gc
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, connections

from watch_sources.models import SourceVersion
from watch_sources.selectors import entries_of_versions, live_versions

from .matching import IndexedName, MatchIndex
from .signals import screened_with_previous_index

logger = logging.getLogger(__name__)

Key = tuple[int, ...]
Builder = Callable[[Iterable[IndexedName]], MatchIndex]

# Entries read per query while building: a page is a few MB, and the pages
# are where a superseded build notices it is no longer wanted.
PAGE_SIZE = 5000
# A set whose build failed is not tried again in this process for this long,
# so a broken build is not retried on every request.
REBUILD_RETRY_SECONDS = 60


@dataclass(frozen=True)
class LiveIndex:
    key: Key
    versions: tuple[SourceVersion, ...]
    index: MatchIndex


class BuildSuperseded(Exception):
    """A newer set of versions is wanted: the build in progress is abandoned."""


class IndexBuildError(Exception):
    """The entries read do not add up to the versions' counts (a version vanished)."""


class LiveIndexes:
    """One process's index, and the background build that replaces it.

    `build` turns names into a MatchIndex (the matcher's constructor; a test
    may pass a slower or failing one). Builds run one at a time (`_build_lock`);
    `_state` guards which set is wanted and whether a builder thread runs.
    """

    def __init__(self, *, build: Builder = MatchIndex):
        self._build = build
        self.current: LiveIndex | None = None
        self._build_lock = threading.Lock()
        self._state = threading.Lock()
        self._wanted: Key | None = None
        self._builder: threading.Thread | None = None
        self._failed: tuple[Key, float] | None = None
        self._answered_with_previous = False

    # -- what screenings call ---------------------------------------------

    def live(self) -> LiveIndex:
        """The newest ready index; starts building the live set if it differs."""
        key = live_version_ids()
        current = self.current
        if current is None:
            return self.fresh(key)  # nothing to answer with: this one caller waits
        if current.key == key:
            return current
        if settings.SCREENING_INDEX_REBUILD == "inline":
            return self.fresh(key)
        with self._state:
            self._answered_with_previous = True
        self._want(key)
        return current

    def fresh(self, key: Key | None = None) -> LiveIndex:
        """The index of exactly the live set, built here (or awaited) if need be.
        Raises whatever the build raised."""
        key = live_version_ids() if key is None else key
        with self._build_lock:
            current = self.current
            if current is not None and current.key == key:
                return current
            built = self._build_and_swap(key, superseded=lambda: False)
        self._announce_if_previous_used(built)
        return built

    def wait_for_builder(self, timeout: float | None = None) -> bool:
        """Wait for the builder thread (if any) to finish; False on timeout."""
        builder = self._builder
        if builder is not None:
            builder.join(timeout)
            return not builder.is_alive()
        return True

    # -- the builder thread -----------------------------------------------

    def _want(self, key: Key) -> None:
        with self._state:
            self._wanted = key
            if self._builder is not None:
                return  # it builds the newest wanted set before it stops
            if self._failed is not None and self._failed[0] == key:
                if time.monotonic() - self._failed[1] < REBUILD_RETRY_SECONDS:
                    return
            self._builder = threading.Thread(target=self._run_builder, name="match-index-build", daemon=True)
            self._builder.start()

    def _run_builder(self) -> None:
        try:
            while (key := self._next_wanted()) is not None:
                try:
                    with self._build_lock:
                        built = self._build_and_swap(key, superseded=functools.partial(self._superseded, key))
                except BuildSuperseded:
                    logger.info("match index build of versions %s superseded by %s", key, self._wanted)
                    continue
                except Exception:
                    logger.exception("match index build of versions %s failed; the previous index stays", key)
                    with self._state:
                        self._failed = (key, time.monotonic())
                        self._builder = None
                    return
                self._announce_if_previous_used(built)
        finally:
            # This thread's own database connection, opened by the build.
            connections.close_all()

    def _superseded(self, key: Key) -> bool:
        return self._wanted != key

    def _next_wanted(self) -> Key | None:
        """The set still to build, or None (and the thread stops) when the index has it."""
        with self._state:
            current = self.current
            if self._wanted is None or (current is not None and current.key == self._wanted):
                self._builder = None
                return None
            return self._wanted

    # -- building ---------------------------------------------------------

    def _build_and_swap(self, key: Key, *, superseded: Callable[[], bool]) -> LiveIndex:
        started = time.monotonic()
        versions = tuple(SourceVersion.objects.filter(pk__in=key).select_related("source").order_by("id"))
        names = indexed_names(versions, superseded=superseded)
        with _no_full_collections():
            index = self._build(_frozen_once_read(names))
        built = LiveIndex(key=key, versions=versions, index=index)
        with self._state:
            self.current = built
            if self._failed is not None and self._failed[0] == key:
                self._failed = None
        _release_freed_memory_soon()
        logger.info(
            "match index of versions %s ready: %d names in %.1f s",
            key,
            len(built.index),
            time.monotonic() - started,
        )
        return built

    def _announce_if_previous_used(self, built: LiveIndex) -> None:
        with self._state:
            used, self._answered_with_previous = self._answered_with_previous, False
        if used:
            screened_with_previous_index.send(sender=LiveIndexes, key=built.key)


def indexed_names(
    versions: tuple[SourceVersion, ...], *, superseded: Callable[[], bool] = lambda: False
) -> Iterator[IndexedName]:
    """Every name of these versions' entries, read a page at a time (each page one
    short query, so the build holds no cursor open). Raises BuildSuperseded when
    `superseded()` turns true, and IndexBuildError if entries went missing."""
    slug_by_version = {v.id: v.source.slug for v in versions}
    expected = sum(v.entry_count for v in versions)
    read, after = 0, 0
    while True:
        if superseded():
            raise BuildSuperseded
        page = list(
            entries_of_versions(list(slug_by_version))
            .filter(pk__gt=after)
            .order_by("pk")
            .values_list("id", "version_id", "entry_id", "kind", "names", "birth_dates")[:PAGE_SIZE]
        )
        if not page:
            break
        read += len(page)
        after = page[-1][0]
        for pk, version_id, entry_id, kind, names, birth_dates in page:
            for name in names:
                yield IndexedName(
                    entry_pk=pk,
                    source=slug_by_version[version_id],
                    entry_id=entry_id,
                    kind=kind,
                    name=name["name"],
                    strength=name["strength"],
                    birth_dates=tuple(birth_dates),
                )
    if read != expected:
        raise IndexBuildError(
            f"read {read} entries of versions {sorted(slug_by_version)}, expected {expected}"
        )


@contextmanager
def _no_full_collections() -> Iterator[None]:
    """No automatic full garbage collection while an index builds.

    A build allocates millions of long-lived objects, and a full collection scans
    every one of them holding the GIL: measured at 1M aliases, a screening in
    another thread waited 5.8 s. Young collections still run, so what requests
    leave behind is still collected; the matcher collects once at the end.
    """
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, 1_000_000_000)
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)


# A screening that took the previous index just before a swap is done with it by then.
RELEASE_DELAY_SECONDS = 2.0


def _release_freed_memory_soon() -> None:
    """Once the previous index is freed, hand the C allocator's free pages back to the
    system (glibc's malloc_trim; nothing where there is none). Its large blocks
    (arrays, dict tables) would otherwise stay resident until the next build
    reuses them: at 1,000,000 aliases 110-220 MB (docs/benchmarks.md). The trim
    runs in its own thread, without the GIL, after the screenings in flight."""
    trim = _malloc_trim()
    if trim is not None:
        timer = threading.Timer(RELEASE_DELAY_SECONDS, trim, args=(0,))
        timer.daemon = True
        timer.start()


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None  # not glibc


def _frozen_once_read(names: Iterable[IndexedName]) -> Iterator[IndexedName]:
    """The names, then a gc.freeze() once the last is read: what the build made of
    them lives as long as the index, so the matcher's closing collection scans only
    what it makes afterwards, not the millions of objects before."""
    yield from names
    gc.freeze()


def build_index(versions: tuple[SourceVersion, ...]) -> MatchIndex:
    """An index of exactly these versions, built in the caller (benchmarks, tools)."""
    return MatchIndex(indexed_names(versions))


_process = LiveIndexes()


def live_index() -> LiveIndex:
    """For a screening that must answer now: see LiveIndexes.live."""
    return _process.live()


def live_index_fresh() -> LiveIndex:
    """For a re-screen after a publish, and the start-up warm-up: the index of
    exactly the live versions (see LiveIndexes.fresh)."""
    return _process.fresh()


def process_indexes() -> LiveIndexes:
    """This process's LiveIndexes (start-up warm-up, tests)."""
    return _process


def process_indexes_replace(indexes: LiveIndexes) -> LiveIndexes:
    """Start this process over with `indexes` (tests: each builds from its own
    database). Returns the one replaced."""
    global _process
    previous, _process = _process, indexes
    return previous


@functools.cache
def _live_version_ids_sql() -> tuple[str, tuple]:
    return live_versions().order_by("id").values_list("id", flat=True).query.sql_with_params()


def live_version_ids() -> Key:
    """The ids of the live versions of the enabled sources, in order: an index's key."""
    # Asked on every screening, so the selector's query is compiled once and
    # only executed here: compiling it cost more than running it.
    sql, params = _live_version_ids_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return tuple(row[0] for row in cursor.fetchall())
