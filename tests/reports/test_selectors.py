"""Each raw figure against the hand-computed fixture in conftest.py (before protection)."""

from datetime import date

import pytest

from bookings.reports import selectors
from bookings.reports.periods import ReportPeriod
from tests.reports.helpers import PERIOD

pytestmark = pytest.mark.django_db

ZERO_OUTCOMES = {
    "cleared": 0,
    "under_review": 0,
    "no_concerns": 0,
    "with_conditions": 0,
    "decline_advised": 0,
    "withdrawn": 0,
    "lapsed": 0,
    "other_outcome": 0,
}


def counts(venues_active, screened, notice, flagged, **outcomes) -> dict:
    # The fixture has no booking whose screening failed (tests/reports/test_screening_failures.py).
    return {
        "venues_active": venues_active,
        "screened": screened,
        "screened_with_notice": notice,
        "flagged": flagged,
        "screening_failed": 0,
        **ZERO_OUTCOMES,
        **outcomes,
    }


def test_booking_counts_total_match_the_hand_computed_fixture(coverage_fixture):
    assert selectors.booking_counts(period=PERIOD)["total"] == counts(
        3,
        8,
        6,
        5,
        cleared=1,
        under_review=1,
        no_concerns=1,
        with_conditions=1,
        decline_advised=1,
        withdrawn=1,
        lapsed=1,
        other_outcome=1,
    )


def test_booking_counts_by_district(coverage_fixture):
    assert selectors.booking_counts(period=PERIOD)["district"] == {
        "Northfield": counts(
            2, 6, 4, 4, cleared=1, under_review=1, no_concerns=1, with_conditions=1, withdrawn=1, lapsed=1
        ),
        "Riverside": counts(1, 2, 2, 1, decline_advised=1, other_outcome=1),
    }


def test_booking_counts_by_venue_type(coverage_fixture):
    assert selectors.booking_counts(period=PERIOD)["venue_type"] == {
        "community_centre": counts(
            2, 5, 4, 3, cleared=1, under_review=1, no_concerns=1, decline_advised=1, other_outcome=1
        ),
        "library": counts(1, 3, 2, 2, with_conditions=1, withdrawn=1, lapsed=1),
    }


def test_booking_counts_by_month_use_local_month_boundaries(coverage_fixture):
    assert selectors.booking_counts(period=PERIOD)["month"] == {
        date(2026, 1, 1): counts(2, 2, 1, 1, cleared=1, under_review=1),
        date(2026, 2, 1): counts(2, 3, 3, 2, no_concerns=1, decline_advised=1, other_outcome=1),
        date(2026, 3, 1): counts(1, 3, 2, 2, with_conditions=1, withdrawn=1, lapsed=1),
    }


def test_notice_counts_a_booking_received_exactly_n_days_before(coverage_fixture):
    period = ReportPeriod(start=date(2026, 3, 1), end=date(2026, 3, 1), notice_days=14)

    assert selectors.booking_counts(period=period)["total"]["screened_with_notice"] == 1


def test_notice_of_zero_days_counts_every_booking_received_before_its_event(coverage_fixture):
    period = ReportPeriod(start=PERIOD.start, end=PERIOD.end, notice_days=0)

    assert selectors.booking_counts(period=period)["total"]["screened_with_notice"] == 8


def test_venues_registered_by_the_end_of_the_period(coverage_fixture):
    assert selectors.venues_registered_by(period=PERIOD, grouping="district") == {
        "Northfield": 2,
        "Riverside": 1,
        "": 1,
    }
    assert selectors.venues_registered_by(period=PERIOD, grouping="venue_type") == {
        "community_centre": 2,
        "library": 1,
        "other": 1,
    }
    assert selectors.venues_registered_total(period=PERIOD) == 4


def test_venues_new_by_month(coverage_fixture):
    assert selectors.venues_new_by_month(period=PERIOD) == {date(2026, 2, 1): 1}


def test_review_time_is_empty_while_no_booking_was_advised_through_review(coverage_fixture):
    assert selectors.advice_time_recorded() is True  # Booking.advised_at, set by the review
    assert selectors.review_durations_by(period=PERIOD, grouping="district") == {}


def test_an_empty_period_counts_nothing(coverage_fixture):
    period = ReportPeriod(start=date(2024, 1, 1), end=date(2024, 12, 31))

    assert selectors.booking_counts(period=period)["total"] == counts(0, 0, 0, 0)
    assert selectors.booking_counts(period=period)["district"] == {}
