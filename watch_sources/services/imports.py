"""Importing a file (full list, OpenSanctions delta, or local CSV) as a new version.

Reading and parsing happen outside any transaction; `version_create` then
writes the version and switches the live one atomically. Any failure raises
SourceImportError and leaves the live version as it was.
"""

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from watch_sources.clients import SourceFetchError, fetch_bytes
from watch_sources.enums import SourceFormat, VersionStatus
from watch_sources.models import Source, SourceVersion
from watch_sources.parsers import ParsedEntry, ParseError, is_delta, parse, parse_delta

from .bounds import entries_bounded
from .holds import version_hold_judge
from .versions import Progress, version_create, version_entries

PROGRESS_EVERY = 1000


class SourceImportError(Exception):
    """The import produced no live version (unreadable, unparseable or held)."""


class SourceHeld(SourceImportError):
    """The new version was stored but held for confirmation, not published."""

    def __init__(self, message: str, *, version: SourceVersion):
        super().__init__(message)
        self.version = version


@dataclass(frozen=True)
class ImportOutcome:
    version: SourceVersion | None
    created: bool  # False when the content was identical to the live version

    @property
    def names_truncated(self) -> int:
        """Names of the new version cut to MAX_NAME_LENGTH (services/bounds.py)."""
        if not self.created or self.version is None:
            return 0
        return len(self.version.report.get("names_truncated", []))


def source_get_or_create(*, slug: str, fmt: str) -> Source:
    if fmt not in SourceFormat.values:
        raise SourceImportError(f"unknown format {fmt!r}; use one of {', '.join(SourceFormat.values)}")
    source, _ = Source.objects.get_or_create(slug=slug, defaults={"name": slug, "format": fmt})
    if source.format != fmt:
        raise SourceImportError(f"source {slug} is in format {source.format}, not {fmt}")
    return source


def read_origin(origin: str) -> bytes:
    if origin.startswith(("http://", "https://")):
        try:
            return fetch_bytes(origin)
        except SourceFetchError as exc:
            raise SourceImportError(str(exc)) from exc
    return read_file_capped(Path(origin))


def read_file_capped(path: Path) -> bytes:
    """A local file's bytes, refused over SOURCE_MAX_BYTES as a download would be.

    Reads at most one byte past the limit, so a huge file (or a device that
    never ends) is never loaded whole.
    """
    limit = settings.SOURCE_MAX_BYTES
    try:
        with path.open("rb") as file:
            content = file.read(limit + 1)
    except OSError as exc:
        raise SourceImportError(f"cannot read {path}: {exc.strerror}") from exc
    if len(content) > limit:
        raise SourceImportError(f"{path}: file over the {limit}-byte limit (SOURCE_MAX_BYTES)")
    return content


def source_import(
    *, slug: str, origin: str, fmt: str, force: bool = False, progress: Progress | None = None
) -> ImportOutcome:
    """Read a path or URL and import it as the next version of the source."""
    source = source_get_or_create(slug=slug, fmt=fmt)
    return source_import_content(
        source=source, origin=origin, content=read_origin(origin), force=force, progress=progress
    )


def source_import_content(
    *,
    source: Source,
    origin: str,
    content: bytes,
    force: bool = False,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Import file content as the next version.

    A delta feed is applied to the live version; any other file replaces it.
    """
    if is_delta(source.format, content):
        return source_apply_delta(source=source, origin=origin, content=content, progress=progress)
    checksum = hashlib.sha256(content).hexdigest()
    live = source.live_version
    # Only local lists can change without the file changing (review-by dates pass).
    if source.format != SourceFormat.CSV and live and _same_content(live, checksum, source.options, {}):
        return ImportOutcome(version=live, created=False)
    entries = parse_content(source=source, content=content, progress=progress)
    active, report = split_expired(entries, today=timezone.localdate())
    # Bounded before the hold is judged, so a cut name does not count as a rename.
    report = {**report, **entries_bounded(active)}
    if live is not None and _same_content(live, checksum, source.options, report):
        return ImportOutcome(version=live, created=False)
    _refuse_repeat_of_held(source, checksum)
    judgement = version_hold_judge(source=source, entries=active)
    held = not force and judgement.held
    version = version_create(
        source=source,
        origin=origin,
        checksum=checksum,
        entries=active,
        held=held,
        report=report,
        progress=progress,
        confirmed_by="import --force" if force else "",
    )
    if held:
        raise SourceHeld(f"version {version.number}: {judgement.describe(source)}", version=version)
    return ImportOutcome(version=version, created=True)


def parse_content(*, source: Source, content: bytes, progress: Progress | None = None) -> list[ParsedEntry]:
    entries = []
    try:
        for entry in parse(source.format, content, source.options):
            entries.append(entry)
            if progress and len(entries) % PROGRESS_EVERY == 0:
                progress(f"parsed {len(entries)} entries")
    except ParseError as exc:
        raise SourceImportError(f"{source.slug}: cannot parse: {exc}") from exc
    ids = [e.entry_id for e in entries]
    if len(ids) != len(set(ids)):
        raise SourceImportError(f"{source.slug}: duplicate entry identifiers in file")
    if not entries:
        raise SourceImportError(f"{source.slug}: the file holds no usable entries")
    return entries


def split_expired(entries: list[ParsedEntry], *, today: date) -> tuple[list[ParsedEntry], dict]:
    """Keep local entries whose review-by date has not passed; report the others.

    An entry past its review-by date is not used until the officer re-confirms
    it (a new file with a later date).
    """
    expired = [e for e in entries if e.review_by is not None and e.review_by < today]
    if not expired:
        return entries, {}
    gone = {e.entry_id for e in expired}
    report = {
        "expired": [
            {"entry_id": e.entry_id, "caption": e.caption, "review_by": str(e.review_by)}  # ISO 8601
            for e in expired
        ]
    }
    return [e for e in entries if e.entry_id not in gone], report


def source_apply_delta(
    *,
    source: Source,
    origin: str,
    content: bytes,
    feed_version: str = "",
    progress: Progress | None = None,
) -> ImportOutcome:
    """Apply an OpenSanctions delta (ADD/MOD/DEL lines) to the live version as a new version.

    Only the changed entities travel; the rest are carried over from the live
    version in the database.
    """
    live = source.live_version
    if live is None:
        raise SourceImportError(f"{source.slug}: a delta needs a live version; import the full list first")
    try:
        ops = list(parse_delta(content, source.options))
    except ParseError as exc:
        raise SourceImportError(f"{source.slug}: cannot parse delta: {exc}") from exc
    current = {e.entry_id: e for e in version_entries(live)}
    for op in ops:
        if op.entry is None:
            current.pop(op.entity_id, None)
        else:
            current[op.entity_id] = op.entry
    counts = {name: sum(op.op == name for op in ops) for name in ("ADD", "MOD", "DEL")}
    entries = list(current.values())
    bounds = entries_bounded(entries)
    judgement = version_hold_judge(source=source, entries=entries)
    version = version_create(
        source=source,
        origin=origin,
        checksum=hashlib.sha256(content).hexdigest(),
        entries=entries,
        held=judgement.held,
        report={"delta": {"feed_version": feed_version, **counts}, **bounds},
        progress=progress,
    )
    if version.status == VersionStatus.HELD:
        raise SourceHeld(f"delta version {version.number}: {judgement.describe(source)}", version=version)
    return ImportOutcome(version=version, created=True)


def source_expire_reviews(*, source: Source, today: date | None = None) -> ImportOutcome:
    """Take local entries past their review-by date out of use, as a new version.

    Side effects as `version_create`: the new version re-screens upcoming bookings.
    """
    live = source.live_version
    today = today or timezone.localdate()
    if live is None or not live.entries.filter(review_by__lt=today).exists():
        return ImportOutcome(version=live, created=False)
    active, report = split_expired(version_entries(live), today=today)
    report = {"expired": [*live.report.get("expired", []), *report["expired"]]}
    version = version_create(
        source=source,
        origin=live.origin,
        checksum=live.checksum,
        entries=active,
        held=False,
        report=report,
    )
    return ImportOutcome(version=version, created=True)


def _same_content(live: SourceVersion, checksum: str, options: dict, report: dict) -> bool:
    return (
        live.checksum == checksum and live.options == options and _expired_ids(live) == _expired_ids(report)
    )


def _expired_ids(version_or_report) -> set[str]:
    report = getattr(version_or_report, "report", version_or_report)
    return {e["entry_id"] for e in report.get("expired", [])}


def _refuse_repeat_of_held(source: Source, checksum: str) -> None:
    """The same held file fetched again stays held; it does not pile up new versions."""
    latest = source.versions.order_by("-number").first()
    if latest is not None and latest.status == VersionStatus.HELD and latest.checksum == checksum:
        raise SourceHeld(
            f"{source.slug}: this file is version {latest.number}, still held for confirmation",
            version=latest,
        )
