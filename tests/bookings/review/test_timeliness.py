"""Advice targets in working days, overdue escalation, late bookings, expediting."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from bookings.models import AuditRecord, Booking
from bookings.reports import selectors
from bookings.reports.periods import ReportPeriod
from bookings.review.services import booking_expedite
from bookings.roles import Role
from bookings.timeliness import add_working_days, is_late_booking, working_days_between
from tests.factories.bookings import make_user
from tests.factories.review import (
    advised_booking,
    flagged_booking,
    in_review_booking,
    make_officer,
)

pytestmark = pytest.mark.django_db

FRIDAY = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def test_working_days_skip_weekends():
    assert add_working_days(FRIDAY, 1) == FRIDAY + timedelta(days=3)
    assert add_working_days(FRIDAY, 5) == FRIDAY + timedelta(days=7)
    assert working_days_between(FRIDAY, FRIDAY + timedelta(days=7)) == 5
    assert working_days_between(FRIDAY, FRIDAY - timedelta(days=1)) == 0


def test_late_booking_is_under_ten_working_days_ahead():
    assert is_late_booking(submitted_at=FRIDAY, event_starts_at=FRIDAY + timedelta(days=13)) is True
    assert is_late_booking(submitted_at=FRIDAY, event_starts_at=FRIDAY + timedelta(days=14)) is False


def test_flagged_booking_is_due_after_the_service_level_target(watchlist, venue, settings):
    settings.REVIEW_SLA_WORKING_DAYS = 5

    booking = flagged_booking(venue)

    assert booking.review_due_at == add_working_days(booking.review_opened_at, 5)


def test_due_date_never_falls_after_the_event(watchlist, venue):
    booking = flagged_booking(venue)
    soon = timezone.now() + timedelta(days=1)
    Booking.objects.filter(pk=booking.pk).update(starts_at=soon, ends_at=soon + timedelta(hours=2))
    booking.refresh_from_db()
    staff = make_user("staff", Role.VENUE_STAFF, venue)

    booking = booking_expedite(booking=booking, by=staff, reason="Tomorrow.")

    assert booking.expedited is True
    assert booking.review_due_at == soon


def test_expedite_brings_the_due_date_forward(watchlist, venue, settings):
    settings.REVIEW_EXPEDITED_WORKING_DAYS = 2
    booking = flagged_booking(venue, late=True)
    staff = make_user("staff", Role.VENUE_STAFF, venue)

    booking = booking_expedite(booking=booking, by=staff, reason="Short notice.")

    assert booking.review_due_at == min(add_working_days(timezone.now(), 2), booking.review_due_at)
    assert booking.review_due_at < add_working_days(booking.review_opened_at, 5)


def test_overdue_review_is_escalated_to_another_officer(
    watchlist, venue, capsys, django_capture_on_commit_callbacks
):
    first = make_officer("officer1")
    second = make_officer("officer2")
    second.email = "officer2@council.example"
    second.save()
    booking = in_review_booking(venue, first)
    Booking.objects.filter(pk=booking.pk).update(review_due_at=timezone.now() - timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("escalate_overdue_reviews")
    call_command("escalate_overdue_reviews")  # once per review, not every run

    booking.refresh_from_db()
    assert booking.assigned_to == second
    assert booking.escalated_at is not None
    assert AuditRecord.objects.filter(action="booking.escalated").count() == 1
    assert capsys.readouterr().out.splitlines()[-1] == "escalated 0"
    assert [m.to for m in mail.outbox] == [["officer2@council.example"]]


def test_review_not_yet_due_is_not_escalated(watchlist, venue):
    make_officer("officer2")
    booking = in_review_booking(venue, make_officer("officer1"))

    call_command("escalate_overdue_reviews")

    booking.refresh_from_db()
    assert booking.escalated_at is None


def test_close_past_bookings_command_reports_counts(watchlist, venue, capsys):
    booking = flagged_booking(venue)
    Booking.objects.filter(pk=booking.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1)
    )

    call_command("close_past_bookings")

    assert capsys.readouterr().out.strip() == "closed 0, lapsed 1"
    assert Booking.objects.get(pk=booking.pk).status == "lapsed"
    assert mail.outbox == []


def test_advice_through_review_feeds_the_turnaround_report(watchlist, venue):
    booking = advised_booking(venue, make_officer("officer1"))
    today = timezone.localdate()

    durations = selectors.review_durations_by(
        period=ReportPeriod(start=today - timedelta(days=1), end=today + timedelta(days=1)), grouping=None
    )

    expected = (booking.advised_at - booking.flagged_at).total_seconds() / 86400
    assert durations == {None: [expected]}


# Good Friday 26 March and Easter Monday 29 March 2027 are bank holidays in England.
MAUNDY_THURSDAY = datetime(2027, 3, 25, 10, 0, tzinfo=UTC)


def test_working_days_skip_bank_holidays_of_the_configured_nation(settings):
    settings.BANK_HOLIDAYS = "ENG"
    assert add_working_days(MAUNDY_THURSDAY, 5) == datetime(2027, 4, 5, 10, 0, tzinfo=UTC)
    assert working_days_between(MAUNDY_THURSDAY, datetime(2027, 4, 1, 10, 0, tzinfo=UTC)) == 3
    # 2 January is a bank holiday in Scotland only.
    new_year = datetime(2026, 12, 31, 12, 0, tzinfo=UTC)
    assert add_working_days(new_year, 1) == datetime(2027, 1, 4, 12, 0, tzinfo=UTC)
    settings.BANK_HOLIDAYS = "SCT"
    assert add_working_days(new_year, 1) == datetime(2027, 1, 5, 12, 0, tzinfo=UTC)


def test_without_bank_holidays_only_weekends_are_skipped(settings):
    settings.BANK_HOLIDAYS = ""
    assert add_working_days(MAUNDY_THURSDAY, 5) == datetime(2027, 4, 1, 10, 0, tzinfo=UTC)


def test_days_are_counted_in_local_time():
    # 23:30 UTC on Friday 2 July 2027 is already Saturday 00:30 in London (BST), so
    # one working day later is Monday 00:30 London time; counted in UTC it would be
    # Monday 23:30, a day late.
    late_friday = datetime(2027, 7, 2, 23, 30, tzinfo=UTC)
    assert add_working_days(late_friday, 1) == late_friday + timedelta(days=2)


def test_a_distant_event_is_counted_only_as_far_as_the_question_needs():
    far = FRIDAY + timedelta(days=400)
    assert working_days_between(FRIDAY, far, at_most=10) == 10
    assert is_late_booking(submitted_at=FRIDAY, event_starts_at=far) is False
