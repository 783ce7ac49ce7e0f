"""An officer's e-mail is sent to whoever is an active officer with an address when it is
sent, not when it was queued: a notice waits in the queue (or for reconciliation), and
someone who left the role meanwhile must not receive a flagged booking's details. These use
the real send-once rows (`OfficerNotice`, `sending.rows_send_once`) and the real task."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from bookings.models import OfficerNotice
from bookings.notifications.officers import officer_digests_send, officer_email_preference_set
from bookings.notifications.sending import OWED_AFTER
from bookings.notifications.tasks import send_officer_notice
from tests.factories.review import flagged_booking, make_officer

pytestmark = pytest.mark.django_db
User = get_user_model()


def officer_with_address(username: str):
    officer = make_officer(username)
    officer.email = f"{username}@council.example"
    officer.save()
    return officer


def role_removed(user) -> None:
    user.groups.clear()


def deactivated(user) -> None:
    User.objects.filter(pk=user.pk).update(is_active=False)


def address_removed(user) -> None:
    User.objects.filter(pk=user.pk).update(email="")


@pytest.mark.parametrize("change", [role_removed, deactivated, address_removed])
def test_an_email_queued_for_an_officer_is_not_sent_once_they_are_no_longer_one(
    change, venue, watchlist, django_capture_on_commit_callbacks
):
    officer_with_address("olivia")
    oscar = officer_with_address("oscar")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        flagged_booking(venue)  # stores a notice for each, and queues their e-mails after commit

    change(oscar)  # between queueing and sending
    for callback in queued:
        callback()

    assert [m.to for m in mail.outbox] == [["olivia@council.example"]]
    notices = dict(OfficerNotice.objects.values_list("officer__username", "sent_at"))
    assert notices["oscar"] is None and notices["olivia"] is not None


def test_a_redelivered_task_still_sends_nothing_to_someone_who_left_the_role(
    venue, watchlist, django_capture_on_commit_callbacks
):
    oscar = officer_with_address("oscar")
    with django_capture_on_commit_callbacks(execute=False):
        flagged_booking(venue)
    notice = OfficerNotice.objects.get()
    role_removed(oscar)

    first, again = send_officer_notice.call(notice.pk), send_officer_notice.call(notice.pk)

    assert (first, again, mail.outbox) == (False, False, [])


def test_reconciliation_does_not_send_it_later_either(venue, watchlist, django_capture_on_commit_callbacks):
    oscar = officer_with_address("oscar")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        flagged_booking(venue)
    role_removed(oscar)
    for callback in queued:
        callback()
    OfficerNotice.objects.update(created_at=timezone.now() - OWED_AFTER * 2)

    out = StringIO()
    call_command("reconcile_background_work", stdout=out)

    assert "officer e-mails sent 0" in out.getvalue()
    assert mail.outbox == []


def test_an_officer_given_the_role_back_before_the_send_gets_it(
    venue, watchlist, django_capture_on_commit_callbacks
):
    oscar = officer_with_address("oscar")
    groups = list(oscar.groups.all())
    with django_capture_on_commit_callbacks(execute=False) as queued:
        flagged_booking(venue)
    role_removed(oscar)
    oscar.groups.set(groups)  # a mistaken removal, put right before the worker ran
    for callback in queued:
        callback()

    assert [m.to for m in mail.outbox] == [["oscar@council.example"]]


def test_a_digest_is_not_sent_to_someone_who_left_the_role(
    venue, watchlist, django_capture_on_commit_callbacks
):
    olivia, oscar = officer_with_address("olivia"), officer_with_address("oscar")
    for officer in (olivia, oscar):
        officer_email_preference_set(user=officer, daily_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        flagged_booking(venue)
    role_removed(oscar)

    sent = officer_digests_send(now=timezone.now() + timedelta(minutes=1))

    assert sent == 1
    assert [m.to for m in mail.outbox] == [["olivia@council.example"]]
    assert OfficerNotice.objects.get(officer=oscar).sent_at is None
