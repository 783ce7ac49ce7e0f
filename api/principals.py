"""Who is calling: a venue system (API key) or a person (session), and what they see."""

from bookings.selectors import booking_list_for_user, booking_list_for_venue

from .authentication import VenueClient


def is_venue_client(user) -> bool:
    return isinstance(user, VenueClient)


def visible_bookings(user):
    if is_venue_client(user):
        return booking_list_for_venue(venue=user.venue)
    return booking_list_for_user(user=user)
