"""The period a report covers, and the rules for choosing one."""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

# Long enough for a five-year trend; short enough that one request stays cheap.
MAX_PERIOD_DAYS = 5 * 366
DEFAULT_NOTICE_DAYS = 14
MAX_NOTICE_DAYS = 365
# The earliest date a report may start: before the service existed nothing was recorded.
EARLIEST_DATE = date(2000, 1, 1)
BAD_DATE_MESSAGE = "Enter a date as YYYY-MM-DD."


@dataclass(frozen=True)
class ReportPeriod:
    """Whole days from `start` to `end`, both included, in the service's local time."""

    start: date
    end: date
    notice_days: int = DEFAULT_NOTICE_DAYS

    @property
    def starts_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def ends_before(self) -> datetime:
        """The first instant after the period (exclusive upper bound)."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def months(self) -> list[date]:
        """First day of every calendar month the period touches, in order."""
        months, current = [], self.start.replace(day=1)
        while current <= self.end:
            months.append(current)
            current = _next_month(current)
        return months

    @property
    def label(self) -> str:
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def last_day_of_month(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def default_period(*, today: date | None = None) -> ReportPeriod:
    """The twelve calendar months ending with the current one."""
    today = today or timezone.localdate()
    start = today.replace(day=1)
    for _ in range(11):
        start = (start - timedelta(days=1)).replace(day=1)
    return ReportPeriod(start=start, end=last_day_of_month(today))


def last_12_months(*, today: date | None = None) -> ReportPeriod:
    """What "the last 12 months" says: the year up to and including today (1 December 2025
    to 30 November 2026 read on 30 November 2026), not a calendar year nor future days."""
    today = today or timezone.localdate()
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February: a year before is 28 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return ReportPeriod(start=year_ago + timedelta(days=1), end=today)


def financial_year(*, containing: date) -> ReportPeriod:
    """The UK public-sector financial year (1 April to 31 March) containing a date."""
    first_year = containing.year if containing.month >= 4 else containing.year - 1
    return ReportPeriod(start=date(first_year, 4, 1), end=date(first_year + 1, 3, 31))


def period_errors(*, start: date, end: date) -> dict[str, str]:
    """Field-level problems with a requested period; empty when it is acceptable."""
    if start < EARLIEST_DATE:
        return {"from": f"The period cannot start before {EARLIEST_DATE:%-d %B %Y}."}
    if end < start:
        return {"to": "The end of the period must not be before its start."}
    if (end - start).days + 1 > MAX_PERIOD_DAYS:
        return {"to": f"A report covers at most {MAX_PERIOD_DAYS} days."}
    return {}
