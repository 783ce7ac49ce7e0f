"""Who is calling: a venue system (API key) or a person (session), and what they see."""

from bookings.roles import Role, has_role
from bookings.selectors import booking_list_for_user, booking_list_for_venue

from .authentication import VenueClient


def is_venue_client(user) -> bool:
    return isinstance(user, VenueClient)


def visible_bookings(user):
    if is_venue_client(user):
        return booking_list_for_venue(venue=user.venue)
    return booking_list_for_user(user=user)


def actor_label(user) -> str:
    if is_venue_client(user):
        return str(user)
    return f"user:{user.get_username()}"


def may_submit_for(user, booking_venue) -> bool:
    if is_venue_client(user):
        return user.venue == booking_venue
    return has_role(user, Role.VENUE_STAFF) and user.venues.filter(pk=booking_venue.pk).exists()


def sees_match_details(user) -> bool:
    return not is_venue_client(user) and has_role(user, Role.PREVENT_OFFICER)

