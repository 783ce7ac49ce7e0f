"""E-mail: the venue contact about its booking, and an officer about an escalated review.

Only what the venue may see: never match details, never the officer's notes.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bookings.models import Booking, VenueEmail
from bookings.notifications.payloads import venue_payload

logger = logging.getLogger(__name__)

# An unsent venue e-mail is left this long to its own task, then sent by reconciliation...
VENUE_EMAIL_OWED_AFTER = timedelta(minutes=5)
# ...until it is this old: news of a booking two days late is no longer worth sending.
VENUE_EMAIL_OWED_FOR = timedelta(days=2)


def booking_link(booking: Booking, *, officer: bool = False) -> str:
    """The booking's page as an absolute address (SITE_URL), for the venue or the officer."""
    name = "bookings:review_detail" if officer else "bookings:detail"
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs={"public_id": booking.public_id})


def send_plain(*, subject: str, lines: list[str], to: str) -> None:
    send_mail(
        subject=subject,
        message="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[to],
    )


EMAIL_SUBJECTS = {
    "booking.advice_changed": "Advice on booking {ref}",
    "booking.information_requested": "The Prevent Officer has a question about booking {ref}",
}


def venue_email_send(*, booking: Booking, event: str) -> None:
    payload = venue_payload(booking, event)["booking"]
    lines = [
        f"Booking {booking.external_ref}: {booking.title} ({booking.starts_at:%d %B %Y})",
        f"Status: {booking.get_status_display()}",
    ]
    if payload["question"] and booking.status == "info_requested":
        lines += [
            "",
            "Question from the Prevent Officer:",
            payload["question"],
            "",
            "Please answer through your booking system or the venue-check site.",
        ]
    if booking.advice:
        lines += ["", f"Advice: {booking.get_advice_display()}", booking.advice_rationale]
        lines += [f"- {c['label']}" for c in payload["advice_conditions"]]
        if booking.advice_conditions_text:
            lines.append(f"- {booking.advice_conditions_text}")
        lines += ["", "This advice is advisory: the decision is the venue's."]
    lines += ["", f"See the booking: {booking_link(booking)}"]
    send_plain(
        subject=EMAIL_SUBJECTS.get(event, "Booking {ref}").format(ref=booking.external_ref),
        lines=lines,
        to=booking.venue.contact_email,
    )


def venue_email_send_once(*, email_id: int) -> bool:
    """Send a stored venue e-mail unless it was sent already; True if this call sent it.

    The row is locked, the message handed to the mail server, then `sent_at` recorded, in
    one transaction. A worker that dies before the server accepts the message leaves it
    unsent (the transaction rolls back, the task is delivered again and sends it): never
    lost. One that dies after the server accepted it and before the commit leaves it
    unsent too, and the next delivery sends it a second time: that window, the mail
    server's answer to the commit, is the only way the venue hears twice. Recording first
    would close it by losing the e-mail instead, when the worker dies before sending.
    A second delivery waits for the first's lock and finds it sent.
    """
    with transaction.atomic():
        email = (
            VenueEmail.objects.select_for_update(of=("self",))
            .select_related("booking__venue")
            .get(pk=email_id)
        )
        if email.sent_at is not None:
            return False
        venue_email_send(booking=email.booking, event=email.event)
        email.sent_at = timezone.now()
        email.save(update_fields=["sent_at"])
    return True


def venue_emails_send_owed(*, now: datetime | None = None) -> tuple[int, list[int]]:
    """Send every venue e-mail still unsent VENUE_EMAIL_OWED_AFTER after it was stored
    (its task failed, the mail server refusing, or was lost), up to VENUE_EMAIL_OWED_FOR;
    each through `venue_email_send_once`, so a task sending it meanwhile sends it once
    between them. Returns how many were sent and the ids that failed again."""
    now = now or timezone.now()
    owed = VenueEmail.objects.filter(
        sent_at=None,
        created_at__lte=now - VENUE_EMAIL_OWED_AFTER,
        created_at__gt=now - VENUE_EMAIL_OWED_FOR,
    )
    sent, failed = 0, []
    for email_id in list(owed.order_by("pk").values_list("pk", flat=True)):
        try:
            sent += venue_email_send_once(email_id=email_id)
        except Exception:
            # The mail server still refusing: the next run tries again.
            logger.exception("venue e-mail %s could not be sent", email_id)
            failed.append(email_id)
    return sent, failed


def officer_escalation_email(*, booking: Booking, officer) -> None:
    if not officer.email:
        return
    send_plain(
        subject=f"Overdue review escalated to you: booking {booking.external_ref}",
        lines=[
            f"Advice on booking {booking.external_ref} ({booking.venue}) was due "
            f"{booking.review_due_at:%d %B %Y %H:%M}. It is now assigned to you.",
            "",
            f"Open the booking: {booking_link(booking, officer=True)}",
        ],
        to=officer.email,
    )
