"""What the browser tests do with a page: open one, sign in, take a screenshot, and
the checks every page passes (width, plain words, axe-core accessibility).

Screenshots land under test-results/; `assert_accessible` runs axe-core (bundled in
the axe-playwright-python package) and fails on serious or critical violations.
"""

import json
import re
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--lang=en-GB",
]  # date and time inputs as UK users see them
RESULTS = Path(__file__).resolve().parents[2] / "test-results"
PASSWORD = "pw"  # make_user's password
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
BLOCKING_IMPACTS = ("serious", "critical")


def new_page(browser, live_server, request, viewport, **options):
    _forget_screenshots(request.node.name)
    context = browser.new_context(
        base_url=live_server.url, viewport=viewport, locale="en-GB", timezone_id="Europe/London", **options
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    request.addfinalizer(context.close)
    request.addfinalizer(lambda: _screenshot_on_failure(page, request))
    return page


def _screenshot_on_failure(page, request):
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        snap(page, request.node.name, "failure")


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)


def _forget_screenshots(test_name: str) -> None:
    """Drop a test's screenshots from earlier runs, so what is there is from this run."""
    for old in RESULTS.glob(f"{_safe(test_name)}-*.png"):
        old.unlink()


def snap(page, test_name: str, step: str) -> Path:
    """Keep a full-page screenshot: test-results/<test>-<step>.png."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{_safe(test_name)}-{step}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_accessible(page, label: str) -> None:
    """Run axe-core on the page; fail on serious or critical violations, keep the full result."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    violations = results.response["violations"]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"axe-{_safe(label)}.json").write_text(
        json.dumps([{k: v[k] for k in ("id", "impact", "help", "nodes")} for v in violations], indent=1)
    )
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"{label}: " + "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}" for v in blocking
    )


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


# Codes that mean something to the program, never to the people reading the page.
RAW_CODE = re.compile(
    r"\b[a-z]+(?:_[a-z]+)+\b"  # in_review, advise_decline, different_dob
    # booking.dispose_match, user:olivia
    r"|\b(?:booking|match|suppression|source|user|names|api_key)[.:][a-z_]+"
    r"|\(slug\)|\bscore \d"
)


def assert_no_raw_codes(page, label: str) -> None:
    text = page.locator("body").inner_text()
    found = sorted(set(m.group(0) for m in RAW_CODE.finditer(text)))
    assert not found, f"{label}: raw codes on the page: {found}"


def assert_fits_width(page, label: str) -> None:
    """Nothing makes the page scroll sideways (a wide table scrolls inside its own region)."""
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{label}: the page is {widths[0]} px wide in a {widths[1]} px window"


def check_page(page, label: str) -> None:
    """The three checks every page of every journey passes, at every width."""
    assert_fits_width(page, label)
    assert_no_raw_codes(page, label)
    assert_accessible(page, label)
