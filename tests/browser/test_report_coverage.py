"""The CAVA coverage report in a real browser, with a realistic spread of seeded bookings, at
phone and desktop widths: no sideways scroll (wide tables scroll in their own focusable
regions), no serious or critical axe violation, no raw code, legible chart labels; and a
full-page screenshot kept for reviewing how it reads in a board paper."""

import pytest
from playwright.sync_api import expect

from bookings.demo_spread import seed_bookings
from bookings.roles import Role
from tests.factories.bookings import make_user

from .pages import DESKTOP, PHONE, check_page, new_page, sign_in, snap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"phone": PHONE, "desktop": DESKTOP}
SMALLEST_LEGIBLE_PX = 11


@pytest.fixture(params=sorted(WIDTHS))
def any_page(request, browser, live_server):
    extra = {"is_mobile": True, "has_touch": True} if request.param == "phone" else {}
    return new_page(browser, live_server, request, WIDTHS[request.param], **extra)


def test_cava_reporter_reads_an_accessible_coverage_report(any_page, watchlist, request):
    page, width = any_page, request.node.callspec.id
    seed_bookings(count=600)
    make_user("casey", Role.CAVA_REPORTER)

    sign_in(page, "casey")

    expect(page).to_have_url(f"{page.url.split('/reports/')[0]}/reports/coverage/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Coverage report")).to_have_attribute("aria-current", "page")
    check_page(page, f"report-coverage-{width}")
    regions = page.locator(".table-scroll")
    assert regions.count() >= 2
    for i in range(regions.count()):
        region = regions.nth(i)
        assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('svg.chart text')].map(
             t => t.getBoundingClientRect().height).filter(h => h > 0))"""
    )
    assert smallest >= SMALLEST_LEGIBLE_PX, f"chart text {smallest:.1f} px high at {width}"
    snap(page, request.node.name, "report")
