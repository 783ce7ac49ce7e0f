"""Shared fixtures: a small concern source in FtM format, venues, keys, clients, venue staff and officers."""

import pytest
from pytest_django.fixtures import validate_django_db

from bookings.roles import Role
from tests.factories.bookings import VenueFactory, make_user
from tests.factories.review import make_officer
from tests.helpers import FIXTURES, key_client
from watch_sources.services import source_import


@pytest.hookimpl(trylast=True)  # after pytest-django has put the transactional tests together
def pytest_collection_modifyitems(items):
    """One rule for transactional tests: those that put back the rows the migrations
    seeded (`serialized_rollback`) run before those that do not, whatever folder each is in.

    A transactional test ends by emptying the database; one that did not ask for the rows
    back then re-creates the content types under new ids (the flush's post_migrate), and a
    later test that asks for them fails to load them (a unique constraint). Before this
    rule the suite passed only because the folders holding the asking tests sorted first
    (tests/reliability/test_transactional_test_order.py).
    """
    places = [n for n, item in enumerate(items) if _transactional(item)]
    in_order = sorted((items[n] for n in places), key=lambda item: not _serialized(item))
    for n, item in zip(places, in_order, strict=True):
        items[n] = item


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    transaction, reset_sequences, *_ = validate_django_db(marker) if marker else (False, False)
    return bool(
        transaction or reset_sequences or {"transactional_db", "live_server"} & set(item.fixturenames)
    )


def _serialized(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return (
        bool(marker and validate_django_db(marker)[3]) or "django_db_serialized_rollback" in item.fixturenames
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


@pytest.fixture
def staff(venue):
    """A member of the venue's staff, `sam`."""
    return make_user("sam", Role.VENUE_STAFF, venue)


@pytest.fixture
def officer(db):
    """A Prevent Officer, `officer1`."""
    return make_officer("officer1")


@pytest.fixture
def second_officer(db):
    """Another Prevent Officer, `officer2` (a decline needs two)."""
    return make_officer("officer2")
