"""Scheduled review work: closing past events and escalating overdue reviews.

A timer never gives advice. An event that passes while still under review
becomes `lapsed` (a service failure, counted as such), never adverse advice.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django_fsm import has_transition_perm

from bookings.audit import audit_record
from bookings.enums import BookingStatus
from bookings.models import Booking
from bookings.notifications.email import officer_escalation_email
from bookings.roles import Role

CLOSABLE = (BookingStatus.NOT_IN_SCOPE, BookingStatus.CLEARED, BookingStatus.ADVISED)
# Waiting on an officer. A booking waiting for the venue's answer (info_requested)
# is not the officer's delay, so it is not escalated.
ESCALATABLE = tuple(s for s in BookingStatus.UNDER_REVIEW if s != BookingStatus.INFO_REQUESTED)


def bookings_close_past(*, now=None) -> dict:
    """Move bookings whose event has ended: under review → lapsed, otherwise → closed."""
    now = now or timezone.now()
    ended = Booking.objects.filter(ends_at__lt=now)
    counts = {"lapsed": 0, "closed": 0}
    for pk in ended.filter(status__in=BookingStatus.UNDER_REVIEW).values_list("pk", flat=True):
        counts["lapsed"] += _system_transition(pk, "lapse", service_failure=True)
    for pk in ended.filter(status__in=CLOSABLE).values_list("pk", flat=True):
        counts["closed"] += _system_transition(pk, "close")
    return counts


@transaction.atomic
def _system_transition(pk: int, name: str, **audit) -> int:
    booking = Booking.objects.select_for_update().get(pk=pk)
    method = getattr(booking, name)
    # Scheduled jobs act as None (permissions.is_system); django-fsm types the caller as a user.
    if not has_transition_perm(method, None):  # type: ignore[arg-type]
        return 0  # changed since it was listed; the next run sees it again
    before = booking.status
    method()
    booking.save()
    audit_record(
        by=None,
        action=f"booking.{name}",
        target=booking,
        data={"from": before, "to": booking.status, **audit},
    )
    return 1


def officers_by_load():
    """Active officers, least assigned open reviews first."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.PREVENT_OFFICER)
        .annotate(
            open_reviews=Count(
                "assigned_bookings", filter=Q(assigned_bookings__status__in=BookingStatus.UNDER_REVIEW)
            )
        )
        .order_by("open_reviews", "pk")
    )


def reviews_escalate_overdue(*, now=None) -> list[Booking]:
    """Give each overdue, not yet escalated review to another officer (the least
    loaded), tell them by e-mail, and audit it. Escalated once per review."""
    now = now or timezone.now()
    overdue = Booking.objects.filter(status__in=ESCALATABLE, review_due_at__lt=now, escalated_at__isnull=True)
    return [b for pk in overdue.values_list("pk", flat=True) if (b := _escalate(pk, now))]


@transaction.atomic
def _escalate(pk: int, now) -> Booking | None:
    booking = Booking.objects.select_for_update().get(pk=pk)
    if booking.escalated_at is not None or booking.status not in ESCALATABLE:
        return None
    officer = officers_by_load().exclude(pk=booking.assigned_to_id).first()
    if officer is None:
        return None  # no one else to escalate to; stays overdue in the queue
    before = booking.assigned_to
    booking.assigned_to, booking.assigned_at, booking.escalated_at = officer, now, now
    booking.save(update_fields=["assigned_to", "assigned_at", "escalated_at"])
    audit_record(
        by=None,
        action="booking.escalated",
        target=booking,
        data={
            "from_officer": before.get_username() if before else None,
            "to_officer": officer.get_username(),
            "due": booking.review_due_at,
        },
    )
    transaction.on_commit(lambda: officer_escalation_email(booking=booking, officer=officer))
    return booking
