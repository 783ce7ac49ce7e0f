"""The production path: bookings and their safety-net task share one transaction
in the database-backed queue, and a real worker run recovers an unscreened booking."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from bookings.models import Booking
from screening.models import ScreeningRun
from tests.conftest import booking_payload

pytestmark = pytest.mark.django_db(transaction=True)

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
URL = "/api/v1/bookings/"


def run_worker() -> None:
    call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)


@override_settings(TASKS=DB_QUEUE, SCREENING_SAFETY_NET_DELAY_SECONDS=0)
def test_crash_between_storing_and_screening_is_recovered_by_the_worker(api, watchlist, monkeypatch):
    def crash(**kwargs):
        raise SystemExit("process killed mid-request")

    with monkeypatch.context() as patched:
        patched.setattr("bookings.services.booking_screen_if_received", crash)
        with pytest.raises(SystemExit):
            api.post(URL, booking_payload(speakers=["Corwin Hallstrand"]), format="json")
    assert Booking.objects.get().status == "received"
    assert DBTaskResult.objects.count() == 1

    run_worker()

    assert Booking.objects.get().status == "flagged"
    assert ScreeningRun.objects.get().trigger == "recovery"


@override_settings(TASKS=DB_QUEUE, SCREENING_SAFETY_NET_DELAY_SECONDS=0)
def test_safety_net_task_does_nothing_when_the_request_screened(api, watchlist):
    api.post(URL, booking_payload(), format="json")

    run_worker()

    assert Booking.objects.get().status == "cleared"
    assert ScreeningRun.objects.count() == 1
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@override_settings(TASKS=DB_QUEUE)
def test_a_rejected_request_queues_nothing(api, watchlist):
    payload = booking_payload()
    del payload["hirer"]

    assert api.post(URL, payload, format="json").status_code == 400
    assert DBTaskResult.objects.count() == 0


@override_settings(TASKS=DB_QUEUE)
def test_safety_net_waits_so_the_request_screens_first(api, watchlist):
    api.post(URL, booking_payload(), format="json")

    run_worker()

    task = DBTaskResult.objects.get()
    assert task.status == "READY"  # deferred: not yet due
    assert ScreeningRun.objects.get().trigger == "intake"
