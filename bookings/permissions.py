"""Who may trigger which review transition: the `permission=` callables of the state machine.

A caller (`by`) is a person (a Django user) or a venue's booking system (the
API-key principal, which carries `.venue` and `.api_key`). Kept free of `api`
imports so the domain decides, and every channel (API, HTML, commands) obeys.
At the root beside the models that name them, so the models import no sub-package.
"""

from bookings.roles import Role, has_role
from callers import is_venue_system


def is_officer(by) -> bool:
    return not is_venue_system(by) and has_role(by, Role.PREVENT_OFFICER)


def is_any_officer(booking, by) -> bool:
    return is_officer(by)


def speaks_for_venue(booking, by) -> bool:
    """The booking's own venue: its booking system or its staff."""
    if is_venue_system(by):
        return by.venue.pk == booking.venue_id
    return has_role(by, Role.VENUE_STAFF) and by.venues.filter(pk=booking.venue_id).exists()


def may_take(booking, by) -> bool:
    """Any officer may take a flagged booking, except that a review of adverse
    advice must go to a different officer from the one who gave it."""
    if not is_officer(by):
        return False
    review = booking.open_review_request
    return review is None or review.original_officer_id != by.pk


def is_handling_officer(booking, by) -> bool:
    """The officer the booking is assigned to."""
    return is_officer(by) and booking.assigned_to_id == by.pk


def is_second_officer(booking, by) -> bool:
    """Four eyes: an officer other than the one who proposed the decline."""
    return is_officer(by) and booking.decline_proposed_by_id != by.pk


def is_system(booking, by) -> bool:
    """Scheduled jobs (closing past events) act as `None`."""
    return by is None
