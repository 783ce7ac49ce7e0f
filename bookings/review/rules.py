"""The review actions, read from the state machine itself: each `@fsm.transition` on
`Booking` whose `custom` says `api` is an action (bookings/models.py). The API's
action list, the officer's and the venue's sets and the page buttons all come from
here, so a new transition is named once, on its method.
"""

from dataclasses import dataclass

from bookings.models import Booking
from bookings.permissions import is_officer, speaks_for_venue

OFFICER = "officer"
VENUE = "venue"


@dataclass(frozen=True)
class ReviewAction:
    name: str
    side: str | None  # OFFICER, VENUE, or None: anyone who may see the booking
    label: str  # its button
    done: str  # what a page says once it is done ("" if the page says nothing special)


def _review_actions() -> tuple[ReviewAction, ...]:
    """Every action transition, in the order the methods are defined on Booking."""
    field = Booking._meta.get_field("status")
    custom = {t.name: t.custom for t in field.get_all_transitions(Booking) if t.custom.get("api")}
    return tuple(
        ReviewAction(name, custom[name].get("side"), custom[name]["label"], custom[name].get("done", ""))
        for name in vars(Booking)
        if name in custom
    )


REVIEW_ACTIONS = _review_actions()
API_ACTIONS = tuple(a.name for a in REVIEW_ACTIONS)
OFFICER_ACTIONS = frozenset(a.name for a in REVIEW_ACTIONS if a.side == OFFICER)
VENUE_ACTIONS = frozenset(a.name for a in REVIEW_ACTIONS if a.side == VENUE)
LABELS = {a.name: a.label for a in REVIEW_ACTIONS}
DONE = {a.name: a.done for a in REVIEW_ACTIONS}


def may_ever(name: str, booking, by) -> bool:
    """Whether this caller's role could trigger the action at all, whatever the status.

    Checked before the status, so a caller with no part in an action gets 403
    and learns nothing of the booking's state from a 409.
    """
    if name in OFFICER_ACTIONS:
        return is_officer(by)
    if name in VENUE_ACTIONS:
        return speaks_for_venue(booking, by)
    return True
