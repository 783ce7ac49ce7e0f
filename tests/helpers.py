"""Helpers shared by tests that are neither fixtures nor factories: paths and API clients."""

from pathlib import Path

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
