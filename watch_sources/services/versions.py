"""Publishing versions: the one place a version is written or made live.

A version is immutable once written. Making one live supersedes the previous
live version in the same transaction, and announces it (signal
`version_published`) only after that transaction commits, so listeners never
see a version that might still roll back.
"""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from callers import actor_of
from watch_sources.enums import VersionStatus
from watch_sources.models import Source, SourceEntry, SourceVersion
from watch_sources.parsers import ParsedEntry, ParsedName
from watch_sources.signals import version_published

from .bounds import entries_bounded

ENTRY_BATCH_SIZE = 2000

Progress = Callable[[str], None]


@transaction.atomic
def version_create(
    *,
    source: Source,
    origin: str,
    checksum: str,
    entries: list[ParsedEntry],
    held: bool,
    report: dict | None = None,
    progress: Progress | None = None,
    confirmed_by: str = "",
) -> SourceVersion:
    """Store a new version with its entries; make it live unless held.

    `confirmed_by` names the person (or command) who accepted the content;
    a source's first version is its own baseline. Names and entries over the
    bounds are cut in place (watch_sources/services/bounds.py), each cut a line
    of the report. Side effects: supersedes
    the live version; after commit sends `version_published` (not for a held
    version).
    """
    source = Source.objects.select_for_update().get(pk=source.pk)
    # Every way in passes here, so nothing over the bounds is ever stored; the
    # imports bound their entries earlier (before judging a hold), and entries
    # already bounded pass unchanged.
    report = {**(report or {}), **entries_bounded(entries)}
    previous = source.versions.filter(status=VersionStatus.LIVE).first()
    last_number = source.versions.order_by("-number").values_list("number", flat=True).first()
    diff = version_diff(previous=previous, entries=entries)
    if not held and previous is not None:
        previous.status = VersionStatus.SUPERSEDED
        previous.save(update_fields=["status"])
    if last_number is None and not held:
        confirmed_by = confirmed_by or "first version"
    version = SourceVersion.objects.create(
        source=source,
        number=(last_number or 0) + 1,
        status=VersionStatus.HELD if held else VersionStatus.LIVE,
        origin=origin[:1000],
        checksum=checksum,
        options=source.options,
        entry_count=len(entries),
        name_count=sum(len(e.names) for e in entries),
        diff=diff,
        report=report,
        confirmed_at=timezone.now() if confirmed_by else None,
        confirmed_by=confirmed_by[:200],
    )
    _entries_store(version, entries, progress)
    if not held:
        _announce_after_commit(version)
    return version


class VersionNotNewest(ValueError):
    """A held version older than a version published or held after it: confirming it
    would roll the source back, so it can only be rejected."""


@transaction.atomic
def version_confirm(*, version: SourceVersion, by) -> SourceVersion:
    """Publish a version that was held for confirmation; `by` is the person (or command)
    who checked it, named in the version and in the audit record (sent with
    `version_published`).

    Only while it is still the source's newest version (none published or held
    after it): an out-of-date held version would roll the source back. It becomes
    the baseline later versions are held against. The diff is recomputed against
    whatever is live now. Side effects as `version_create`.
    """
    source = Source.objects.select_for_update().get(pk=version.source_id)
    version = SourceVersion.objects.get(pk=version.pk)
    if version.status != VersionStatus.HELD:
        raise ValueError(f"{version} is {version.get_status_display().lower()}, not held")
    newer = source.versions.filter(number__gt=version.number).exclude(status=VersionStatus.REJECTED)
    if newer.exists():
        raise VersionNotNewest(
            f"{version} is not the newest version of {source.slug} (v{newer.order_by('-number')[0].number} "
            "came after it); confirming it would roll the source back, so reject it instead"
        )
    previous = source.versions.filter(status=VersionStatus.LIVE).first()
    version.diff = version_diff(previous=previous, entries=version_entries(version))
    if previous is not None:
        previous.status = VersionStatus.SUPERSEDED
        previous.save(update_fields=["status"])
    version.status = VersionStatus.LIVE
    version.confirmed_at, version.confirmed_by = timezone.now(), actor_of(by)[:200]
    version.save(update_fields=["status", "diff", "confirmed_at", "confirmed_by"])
    _announce_after_commit(version, confirmed_by=version.confirmed_by)
    return version


@transaction.atomic
def version_reject(*, version: SourceVersion) -> SourceVersion:
    version = SourceVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.HELD:
        raise ValueError(f"{version} is {version.get_status_display().lower()}, not held")
    version.status = VersionStatus.REJECTED
    version.save(update_fields=["status"])
    return version


def version_diff(*, previous: SourceVersion | None, entries: list[ParsedEntry]) -> dict:
    before = dict(previous.entries.values_list("entry_id", "content_hash")) if previous else {}
    after = {e.entry_id: e.content_hash() for e in entries}
    return {
        "previous": previous.number if previous else None,
        "added": sorted(after.keys() - before.keys()),
        "removed": sorted(before.keys() - after.keys()),
        "changed": sorted(k for k in after.keys() & before.keys() if after[k] != before[k]),
    }


def version_entries(version: SourceVersion) -> list[ParsedEntry]:
    """A stored version's entries as parser output, to derive a new version from."""
    return [
        ParsedEntry(
            entry_id=row.entry_id,
            kind=row.kind,
            names=[ParsedName(n["name"], n["strength"]) for n in row.names],
            birth_dates=row.birth_dates,
            nationalities=row.nationalities,
            topics=row.topics,
            programmes=row.programmes,
            details=row.details,
            review_by=row.review_by,
        )
        for row in version.entries.order_by("id").iterator(chunk_size=ENTRY_BATCH_SIZE)
    ]


def _announce_after_commit(version: SourceVersion, confirmed_by: str = "") -> None:
    removed = list(version.diff.get("removed", []))
    transaction.on_commit(
        lambda: version_published.send(
            sender=SourceVersion, version=version, removed=removed, confirmed_by=confirmed_by
        )
    )


def _entries_store(version: SourceVersion, entries: list[ParsedEntry], progress) -> None:
    for start in range(0, len(entries), ENTRY_BATCH_SIZE):
        batch = entries[start : start + ENTRY_BATCH_SIZE]
        SourceEntry.objects.bulk_create(_entry_row(version, e) for e in batch)
        if progress:
            progress(f"stored {start + len(batch)}/{len(entries)} entries")


def _entry_row(version: SourceVersion, entry: ParsedEntry) -> SourceEntry:
    return SourceEntry(
        version=version,
        entry_id=entry.entry_id,
        kind=entry.kind,
        caption=entry.caption[:500],
        names=entry.names_json(),
        birth_dates=entry.birth_dates,
        nationalities=entry.nationalities,
        topics=entry.topics,
        programmes=entry.programmes,
        details=entry.details,
        content_hash=entry.content_hash(),
        review_by=entry.review_by,
    )
