"""Browser tests: Playwright (sync API) driving Debian's chromium against a live server.

`make test` installs chromium with apt (never `playwright install`). Each test
keeps screenshots under test-results/, and `assert_accessible` runs axe-core
(bundled in the axe-playwright-python package) on each page it is given,
failing on serious or critical violations.
"""

import pytest
from django.core.cache import cache

from bookings.roles import Role
from tests.factories.bookings import make_user

from .pages import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, new_page


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API keeps an asyncio loop running in this thread, and Django
        # refuses ORM calls from such a thread unless told they are safe. They are: the
        # tests are plain synchronous code. Scoped to the browser tests' module.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()  # sign-in failure counts
    yield
    cache.clear()


@pytest.fixture
def page(browser, live_server, request):
    return new_page(browser, live_server, request, DESKTOP)


@pytest.fixture
def phone_page(browser, live_server, request):
    return new_page(browser, live_server, request, PHONE, is_mobile=True, has_touch=True)


@pytest.fixture
def staff(venue):
    return make_user("sam", Role.VENUE_STAFF, venue)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
