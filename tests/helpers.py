"""Helpers shared by tests that are neither fixtures nor factories: paths, API clients
and migrating the test database."""

from pathlib import Path

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from rest_framework.test import APIClient

from bookings.venues.services import api_key_create

FIXTURES = Path(__file__).parent / "fixtures"
SOURCE_FIXTURES = FIXTURES / "sources"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def key_client(venue) -> APIClient:
    """An API client signed in with a new key of `venue`."""
    _, key = api_key_create(venue=venue, by=None)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


def session_client(user) -> APIClient:
    """An API client signed in as `user` by session, as the browser's pages are."""
    client = APIClient()
    client.force_login(user)
    return client


def migrate_to(targets):
    """Migrates the test database to `targets` and returns the apps as they stand there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest():
    """Migrates the test database back to the latest migration of every app."""
    migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())
