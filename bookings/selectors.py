"""Reads: who may see which bookings."""

from django.db.models import Prefetch, QuerySet

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
