"""The Prevent Officer's journey in a real browser, at phone and desktop widths: the queue
(searchable, with its markers), a flagged booking explained in plain words, a judgement made
with nothing chosen in advance, advice given; then a second officer approves a decline; and
the suppressions page lists what a false positive silences and revokes it with a reason.

Every page passes `check_page`: no sideways scroll, no serious or critical axe violation,
no raw code in the visible text."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bookings.enums import Advice, BookingStatus
from bookings.models import AdviceCondition, Booking
from bookings.review.services import booking_expedite
from bookings.roles import Role
from screening.models import Suppression
from tests.factories.bookings import make_user
from tests.factories.review import (
    awaiting_approval_booking,
    flagged_booking,
    in_review_booking,
    make_officer,
)

from .pages import DESKTOP, PHONE, check_page, new_page, sign_in, snap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture(params=sorted(WIDTHS))
def any_page(request, browser, live_server):
    phone = request.param == "phone"
    extra = {"is_mobile": True, "has_touch": True} if phone else {}
    return new_page(browser, live_server, request, WIDTHS[request.param], **extra)


@pytest.fixture
def conditions(db):
    # Seeded by a data migration, but transactional tests flush the tables after each test.
    for code, label in [
        ("stewarding", "Adequate stewarding"),
        ("independent-chair", "An independent chair for the event"),
    ]:
        AdviceCondition.objects.get_or_create(code=code, defaults={"label": label})


def test_officer_finds_judges_and_advises_on_a_flagged_booking(
    any_page, venue, other_venue, watchlist, conditions, request
):
    page = any_page
    officer = make_officer("olivia")
    booking = flagged_booking(venue, ref="HB-2026-0042")
    soon = flagged_booking(other_venue, ref="SOON-1")  # made at short notice: its event is sooner
    starts = timezone.now() + timezone.timedelta(days=3)
    Booking.objects.filter(pk=soon.pk).update(starts_at=starts, ends_at=starts + timezone.timedelta(hours=2))
    soon.refresh_from_db()
    booking_expedite(booking=soon, by=make_user("sam", Role.VENUE_STAFF, other_venue), reason="Soon.")

    sign_in(page, "olivia")
    expect(page.get_by_role("heading", name="Review queue", level=1)).to_be_visible()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("SOON-1")  # soonest event first
    expect(rows.first).to_contain_text("Expedite requested")
    expect(rows.nth(1)).to_contain_text("HB-2026-0042")
    check_page(page, f"officer-queue-{request.node.callspec.id}")
    snap(page, request.node.name, "1-queue")

    page.get_by_label("Search by name or reference").fill("soon-1")
    page.get_by_role("button", name="Search").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("SOON-1")
    page.get_by_label("Search by name or reference").fill("vexley")
    page.get_by_role("button", name="Search").click()
    expect(rows).to_have_count(2)  # both name the listed speaker
    page.get_by_role("link", name="Clear the search").click()

    rows.nth(1).get_by_role("link").click()
    page.get_by_role("button", name="Take this booking").click()
    expect(page.get_by_role("status")).to_contain_text("You have taken this booking")
    expect(page.locator("#status")).to_have_text("In review")
    card = page.locator(".match-card").first
    expect(card.get_by_role("heading", level=3)).to_contain_text("exact name")
    expect(card).to_contain_text("Why it is listed")
    question = card.get_by_role("group", name="Is this the listed entry?")
    for radio in question.get_by_role("radio").all():
        expect(radio).not_to_be_checked()  # nothing chosen until the officer chooses
    for control in (question.get_by_role("radio").first, card.get_by_role("checkbox").first):
        box = control.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, box  # not the browser's 13 px default
    check_page(page, f"officer-detail-{request.node.callspec.id}")
    snap(page, request.node.name, "2-detail")

    card.get_by_role("button", name=re.compile("Record your judgement")).click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Select whether this is the listed entry")
    check_page(page, f"officer-judgement-errors-{request.node.callspec.id}")
    summary.get_by_role("link", name="Select whether this is the listed entry").click()
    expect(page.get_by_label("Not this entry (a false positive)").first).to_be_focused()

    card = page.locator(".match-card").first
    card.get_by_label("Not this entry (a false positive)").check()
    card.get_by_label("Reason").fill("Not this person: the venue has known the speaker for years.")
    expect(card).to_contain_text("What recording a false positive will silence:")  # open before confirming
    card.get_by_label("Other (explained in text)").check()
    card.get_by_label("Other evidence").fill("Local historian known to the venue for years.")
    card.get_by_role("button", name=re.compile("Record your judgement")).click()
    expect(page.get_by_role("status")).to_contain_text("Your judgement of the match has been recorded")

    page.get_by_label("Proceed with conditions").check()
    page.get_by_label("Rationale for the venue").fill("Go ahead; please have stewards on the door.")
    page.get_by_label("Adequate stewarding").check()
    page.get_by_role("button", name="Give advice").click()
    expect(page.locator("#status")).to_have_text("Advised")
    page.get_by_text(re.compile(r"Who looked at the match details")).click()
    check_page(page, f"officer-advised-{request.node.callspec.id}")
    snap(page, request.node.name, "3-advised")
    history = page.locator("ol.history").first
    expect(history).not_to_contain_text("Match details viewed")  # views are folded away
    booking.refresh_from_db()
    assert (booking.status, booking.advice) == (BookingStatus.ADVISED, Advice.PROCEED_WITH_CONDITIONS)
    assert booking.assigned_to == officer
    assert Suppression.objects.active().count() == 1

    page.get_by_role("link", name="Suppressions", exact=True).click()
    expect(page.get_by_role("heading", name="Suppressions", level=1)).to_be_visible()
    check_page(page, f"officer-suppressions-{request.node.callspec.id}")
    snap(page, request.node.name, "4-suppressions")
    page.get_by_role("button", name=re.compile("^Revoke")).click()
    expect(page.get_by_role("alert")).to_contain_text("Say why you are revoking the suppression")
    page.get_by_label("Why revoke this suppression?").fill("New information from the police.")
    page.get_by_role("button", name=re.compile("^Revoke")).click()
    expect(page.get_by_role("status")).to_contain_text("Suppression revoked")
    assert Suppression.objects.active().count() == 0


def test_second_officer_approves_a_proposed_decline(any_page, venue, watchlist, request):
    page = any_page
    first = make_officer("olivia")
    make_officer("oscar")
    booking = awaiting_approval_booking(venue, first, ref="HB-2026-0050")

    sign_in(page, "oscar")
    page.get_by_label("Search by name or reference").fill("HB-2026-0050")
    page.get_by_role("button", name="Search").click()
    page.locator("tbody tr").first.get_by_role("link").click()
    expect(page.locator("#status")).to_have_text("Awaiting second officer approval")
    expect(page.get_by_role("heading", name="Second officer: the proposed decline")).to_be_visible()
    check_page(page, f"second-officer-{request.node.callspec.id}")
    snap(page, request.node.name, "1-proposed-decline")
    page.get_by_role("button", name="Approve the decline advice").click()

    expect(page.locator("#status")).to_have_text("Advised")
    booking.refresh_from_db()
    assert (booking.advice, booking.approved_by.username) == (Advice.ADVISE_DECLINE, "oscar")


def test_earlier_bookings_lists_only_past_ones(page, venue, watchlist, request):
    officer = make_officer("olivia")
    booking = in_review_booking(venue, officer, ref="NOW-1")
    past = flagged_booking(venue, ref="PAST-1")
    future = flagged_booking(venue, ref="FUTURE-1")
    Booking.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timezone.timedelta(days=40),
        ends_at=timezone.now() - timezone.timedelta(days=40) + timezone.timedelta(hours=2),
    )
    Booking.objects.filter(pk=future.pk).update(
        starts_at=booking.starts_at + timezone.timedelta(days=30),
        ends_at=booking.ends_at + timezone.timedelta(days=30),
    )

    sign_in(page, "olivia")
    page.goto(f"/review/{booking.public_id}/")

    earlier = page.get_by_role("heading", name="Earlier bookings of the same people").locator(
        "xpath=following-sibling::ul[1]"
    )
    expect(earlier.get_by_role("listitem")).to_have_count(1)
    expect(earlier).to_contain_text("PAST-1")
