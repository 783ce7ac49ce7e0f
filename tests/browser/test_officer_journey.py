"""The whole journey in a real browser: staff submit a booking with a listed speaker, the
Prevent Officer finds it at the top of the queue, clears the match as a false positive and
advises proceeding with conditions, and staff then see the advice and the conditions."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bookings.enums import Advice, BookingStatus
from bookings.models import AdviceCondition, Booking
from screening.enums import Disposition
from tests.factories.bookings import LISTED_SPEAKER
from tests.factories.review import flagged_booking, make_officer

from .conftest import assert_accessible, sign_in, snap
from .test_staff_journey import fill_event_and_hirer, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def conditions(db):
    # Seeded by a data migration, but transactional tests flush the tables after each test.
    for code, label in [
        ("stewarding", "Adequate stewarding"),
        ("independent-chair", "An independent chair for the event"),
    ]:
        AdviceCondition.objects.get_or_create(code=code, defaults={"label": label})


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="You have signed out")).to_be_visible()


def test_officer_clears_a_false_positive_and_staff_see_the_advice_and_conditions(
    page, staff, venue, other_venue, watchlist, conditions, request
):
    officer = make_officer("olivia")
    later = flagged_booking(other_venue, ref="LATER-1")  # flagged first, but its event is later
    Booking.objects.filter(pk=later.pk).update(
        starts_at=later.starts_at + timezone.timedelta(days=60),
        ends_at=later.ends_at + timezone.timedelta(days=60),
    )
    sign_in(page, "sam")
    page.get_by_role("link", name="New booking", exact=True).click()
    fill_event_and_hirer(page, "Community evening")
    person(page, 1).get_by_label("Full name").fill(LISTED_SPEAKER)
    page.get_by_role("button", name="Save and check the booking").click()
    expect(page.get_by_role("heading", name="Sent to the Prevent Officer for review")).to_be_visible()
    sign_out(page)

    sign_in(page, "olivia")
    expect(page.get_by_role("heading", name="Review queue", level=1)).to_be_visible()
    assert_accessible(page, "officer-queue")
    snap(page, request.node.name, "1-queue")
    first_row = page.get_by_role("row").nth(1)
    expect(first_row).to_contain_text("Community evening")
    first_row.get_by_role("link").click()
    page.get_by_role("button", name="Take this booking").click()
    expect(page.locator("#status")).to_have_text("In review")
    # One false positive also suppresses the party's other matches with that entry: judge what is left.
    undecided = (
        page.locator("section")
        .filter(has=page.get_by_role("button", name="Record disposition"))
        .filter(has_not=page.get_by_text(re.compile(r"^(Disposition: |Suppressed: )")))
    )
    for _ in range(10):
        if undecided.count() == 0:
            break
        form = undecided.first
        form.get_by_label("Disposition").select_option(Disposition.FALSE_POSITIVE)
        form.get_by_label("Reason").fill("Not this person: the venue has known the speaker for years.")
        form.get_by_label("Other (explained in text)").check()
        form.get_by_label("Other discriminator").fill("Local historian known to the venue for years.")
        with page.expect_navigation():  # the form posts, then redirects back to the booking
            form.get_by_role("button", name="Record disposition").click()
    expect(undecided).to_have_count(0)
    page.get_by_label("Proceed with conditions").check()
    page.get_by_label("Rationale for the venue").fill("Go ahead; please have stewards on the door.")
    page.get_by_label("Adequate stewarding").check()
    snap(page, request.node.name, "2-officer-advice")
    assert_accessible(page, "officer-detail")
    page.get_by_role("button", name="Give advice").click()
    expect(page.locator("#status")).to_have_text("Advised")
    sign_out(page)

    sign_in(page, "sam")
    expect(page.get_by_role("cell", name="Advice given")).to_be_visible()
    page.get_by_role("link", name="Community evening").click()
    result = page.locator("#result")
    expect(result.get_by_role("heading", name="Advice from the Prevent Officer")).to_be_visible()
    expect(result).to_contain_text("Go ahead with conditions")
    expect(result.get_by_role("listitem")).to_have_count(1)
    expect(result.get_by_role("listitem")).to_contain_text("Adequate stewarding")
    expect(result).to_contain_text("Go ahead; please have stewards on the door.")
    assert "Local historian known to the venue" not in page.content()  # the officer's reason stays theirs
    assert_accessible(page, "staff-advice")
    snap(page, request.node.name, "3-staff-sees-advice")
    booking = Booking.objects.get(title="Community evening")
    assert (booking.status, booking.advice) == (BookingStatus.ADVISED, Advice.PROCEED_WITH_CONDITIONS)
    assert booking.assigned_to == officer

    # Staff record their venue's decision on the same page; a missing answer is explained first.
    decision = page.locator("section").filter(
        has=page.get_by_role("heading", name="Record your venue's decision")
    )
    decision.get_by_label("Refused").check()
    decision.get_by_role("button", name="Record the decision").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Select the grounds for refusing the booking")
    expect(summary).to_contain_text("Enter the name of the person who made the decision")
    assert_accessible(page, "staff-decision-errors")
    snap(page, request.node.name, "4-staff-decision-errors")
    summary.get_by_role("link", name="Enter the name of the person who made the decision").click()
    expect(page.get_by_label("Who at your venue made the decision?")).to_be_focused()
    decision.get_by_label("Approved with conditions").check()
    page.get_by_label("Who at your venue made the decision?").fill("Sam Manager")
    decision.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("status")).to_contain_text("Your venue's decision has been recorded.")
    expect(page.get_by_text("decided by Sam Manager")).to_be_visible()
    snap(page, request.node.name, "5-staff-decision-recorded")
    assert booking.venue_decisions.get().outcome == "approved_with_conditions"
