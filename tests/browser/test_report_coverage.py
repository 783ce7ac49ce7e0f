"""The CAVA coverage report in a real browser, with a realistic spread of seeded bookings:
accessible (axe: no serious or critical violations), and a full-page screenshot kept as
test-results/report-coverage.png for reviewing how it reads in a board paper."""

import pytest
from playwright.sync_api import expect

from bookings.demo_spread import seed_bookings
from bookings.roles import Role
from tests.factories.bookings import make_user

from .conftest import RESULTS, assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_cava_reporter_reads_an_accessible_coverage_report(page, watchlist):
    seed_bookings(count=3000)
    make_user("casey", Role.CAVA_REPORTER)

    sign_in(page, "casey")

    expect(page).to_have_url(f"{page.url.split('/reports/')[0]}/reports/coverage/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Coverage report")).to_have_attribute("aria-current", "page")
    assert_accessible(page, "report-coverage")
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "report-coverage.png"), full_page=True)
