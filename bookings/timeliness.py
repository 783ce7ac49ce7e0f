"""Working-day arithmetic for the advice target and the lead-time check.

Working days are Monday to Friday. Bank holidays are not counted out (a
known simplification: the target is then a day optimistic around them).
"""

from datetime import datetime, timedelta

from django.conf import settings

SATURDAY = 5


def add_working_days(start: datetime, days: int) -> datetime:
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < SATURDAY:
            remaining -= 1
    return current


def working_days_between(start: datetime, end: datetime) -> int:
    """Whole working days from start to end (0 when end is not after start):
    the days start + 1, start + 2, … up to end that fall Monday to Friday."""
    if end <= start:
        return 0
    days = (end - start) // timedelta(days=1)
    weeks, rest = divmod(days, 7)
    first = start.weekday()
    return 5 * weeks + sum((first + k) % 7 < SATURDAY for k in range(1, rest + 1))


def review_due_at(*, opened_at: datetime, event_starts_at: datetime, expedite: bool,
                  current: datetime | None = None) -> datetime:
    """When advice is due: the service-level target, sooner when expedited,
    and never after the event starts."""
    days = settings.REVIEW_EXPEDITED_WORKING_DAYS if expedite else settings.REVIEW_SLA_WORKING_DAYS
    candidates = [add_working_days(opened_at, days), event_starts_at]
    if current is not None:
        candidates.append(current)
    return min(candidates)


def is_late_booking(*, submitted_at: datetime, event_starts_at: datetime) -> bool:
    """Submitted with less lead time than the venue policy asks for."""
    lead = working_days_between(submitted_at, event_starts_at)
    return lead < settings.LATE_BOOKING_WORKING_DAYS
