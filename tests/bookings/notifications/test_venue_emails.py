"""A venue's e-mail about its booking is sent once, however often its task is delivered:
each e-mail is a stored row (`VenueEmail`) that records its sending under the row's lock.

Delivery is at least once (a redelivery after a worker crash, Celery's acks_late), so
each test delivers the same task again, or kills the send half-way, as a crashed worker
would. The one duplicate left is a crash after the mail server accepted the message and
before the record committed; it is kept as a test so the window stays the documented one.
"""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from io import StringIO
from threading import Barrier
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from bookings.models import VenueEmail
from bookings.notifications import email as venue_mail
from bookings.notifications.sending import OWED_AFTER, OWED_FOR
from bookings.notifications.services import booking_changed
from bookings.notifications.tasks import send_venue_email
from tests.factories.bookings import BookingFactory

pytestmark = pytest.mark.django_db

EVENT = "booking.advice_changed"


class WorkerKilled(BaseException):
    """What the process sees of a SIGKILL, in-process: nothing after it runs, no
    `except Exception` catches it, and the open transaction is rolled back."""


@pytest.fixture
def booking(venue):
    venue.contact_email = "bookings@riverside.example"
    venue.save()
    return BookingFactory(venue=venue, external_ref="HB-2026-0042")


def changed(booking, django_capture_on_commit_callbacks, event=EVENT) -> VenueEmail:
    """The change committed, its e-mail stored and its task run once (the immediate backend)."""
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            booking_changed(booking=booking, event=event)
    return VenueEmail.objects.filter(booking=booking).latest("id")


def stored(booking, django_capture_on_commit_callbacks) -> VenueEmail:
    """The change committed and its e-mail stored; its task not yet run."""
    with django_capture_on_commit_callbacks(execute=False):
        with transaction.atomic():
            booking_changed(booking=booking, event=EVENT)
    return VenueEmail.objects.get(booking=booking)


def deliver_again(email: VenueEmail) -> bool:
    """The same task, with the same arguments, delivered once more."""
    return send_venue_email.call(email.booking_id, email.event, email.pk)


def test_a_change_stores_its_email_and_sends_it(booking, django_capture_on_commit_callbacks):
    email = changed(booking, django_capture_on_commit_callbacks)

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["bookings@riverside.example"], "Advice on booking HB-2026-0042")
    ]
    assert email.event == EVENT and email.sent_at is not None


def test_the_same_task_delivered_twice_sends_one_email(booking, django_capture_on_commit_callbacks):
    email = changed(booking, django_capture_on_commit_callbacks)
    sent_at = email.sent_at

    assert deliver_again(email) is False
    assert deliver_again(email) is False

    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.sent_at == sent_at


def test_two_changes_are_two_emails_even_for_the_same_event(booking, django_capture_on_commit_callbacks):
    """Sending once is per e-mail, not per booking and event: news twice is two e-mails."""
    changed(booking, django_capture_on_commit_callbacks)
    changed(booking, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 2
    assert VenueEmail.objects.filter(booking=booking, sent_at__isnull=False).count() == 2


def test_a_rolled_back_change_stores_no_email_and_sends_nothing(booking, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            booking_changed(booking=booking, event=EVENT)
            raise RuntimeError("the change failed")

    assert not VenueEmail.objects.exists()
    assert mail.outbox == []


def test_a_worker_killed_before_the_mail_server_accepted_it_leaves_it_to_be_sent_once(
    booking, django_capture_on_commit_callbacks
):
    email = stored(booking, django_capture_on_commit_callbacks)
    with mock.patch.object(venue_mail, "send_mail", side_effect=WorkerKilled), pytest.raises(WorkerKilled):
        deliver_again(email)
    email.refresh_from_db()
    assert (email.sent_at, mail.outbox) == (None, [])  # not recorded as sent: never lost

    assert deliver_again(email) is True  # the redelivery sends it
    assert deliver_again(email) is False

    assert len(mail.outbox) == 1


def test_a_worker_killed_after_the_mail_server_accepted_it_sends_it_twice_the_documented_window(
    booking, django_capture_on_commit_callbacks
):
    """Between the server's acceptance and the commit of `sent_at` a crash loses the
    record, not the e-mail: the redelivery sends a second copy, then no more."""
    accepted = venue_mail.send_mail

    def accepted_then_killed(**message):
        accepted(**message)
        raise WorkerKilled

    email = stored(booking, django_capture_on_commit_callbacks)
    with mock.patch.object(venue_mail, "send_mail", accepted_then_killed), pytest.raises(WorkerKilled):
        deliver_again(email)
    email.refresh_from_db()
    assert (email.sent_at, len(mail.outbox)) == (None, 1)

    assert deliver_again(email) is True
    assert deliver_again(email) is False

    assert len(mail.outbox) == 2
    assert mail.outbox[0].body == mail.outbox[1].body


def test_a_mail_server_that_refuses_leaves_the_email_unsent_for_the_next_delivery(
    booking, django_capture_on_commit_callbacks
):
    email = stored(booking, django_capture_on_commit_callbacks)
    refused = mock.patch.object(venue_mail, "send_mail", side_effect=ConnectionRefusedError)
    with refused, pytest.raises(ConnectionRefusedError):
        deliver_again(email)

    email.refresh_from_db()
    assert email.sent_at is None
    assert deliver_again(email) is True
    assert len(mail.outbox) == 1


def test_a_task_queued_before_emails_were_recorded_still_sends(booking):
    """Rows queued by the previous release carry (booking id, event) only."""
    assert send_venue_email.call(booking.pk, EVENT) is True

    assert [m.subject for m in mail.outbox] == ["Advice on booking HB-2026-0042"]
    assert not VenueEmail.objects.exists()


def stored_ago(booking, age: timedelta) -> VenueEmail:
    return VenueEmail.objects.create(booking=booking, event=EVENT, created_at=timezone.now() - age)


def reconcile() -> str:
    out = StringIO()
    call_command("reconcile_background_work", stdout=out)
    return out.getvalue()


def test_an_email_whose_task_failed_on_a_refusing_mail_server_is_sent_by_reconciliation(
    booking, django_capture_on_commit_callbacks
):
    email = stored(booking, django_capture_on_commit_callbacks)
    refused = mock.patch.object(venue_mail, "send_mail", side_effect=ConnectionRefusedError)
    with refused, pytest.raises(ConnectionRefusedError):
        deliver_again(email)  # its task: FAILED, and never run again
    VenueEmail.objects.filter(pk=email.pk).update(created_at=timezone.now() - OWED_AFTER)

    assert "venue e-mails sent 1" in reconcile()
    assert "venue e-mails sent 0" in reconcile()

    assert len(mail.outbox) == 1
    assert deliver_again(email) is False  # a late redelivery of the task sends nothing more


def test_reconciliation_leaves_a_fresh_email_to_its_task_and_an_old_one_unsent(booking):
    fresh = stored_ago(booking, OWED_AFTER - timedelta(seconds=30))
    stale_news = stored_ago(booking, OWED_FOR + timedelta(minutes=1))

    assert "venue e-mails sent 0" in reconcile()

    assert mail.outbox == []
    assert VenueEmail.objects.filter(pk__in=[fresh.pk, stale_news.pk], sent_at=None).count() == 2


def test_a_mail_server_still_refusing_fails_the_job_and_the_next_run_tries_again(booking):
    stored_ago(booking, OWED_AFTER * 2)

    with mock.patch.object(venue_mail, "send_mail", side_effect=ConnectionRefusedError):
        with pytest.raises(CommandError, match="could not send venue e-mails"):
            reconcile()
    assert "venue e-mails sent 1" in reconcile()

    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_eight_deliveries_at_once_send_one_email(booking):
    """Redeliveries racing each other (PostgreSQL's row lock; SQLite's write lock)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers itself; the row lock is PostgreSQL's")
    email = VenueEmail.objects.create(booking=booking, event=EVENT)
    start = Barrier(8)

    def deliver(_):
        try:
            start.wait()
            return deliver_again(email)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        sent = list(pool.map(deliver, range(8)))

    assert sorted(sent) == [False] * 7 + [True]
    assert len(mail.outbox) == 1
