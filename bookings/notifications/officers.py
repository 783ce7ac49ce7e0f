"""Telling Prevent Officers what needs them: a new flag, an answer, a review request, an
expedite request.

`officers_notify` (notifications/services.py) runs inside the caller's transaction and
stores one OfficerNotice per officer there, so a committed change always has its notices
(nothing is lost if the worker is down). An officer who chose "each notice"
gets an e-mail at once (queued after commit); one who chose the daily digest
gets one e-mail a day listing them (`officer_digests_send`, from
`run_periodic_jobs`). Every e-mail links to the booking's review page. Each is sent once
through `sending.rows_send_once`, and a notice whose task failed or was lost is sent by
reconciliation (`officer_notices_send_owed`), as a venue's e-mail is.
"""

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from bookings.enums import OfficerNoticeKind
from bookings.models import Booking, OfficerEmailPreference, OfficerNotice
from bookings.notifications.email import booking_link, send_plain
from bookings.notifications.sending import rows_send_once, rows_send_owed
from bookings.roles import Role

DIGEST_EVERY = timedelta(days=1)

SUBJECTS: dict[str, str] = {
    OfficerNoticeKind.NEW_FLAG: "A booking needs review: {ref} at {venue}",
    OfficerNoticeKind.ANSWER: "The venue answered your question on {ref}",
    OfficerNoticeKind.REVIEW_REQUEST: "Review requested: {venue} asks for another look at advice on {ref}",
    OfficerNoticeKind.EXPEDITE: "Expedite requested: {venue} needs advice on {ref} sooner",
    OfficerNoticeKind.PROPOSAL_REOPENED: "New evidence: the decline you proposed on {ref} needs another look",
}


def officers_who_can_hear():
    """Active Prevent Officers with an address. Asked again at send time: a notice waits
    in the queue (and up to OWED_FOR for reconciliation), and someone whose role, account
    or address went meanwhile must not be sent a flagged booking's details."""
    users = get_user_model().objects
    return users.filter(groups__name=Role.PREVENT_OFFICER, is_active=True).exclude(email="")


def officer_recipients(booking: Booking, kind: str):
    """Officers with an address. An answer, an expedite or new evidence on a proposed decline
    goes to the officer on the booking,
    if any; a review request never to the officer whose advice it questions."""
    officers = officers_who_can_hear()
    to_assigned = (OfficerNoticeKind.ANSWER, OfficerNoticeKind.EXPEDITE, OfficerNoticeKind.PROPOSAL_REOPENED)
    if kind in to_assigned and booking.assigned_to_id:
        return officers.filter(pk=booking.assigned_to_id)
    if kind == OfficerNoticeKind.REVIEW_REQUEST:
        request = booking.review_requests.order_by("-requested_at", "-id").first()
        if request and request.original_officer_id:
            return officers.exclude(pk=request.original_officer_id)
    return officers


def officer_notice_send(*, notice_id: int) -> bool:
    """Send one notice now, once (`sending.rows_send_once`): a notice already sent, or in a
    digest, is not sent again, and one whose officer is no longer an active officer with an
    address is not sent at all (it stays unsent, and reconciliation skips it too). The
    recipient is checked in the locking query, so it is their state at send time. True if
    this call sent it."""
    notices = OfficerNotice.objects.filter(
        pk=notice_id, officer__in=officers_who_can_hear().values("pk")
    ).select_related("officer", "booking__venue")
    return bool(rows_send_once(notices, lambda unsent: _notice_email(unsent[0])))


def _notice_email(notice: OfficerNotice) -> None:
    booking = notice.booking
    send_plain(
        subject=_subject(notice),
        lines=[*_notice_lines(notice), "", f"Open the booking: {booking_link(booking, officer=True)}"],
        to=notice.officer.email,
    )


def officer_notices_send_owed(*, now: datetime | None = None) -> tuple[int, list[int]]:
    """Send every notice its task left unsent (`sending.rows_send_owed`: the mail server
        refused, or the task was lost) to an officer who hears of each notice at once; a digest
        officer's wait for the digest, and one no longer an active officer with an address gets
    none. Returns how many were sent and the ids that failed again."""
    digest = OfficerEmailPreference.objects.filter(daily_digest=True).values("user_id")
    # Still an officer who can hear: days may have passed since the notice was stored.
    at_once = OfficerNotice.objects.filter(officer__in=officers_who_can_hear().values("pk")).exclude(
        officer__in=digest
    )
    return rows_send_owed(
        at_once,
        lambda pk: officer_notice_send(notice_id=pk),
        what="officer notice",
        now=now,
    )


def officer_digests_send(*, now=None) -> int:
    """One e-mail to each digest officer with unsent notices, at most once a day. Returns how many."""
    now = now or timezone.now()
    sent = 0
    preferences = OfficerEmailPreference.objects.filter(
        daily_digest=True, user__in=officers_who_can_hear().values("pk")
    ).select_related("user")
    for preference in preferences:
        if preference.last_digest_at and now - preference.last_digest_at < DIGEST_EVERY:
            continue
        sent += _digest_send(preference, now)
    return sent


def _digest_send(preference: OfficerEmailPreference, now: datetime) -> int:
    """The officer's unsent notices in one e-mail, through `sending.rows_send_once`: the
    digest's time is recorded in the same transaction as the notices sent."""
    if not preference.user.email:
        return 0

    def send(notices: list[OfficerNotice]) -> None:
        lines = [f"{len(notices)} thing{'s' if len(notices) != 1 else ''} for you since the last digest:", ""]
        for notice in notices:
            lines += [f"- {_subject(notice)}", f"  {booking_link(notice.booking, officer=True)}"]
        send_plain(
            subject=f"venue-check daily digest: {len(notices)} for you", lines=lines, to=preference.user.email
        )
        preference.last_digest_at = now
        preference.save(update_fields=["last_digest_at"])

    notices = OfficerNotice.objects.filter(officer=preference.user).select_related("booking__venue")
    return 1 if rows_send_once(notices, send, now=now) else 0


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
