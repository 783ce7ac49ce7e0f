"""How booking states read to venue staff: plain words.

The wording says what happens next and never anything about matched entries;
a flag means "a person must look", not a finding against anyone.
"""

from .enums import Advice, BookingStatus

STAFF_STATUS: dict[str, tuple[str, str]] = {
    BookingStatus.RECEIVED: ("With the Prevent Officer", "blue"),  # read as flagged (shown_status)
    BookingStatus.NOT_IN_SCOPE: ("Not screened (private event)", "grey"),
    BookingStatus.CLEARED: ("No concerns found", "green"),
    BookingStatus.FLAGGED: ("With the Prevent Officer", "blue"),
    BookingStatus.IN_REVIEW: ("With the Prevent Officer", "blue"),
    BookingStatus.INFO_REQUESTED: ("Information requested", "yellow"),
    BookingStatus.AWAITING_APPROVAL: ("With the Prevent Officer", "blue"),  # never tell a decline is coming
    BookingStatus.ADVISED: ("Advice given", "purple"),
    BookingStatus.WITHDRAWN: ("Withdrawn", "grey"),
    BookingStatus.LAPSED: ("Event passed before advice", "grey"),
    BookingStatus.CLOSED: ("Closed", "grey"),
}

STAFF_ADVICE: dict[str, str] = {
    Advice.NO_CONCERNS: "No concerns: the booking can go ahead",
    Advice.PROCEED_WITH_CONDITIONS: "Go ahead with conditions",
    Advice.ADVISE_DECLINE: "The officer advises declining",
}

WITH_OFFICER = (BookingStatus.FLAGGED, BookingStatus.IN_REVIEW, BookingStatus.AWAITING_APPROVAL)


def staff_status_label(status: str) -> str:
    return STAFF_STATUS.get(status, (status, "grey"))[0]


def staff_status_colour(status: str) -> str:
    return STAFF_STATUS.get(status, (status, "grey"))[1]


def staff_advice_label(advice: str | None) -> str:
    return STAFF_ADVICE.get(advice, "") if advice else ""


# What the API's `status` field and `?status=` filter accept and document.
SHOWN_STATUS_CHOICES = [(value, BookingStatus(value).label) for value in BookingStatus.SHOWN]


def shown_status(status: str) -> str:
    """The status as anyone is told it: one of DESIGN's statuses (`BookingStatus.SHOWN`).
    A booking still `received` (stored before intake flagged the bookings it could not
    screen) reads as `flagged`: not screened is "a person must look", never "no match"."""
    return BookingStatus.FLAGGED if status == BookingStatus.RECEIVED else status


def venue_status(status: str) -> str:
    """The status as a venue is told it. A proposed decline waiting for the second
    officer reads as any other review, or the wait itself would give the decline away."""
    status = shown_status(status)
    return BookingStatus.IN_REVIEW if status == BookingStatus.AWAITING_APPROVAL else status
