"""What the report tests share: the period of the hand-computed fixture (conftest.py),
local times, and bookings and screening runs made at given moments."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from bookings.reports.periods import ReportPeriod
from screening.models import ScreeningRun
from tests.factories.bookings import BookingFactory
from tests.factories.screening import ScreeningRunFactory

PERIOD = ReportPeriod(start=date(2026, 1, 1), end=date(2026, 3, 31), notice_days=14)


def local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


@dataclass
class Fixture:
    venues: dict
    bookings: dict


def booking_at(venue, received, starts_in_days, status, *, advice=None, screened=True, flagged=False):
    starts = received + timedelta(days=starts_in_days)
    return BookingFactory(
        venue=venue,
        created_at=received,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        status=status,
        advice=advice,
        screened_at=received + timedelta(seconds=1) if screened else None,
        flagged_at=received + timedelta(seconds=1) if flagged else None,
    )


def screening_run(booking, *, trigger, at, flagged=False) -> ScreeningRun:
    return ScreeningRunFactory(booking=booking, trigger=trigger, created_at=at, flagged=flagged)
