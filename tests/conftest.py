"""Shared fixtures: a small concern source in FtM format, venues, keys and clients."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from bookings.venues.services import api_key_create
from tests.factories.bookings import VenueFactory
from watch_sources.services import source_import

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(autouse=True)
def _clear_cache():
    """Throttle and lockout counters live in the cache; no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _reset_live_index():
    """Each test builds its own index from its own database."""
    import screening.index

    screening.index._current = None
    yield
    screening.index._current = None


@pytest.fixture
def webhooks_to_loopback(settings):
    """Opt in for tests whose webhook receiver is a real server on 127.0.0.1: by default
    the service refuses private addresses and plain http, as in production."""
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True


@pytest.fixture
def watchlist(db):
    """The repo's own small FtM watch list, imported as source `test-watchlist`."""
    return source_import(
        slug="test-watchlist", origin=str(FIXTURES / "watchlist.ftm.jsonl"), fmt="ftm"
    ).version


@pytest.fixture
def venue(db):
    return VenueFactory(name="Riverside Community Centre", slug="riverside")


@pytest.fixture
def other_venue(db):
    return VenueFactory(name="Hilltop Hall", slug="hilltop")


def key_client(venue) -> APIClient:
    _, key = api_key_create(venue=venue, actor="test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


@pytest.fixture
def api(venue):
    return key_client(venue)


@pytest.fixture
def other_api(other_venue):
    return key_client(other_venue)


def booking_payload(ref: str = "HB-2026-0042", *, speakers=(), is_public=True, **event) -> dict:
    # Whole hours, so two calls in one test give the same content (retries must match).
    starts = (timezone.now() + timedelta(days=30)).replace(hour=18, minute=0, second=0, microsecond=0)
    return {
        "external_ref": ref,
        "event": {
            "title": "Neighbourhood talk",
            "description": "An evening talk and discussion.",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=3)).isoformat(),
            "expected_attendance": 80,
            "is_public": is_public,
            **event,
        },
        "hirer": {
            "name": "Riverside Residents Association",
            "kind": "organisation",
            "contact_name": "Jo Bloggs",
            "contact_email": "jo@example.org",
        },
        "parties": [{"name": s, "kind": "person", "role": "speaker"} for s in speakers],
    }
