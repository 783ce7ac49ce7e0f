"""How booking states read to venue staff: plain words, and when to expect an answer.

The wording says what happens next and never anything about matched entries;
a flag means "a person must look", not a finding against anyone.
"""

from datetime import date, datetime, timedelta

from django.utils import timezone

from .enums import Advice, BookingStatus

# The Prevent Officer's service level for an answer on a flagged booking.
REVIEW_WORKING_DAYS = 5

STAFF_STATUS = {
    BookingStatus.RECEIVED: ("Being checked", "grey"),
    BookingStatus.NOT_IN_SCOPE: ("Not screened (private event)", "grey"),
    BookingStatus.CLEARED: ("No concerns found", "green"),
    BookingStatus.FLAGGED: ("With the Prevent Officer", "blue"),
    BookingStatus.IN_REVIEW: ("With the Prevent Officer", "blue"),
    BookingStatus.INFO_REQUESTED: ("Information requested", "yellow"),
    BookingStatus.AWAITING_APPROVAL: ("With the Prevent Officer", "blue"),
    BookingStatus.ADVISED: ("Advice given", "purple"),
    BookingStatus.WITHDRAWN: ("Withdrawn", "grey"),
    BookingStatus.LAPSED: ("Event passed before advice", "grey"),
    BookingStatus.CLOSED: ("Closed", "grey"),
}

STAFF_ADVICE = {
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


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days (Monday to Friday) after `start`. Bank holidays are not counted."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def expected_answer_by(flagged_at: datetime) -> date:
    return add_working_days(timezone.localdate(flagged_at), REVIEW_WORKING_DAYS)
