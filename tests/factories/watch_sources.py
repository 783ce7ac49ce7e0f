"""Watch-source rows for tests that need a source, version, entry or fetch attempt as
it stands. Tests of importing use the services and the files in tests/fixtures."""

import factory

from watch_sources.enums import EntryKind, FetchOutcome, SourceFormat, VersionStatus
from watch_sources.models import FetchAttempt, Source, SourceEntry, SourceVersion


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"source-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    format = SourceFormat.CSV
    url = ""


class SourceVersionFactory(factory.django.DjangoModelFactory):
    """Superseded by default, so the live index (which reads live versions) ignores it."""

    class Meta:
        model = SourceVersion

    source = factory.SubFactory(SourceFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = VersionStatus.SUPERSEDED
    origin = "factory"
    checksum = factory.Sequence(lambda n: f"{n:064x}")


class SourceEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceEntry

    version = factory.SubFactory(SourceVersionFactory)
    entry_id = factory.Sequence(lambda n: f"entry-{n}")
    kind = EntryKind.PERSON
    caption = factory.Sequence(lambda n: f"Listed Person{n}")
    names = factory.LazyAttribute(lambda o: [o.caption])
    content_hash = factory.Sequence(lambda n: f"{n:064x}")


class FetchAttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FetchAttempt

    source = factory.SubFactory(SourceFactory)
    url = factory.LazyAttribute(lambda o: o.source.url or "https://example.org/list")
    outcome = FetchOutcome.FAILED
