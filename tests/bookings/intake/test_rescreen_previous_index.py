"""Bookings screened with a previous index, while a process built the new one, are
screened again against the new versions; each run records the versions it used."""

import io
import json
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

import screening.index
from bookings.intake.reconcile import bookings_owed_screening, bookings_reconcile
from bookings.intake.tasks import rescreen_screened_with_other_versions
from bookings.models import Booking
from screening.index import LiveIndexes, live_index, process_indexes_replace
from screening.matching import MatchIndex
from tests.factories.bookings import booking_payload
from tests.helpers import FIXTURES
from watch_sources.models import Source
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
    assert not bookings_owed_screening().exists()


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
def test_a_run_lacking_a_newly_added_source_is_screened_again_by_the_post_swap_task(
    api, watchlist, tmp_path, settings
):
    booking = post_booking(api, "Jo Bloggs", "HB-NEW-SOURCE")
    settings.TASKS = DB_QUEUE  # the publish's own re-screen queued, not run
    second = publish(tmp_path, slug="second-list")

    screened = rescreen_screened_with_other_versions.call()

    assert screened == 1
    assert versions_used(booking) == [watchlist.pk, second.pk]


@pytest.mark.django_db
def test_the_post_swap_task_leaves_a_run_that_saw_every_live_version_though_a_source_was_disabled_since(
    api, watchlist, tmp_path
):
    """One definition of stale (screening.freshness), as reconciliation's: a run that also
    saw a since-retired version is current. The task once re-screened it, as "other versions"."""
    publish(tmp_path, slug="second-list")
    booking = post_booking(api, "Jo Bloggs", "HB-DISABLED")
    Source.objects.filter(slug="second-list").update(enabled=False)

    screened = rescreen_screened_with_other_versions.call()

    assert screened == 0
    assert booking.screening_runs.count() == 1
    assert bookings_reconcile().stale_screened == 0


@pytest.mark.django_db
def test_the_post_swap_task_and_reconciliation_screen_the_same_bookings(api, watchlist, tmp_path, settings):
    """Current, saw a since-disabled source, lacking a live version (answered by a previous
    index), with no run, past: the task screens exactly what reconciliation finds stale."""
    settings.TASKS = DB_QUEUE  # no publish's re-screen runs here
    added = publish(tmp_path, slug="added-list")
    current = post_booking(api, "Jo Bloggs", "HB-CURRENT")
    publish(tmp_path, slug="disabled-list")
    saw_disabled = post_booking(api, "Jo Bloggs", "HB-SAW-DISABLED")
    Source.objects.filter(slug="disabled-list").update(enabled=False)
    lacking = post_booking(api, "Jo Bloggs", "HB-LACKING")
    lacking.screening_runs.first().source_versions.remove(added)
    never = post_booking(api, "Jo Bloggs", "HB-NEVER")
    never.screening_runs.all().delete()
    past = post_booking(api, "Jo Bloggs", "HB-PAST")
    past.screening_runs.first().source_versions.remove(added)
    Booking.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=1), ends_at=timezone.now() - timedelta(hours=20)
    )
    reconciliation_finds = set(bookings_owed_screening().values_list("pk", flat=True))
    everyone = (current, saw_disabled, lacking, never, past)
    runs_before = {b.pk: b.screening_runs.count() for b in everyone}

    screened = rescreen_screened_with_other_versions.call()

    rescreened = {b.pk for b in everyone if b.screening_runs.count() > runs_before[b.pk]}
    assert rescreened == reconciliation_finds == {lacking.pk, never.pk}
    assert screened == 2


@pytest.mark.django_db
def test_the_periodic_job_screens_nothing_when_every_run_used_the_live_versions(api, watchlist, capsys):
    booking = post_booking(api, "Jo Bloggs", "HB-CURRENT")

    call_command("reconcile_background_work")

    assert "bookings screened: stuck 0, stale 0" in capsys.readouterr().out
    assert booking.screening_runs.count() == 1
