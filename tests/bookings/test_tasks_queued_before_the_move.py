"""Tasks queued under the import paths used before bookings/ moved into sub-packages.

The database queue stores each task's import path (`DBTaskResult.task_path`).
A row written before an upgrade names `bookings.tasks.<name>`; a real worker run
after it must still find the task and do its work (`bookings/tasks.py`).
"""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils.module_loading import import_string
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from bookings.intake.tasks import rescreen_upcoming_bookings, screen_received_booking
from bookings.models import Booking, WebhookDelivery
from bookings.notifications.services import booking_changed
from screening.models import ScreeningRun
from tests.factories.bookings import BookingFactory, PartyFactory, give_webhook

# A worker commits for real; serialized_rollback puts back what the migrations seeded
# (roles, advice conditions), which the flush after a transactional test removes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LISTED_ORGANISATION = "Hizb ut-Tahrir"  # a named entry of the test watch list
# Every @task that bookings/tasks.py defined before the move.
OLD_TASK_NAMES = [
    "close_past_bookings",
    "deliver_webhook",
    "escalate_overdue_reviews",
    "rescreen_upcoming_bookings",
    "screen_received_booking",
    "send_venue_email",
]


def run_worker() -> None:
    call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)


def queued_under_old_path(row: DBTaskResult, name: str) -> DBTaskResult:
    """The row as the code before the move wrote it: the same call, the old path."""
    DBTaskResult.objects.filter(pk=row.pk).update(task_path=f"bookings.tasks.{name}")
    return DBTaskResult.objects.get(pk=row.pk)


def upcoming_booking_with_listed_speaker() -> Booking:
    booking = BookingFactory()
    PartyFactory(booking=booking, name=LISTED_ORGANISATION, kind="organisation")
    return booking


@pytest.mark.parametrize("name", OLD_TASK_NAMES)
def test_every_old_task_path_still_names_the_task_that_moved(name):
    task = import_string(f"bookings.tasks.{name}")

    assert isinstance(task, Task)
    assert task.name == name
    assert task.module_path != f"bookings.tasks.{name}"  # new rows name the new home


@override_settings(TASKS=DB_QUEUE)
def test_a_safety_net_screening_queued_before_the_move_screens_the_booking(watchlist):
    booking = upcoming_booking_with_listed_speaker()
    result = screen_received_booking.enqueue(booking.pk)
    row = queued_under_old_path(DBTaskResult.objects.get(pk=result.id), "screen_received_booking")
    assert (row.task_path, Booking.objects.get(pk=booking.pk).status) == (
        "bookings.tasks.screen_received_booking",
        "received",
    )

    run_worker()

    row.refresh_from_db()
    assert row.status == "SUCCESSFUL"
    assert Booking.objects.get(pk=booking.pk).status == "flagged"
    assert ScreeningRun.objects.get(booking=booking).trigger == "recovery"


@override_settings(TASKS=DB_QUEUE)
def test_a_rescreen_queued_before_the_move_screens_upcoming_bookings(watchlist):
    booking = upcoming_booking_with_listed_speaker()
    result = rescreen_upcoming_bookings.enqueue(version_id=watchlist.pk, removed=[])
    row = queued_under_old_path(DBTaskResult.objects.get(pk=result.id), "rescreen_upcoming_bookings")

    run_worker()

    row.refresh_from_db()
    assert (row.status, row.return_value) == ("SUCCESSFUL", 1)
    assert ScreeningRun.objects.get(booking=booking).trigger == "source_update"
    assert Booking.objects.get(pk=booking.pk).status == "flagged"


@override_settings(TASKS=DB_QUEUE)
def test_a_webhook_queued_before_the_move_is_delivered(httpserver, webhooks_to_loopback):
    httpserver.expect_oneshot_request("/hook", method="POST").respond_with_data(status=204)
    booking = BookingFactory()
    give_webhook(booking.venue, httpserver.url_for("/hook"))
    with transaction.atomic():
        booking_changed(booking=booking, event="booking.advised")
    row = queued_under_old_path(DBTaskResult.objects.get(), "deliver_webhook")

    run_worker()

    row.refresh_from_db()
    assert (row.status, row.return_value) == ("SUCCESSFUL", "delivered")
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("delivered", 1)
    (request, _response), *rest = httpserver.log
    assert rest == []
    assert request.get_json()["event"] == "booking.advised"
