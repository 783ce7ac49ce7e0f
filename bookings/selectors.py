"""Reads: who may see which bookings."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from .models import Booking, Party, Venue
from .roles import Role, has_role


def bookings_base() -> QuerySet[Booking]:
    return Booking.objects.select_related("venue").prefetch_related(
        Prefetch("parties", queryset=Party.objects.order_by("position", "id"))
    )


def booking_list_for_venue(*, venue: Venue) -> QuerySet[Booking]:
    return bookings_base().filter(venue=venue)


def booking_list_for_user(*, user) -> QuerySet[Booking]:
    """Officers and administrators see every venue; staff see their venues; others nothing."""
    if has_role(user, Role.PREVENT_OFFICER) or has_role(user, Role.ADMIN):
        return bookings_base()
    if has_role(user, Role.VENUE_STAFF):
        return bookings_base().filter(venue__in=user.venues.all())
    return Booking.objects.none()


SEARCH_MAX = 100


def bookings_matching(bookings: QuerySet[Booking], text: str) -> QuerySet[Booking]:
    """Bookings naming `text` anywhere a person types a name: a party (hirer included), the
    hirer's contact, the event name, or the reference. Used by the queue and "My bookings"."""
    text = text.strip()[:SEARCH_MAX]
    if not text:
        return bookings
    named = Party.objects.filter(booking=OuterRef("pk"), name__icontains=text)
    return bookings.filter(
        Q(external_ref__icontains=text)
        | Q(title__icontains=text)
        | Q(hirer_contact_name__icontains=text)
        | Exists(named)
    )
