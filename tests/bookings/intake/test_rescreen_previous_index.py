"""Bookings screened with a previous index, while a process built the new one, are
screened again against the new versions; each run records the versions it used."""

import io
import json
import threading

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

import screening.index
from bookings.intake.rescreen import bookings_screened_with_other_versions
from bookings.models import Booking
from screening.index import LiveIndexes, live_index, process_indexes_replace
from screening.matching import MatchIndex
from tests.factories.bookings import booking_payload
from tests.helpers import FIXTURES
from watch_sources.services import source_import

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
NEWLY_LISTED = "Ysolde Carrow-Pennick"


def publish(tmp_path, *names: str, slug: str = "test-watchlist"):
    path = tmp_path / f"{slug}-{len(list(tmp_path.iterdir()))}.ftm.jsonl"
    extra = [
        json.dumps({"id": f"t-new-{i}", "schema": "Person", "properties": {"name": [name]}})
        for i, name in enumerate(names)
    ]
    path.write_text((FIXTURES / "watchlist.ftm.jsonl").read_text() + "".join(f"{e}\n" for e in extra))
    return source_import(slug=slug, origin=str(path), fmt="ftm").version


def post_booking(api, speaker: str, ref: str) -> Booking:
    response = api.post("/api/v1/bookings/", booking_payload(ref, speakers=[speaker]), format="json")
    assert response.status_code == 201
    return Booking.objects.get(public_id=response.json()["id"])


def versions_used(booking: Booking) -> list[int]:
    return sorted(booking.screening_runs.first().source_versions.values_list("pk", flat=True))


def run_worker() -> None:
    call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)


class HeldBuild:
    """Builds off the request path wait for `release`; a process's first build does not."""

    def __init__(self):
        self.entered, self.release = threading.Event(), threading.Event()

    def __call__(self, names):
        if threading.current_thread().name == "match-index-build":
            self.entered.set()
            assert self.release.wait(timeout=30)
        return MatchIndex(names)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_booking_screened_while_the_new_index_built_is_screened_again_against_it(
    api, watchlist, tmp_path, settings
):
    settings.SCREENING_INDEX_REBUILD = "background"
    settings.TASKS = DB_QUEUE
    settings.SCREENING_PREVIOUS_INDEX_RESCREEN_DELAY_SECONDS = 0
    held = HeldBuild()
    process_indexes_replace(LiveIndexes(build=held))
    live_index()
    new_version = publish(tmp_path, NEWLY_LISTED)
    run_worker()  # the re-screen after the publish: no upcoming booking yet

    booking = post_booking(api, NEWLY_LISTED, "HB-IN-BETWEEN")
    assert held.entered.wait(timeout=30)
    assert booking.status == "cleared"  # the previous index does not know the name yet
    assert versions_used(booking) == [watchlist.pk]
    held.release.set()
    assert screening.index.process_indexes().wait_for_builder(timeout=30)
    queued = DBTaskResult.objects.filter(
        task_path="bookings.intake.tasks.rescreen_screened_with_other_versions"
    ).count()
    run_worker()

    booking.refresh_from_db()
    assert queued == 1
    assert booking.status == "flagged"
    assert versions_used(booking) == [new_version.pk]
    assert booking.screening_runs.first().trigger == "source_update"
    assert not bookings_screened_with_other_versions((new_version.pk,)).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_process_that_never_answered_with_a_previous_index_queues_nothing(watchlist, tmp_path, settings):
    settings.SCREENING_INDEX_REBUILD = "background"
    settings.TASKS = DB_QUEUE
    process_indexes_replace(LiveIndexes())
    live_index()
    publish(tmp_path, NEWLY_LISTED)

    screening.index.process_indexes().fresh()  # as the worker's re-screen does

    assert not DBTaskResult.objects.filter(
        task_path="bookings.intake.tasks.rescreen_screened_with_other_versions"
    ).exists()


@pytest.mark.django_db
def test_the_periodic_job_rescreens_a_booking_whose_publish_rescreen_was_lost(
    api, watchlist, tmp_path, settings
):
    booking = post_booking(api, NEWLY_LISTED, "HB-LOST")
    settings.TASKS = DB_QUEUE  # the publish's re-screen is queued, and then lost
    new_version = publish(tmp_path, NEWLY_LISTED)
    DBTaskResult.objects.all().delete()
    settings.TASKS = IMMEDIATE

    out = io.StringIO()
    call_command("run_periodic_jobs", stdout=out)
    booking.refresh_from_db()

    assert booking.status == "flagged"
    assert versions_used(booking) == [new_version.pk]
    assert "bookings screened: stuck 0, stale 1" in out.getvalue()  # one job found it, once


@pytest.mark.django_db
def test_a_run_lacking_a_newly_added_source_is_screened_with_other_versions(
    api, watchlist, tmp_path, settings
):
    booking = post_booking(api, "Jo Bloggs", "HB-NEW-SOURCE")
    settings.TASKS = DB_QUEUE
    second = publish(tmp_path, slug="second-list")

    stale = list(bookings_screened_with_other_versions((watchlist.pk, second.pk)))
    current = list(bookings_screened_with_other_versions((watchlist.pk,)))

    assert stale == [booking]
    assert current == []


@pytest.mark.django_db
def test_the_periodic_job_screens_nothing_when_every_run_used_the_live_versions(api, watchlist, capsys):
    booking = post_booking(api, "Jo Bloggs", "HB-CURRENT")

    call_command("reconcile_background_work")

    assert "bookings screened: stuck 0, stale 0" in capsys.readouterr().out
    assert booking.screening_runs.count() == 1
