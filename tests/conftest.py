"""Shared fixtures: a small concern source in FtM format, venues, keys and clients."""

import pytest
from pytest_django.fixtures import validate_django_db

from tests.factories.bookings import VenueFactory
from tests.helpers import FIXTURES, key_client
from watch_sources.services import source_import


def pytest_collection_modifyitems(items):
    """One rule for transactional tests: each puts back the rows the migrations seeded
    (advice conditions, content types, permissions) before it runs (`serialized_rollback`).

    A transactional test ends by emptying the database. Without the rule, one that did
    not ask for the rows back also re-creates the content types under new ids, and any
    later test that does ask then fails to load them: the suite passed only in the
    order its folders happen to run in. With every transactional test restoring, none
    depends on what ran before it (tests/reliability/test_transactional_test_order.py).
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transaction, reset_sequences, databases, serialized, available_apps = (
            validate_django_db(marker) if marker else (False, False, None, False, None)
        )
        flushes = (
            transaction or reset_sequences or {"transactional_db", "live_server"} & set(item.fixturenames)
        )
        if flushes and not serialized:
            item.add_marker(
                pytest.mark.django_db(
                    transaction=True,
                    reset_sequences=reset_sequences,
                    databases=databases,
                    serialized_rollback=True,
                    available_apps=available_apps,
                ),
                append=False,
            )


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
