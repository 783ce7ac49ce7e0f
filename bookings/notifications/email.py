"""E-mail: the venue contact about its booking, and an officer about an escalated review.

Only what the venue may see: never match details, never the officer's notes.
"""

from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from bookings.models import Booking, VenueEmail
from bookings.notifications.payloads import venue_payload
from bookings.notifications.sending import rows_send_once, rows_send_owed


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
    Through `sending.rows_send_once`: locked, sent and recorded in one transaction, so a
    second delivery finds it sent, and a worker killed before the mail server accepted it
    leaves it for the redelivery (docs/operations.md names the one duplicate left)."""
    emails = VenueEmail.objects.filter(pk=email_id).select_related("booking__venue")
    return bool(
        rows_send_once(
            emails, lambda unsent: venue_email_send(booking=unsent[0].booking, event=unsent[0].event)
        )
    )


def venue_emails_send_owed(*, now: datetime | None = None) -> tuple[int, list[int]]:
    """Send every venue e-mail its task left unsent (`sending.rows_send_owed`). Returns how
    many were sent and the ids that failed again."""
    return rows_send_owed(
        VenueEmail.objects.all(), lambda pk: venue_email_send_once(email_id=pk), what="venue e-mail", now=now
    )


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
