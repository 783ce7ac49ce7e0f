"""Working-day arithmetic for the advice target and the lead-time check.

Working days are Monday to Friday, less the bank holidays of the UK nation
set in BANK_HOLIDAYS (England and Wales by default), from the `holidays`
package. Days are counted in local time (TIME_ZONE), as the people waiting
for advice count them.
"""

import functools
from datetime import date, datetime, timedelta

import holidays
from django.conf import settings
from django.utils import timezone

SATURDAY = 5


@functools.cache
def bank_holidays(region: str, year: int) -> frozenset[date]:
    if not region:
        return frozenset()
    return frozenset(holidays.country_holidays("GB", subdiv=region, years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < SATURDAY and day not in bank_holidays(settings.BANK_HOLIDAYS, day.year)


def add_working_days(start: datetime, days: int) -> datetime:
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(timezone.localdate(current)):
            remaining -= 1
    return current


def working_days_between(start: datetime, end: datetime, *, at_most: int | None = None) -> int:
    """Whole working days from start to end (0 when end is not after start).

    With at_most, counting stops there: asking whether a booking is late needs
    no more, and an event months away would otherwise be counted day by day.
    """
    count, current = 0, start
    while at_most is None or count < at_most:
        current += timedelta(days=1)
        if current > end:
            break
        if is_working_day(timezone.localdate(current)):
            count += 1
    return count


def review_due_at(
    *, opened_at: datetime, event_starts_at: datetime, expedite: bool, current: datetime | None = None
) -> datetime:
    """When advice is due: the service-level target, sooner when expedited,
    and never after the event starts."""
    days = settings.REVIEW_EXPEDITED_WORKING_DAYS if expedite else settings.REVIEW_SLA_WORKING_DAYS
    candidates = [add_working_days(opened_at, days), event_starts_at]
    if current is not None:
        candidates.append(current)
    return min(candidates)


def is_late_booking(*, submitted_at: datetime, event_starts_at: datetime) -> bool:
    """Submitted with less lead time than the venue policy asks for."""
    needed = settings.LATE_BOOKING_WORKING_DAYS
    return working_days_between(submitted_at, event_starts_at, at_most=needed) < needed
