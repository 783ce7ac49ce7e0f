"""A concern source whose entries a test sets version by version, through the
watch_sources services (each call publishes a new live version)."""

from django.db import transaction
from django.test import TestCase

from watch_sources.enums import EntryKind, NameStrength, SourceFormat
from watch_sources.models import Source, SourceVersion
from watch_sources.parsers import ParsedEntry, ParsedName
from watch_sources.services import version_create


def person(entry_id: str, name: str, *aliases: str, born: str = "") -> ParsedEntry:
    return ParsedEntry(
        entry_id=entry_id,
        kind=EntryKind.PERSON,
        names=[ParsedName(name, NameStrength.PRIMARY), *(ParsedName(a, NameStrength.ALIAS) for a in aliases)],
        birth_dates=[born] if born else [],
        topics=["crime.terror"],
    )


def organisation(entry_id: str, name: str, *aliases: str) -> ParsedEntry:
    return ParsedEntry(
        entry_id=entry_id,
        kind=EntryKind.ORGANISATION,
        names=[ParsedName(name, NameStrength.PRIMARY), *(ParsedName(a, NameStrength.ALIAS) for a in aliases)],
        topics=["crime.terror"],
    )


def publish(entries: list[ParsedEntry], *, slug: str = "local", held: bool = False) -> SourceVersion:
    """Publish `entries` as the source's next version. With the in-process task
    backend of the tests, the re-screen of upcoming bookings runs on commit."""
    source, _ = Source.objects.get_or_create(slug=slug, defaults={"name": slug, "format": SourceFormat.CSV})
    with committed(), transaction.atomic():
        version = version_create(
            source=source,
            origin="test",
            checksum=f"test-{source.versions.count() + 1}",
            entries=entries,
            held=held,
        )
    return version


def committed():
    """Run what the code queues for after commit (announcements, re-screens, webhooks)
    when the block ends, as a real commit would: the tests run inside a transaction."""
    return TestCase.captureOnCommitCallbacks(execute=True)
