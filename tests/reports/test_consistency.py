"""Figures agree between the months and the whole period, and period names mean what they say."""

from datetime import date

import pytest

from bookings.reports.coverage import ReportRow, ReportTable, Turnaround, _hidden_with_their_total
from bookings.reports.disclosure import Cell, Visibility
from bookings.reports.periods import last_12_months


def table(total: Cell, *months: int) -> ReportTable:
    rows = [
        ReportRow(f"m{n}", f"Month {n}", {"lapsed": Cell(v)}, Turnaround(False)) for n, v in enumerate(months)
    ]
    return ReportTable(
        "month",
        "By month",
        "Month",
        (),
        rows,
        ReportRow("total", "All", {"lapsed": total}, Turnaround(False)),
        ("lapsed",),
    )


def test_a_column_the_whole_period_withholds_is_withheld_in_every_month():
    withheld_total = Cell(12, Visibility.WITHHELD)
    months = table(withheld_total, 6, 6, 0)

    _hidden_with_their_total(months)

    visibility = [row.cells["lapsed"].visibility for row in months.rows]
    assert visibility == [Visibility.WITHHELD, Visibility.WITHHELD, Visibility.SHOWN]  # zero stays 0
    assert months.rows[2].cells["lapsed"].value == 0


def test_a_shown_total_leaves_its_months_alone():
    months = table(Cell(12), 6, 6)

    _hidden_with_their_total(months)

    assert [row.cells["lapsed"].hidden for row in months.rows] == [False, False]


@pytest.mark.parametrize(
    ("today", "start", "end"),
    [
        (date(2026, 11, 30), date(2025, 12, 1), date(2026, 11, 30)),
        (date(2026, 1, 15), date(2025, 1, 16), date(2026, 1, 15)),
        (date(2028, 2, 29), date(2027, 3, 1), date(2028, 2, 29)),  # a leap day
    ],
)
def test_last_12_months_is_the_year_to_today(today, start, end):
    period = last_12_months(today=today)

    assert (period.start, period.end) == (start, end)
    assert period.start != date(today.year, 1, 1)  # not the calendar year
