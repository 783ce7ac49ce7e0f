"""The process-wide match index, rebuilt when any source's live version changes.

Each process keeps one index keyed by the set of live version ids. Every
screening reads that set (one query for the ids), so a process notices a new
version on its next request and rebuilds; requests never see a half-built
index because the swap is a single assignment.
"""

import functools
import threading
from dataclasses import dataclass

from django.db import connection

from watch_sources.models import SourceVersion
from watch_sources.selectors import entries_of_versions, live_versions

from .matching import IndexedName, MatchIndex


@dataclass(frozen=True)
class LiveIndex:
    key: tuple[int, ...]
    versions: tuple[SourceVersion, ...]
    index: MatchIndex


_current: LiveIndex | None = None
_build_lock = threading.Lock()


def live_index() -> LiveIndex:
    global _current
    key = _live_version_ids()
    if _current is not None and _current.key == key:
        return _current
    with _build_lock:
        versions = tuple(live_versions().order_by("id"))
        key = tuple(v.id for v in versions)
        if _current is None or _current.key != key:
            _current = LiveIndex(key=key, versions=versions, index=build_index(versions))
    return _current


@functools.cache
def _live_version_ids_sql() -> tuple[str, tuple]:
    return live_versions().order_by("id").values_list("id", flat=True).query.sql_with_params()


def _live_version_ids() -> tuple[int, ...]:
    # Asked on every screening, so the selector's query is compiled once and
    # only executed here: compiling it cost more than running it.
    sql, params = _live_version_ids_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return tuple(row[0] for row in cursor.fetchall())


def build_index(versions: tuple[SourceVersion, ...]) -> MatchIndex:
    slug_by_version = {v.id: v.source.slug for v in versions}
    rows = entries_of_versions(list(slug_by_version)).values_list(
        "id", "version_id", "entry_id", "kind", "names", "birth_dates"
    )
    return MatchIndex(
        IndexedName(
            entry_pk=pk,
            source=slug_by_version[version_id],
            entry_id=entry_id,
            kind=kind,
            name=name["name"],
            strength=name["strength"],
            birth_dates=tuple(birth_dates),
        )
        for pk, version_id, entry_id, kind, names, birth_dates in rows.iterator(chunk_size=5000)
        for name in names
    )
