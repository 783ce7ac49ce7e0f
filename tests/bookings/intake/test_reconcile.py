"""Reconciliation: whatever background work was lost, the periodic jobs screen every
booking the database says is owed a screening, once."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bookings.enums import BookingStatus
from bookings.intake import rescreen
from bookings.intake.reconcile import RESCREEN_LEFT_TO_ITS_TASK, bookings_owed_screening, bookings_reconcile
from bookings.intake.rescreen import bookings_rescreen_after_source_update
from bookings.intake.services import booking_withdraw
from bookings.intake.tasks import screen_received_booking
from bookings.models import Booking, OfficerNotice
from screening.index import process_indexes
from screening.models import ScreeningRun
from tests.factories.bookings import BookingFactory, PartyFactory, create_booking, make_user
from tests.factories.sources import person, publish
from watch_sources.models import Source

pytestmark = pytest.mark.django_db

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LISTED = person("x-1", "Ottoline Brackwater-Sze")


def runs_seeing(booking: Booking, version) -> int:
    return ScreeningRun.objects.filter(booking=booking, source_versions=version).count()


def publish_and_lose_its_task(entries, **kwargs):
    """A new version whose re-screen task is lost (its row gone): reconciliation's to do."""
    version = publish(entries, **kwargs)
    DBTaskResult.objects.filter(task_path__endswith="rescreen_upcoming_bookings").delete()
    return version


def reconcile() -> str:
    out = StringIO()
    call_command("reconcile_background_work", stdout=out)
    return out.getvalue()


@pytest.fixture
def screened_bookings(venue):
    """Three upcoming bookings screened against version 1 of a local list."""
    publish([person("x-0", "Someone Elsewhere Entirely")])
    return [create_booking(venue, ref=f"HB-{n}", speakers=[name]) for n, name in enumerate(SPEAKERS)]


SPEAKERS = ["Ottoline Brackwater-Sze", "Priya Natarajan", "Tomasz Lindqvist"]


def test_a_version_whose_rescreen_task_was_lost_is_caught_up_by_the_periodic_jobs(
    settings, screened_bookings
):
    settings.TASKS = DB_QUEUE
    version = publish([LISTED])
    DBTaskResult.objects.all().delete()  # the worker's row lost, or never written

    call_command("run_periodic_jobs", stdout=StringIO())

    assert [runs_seeing(b, version) for b in screened_bookings] == [1, 1, 1]
    assert Booking.objects.get(pk=screened_bookings[0].pk).status == BookingStatus.FLAGGED
    assert ScreeningRun.objects.filter(source_versions=version).get(booking=screened_bookings[0]).trigger == (
        "recovery"
    )


def test_reconciling_twice_screens_nothing_more(settings, screened_bookings):
    settings.TASKS = DB_QUEUE
    publish_and_lose_its_task([LISTED])

    first = reconcile()
    runs = ScreeningRun.objects.count()
    second = reconcile()

    assert "stale 3" in first
    assert "stale 0" in second and "stuck 0" in second
    assert ScreeningRun.objects.count() == runs


def test_the_rescreen_task_after_reconciliation_stores_no_second_run_and_no_second_notice(
    settings, screened_bookings
):
    settings.TASKS = DB_QUEUE
    officer = make_user("officer1", "prevent_officer")
    officer.email = "officer1@example.org"
    officer.save()
    version = publish([LISTED])
    # Queued longer ago than reconciliation waits for a worker to take it: done there, then
    # the task runs after all.
    DBTaskResult.objects.update(enqueued_at=timezone.now() - RESCREEN_LEFT_TO_ITS_TASK - timedelta(seconds=1))
    bookings_reconcile()
    notices = OfficerNotice.objects.count()

    screened = bookings_rescreen_after_source_update(version_id=version.pk, removed=[])

    assert screened == 0
    assert [runs_seeing(b, version) for b in screened_bookings] == [1, 1, 1]
    assert notices == 1
    assert OfficerNotice.objects.count() == 1


def test_a_rescreen_task_delivered_twice_screens_each_booking_once(settings, screened_bookings):
    settings.TASKS = DB_QUEUE
    version = publish([LISTED])

    first = bookings_rescreen_after_source_update(version_id=version.pk, removed=[])
    second = bookings_rescreen_after_source_update(version_id=version.pk, removed=[])

    assert (first, second) == (3, 0)
    assert [runs_seeing(b, version) for b in screened_bookings] == [1, 1, 1]


def test_a_booking_stuck_before_screening_is_screened_and_its_safety_net_then_does_nothing(
    settings, watchlist, venue
):
    settings.TASKS = DB_QUEUE
    stuck = BookingFactory(venue=venue)  # stored, never screened: its request died after commit
    PartyFactory(booking=stuck, name="Corwin Hallstrand")
    assert stuck.status == BookingStatus.RECEIVED

    reconcile()
    screen_received_booking.call(stuck.pk)  # the safety-net task, arriving late

    assert Booking.objects.get(pk=stuck.pk).status == BookingStatus.FLAGGED
    assert list(ScreeningRun.objects.filter(booking=stuck).values_list("trigger", flat=True)) == ["recovery"]


def test_past_and_withdrawn_bookings_are_left_alone(settings, screened_bookings):
    settings.TASKS = DB_QUEUE
    withdrawn = screened_bookings[1]
    booking_withdraw(booking=withdrawn, reason="cancelled", by=None)
    past = screened_bookings[2]
    Booking.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=1), ends_at=timezone.now() - timedelta(hours=20)
    )
    version = publish_and_lose_its_task([LISTED])

    bookings_reconcile()

    assert [runs_seeing(b, version) for b in screened_bookings] == [1, 0, 0]


def test_a_run_that_saw_every_live_version_is_current_though_a_source_was_disabled_since(
    settings, screened_bookings
):
    settings.TASKS = DB_QUEUE
    publish([LISTED], slug="second-list")
    bookings_reconcile()
    Source.objects.filter(slug="second-list").update(enabled=False)

    assert bookings_reconcile().stale_screened == 0


def test_one_booking_that_cannot_be_screened_does_not_hold_up_the_others(
    settings, screened_bookings, monkeypatch
):
    settings.TASKS = DB_QUEUE
    version = publish_and_lose_its_task([LISTED])
    broken = screened_bookings[0].pk
    real = rescreen.screen_locked

    def fails_for_one(booking, trigger):
        if booking.pk == broken:
            raise RuntimeError("matcher failed")
        return real(booking, trigger)

    monkeypatch.setattr("bookings.intake.rescreen.screen_locked", fails_for_one)
    with pytest.raises(Exception, match=f"could not screen bookings \\[{broken}\\]"):
        reconcile()

    assert [runs_seeing(b, version) for b in screened_bookings] == [0, 1, 1]


def test_stuck_and_stale_bookings_are_found_in_one_query(settings, screened_bookings, watchlist, venue):
    """The one periodic job that finds them: bookings stuck before screening (any date) and
    upcoming ones screened before the live versions; a past stale one is left alone."""
    settings.TASKS = DB_QUEUE
    stuck = BookingFactory(venue=venue, starts_at=timezone.now() - timedelta(days=3))
    past = screened_bookings[2]
    Booking.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=1), ends_at=timezone.now() - timedelta(hours=20)
    )
    publish([LISTED])  # the two upcoming bookings are now stale

    with CaptureQueriesContext(connection) as queries:
        owed = list(bookings_owed_screening())

    assert owed == [*screened_bookings[:2], stuck]
    assert len(queries) == 2  # the live versions, then the bookings


# --- while the worker has the re-screen in hand, reconciliation leaves it the stale bookings -------


def test_reconciliation_leaves_stale_bookings_to_a_rescreen_just_queued_and_builds_no_index(
    settings, screened_bookings
):
    """After a publish the worker re-screens; the periodic run beside it would only race it,
    after building its own index (13 s of CPU at the demo's list)."""
    settings.TASKS = DB_QUEUE
    publish([LISTED])  # its re-screen queued, not yet run
    built = process_indexes().current

    out = reconcile()

    assert "bookings screened: stuck 0, stale 0 (3 left to the re-screen in hand)" in out
    assert process_indexes().current is built  # no index of the new version built here
    assert ScreeningRun.objects.count() == 3


def test_reconciliation_leaves_stale_bookings_to_a_rescreen_running_under_a_live_claim(
    settings, screened_bookings
):
    settings.TASKS = DB_QUEUE
    settings.TASK_LEASE_SECONDS = 600
    publish([LISTED])
    row = DBTaskResult.objects.get()
    row.claim("busy-worker")
    DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=timezone.now() - timedelta(hours=1))

    assert bookings_reconcile().stale_left == 3


@pytest.mark.parametrize(
    "lost",
    ["queued-long-ago", "deferred-long-ago", "failed", "claim-expired"],
)
def test_reconciliation_screens_stale_bookings_itself_when_no_rescreen_is_in_hand(
    settings, screened_bookings, lost
):
    """A re-screen no worker took within RESCREEN_LEFT_TO_ITS_TASK, one that failed (its time
    limit, say), or one whose worker died: the stale bookings are reconciliation's."""
    settings.TASKS = DB_QUEUE
    settings.TASK_LEASE_SECONDS = 600
    version = publish([LISTED])
    row = DBTaskResult.objects.get()
    long_ago = timezone.now() - RESCREEN_LEFT_TO_ITS_TASK - timedelta(seconds=1)
    if lost == "queued-long-ago":
        DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=long_ago)
    elif lost == "deferred-long-ago":
        DBTaskResult.objects.filter(pk=row.pk).update(run_after=long_ago)
    elif lost == "failed":
        row.claim("worker")
        row.set_failed(RuntimeError("time limit"))
    else:
        row.claim("killed-worker")
        DBTaskResult.objects.filter(pk=row.pk).update(started_at=timezone.now() - timedelta(seconds=601))

    done = bookings_reconcile()

    assert (done.stale_screened, done.stale_left) == (3, 0)
    assert [runs_seeing(b, version) for b in screened_bookings] == [1, 1, 1]


def test_a_deferred_rescreen_not_yet_due_keeps_the_stale_bookings(settings, screened_bookings):
    """The re-screen queued after a process answered with its previous index runs a minute
    later (SCREENING_PREVIOUS_INDEX_RESCREEN_DELAY_SECONDS): it is in hand meanwhile."""
    settings.TASKS = DB_QUEUE
    publish([LISTED])
    DBTaskResult.objects.update(
        task_path="bookings.intake.tasks.rescreen_screened_with_other_versions",
        enqueued_at=timezone.now() - timedelta(hours=1),
        run_after=timezone.now() + timedelta(seconds=60),
    )

    assert bookings_reconcile().stale_left == 3
