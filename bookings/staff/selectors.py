"""Reads for the venue staff pages. Staff see their own venues' bookings and nothing about matches."""

from django.db.models import QuerySet
from django.utils import timezone

from bookings.models import Booking, Venue
from bookings.selectors import bookings_base
from screening.models import ScreeningRun
from watch_sources.models import SourceVersion


def staff_venues(*, user) -> QuerySet[Venue]:
    return user.venues.order_by("name")


def staff_bookings(*, user) -> QuerySet[Booking]:
    """Bookings at the person's venues only, whatever other roles they also hold."""
    return bookings_base().filter(venue__in=staff_venues(user=user))


def staff_bookings_upcoming(*, user) -> QuerySet[Booking]:
    return staff_bookings(user=user).filter(ends_at__gte=timezone.now()).order_by("starts_at", "id")


def staff_bookings_past(*, user) -> QuerySet[Booking]:
    return staff_bookings(user=user).filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-id")


def latest_screening_run(*, booking: Booking) -> ScreeningRun | None:
    return booking.screening_runs.first()


def sources_checked(*, run: ScreeningRun | None) -> list[SourceVersion]:
    """The source versions a run checked against: names and dates only, never entries."""
    if run is None:
        return []
    return list(run.source_versions.select_related("source").order_by("source__name", "source__slug"))
