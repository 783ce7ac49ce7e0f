"""A hand-computed fixture for the coverage report: period 1 January to 31 March 2026.

Expected figures (notice 14 days), worked out by hand from the rows below:

| booking | venue | received | starts | status / advice | screened | notice | flagged |
|---|---|---|---|---|---|---|---|
| b1 | V1 | 5 Jan | +30 d | cleared | yes | yes | no |
| b2 | V1 | 20 Jan | +3 d | flagged | yes | no | yes |
| b12 | V2 | 10 Jan | +30 d | received (not screened) | no |  |  |
| b3 | V1 | 1 Feb | +20 d | advised / no_concerns | yes | yes | yes |
| b4 | V1 | 15 Feb | +60 d | not_in_scope | no |  |  |
| b8 | V3 | 20 Feb | +15 d | advised / advise_decline | yes | yes | yes |
| b9 | V3 | 21 Feb | +16 d | closed, no advice (other) | yes | yes | no |
| b5 | V2 | 1 Mar | +14 d | advised / with conditions | yes | yes | yes |
| b6 | V2 | 10 Mar | +5 d | lapsed | yes | no | yes |
| b7 | V2 | 31 Mar 23:30 | +40 d | withdrawn | yes | yes | no |
| b10 | V1 | 31 Dec 2025 |  | outside the period |  |  |  |
| b11 | V3 | 1 Apr 00:00 |  | outside the period |  |  |  |

Venues: V1 Northfield community centre and V2 Northfield library (registered
June 2025), V3 Riverside community centre (registered 10 February 2026), V4
Riverside faith venue (registered May 2026, after the period), V5 with no
district, type other (registered January 2025, no bookings).
"""

import pytest

from bookings.enums import Advice, BookingStatus, VenueType
from screening.enums import ScreeningTrigger
from tests.factories.bookings import VenueFactory

from .helpers import Fixture, booking_at, local, screening_run


@pytest.fixture
def coverage_fixture(db) -> Fixture:
    v = {
        "V1": VenueFactory(
            name="Alpha Hall",
            district="Northfield",
            venue_type=VenueType.COMMUNITY_CENTRE,
            created_at=local(2025, 6, 1),
        ),
        "V2": VenueFactory(
            name="Beta Library",
            district="Northfield",
            venue_type=VenueType.LIBRARY,
            created_at=local(2025, 6, 1),
        ),
        "V3": VenueFactory(
            name="Gamma Centre",
            district="Riverside",
            venue_type=VenueType.COMMUNITY_CENTRE,
            created_at=local(2026, 2, 10),
        ),
        "V4": VenueFactory(
            name="Delta House", district="Riverside", venue_type=VenueType.FAITH, created_at=local(2026, 5, 1)
        ),
        "V5": VenueFactory(
            name="Epsilon Rooms", district="", venue_type=VenueType.OTHER, created_at=local(2025, 1, 1)
        ),
    }
    S = BookingStatus
    b = {
        "b1": booking_at(v["V1"], local(2026, 1, 5, 10), 30, S.CLEARED),
        "b2": booking_at(v["V1"], local(2026, 1, 20, 10), 3, S.FLAGGED, flagged=True),
        "b12": booking_at(v["V2"], local(2026, 1, 10, 10), 30, S.RECEIVED, screened=False),
        "b3": booking_at(
            v["V1"], local(2026, 2, 1, 10), 20, S.ADVISED, advice=Advice.NO_CONCERNS, flagged=True
        ),
        "b4": booking_at(v["V1"], local(2026, 2, 15, 10), 60, S.NOT_IN_SCOPE),
        "b8": booking_at(
            v["V3"], local(2026, 2, 20, 10), 15, S.ADVISED, advice=Advice.ADVISE_DECLINE, flagged=True
        ),
        "b9": booking_at(v["V3"], local(2026, 2, 21, 10), 16, S.CLOSED),
        "b5": booking_at(
            v["V2"], local(2026, 3, 1, 10), 14, S.ADVISED, advice=Advice.PROCEED_WITH_CONDITIONS, flagged=True
        ),
        "b6": booking_at(v["V2"], local(2026, 3, 10, 10), 5, S.LAPSED, flagged=True),
        "b7": booking_at(v["V2"], local(2026, 3, 31, 23, 30), 40, S.WITHDRAWN),
        "b10": booking_at(v["V1"], local(2025, 12, 31, 23, 59), 30, S.CLEARED),
        "b11": booking_at(v["V3"], local(2026, 4, 1, 0, 0), 30, S.CLEARED),
    }
    return Fixture(venues=v, bookings=b)


@pytest.fixture
def rescreens(coverage_fixture) -> None:
    """Runs: b2 newly flagged by a source update; b1 re-screened unchanged; b3 re-screened
    with no earlier run; one source-update run after the period."""
    b = coverage_fixture.bookings
    screening_run(b["b2"], trigger=ScreeningTrigger.INTAKE, at=local(2026, 1, 20, 10))
    screening_run(b["b2"], trigger=ScreeningTrigger.SOURCE_UPDATE, at=local(2026, 2, 2, 9), flagged=True)
    screening_run(b["b1"], trigger=ScreeningTrigger.INTAKE, at=local(2026, 1, 5, 10))
    screening_run(b["b1"], trigger=ScreeningTrigger.SOURCE_UPDATE, at=local(2026, 2, 2, 9))
    screening_run(b["b3"], trigger=ScreeningTrigger.SOURCE_UPDATE, at=local(2026, 2, 2, 9), flagged=True)
    screening_run(b["b1"], trigger=ScreeningTrigger.SOURCE_UPDATE, at=local(2026, 4, 5, 9), flagged=True)
