from datetime import date

import pytest

from bookings.reports.charts import _nice_max, flag_rate_by_district_chart, screened_per_month_chart
from bookings.reports.coverage import coverage_report
from bookings.reports.periods import ReportPeriod
from tests.reports.helpers import PERIOD

pytestmark = pytest.mark.django_db


def test_month_chart_draws_hidden_months_as_outlines_not_to_scale(coverage_fixture):
    svg = screened_per_month_chart(coverage_report(period=PERIOD).table("month"))

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert svg.count('stroke-dasharray="2 2"') == 3  # Jan, Feb, Mar: all fewer than 5
    assert svg.count(">&lt;5</text>") == 3
    assert [label in svg for label in ("Jan 2026", "Feb 2026", "Mar 2026")] == [True] * 3


def test_month_chart_labels_at_most_twelve_months(coverage_fixture):
    period = ReportPeriod(start=date(2024, 4, 1), end=date(2026, 3, 31))

    svg = screened_per_month_chart(coverage_report(period=period).table("month"))

    assert svg.count('text-anchor="middle" fill="#1b2a41" font-family="inherit" font-size="13">') == 12


def test_district_chart_never_draws_a_withheld_rate(coverage_fixture):
    svg = flag_rate_by_district_chart(coverage_report(period=PERIOD).table("district"))

    assert svg.count(">withheld</text>") == 2
    assert svg.count(">no bookings screened</text>") == 1
    assert "%</text>" not in svg


@pytest.mark.parametrize(
    "largest, axis_max",
    [
        (0, 1),
        (1, 1),
        (7, 10),
        (446, 500),
        (1001, 2000),
        (2400, 2500),
        (6.2, 10),
    ],
)
def test_axis_maximum_is_the_smallest_round_number_at_or_above_the_largest_value(largest, axis_max):
    assert _nice_max(largest) == axis_max
