"""The migration that makes webhook secrets required replaces every weak one, and says so."""

import logging

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from bookings.models import Venue, WebhookAlert
from bookings.webhook_secrets import webhook_secret_is_strong
from tests.helpers import migrate_to, migrate_to_latest

# Real migrations need real commits; serialized_rollback leaves the database as the other
# serialized transactional tests expect. It must run before an unserialised transactional
# test has flushed the database (its restore would then clash with the content types that
# flush recreated): this file's name sorts before test_tasks_queued_before_the_move.py.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NAME = "webhook_secrets_and_alerts"


def _this_migration(executor):
    [key] = [key for key in executor.loader.disk_migrations if key[0] == "bookings" and key[1].endswith(NAME)]
    return key


@pytest.fixture
def before_it():
    executor = MigrationExecutor(connection)
    this = _this_migration(executor)
    before = [dep for dep in executor.loader.disk_migrations[this].dependencies if dep[0] == "bookings"]
    yield migrate_to(before), [this]
    migrate_to_latest()


def test_weak_secrets_are_replaced_and_each_venue_is_flagged_to_be_told(before_it, caplog):
    apps, this = before_it
    OldVenue = apps.get_model("bookings", "Venue")
    strong = "k" * 43
    for slug, url, secret in [
        ("empty", "https://93.184.216.34/a", ""),
        ("typed", "https://93.184.216.34/b", "s3cret"),
        ("spaces", "https://93.184.216.34/c", " " * 50),
        ("strong", "https://93.184.216.34/d", strong),
        ("no-hook", "", ""),
    ]:
        OldVenue.objects.create(name=slug, slug=slug, webhook_url=url, webhook_secret=secret)

    with caplog.at_level(logging.WARNING, logger="bookings.migrations"):
        migrate_to(this)

    secrets = dict(Venue.objects.values_list("slug", "webhook_secret"))
    assert all(webhook_secret_is_strong(secrets[slug]) for slug in ("empty", "typed", "spaces"))
    assert len({secrets["empty"], secrets["typed"], secrets["spaces"]}) == 3
    assert (secrets["strong"], secrets["no-hook"]) == (strong, "")
    assert sorted(WebhookAlert.objects.values_list("venue__slug", "kind")) == [
        ("empty", "secret_not_shared"),
        ("spaces", "secret_not_shared"),
        ("typed", "secret_not_shared"),
    ]
    assert "run `manage.py rotate_webhook_secret typed`" in caplog.text
    assert not any(secrets[slug] in caplog.text for slug in ("empty", "typed", "spaces"))
