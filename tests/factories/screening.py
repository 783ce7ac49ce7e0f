"""Screening rows for tests that need a run, a match or a suppression as it stands,
without screening anything (tests of screening itself use the services)."""

from datetime import timedelta

import factory
from django.utils import timezone

from screening.enums import MatchSubject, ScreeningTrigger
from screening.models import Match, ScreeningRun, Suppression
from tests.factories.bookings import BookingFactory
from tests.factories.watch_sources import SourceEntryFactory


class ScreeningRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScreeningRun

    booking = factory.SubFactory(BookingFactory)
    trigger = ScreeningTrigger.INTAKE
    matcher = "test"
    threshold = 0.8


class MatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    run = factory.SubFactory(ScreeningRunFactory)
    subject = MatchSubject.PARTY
    query_name = "q"
    entry = factory.SubFactory(SourceEntryFactory)
    matched_name = "m"
    score = 0.9


class SuppressionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suppression

    party_name = factory.Sequence(lambda n: f"party {n}")
    party_kind = "person"
    source_slug = "s"
    entry_id = "e"
    entry_caption = "c"
    entry_content_hash = "h"
    reason = "r"
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=365))
