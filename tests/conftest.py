"""Shared fixtures: a small concern source in FtM format, venues, keys and clients."""

import pytest

from tests.factories.bookings import VenueFactory
from tests.helpers import FIXTURES, key_client
from watch_sources.services import source_import


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
    from screening.index import LiveIndexes, process_indexes_replace

    previous = process_indexes_replace(LiveIndexes())
    yield
    process_indexes_replace(previous).wait_for_builder(timeout=30)


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


@pytest.fixture
def api(venue):
    return key_client(venue)


@pytest.fixture
def other_api(other_venue):
    return key_client(other_venue)
