"""Which review actions belong to which role, checked before the state machine's own guards."""

from bookings.permissions import is_officer, speaks_for_venue

OFFICER_ACTIONS = {
    "take",
    "request_info",
    "dispose_match",
    "advise",
    "approve",
    "reject_approval",
    "officer_withdraw",
}
VENUE_ACTIONS = {"answer_info", "record_decision", "request_review", "expedite", "withdraw"}


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
