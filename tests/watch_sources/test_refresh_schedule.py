"""Which sources run_periodic_jobs fetches: the refresh schedule."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tests.factories.watch_sources import FetchAttemptFactory
from watch_sources.enums import FetchOutcome
from watch_sources.models import FetchAttempt
from watch_sources.selectors import sources_due_for_refresh
from watch_sources.services import source_configure

pytestmark = pytest.mark.django_db


def configured(slug: str, **kwargs):
    return source_configure(slug=slug, fmt="un-xml", url=f"https://example.org/{slug}.xml", **kwargs)


def attempt(source, *, ago: timedelta, outcome: str) -> None:
    FetchAttemptFactory(source=source, url=source.url, outcome=outcome, started_at=timezone.now() - ago)


def due_slugs() -> list[str]:
    return list(sources_due_for_refresh().values_list("slug", flat=True))


def test_due_sources_follow_the_last_attempt(settings):
    settings.SOURCE_REFRESH_HOURS = 6
    settings.SOURCE_RETRY_MINUTES = 30
    configured("never-fetched")
    attempt(configured("fresh"), ago=timedelta(hours=1), outcome=FetchOutcome.UNCHANGED)
    attempt(configured("stale"), ago=timedelta(hours=7), outcome=FetchOutcome.UNCHANGED)
    attempt(configured("failed-just-now"), ago=timedelta(minutes=5), outcome=FetchOutcome.FAILED)
    attempt(configured("failed-a-while-ago"), ago=timedelta(minutes=45), outcome=FetchOutcome.FAILED)
    attempt(configured("held"), ago=timedelta(minutes=45), outcome=FetchOutcome.HELD)
    attempt(configured("died-running"), ago=timedelta(minutes=45), outcome=FetchOutcome.RUNNING)
    configured("switched-off", enabled=False)
    source_configure(slug="no-url", fmt="csv")

    assert due_slugs() == ["died-running", "failed-a-while-ago", "never-fetched", "stale"]


def test_only_the_latest_attempt_counts(settings):
    settings.SOURCE_REFRESH_HOURS = 6
    source = configured("recovered")
    attempt(source, ago=timedelta(hours=2), outcome=FetchOutcome.FAILED)
    attempt(source, ago=timedelta(minutes=10), outcome=FetchOutcome.UNCHANGED)

    assert due_slugs() == []


def test_periodic_jobs_go_on_after_a_failing_job_and_then_fail(monkeypatch, capsys):
    ran = []

    def fake_call(name, *args, **kwargs):
        ran.append(name)
        if name == "deliver_webhooks":
            raise CommandError("receiver down")

    monkeypatch.setattr("bookings.management.commands.run_periodic_jobs.call_command", fake_call)

    with pytest.raises(CommandError, match="failed: deliver_webhooks"):
        call_command("run_periodic_jobs")

    assert ran == [
        "close_past_bookings",
        "reconcile_background_work",
        "escalate_overdue_reviews",
        "rescreen_silenced_bookings",
        "deliver_webhooks",
        "send_officer_digests",
        "purge_personal_data",
        "refresh_sources",
    ]


def test_refresh_sources_due_fetches_only_the_sources_due(
    httpserver, fixture_bytes, settings, django_capture_on_commit_callbacks
):
    settings.SOURCE_REFRESH_HOURS = 6
    for path in ("/due.xml", "/fresh.xml"):
        httpserver.expect_request(path).respond_with_data(fixture_bytes("un_consolidated.xml"))
    source_configure(slug="due", fmt="un-xml", url=httpserver.url_for("/due.xml"))
    fresh = source_configure(slug="fresh", fmt="un-xml", url=httpserver.url_for("/fresh.xml"))
    attempt(fresh, ago=timedelta(hours=1), outcome=FetchOutcome.UNCHANGED)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("refresh_sources", "--due", verbosity=0)

    assert [request.path for request, _ in httpserver.log] == ["/due.xml"]
    assert FetchAttempt.objects.get(source__slug="due").outcome == FetchOutcome.PUBLISHED
