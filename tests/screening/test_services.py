"""Storing a screening: the run and its audit summary come back as values."""

import pytest

from screening.enums import ScreeningTrigger
from screening.services import StoredRun, booking_screening, screening_run_create
from tests.factories.bookings import BookingFactory, PartyFactory

pytestmark = pytest.mark.django_db

LISTED = "Dorian Vexley-Marsh"  # t-per-1 in tests/fixtures/watchlist.ftm.jsonl


def test_a_stored_run_returns_its_summary_instead_of_hanging_it_on_the_run(watchlist):
    booking = BookingFactory(is_public=True)
    parties = [PartyFactory(booking=booking, name=LISTED)]
    screening = booking_screening(booking=booking, parties=parties, hirer=None, in_scope=True)

    stored = screening_run_create(booking=booking, screening=screening, trigger=ScreeningTrigger.UPDATE)

    assert isinstance(stored, StoredRun)
    assert not hasattr(stored.run, "summary")
    expected = {
        "run": stored.run.pk,
        "trigger": ScreeningTrigger.UPDATE,
        "in_scope": True,
        "flagged": True,
        "matches": stored.run.matches.count(),
        "suppressed": 0,
        "signals": 0,
        "discounted": 0,
        "source_versions": [watchlist.pk],
    }
    assert {key: stored.summary[key] for key in expected} == expected
    assert stored.summary["matches"] >= 1
