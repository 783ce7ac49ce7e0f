"""The production path: a booking is stored and screened in one transaction; if
screening fails, its safety-net task is queued in that transaction and a real
worker run screens it."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from bookings.models import AuditRecord, Booking
from screening.models import ScreeningRun
from tests.factories.bookings import booking_payload

pytestmark = pytest.mark.django_db(transaction=True)

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
URL = "/api/v1/bookings/"


def run_worker() -> None:
    call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)


def test_a_process_dying_mid_request_leaves_nothing_and_the_retry_stores_the_booking(
    api, watchlist, monkeypatch
):
    def crash(*args, **kwargs):
        raise SystemExit("process killed mid-request")

    payload = booking_payload(speakers=["Corwin Hallstrand"])
    with monkeypatch.context() as patched:
        patched.setattr("bookings.intake.services.booking_screened", crash)
        with pytest.raises(SystemExit):
            api.post(URL, payload, format="json")
    # Stored and screened in one transaction: the client was never told the
    # booking was taken, and nothing half-written is left behind.
    assert Booking.objects.count() == 0
    assert not AuditRecord.objects.filter(object_type="bookings.booking").exists()

    retry = api.post(URL, payload, format="json")

    assert retry.status_code == 201
    assert Booking.objects.get().status == "flagged"


@override_settings(TASKS=DB_QUEUE, SCREENING_SAFETY_NET_DELAY_SECONDS=0)
def test_a_booking_whose_screening_failed_is_screened_by_the_worker(api, watchlist, monkeypatch):
    def matcher_down(*args, **kwargs):
        raise RuntimeError("matcher failed")

    with monkeypatch.context() as patched:
        patched.setattr("bookings.intake.services.booking_screened", matcher_down)
        response = api.post(URL, booking_payload(speakers=["Corwin Hallstrand"]), format="json")
    assert response.status_code == 201
    assert response.json()["status"] == "flagged"  # a person must look, until screened
    assert DBTaskResult.objects.count() == 1

    run_worker()

    assert Booking.objects.get().status == "flagged"
    assert ScreeningRun.objects.get().trigger == "recovery"
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@override_settings(TASKS=DB_QUEUE)
def test_a_screened_booking_queues_no_safety_net(api, watchlist):
    api.post(URL, booking_payload(), format="json")

    assert Booking.objects.get().status == "cleared"
    assert DBTaskResult.objects.count() == 0


@override_settings(TASKS=DB_QUEUE)
def test_a_rejected_request_queues_nothing(api, watchlist):
    payload = booking_payload()
    del payload["hirer"]

    assert api.post(URL, payload, format="json").status_code == 400
    assert DBTaskResult.objects.count() == 0
