"""A booking whose screening failed when it was received is stored flagged (a person must
look: the service never says "no match found" without looking), but it is not a flag: the
report counts it under `screening_failed`, and under `flagged` only once a screening of it
flags. Before this, every screening failure counted as flagged and inflated the flag rate."""

import pytest
from rest_framework.test import APIClient

from bookings.enums import BookingStatus
from bookings.intake.tasks import screen_received_booking
from bookings.models import Booking
from bookings.reports import selectors
from bookings.reports.periods import default_period
from bookings.roles import Role
from tests.factories.bookings import LISTED_SPEAKER, booking_payload, make_user

pytestmark = pytest.mark.django_db

URL = "/api/v1/bookings/"


def received(api, ref: str, speaker: str = "Priya Natarajan", *, fails=None) -> Booking:
    """A booking through the API; `fails` (a monkeypatch) makes its intake screening fail."""
    payload = booking_payload(ref, speakers=[speaker])
    if fails is None:
        body = api.post(URL, payload, format="json").json()
    else:
        with fails.context() as patched:
            patched.setattr("bookings.intake.services.booking_screened", matcher_down)
            body = api.post(URL, payload, format="json").json()
    return Booking.objects.get(public_id=body["id"])


def matcher_down(*args, **kwargs):
    raise RuntimeError("matcher failed")


def total() -> dict:
    counts = selectors.booking_counts(period=default_period())["total"]
    return {k: counts[k] for k in ("screened", "flagged", "screening_failed", "cleared", "under_review")}


def test_a_failed_screening_then_a_clean_one_is_a_screening_failure_not_a_flag(api, watchlist, monkeypatch):
    booking = received(api, "FAILED", fails=monkeypatch)
    screen_received_booking.call(booking.pk)  # the safety net: nothing found

    booking.refresh_from_db()
    assert booking.status == BookingStatus.FLAGGED  # a person still finishes it
    assert total() == {"screened": 1, "flagged": 0, "screening_failed": 1, "cleared": 0, "under_review": 1}


def test_a_failed_screening_whose_later_screening_finds_a_match_is_both(api, watchlist, monkeypatch):
    booking = received(api, "FAILED", LISTED_SPEAKER, fails=monkeypatch)
    screen_received_booking.call(booking.pk)

    assert total() == {"screened": 1, "flagged": 1, "screening_failed": 1, "cleared": 0, "under_review": 1}


def test_a_failed_screening_not_yet_screened_is_counted_as_a_failure_only(api, watchlist, monkeypatch):
    received(api, "FAILED", fails=monkeypatch)  # the worker has not run: nothing screened yet

    assert total() == {"screened": 0, "flagged": 0, "screening_failed": 1, "cleared": 0, "under_review": 0}


def test_screenings_that_ran_count_as_before(api, watchlist):
    received(api, "CLEAR")
    received(api, "LISTED", LISTED_SPEAKER)

    assert total() == {"screened": 2, "flagged": 1, "screening_failed": 0, "cleared": 1, "under_review": 1}


def test_a_failure_delivered_twice_to_the_worker_is_still_one_failure(api, watchlist, monkeypatch):
    booking = received(api, "FAILED", fails=monkeypatch)

    screen_received_booking.call(booking.pk)
    screen_received_booking.call(booking.pk)

    assert total()["screening_failed"] == 1
    assert total()["flagged"] == 0


def test_the_report_gives_the_figure_with_its_label_and_an_honest_flag_rate(api, watchlist, monkeypatch):
    for n in range(5):  # five: above the small-number limit, so the figures are shown
        screen_received_booking.call(received(api, f"FAILED-{n}", fails=monkeypatch).pk)
    for n in range(5):
        received(api, f"CLEAR-{n}")
    reporter = APIClient()
    reporter.force_login(make_user("cava", Role.CAVA_REPORTER))

    data = reporter.get("/api/v1/reports/coverage/").json()

    figures = data["groupings"][0]["total"]
    assert data["figures"]["screening_failed"] == "Screening failed when received (not counted as flagged)"
    assert (figures["screened"], figures["flagged"], figures["flag_rate_percent"]) == (10, 0, 0.0)
    assert figures["screening_failed"] == 5
