"""Venue staff in a real browser: sign in, enter bookings, see results, withdraw."""

import unicodedata
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bookings.enums import Advice, BookingStatus
from bookings.models import AdviceCondition, Booking
from tests.factories.bookings import LISTED_SPEAKER, create_booking
from tests.factories.review import advised_booking, make_officer

from .pages import DESKTOP, PHONE, RESULTS, assert_accessible, check_page, new_page, sign_in, snap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Anything that would tell staff about the matched entry: its id, listed spelling, birth date, score.
MATCH_DETAILS = ["t-per-1", "Vexley-Marsh", "1979-03-14", "score", "alias", "test-watchlist"]


def event_date() -> str:
    return (timezone.localdate() + timedelta(days=30)).isoformat()


def fill_event_and_hirer(page, title: str) -> None:
    page.get_by_label("Event name").fill(title)
    page.get_by_label("What happens at the event (optional)").fill("A talk, then questions.")
    page.get_by_label("Date", exact=True).fill(event_date())
    page.get_by_label("Start time").fill("18:30")
    page.get_by_label("End time").fill("21:00")
    page.get_by_role("group", name="Is the event open to the public?").get_by_label("Yes").check()
    page.get_by_label("Expected number of people (optional)").fill("60")
    page.get_by_label("Hirer's name").fill("Canal Heritage Society")
    page.get_by_role("group", name="Is the hirer a person or an organisation?").get_by_label(
        "Organisation"
    ).check()
    page.get_by_label("Contact email (optional)").fill("jo@example.org")


def person(page, number: int):
    return page.get_by_role("group", name=f"Person {number}", exact=True)


def test_staff_submits_a_clean_booking_and_sees_it_cleared(page, staff, watchlist, request):
    sign_in(page, "sam")
    expect(page.get_by_role("heading", name="My bookings", level=1)).to_be_visible()
    assert_accessible(page, "my-bookings-empty")

    page.get_by_role("link", name="New booking", exact=True).click()
    expect(page.get_by_role("heading", name="New booking", level=1)).to_be_visible()
    assert_accessible(page, "new-booking-form")
    fill_event_and_hirer(page, "Canal history talk")
    person(page, 1).get_by_label("Full name").fill("Priya Natarajan")
    page.get_by_role("button", name="Add another person").click()
    expect(person(page, 2)).to_be_visible()
    expect(person(page, 1).get_by_label("Full name")).to_have_value("Priya Natarajan")
    expect(page.get_by_label("Event name")).to_have_value("Canal history talk")
    expect(person(page, 2).get_by_label("Full name")).to_be_focused()
    person(page, 2).get_by_label("Full name").fill("Harbour Folk Band")
    person(page, 2).get_by_label("Role").select_option("performer")
    person(page, 2).get_by_label("Person or organisation").select_option("organisation")
    snap(page, request.node.name, "1-form-filled")
    page.get_by_role("button", name="Save and check the booking").click()

    result = page.locator("#result")
    expect(result.get_by_role("heading", name="No concerns found in the sources checked")).to_be_visible()
    version_date = timezone.localtime(watchlist.created_at)
    expect(result.get_by_role("listitem")).to_have_text(
        [f"{watchlist.source.name}, version of {version_date:%-d %B %Y}"]
    )
    expect(page.get_by_role("cell", name="Harbour Folk Band (organisation)")).to_be_visible()
    assert_accessible(page, "booking-cleared")
    snap(page, request.node.name, "2-cleared")
    assert Booking.objects.get().status == BookingStatus.CLEARED


def test_listed_speaker_is_sent_for_review_without_match_details(page, staff, watchlist, request):
    sign_in(page, "sam")
    page.get_by_role("link", name="New booking", exact=True).click()
    fill_event_and_hirer(page, "Community evening")
    person(page, 1).get_by_label("Full name").fill(LISTED_SPEAKER)
    page.get_by_role("button", name="Save and check the booking").click()

    expect(page.get_by_role("heading", name="Sent to the Prevent Officer for review")).to_be_visible()
    expect(page.get_by_text("You should have an answer by")).to_be_visible()
    assert_accessible(page, "booking-sent-for-review")
    snap(page, request.node.name, "1-sent-for-review")
    detail = page.content()
    page.get_by_role("link", name="My bookings", exact=True).click()
    expect(page.get_by_role("cell", name="With the Prevent Officer")).to_be_visible()
    listing = page.content()
    for html in (detail, listing):
        for leak in MATCH_DETAILS:
            assert leak.lower() not in html.lower(), leak
    assert Booking.objects.get().status == BookingStatus.FLAGGED


def test_staff_withdraws_a_booking(page, staff, venue, watchlist, request):
    booking = create_booking(venue, "HB-2026-0099", title="Quiz night")
    sign_in(page, "sam")

    page.get_by_role("link", name="Quiz night").click()
    page.get_by_role("link", name="Withdraw this booking").click()
    confirm = page.get_by_role("heading", name="Are you sure you want to withdraw “Quiz night”?")
    expect(confirm).to_be_visible()
    assert_accessible(page, "withdraw-confirmation")
    page.get_by_label("Why is the booking being withdrawn? (optional)").fill("The hirer cancelled.")
    page.get_by_role("button", name="Yes, withdraw the booking").click()

    expect(page.get_by_role("status")).to_have_text("Booking HB-2026-0099 has been withdrawn.")
    expect(page.get_by_role("heading", name="Withdrawn", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Withdraw this booking")).to_have_count(0)
    snap(page, request.node.name, "1-withdrawn")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.WITHDRAWN
    assert booking.withdrawal_reason == "The hirer cancelled."


def test_errors_are_summarised_at_the_top_and_link_to_their_fields(page, staff, request):
    sign_in(page, "sam")
    page.goto("/bookings/new/")

    page.get_by_role("button", name="Save and check the booking").click()

    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary).to_be_focused()
    expect(page).to_have_title("Error: New booking · venue-check")
    assert_accessible(page, "new-booking-errors")
    snap(page, request.node.name, "1-errors")
    summary.get_by_role("link", name="Enter the hirer's name").click()
    expect(page.get_by_label("Hirer's name")).to_be_focused()
    assert Booking.objects.count() == 0


@pytest.fixture
def page_without_javascript(browser, live_server, request):
    return new_page(browser, live_server, request, DESKTOP, java_script_enabled=False)


def test_rows_are_added_and_removed_without_javascript(page_without_javascript, staff, watchlist, request):
    page = page_without_javascript
    sign_in(page, "sam")
    page.goto("/bookings/new/")
    fill_event_and_hirer(page, "Folk evening")
    person(page, 1).get_by_label("Full name").fill("First Speaker")
    page.get_by_role("button", name="Add another person").click()
    person(page, 2).get_by_label("Full name").fill("Second Speaker")
    page.get_by_role("button", name="Add another person").click()
    person(page, 3).get_by_label("Full name").fill("Third Speaker")

    page.get_by_role("button", name="Remove person 2").click()
    expect(person(page, 3)).to_have_count(0)
    expect(person(page, 2).get_by_label("Full name")).to_have_value("Third Speaker")
    snap(page, request.node.name, "1-row-removed")
    page.get_by_role("button", name="Save and check the booking").click()

    expect(page.get_by_role("heading", name="No concerns found in the sources checked")).to_be_visible()
    names = [p.name for p in Booking.objects.get().parties.all()]
    assert names == ["Canal Heritage Society", "First Speaker", "Third Speaker"]


def test_pages_fit_a_phone_screen(phone_page, staff, venue, watchlist, request):
    create_booking(venue, "HB-2026-0100", title="Seniors' lunch club")
    sign_in(phone_page, "sam")
    expect(phone_page.get_by_role("heading", name="My bookings", level=1)).to_be_visible()

    pages = {"my-bookings": "/bookings/", "new-booking": "/bookings/new/"}
    for step, url in pages.items():
        phone_page.goto(url)
        expect(phone_page.get_by_role("heading", level=1)).to_be_visible()
        assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), step
        assert_accessible(phone_page, f"phone-{step}")
        snap(phone_page, request.node.name, step)


WIDTHS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture(params=sorted(WIDTHS))
def any_page(request, browser, live_server):
    extra = {"is_mobile": True, "has_touch": True} if request.param == "phone" else {}
    return new_page(browser, live_server, request, WIDTHS[request.param], **extra)


def test_staff_change_a_booking_and_it_is_checked_again(any_page, staff, venue, watchlist, request):
    page, width = any_page, request.node.callspec.id
    create_booking(venue, "HB-2026-0200", title="Canal history talk", speakers=["Priya Natarajan"])
    sign_in(page, "sam")
    check_page(page, f"my-bookings-{width}")
    page.get_by_label("Search by name or reference").fill("natarajan")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    page.get_by_role("link", name="Canal history talk").click()
    check_page(page, f"booking-cleared-{width}")

    page.get_by_role("link", name="Change the booking").click()
    expect(page.get_by_role("heading", name="Change the booking", level=1)).to_be_visible()
    expect(person(page, 1).get_by_label("Full name")).to_have_value("Priya Natarajan")
    check_page(page, f"edit-booking-{width}")
    person(page, 1).get_by_label("Full name").fill(LISTED_SPEAKER)
    dob = person(page, 1).get_by_role("group", name="Date of birth (optional)")
    dob.get_by_label("Year").fill("79")
    page.get_by_role("button", name="Save the changes").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Person 1: Enter a date of birth as a year")
    check_page(page, f"edit-booking-errors-{width}")
    summary.get_by_role("link").first.click()
    expect(dob.get_by_label("Year")).to_be_focused()
    dob.get_by_label("Year").fill("1979")
    snap(page, request.node.name, "1-edit")
    page.get_by_role("button", name="Save the changes").click()

    expect(page.get_by_role("status")).to_contain_text("Your changes have been saved")
    expect(page.get_by_role("heading", name="Sent to the Prevent Officer for review")).to_be_visible()
    check_page(page, f"booking-edited-{width}")
    snap(page, request.node.name, "2-rescreened")
    booking = Booking.objects.get(external_ref="HB-2026-0200")
    assert booking.status == BookingStatus.FLAGGED
    assert booking.parties.get(role="speaker").date_of_birth == "1979"


def test_staff_record_the_decision_and_print_the_advice(any_page, staff, venue, watchlist, request):
    page, width = any_page, request.node.callspec.id
    AdviceCondition.objects.get_or_create(code="stewarding", defaults={"label": "Adequate stewarding"})
    booking = advised_booking(
        venue, make_officer(), ref="HB-2026-0300", advice=Advice.PROCEED_WITH_CONDITIONS
    )
    sign_in(page, "sam")
    page.goto(f"/bookings/{booking.public_id}/")
    check_page(page, f"booking-advised-{width}")

    decision = page.locator("section").filter(
        has=page.get_by_role("heading", name="Record your venue's decision")
    )
    decision.get_by_label("Approved with conditions").check()
    decision.get_by_label("Who at your venue made the decision?").fill("Sam Manager")
    decision.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("heading", name="Your venue's decision is recorded")).to_be_visible()
    expect(page.locator("#decision-status")).to_have_text("Decision recorded: approved with conditions")
    expect(page.get_by_role("heading", name="Record your venue's decision")).to_have_count(0)
    check_page(page, f"booking-decided-{width}")
    snap(page, request.node.name, "1-decided")

    page.get_by_role("link", name="Print the advice or save it as a PDF letter").click()
    expect(page.get_by_role("heading", name="Advice on “Neighbourhood talk”", level=1)).to_be_visible()
    check_page(page, f"advice-letter-{width}")
    text = printed_text(page, request.node.name)
    assert "HB-2026-0300" in text
    assert "Go ahead with conditions" in text
    assert "Adequate stewarding" in text
    assert "Plain-English rationale for the venue." in text
    assert "Prevent Officer" in text
    for chrome in ("Sign out", "My bookings", "Back to the booking", "Print command"):
        assert chrome not in text, chrome  # the page's navigation and instructions stay off paper


def printed_text(page, test_name: str) -> str:
    """Print the page to PDF as Chromium does (A4, print styles), keep the file, return its text."""
    from pypdf import PdfReader

    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{test_name}-letter.pdf".replace("[", "_").replace("]", "_")
    page.pdf(path=str(path), format="A4", print_background=True)
    reader = PdfReader(path)
    assert len(reader.pages) == 1, f"the letter takes {len(reader.pages)} pages"
    # NFKC: the PDF's ligatures (ﬃ in "officer") read as the letters they stand for.
    return unicodedata.normalize("NFKC", " ".join(" ".join(p.extract_text().split()) for p in reader.pages))
