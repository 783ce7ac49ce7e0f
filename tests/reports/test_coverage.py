"""The assembled report: raw figures, and what is published after protection."""

from datetime import date, timedelta

import pytest
from django.db import connection

from bookings.enums import BookingStatus
from bookings.reports.coverage import coverage_report, turnaround_from
from bookings.reports.disclosure import Visibility, _first_pinned_small_cell
from bookings.reports.periods import ReportPeriod, default_period, financial_year
from bookings.reports.rendering import report_as_data
from tests.factories.bookings import BookingFactory, VenueFactory
from tests.reports.helpers import PERIOD, local

pytestmark = pytest.mark.django_db

# Advice times are recorded (Booking.advised_at), but no fixture booking was advised
# through the review, so there is no turnaround to report.
NO_TURNAROUND = {"turnaround_median_days": None, "turnaround_p90_days": None}


def raw(row) -> dict[str, int]:
    return {name: cell.value for name, cell in row.cells.items()}


def test_report_rows_carry_the_hand_computed_figures(coverage_fixture):
    report = coverage_report(period=PERIOD)

    assert raw(report.total) == {
        "venues_registered": 4,
        "venues_active": 3,
        "screened": 8,
        "screened_with_notice": 6,
        "flagged": 5,
        "screening_failed": 0,
        "cleared": 1,
        "under_review": 1,
        "no_concerns": 1,
        "with_conditions": 1,
        "decline_advised": 1,
        "withdrawn": 1,
        "lapsed": 1,
        "other_outcome": 1,
    }
    assert report.total.flag_rate.percent == 62.5
    assert report.total.notice_share.percent == 75.0
    assert [row.label for row in report.table("district").rows] == [
        "Northfield",
        "Riverside",
        "District not recorded",
    ]
    assert [row.label for row in report.table("venue_type").rows] == ["Community centre", "Library", "Other"]
    months = report.table("month")
    assert [(row.key, row.label) for row in months.rows] == [
        ("2026-01", "January 2026"),
        ("2026-02", "February 2026"),
        ("2026-03", "March 2026"),
    ]
    assert [row.cells["venues_new"].value for row in months.rows] == [0, 1, 0]
    assert months.total.cells["venues_new"].value == 1


def test_published_district_figures_hide_small_counts_and_their_complements(coverage_fixture):
    data = report_as_data(coverage_report(period=PERIOD))
    district = data["groupings"][0]
    small, withheld = "fewer than 5", "withheld"

    # Riverside's 2 screened is small; the total 8 would give it away from Northfield's 6.
    assert district["rows"][0]["screened"] == withheld
    assert district["rows"][1] == {
        "group": "Riverside",
        "label": "Riverside",
        "venues_registered": small,
        "venues_active": small,
        "screened": small,
        "screened_with_notice": small,
        "notice_share_percent": withheld,
        "flagged": small,
        "flag_rate_percent": withheld,
        "screening_failed": 0,
        "cleared": 0,
        "under_review": 0,
        "no_concerns": 0,
        "with_conditions": 0,
        "decline_advised": small,
        "withdrawn": 0,
        "lapsed": 0,
        "other_outcome": small,
        **NO_TURNAROUND,
    }
    # Eight outcomes of 1 each would add up to a shown 8: so the total screened is withheld.
    assert district["total"]["screened"] == withheld
    assert district["total"]["flagged"] == 5
    assert district["total"]["notice_share_percent"] == withheld


def test_no_small_count_can_be_worked_out_from_any_published_sum(coverage_fixture):
    report = coverage_report(period=PERIOD)

    assert _first_pinned_small_cell(report.relations) is None


@pytest.fixture
def mostly_large(db):
    """Northfield: 10 cleared in January. Riverside: 3 flagged in February."""
    north = VenueFactory(district="Northfield", venue_type="library", created_at=local(2025, 1, 1))
    river = VenueFactory(district="Riverside", venue_type="library", created_at=local(2025, 1, 1))
    for n in range(10):
        at = local(2026, 1, 2 + n, 9)
        BookingFactory(
            venue=north,
            created_at=at,
            screened_at=at,
            status=BookingStatus.CLEARED,
            starts_at=at + timedelta(days=30),
            ends_at=at + timedelta(days=31),
        )
    for n in range(3):
        at = local(2026, 2, 2 + n, 9)
        BookingFactory(
            venue=river,
            created_at=at,
            screened_at=at,
            flagged_at=at,
            status=BookingStatus.FLAGGED,
            starts_at=at + timedelta(days=30),
            ends_at=at + timedelta(days=31),
        )


def test_complementary_suppression_reaches_totals_and_linked_tables(mostly_large):
    report = coverage_report(period=PERIOD)
    data = report_as_data(report)
    by_group = {g["grouping"]: g for g in data["groupings"]}
    district, month = by_group["district"], by_group["month"]

    # Riverside's 3 is small. Its row (3 screened = 3 under review), its column
    # (13 = 10 + 3) and the total row (13 = 10 cleared + 3 under review) would each
    # give it away; so would the month table, which shares the total row.
    assert [(r["group"], r["screened"], r["cleared"], r["under_review"]) for r in district["rows"]] == [
        ("Northfield", "withheld", "withheld", 0),
        ("Riverside", "fewer than 5", 0, "fewer than 5"),
    ]
    assert (
        district["total"]["screened"],
        district["total"]["cleared"],
        district["total"]["under_review"],
    ) == ("withheld", "withheld", "fewer than 5")
    assert [(r["group"], r["screened"], r["cleared"], r["under_review"]) for r in month["rows"]] == [
        ("2026-01", "withheld", "withheld", 0),
        ("2026-02", "fewer than 5", 0, "fewer than 5"),
        ("2026-03", 0, 0, 0),
    ]
    # The same total row is shared by every grouping, so it is hidden alike everywhere.
    assert {g["total"]["cleared"] for g in data["groupings"]} == {"withheld"}
    assert data["groupings"][1]["rows"][0]["screened"] == "withheld"
    assert _first_pinned_small_cell(report.relations) is None


def test_a_small_count_in_a_table_is_protected_by_a_rectangle_not_a_whole_column(db):
    """Five districts, outcomes cleared and withdrawn; one district withdrew 2."""
    for n, (cleared, withdrawn) in enumerate([(40, 2), (30, 9), (20, 12), (50, 15), (60, 20)]):
        venue = VenueFactory(district=f"District {n}", created_at=local(2025, 1, 1))
        for status, count in ((BookingStatus.CLEARED, cleared), (BookingStatus.WITHDRAWN, withdrawn)):
            for _ in range(count):
                at = local(2026, 1, 10, 9)
                BookingFactory(
                    venue=venue,
                    created_at=at,
                    screened_at=at,
                    status=status,
                    starts_at=at + timedelta(days=30),
                    ends_at=at + timedelta(days=31),
                )

    report = coverage_report(period=PERIOD)
    rows = report_as_data(report)["groupings"][0]["rows"]

    # The 2 needs a partner in its row (its 40 cleared), in its column (the smallest
    # other withdrawn, 9) and the corner that closes the rectangle (30 cleared).
    assert [(r["cleared"], r["withdrawn"]) for r in rows] == [
        ("withheld", "fewer than 5"),
        ("withheld", "withheld"),
        (20, 12),
        (50, 15),
        (60, 20),
    ]
    assert _first_pinned_small_cell(report.relations) is None


def test_a_withdrawn_count_hidden_in_the_tables_is_hidden_in_the_monitoring_figures(coverage_fixture):
    report = coverage_report(period=PERIOD)
    withdrawn = next(f for f in report.monitoring if f.key == "events_withdrawn")

    assert withdrawn.value is report.total.cells["withdrawn"]
    assert withdrawn.value.visibility is Visibility.SMALL


def test_turnaround_uses_median_and_inclusive_90th_percentile():
    turnaround = turnaround_from([1.0, 2.0, 3.0, 4.0, 10.0], recorded=True)

    assert (turnaround.median_days, turnaround.p90_days, turnaround.hidden) == (3.0, 7.6, False)


def test_turnaround_from_fewer_than_five_reviews_is_withheld():
    assert turnaround_from([1.0, 2.0], recorded=True).hidden is True
    assert turnaround_from(None, recorded=False).recorded is False


def test_default_period_is_the_twelve_months_ending_this_month():
    assert default_period(today=date(2026, 11, 23)) == ReportPeriod(
        start=date(2025, 12, 1), end=date(2026, 11, 30)
    )


def test_financial_year_runs_april_to_march():
    assert financial_year(containing=date(2026, 2, 1)) == ReportPeriod(
        start=date(2025, 4, 1), end=date(2026, 3, 31)
    )


@pytest.mark.parametrize("bookings", [1, 3])
def test_report_query_count_does_not_grow_with_bookings(db, django_assert_num_queries, bookings):
    venue = VenueFactory(created_at=local(2025, 1, 1))
    for n in range(bookings):
        BookingFactory(
            venue=venue,
            created_at=local(2026, 1, 5 + n),
            screened_at=local(2026, 1, 5),
            status=BookingStatus.CLEARED,
        )

    # Two open and close the read transaction; PostgreSQL adds one to set its work_mem.
    # Four read review turnaround (flag to advice) per grouping and in total.
    with django_assert_num_queries(29 if connection.vendor == "postgresql" else 28):
        coverage_report(period=PERIOD)
