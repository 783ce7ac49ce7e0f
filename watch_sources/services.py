"""Writes for concern sources: importing a file as a new immutable version."""

import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .clients import fetch_bytes
from .enums import SourceFormat, VersionStatus
from .models import Source, SourceEntry, SourceVersion
from .parsers import ParsedEntry, ParseError, parse

logger = logging.getLogger(__name__)

# A new version keeping fewer than this share of the live version's entries is
# held for confirmation: a truncated download must not silently empty a list.
MIN_KEPT_SHARE = 0.5
ENTRY_BATCH_SIZE = 2000


class SourceImportError(Exception):
    """The import produced no live version (unreadable, unparseable or held)."""


@dataclass(frozen=True)
class ImportOutcome:
    version: SourceVersion | None
    created: bool  # False when the content was identical to the live version


def read_origin(origin: str) -> bytes:
    if origin.startswith(("http://", "https://")):
        return fetch_bytes(origin)
    try:
        return Path(origin).read_bytes()
    except OSError as exc:
        raise SourceImportError(f"cannot read {origin}: {exc.strerror}") from exc


def source_get_or_create(*, slug: str, fmt: str) -> Source:
    if fmt not in SourceFormat.values:
        raise SourceImportError(f"unknown format {fmt!r}; use one of {', '.join(SourceFormat.values)}")
    source, _ = Source.objects.get_or_create(slug=slug, defaults={"name": slug, "format": fmt})
    if source.format != fmt:
        raise SourceImportError(f"source {slug} is in format {source.format}, not {fmt}")
    return source


def parse_content(*, source: Source, content: bytes) -> list[ParsedEntry]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceImportError(f"{source.slug}: not UTF-8 text ({exc.reason})") from exc
    try:
        entries = list(parse(source.format, io.StringIO(text), source.options))
    except ParseError as exc:
        raise SourceImportError(f"{source.slug}: cannot parse: {exc}") from exc
    ids = [e.entry_id for e in entries]
    if len(ids) != len(set(ids)):
        raise SourceImportError(f"{source.slug}: duplicate entry identifiers in file")
    return entries


def source_import(*, slug: str, origin: str, fmt: str, force: bool = False) -> ImportOutcome:
    """Read, parse and publish a new version of a source.

    Fetching and parsing happen outside any transaction; the version, its
    entries and the switch of the live version are one atomic write. Raises
    SourceImportError and leaves the live version untouched on any failure.
    """
    source = source_get_or_create(slug=slug, fmt=fmt)
    content = read_origin(origin)
    checksum = hashlib.sha256(content).hexdigest()
    live = source.live_version
    if live is not None and live.checksum == checksum:
        return ImportOutcome(version=live, created=False)
    entries = parse_content(source=source, content=content)
    if not entries:
        raise SourceImportError(f"{source.slug}: the file holds no usable entries")
    held = not force and live is not None and len(entries) < live.entry_count * MIN_KEPT_SHARE
    version = version_create(
        source=source, origin=origin, checksum=checksum, entries=entries, held=held
    )
    if held:
        raise SourceImportError(
            f"{source.slug}: version {version.number} has {len(entries)} entries against "
            f"{live.entry_count} live; held for confirmation (use --force to publish)"
        )
    return ImportOutcome(version=version, created=True)


@transaction.atomic
def version_create(
    *, source: Source, origin: str, checksum: str, entries: list[ParsedEntry], held: bool
) -> SourceVersion:
    source = Source.objects.select_for_update().get(pk=source.pk)
    previous = source.versions.filter(status=VersionStatus.LIVE).first()
    last_number = source.versions.order_by("-number").values_list("number", flat=True).first()
    if not held and previous is not None:
        previous.status = VersionStatus.SUPERSEDED
        previous.save(update_fields=["status"])
    version = SourceVersion.objects.create(
        source=source,
        number=(last_number or 0) + 1,
        status=VersionStatus.HELD if held else VersionStatus.LIVE,
        origin=origin,
        checksum=checksum,
        entry_count=len(entries),
        name_count=sum(len(e.names) for e in entries),
        diff=version_diff(previous=previous, entries=entries),
    )
    SourceEntry.objects.bulk_create(
        (_entry_row(version, e) for e in entries), batch_size=ENTRY_BATCH_SIZE
    )
    return version


def version_diff(*, previous: SourceVersion | None, entries: list[ParsedEntry]) -> dict:
    before = dict(previous.entries.values_list("entry_id", "content_hash")) if previous else {}
    after = {e.entry_id: e.content_hash() for e in entries}
    added = sorted(after.keys() - before.keys())
    removed = sorted(before.keys() - after.keys())
    changed = sorted(k for k in after.keys() & before.keys() if after[k] != before[k])
    return {"added": added, "removed": removed, "changed": changed}


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
    )
