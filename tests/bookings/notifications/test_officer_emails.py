"""Officers hear about what needs them (a new flag, an answer, a review request, an expedite
request) by e-mail, each linking to the booking, or in one daily digest if they chose it.
Venue e-mails link to the booking too."""

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from bookings.enums import Advice, OfficerNoticeKind
from bookings.models import OfficerNotice
from bookings.notifications import email as venue_mail
from bookings.notifications.officers import officer_digests_send, officer_email_preference_set
from bookings.notifications.sending import OWED_AFTER, OWED_FOR
from bookings.notifications.tasks import send_officer_notice
from bookings.review.services import (
    booking_answer_info,
    booking_expedite,
    booking_request_info,
    booking_request_review,
)
from bookings.roles import Role
from tests.factories.bookings import make_user
from tests.factories.review import advised_booking, flagged_booking, in_review_booking, make_officer

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://venue-check.example.gov.uk"


def officer_with_address(username: str):
    officer = make_officer(username)
    officer.email = f"{username}@council.example"
    officer.save()
    return officer


def sent_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def test_a_new_flag_emails_every_officer_with_a_link_to_the_booking(
    venue, watchlist, django_capture_on_commit_callbacks
):
    officer_with_address("olivia")
    officer_with_address("oscar")
    make_officer("nomail")  # no address: nothing to send

    with django_capture_on_commit_callbacks(execute=True):
        booking = flagged_booking(venue, ref="HB-2026-0042")

    link = f"https://venue-check.example.gov.uk/review/{booking.public_id}/"
    assert sorted(m.to[0] for m in mail.outbox) == ["olivia@council.example", "oscar@council.example"]
    assert mail.outbox[0].subject == "A booking needs review: HB-2026-0042 at Riverside Community Centre"
    assert link in mail.outbox[0].body
    assert OfficerNotice.objects.filter(kind=OfficerNoticeKind.NEW_FLAG, sent_at__isnull=False).count() == 2


def test_a_clear_booking_emails_no_officer(venue, watchlist, django_capture_on_commit_callbacks):
    officer_with_address("olivia")

    with django_capture_on_commit_callbacks(execute=True):
        flagged_booking(venue, speaker="Jane Greenwood")

    assert mail.outbox == []


def test_the_answer_goes_to_the_officer_who_asked(venue, watchlist, django_capture_on_commit_callbacks):
    olivia, _ = officer_with_address("olivia"), officer_with_address("oscar")
    booking = booking_request_info(
        booking=in_review_booking(venue, olivia), by=olivia, question="Who chairs the event?"
    )
    staff = make_user("sam", Role.VENUE_STAFF, venue)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        booking_answer_info(booking=booking, by=staff, answer="Our centre manager.")

    assert [m.to for m in mail.outbox] == [["olivia@council.example"]]
    assert mail.outbox[0].subject == "The venue answered your question on HB-1"
    assert f"/review/{booking.public_id}/" in mail.outbox[0].body
    assert "Our centre manager." not in mail.outbox[0].body  # read it on the page, not in an inbox


def test_a_review_request_never_goes_to_the_officer_whose_advice_it_questions(
    venue, watchlist, django_capture_on_commit_callbacks
):
    olivia, _ = officer_with_address("olivia"), officer_with_address("oscar")
    booking = advised_booking(venue, olivia, advice=Advice.PROCEED_WITH_CONDITIONS)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        booking_request_review(
            booking=booking, by=make_user("sam", Role.VENUE_STAFF, venue), reason="We disagree."
        )

    officer_mail = [m for m in mail.outbox if m.to[0].endswith("@council.example")]
    assert [m.to for m in officer_mail] == [["oscar@council.example"]]
    assert officer_mail[0].subject.startswith("Review requested: Riverside Community Centre")


def test_an_expedite_request_goes_to_the_officer_on_the_booking(
    venue, watchlist, django_capture_on_commit_callbacks
):
    olivia, _ = officer_with_address("olivia"), officer_with_address("oscar")
    booking = in_review_booking(venue, olivia)
    soon = timezone.now() + timedelta(days=3)  # made at short notice: only then can it be expedited
    type(booking).objects.filter(pk=booking.pk).update(starts_at=soon, ends_at=soon + timedelta(hours=3))
    booking.refresh_from_db()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        booking_expedite(
            booking=booking, by=make_user("sam", Role.VENUE_STAFF, venue), reason="The event is soon."
        )

    assert [m.to for m in mail.outbox] == [["olivia@council.example"]]
    assert "The venue says: The event is soon." in mail.outbox[0].body


def test_a_digest_officer_gets_one_email_a_day_listing_each_booking(
    venue, watchlist, django_capture_on_commit_callbacks
):
    olivia = officer_with_address("olivia")
    officer_email_preference_set(user=olivia, daily_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        first = flagged_booking(venue, ref="HB-1")
        second = flagged_booking(venue, ref="HB-2")
    assert mail.outbox == []  # nothing at once

    now = timezone.now()
    sent = officer_digests_send(now=now)
    again = officer_digests_send(now=now + timedelta(hours=2))

    assert (sent, again) == (1, 0)
    assert [m.to for m in mail.outbox] == [["olivia@council.example"]]
    digest = mail.outbox[0]
    assert digest.subject == "venue-check daily digest: 2 for you"
    assert f"/review/{first.public_id}/" in digest.body and f"/review/{second.public_id}/" in digest.body
    with django_capture_on_commit_callbacks(execute=True):
        flagged_booking(venue, ref="HB-3")
    assert officer_digests_send(now=now + timedelta(hours=23)) == 0  # not twice in a day
    assert officer_digests_send(now=now + timedelta(days=1, minutes=1)) == 1
    assert "1 thing for you" in mail.outbox[1].body


def test_a_notice_is_sent_once_even_if_its_task_runs_twice(
    venue, watchlist, django_capture_on_commit_callbacks
):
    from bookings.notifications.officers import officer_notice_send

    officer_with_address("olivia")
    with django_capture_on_commit_callbacks(execute=True):
        flagged_booking(venue)
    notice = OfficerNotice.objects.get()

    assert officer_notice_send(notice_id=notice.pk) is False  # already sent by its task
    assert len(mail.outbox) == 1


def test_venue_emails_link_to_the_booking(venue, watchlist, django_capture_on_commit_callbacks):
    venue.contact_email = "bookings@riverside.example"
    venue.save()
    officer = make_officer()

    with django_capture_on_commit_callbacks(execute=True):
        booking = advised_booking(venue, officer)

    venue_mail = sent_to("bookings@riverside.example")
    assert venue_mail
    assert all(
        f"https://venue-check.example.gov.uk/bookings/{booking.public_id}/" in m.body for m in venue_mail
    )


def test_an_officer_chooses_the_digest_on_the_page(client, db):
    officer = make_officer("olivia")
    client.force_login(officer)

    page = client.get("/review/email/")
    missing = client.post("/review/email/", {})
    chosen = client.post("/review/email/", {"how": "digest"})

    assert page.status_code == 200
    assert page.context["form"]["how"].value() == "each"
    assert missing.status_code == 400
    assert chosen.status_code == 302
    assert officer.officer_email_preference.daily_digest is True


def test_seed_demo_says_it_revoked_the_earlier_demo_key(capsys, db):
    from bookings.models import ApiKey

    call_command("seed_demo")
    first = capsys.readouterr().out
    call_command("seed_demo")
    second = capsys.readouterr().out

    assert "No earlier demo API key for Riverside Community Centre to revoke." in first
    assert "Revoked 1 earlier demo API key(s) for Riverside Community Centre" in second
    assert ApiKey.objects.filter(name="demo").active().count() == 1
    assert "officer@venue-check.example" in second


# --- an officer's e-mail whose task failed is sent by reconciliation, once ---------------------


def reconcile() -> str:
    out = StringIO()
    call_command("reconcile_background_work", stdout=out)
    return out.getvalue()


def stored_notice_ago(booking, officer, age: timedelta) -> OfficerNotice:
    return OfficerNotice.objects.create(
        officer=officer, booking=booking, kind=OfficerNoticeKind.NEW_FLAG, created_at=timezone.now() - age
    )


def test_an_officer_email_whose_task_failed_on_a_refusing_mail_server_is_sent_by_reconciliation(
    venue, watchlist, django_capture_on_commit_callbacks
):
    officer_with_address("olivia")
    refused = mock.patch.object(venue_mail, "send_mail", side_effect=ConnectionRefusedError)
    with refused, django_capture_on_commit_callbacks(execute=True):
        flagged_booking(venue, ref="HB-2026-0042")  # its task: FAILED, and never run again
    notice = OfficerNotice.objects.get()
    assert (notice.sent_at, mail.outbox) == (None, [])
    OfficerNotice.objects.filter(pk=notice.pk).update(created_at=timezone.now() - OWED_AFTER)

    assert "officer e-mails sent 1" in reconcile()
    assert "officer e-mails sent 0" in reconcile()

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["olivia@council.example"], "A booking needs review: HB-2026-0042 at Riverside Community Centre")
    ]
    assert send_officer_notice.call(notice.pk) is False  # a late redelivery of the task sends nothing


def test_reconciliation_leaves_a_fresh_notice_to_its_task_an_old_one_and_a_digest_officers_unsent(
    venue, watchlist
):
    olivia, oscar = officer_with_address("olivia"), officer_with_address("oscar")
    officer_email_preference_set(user=oscar, daily_digest=True)
    booking = flagged_booking(venue)
    OfficerNotice.objects.all().delete()
    fresh = stored_notice_ago(booking, olivia, OWED_AFTER - timedelta(seconds=30))
    stale_news = stored_notice_ago(booking, olivia, OWED_FOR + timedelta(minutes=1))
    for_the_digest = stored_notice_ago(booking, oscar, OWED_AFTER * 2)

    assert "officer e-mails sent 0" in reconcile()

    assert mail.outbox == []
    assert (
        OfficerNotice.objects.filter(
            pk__in=[fresh.pk, stale_news.pk, for_the_digest.pk], sent_at=None
        ).count()
        == 3
    )
    assert officer_digests_send() == 1  # the digest still has it


def test_an_officer_mail_server_still_refusing_fails_the_job_and_the_next_run_tries_again(venue, watchlist):
    olivia = officer_with_address("olivia")
    booking = flagged_booking(venue)
    OfficerNotice.objects.all().delete()
    stored_notice_ago(booking, olivia, OWED_AFTER * 2)

    with mock.patch.object(venue_mail, "send_mail", side_effect=ConnectionRefusedError):
        with pytest.raises(CommandError, match="could not send officer e-mails"):
            reconcile()
    assert "officer e-mails sent 1" in reconcile()

    assert len(mail.outbox) == 1


def test_reconciliation_sends_no_owed_notice_to_someone_no_longer_an_officer(venue, watchlist):
    """Up to two days pass before reconciliation sends a notice: one whose officer has since
    left the role, been deactivated or lost the address is not sent to them."""
    olivia, oscar, orla = (officer_with_address(name) for name in ("olivia", "oscar", "orla"))
    booking = flagged_booking(venue)
    OfficerNotice.objects.all().delete()
    for officer in (olivia, oscar, orla):
        stored_notice_ago(booking, officer, OWED_AFTER * 2)
    oscar.groups.clear()  # moved to another role
    User.objects.filter(pk=orla.pk).update(is_active=False)

    assert "officer e-mails sent 1" in reconcile()

    assert [m.to for m in mail.outbox] == [["olivia@council.example"]]
