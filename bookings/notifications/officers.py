"""Telling Prevent Officers what needs them: a new flag, an answer, a review request, an
expedite request.

`officers_notify` (notifications/services.py) runs inside the caller's transaction and
stores one OfficerNotice per officer there, so a committed change always has its notices
(nothing is lost if the worker is down). An officer who chose "each notice"
gets an e-mail at once (queued after commit); one who chose the daily digest
gets one e-mail a day listing them (`officer_digests_send`, from
`run_periodic_jobs`). Every e-mail links to the booking's review page.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from bookings.enums import OfficerNoticeKind
from bookings.models import Booking, OfficerEmailPreference, OfficerNotice
from bookings.notifications.email import booking_link, send_plain
from bookings.roles import Role

DIGEST_EVERY = timedelta(days=1)

SUBJECTS: dict[str, str] = {
    OfficerNoticeKind.NEW_FLAG: "A booking needs review: {ref} at {venue}",
    OfficerNoticeKind.ANSWER: "The venue answered your question on {ref}",
    OfficerNoticeKind.REVIEW_REQUEST: "Review requested: {venue} asks for another look at advice on {ref}",
    OfficerNoticeKind.EXPEDITE: "Expedite requested: {venue} needs advice on {ref} sooner",
    OfficerNoticeKind.PROPOSAL_REOPENED: "New evidence: the decline you proposed on {ref} needs another look",
}


def officer_recipients(booking: Booking, kind: str):
    """Officers with an address. An answer, an expedite or new evidence on a proposed decline
    goes to the officer on the booking,
    if any; a review request never to the officer whose advice it questions."""
    officers = (
        get_user_model().objects.filter(groups__name=Role.PREVENT_OFFICER, is_active=True).exclude(email="")
    )
    to_assigned = (OfficerNoticeKind.ANSWER, OfficerNoticeKind.EXPEDITE, OfficerNoticeKind.PROPOSAL_REOPENED)
    if kind in to_assigned and booking.assigned_to_id:
        return officers.filter(pk=booking.assigned_to_id)
    if kind == OfficerNoticeKind.REVIEW_REQUEST:
        request = booking.review_requests.order_by("-requested_at", "-id").first()
        if request and request.original_officer_id:
            return officers.exclude(pk=request.original_officer_id)
    return officers


def officer_notice_send(*, notice_id: int) -> bool:
    """Send one notice now, once: a notice already sent (or in a digest) is not sent again."""
    with transaction.atomic():
        notice = (
            OfficerNotice.objects.select_for_update(of=("self",))
            .select_related("officer", "booking__venue")
            .get(pk=notice_id)
        )
        if notice.sent_at is not None:
            return False
        booking = notice.booking
        send_plain(
            subject=_subject(notice),
            lines=[*_notice_lines(notice), "", f"Open the booking: {booking_link(booking, officer=True)}"],
            to=notice.officer.email,
        )
        notice.sent_at = timezone.now()
        notice.save(update_fields=["sent_at"])
    return True


def officer_digests_send(*, now=None) -> int:
    """One e-mail to each digest officer with unsent notices, at most once a day. Returns how many."""
    now = now or timezone.now()
    sent = 0
    for preference in OfficerEmailPreference.objects.filter(daily_digest=True).select_related("user"):
        if preference.last_digest_at and now - preference.last_digest_at < DIGEST_EVERY:
            continue
        sent += _digest_send(preference, now)
    return sent


def _digest_send(preference: OfficerEmailPreference, now) -> int:
    with transaction.atomic():
        notices = list(
            OfficerNotice.objects.select_for_update(of=("self",))
            .filter(officer=preference.user, sent_at__isnull=True)
            .select_related("booking__venue")
        )
        if not notices or not preference.user.email:
            return 0
        lines = [f"{len(notices)} thing{'s' if len(notices) != 1 else ''} for you since the last digest:", ""]
        for notice in notices:
            lines += [f"- {_subject(notice)}", f"  {booking_link(notice.booking, officer=True)}"]
        send_plain(
            subject=f"venue-check daily digest: {len(notices)} for you", lines=lines, to=preference.user.email
        )
        OfficerNotice.objects.filter(pk__in=[n.pk for n in notices]).update(sent_at=now)
        preference.last_digest_at = now
        preference.save(update_fields=["last_digest_at"])
    return 1


def _subject(notice: OfficerNotice) -> str:
    booking = notice.booking
    return SUBJECTS[notice.kind].format(ref=booking.external_ref, venue=booking.venue.name)


def _notice_lines(notice: OfficerNotice) -> list[str]:
    booking = notice.booking
    starts = timezone.localtime(booking.starts_at)
    lines = [f"{booking.title}, {starts:%A %-d %B %Y, %H:%M}, at {booking.venue.name}."]
    if booking.review_due_at:
        lines.append(f"Advice is due by {timezone.localtime(booking.review_due_at):%A %-d %B %Y}.")
    if notice.kind == OfficerNoticeKind.EXPEDITE and booking.expedite_reason:
        lines.append(f"The venue says: {booking.expedite_reason}")
    return lines


def officer_email_preference_set(*, user, daily_digest: bool) -> OfficerEmailPreference:
    preference, _ = OfficerEmailPreference.objects.update_or_create(
        user=user, defaults={"daily_digest": daily_digest}
    )
    return preference


def officer_wants_digest(user) -> bool:
    return OfficerEmailPreference.objects.filter(user=user, daily_digest=True).exists()
