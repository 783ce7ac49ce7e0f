"""One definition of a stale booking (`screening.freshness`), in its two forms: the query
reconciliation and the post-swap re-screen use, and the per-booking check a re-screen makes
under the booking's lock. Both must give the same answer for every booking, or a re-screen
would find owed what the query called current (or leave what it called stale)."""

import pytest

from bookings.models import Booking
from screening.freshness import live_versions_unseen, screened_before_live_versions
from tests.factories.bookings import create_booking
from tests.factories.sources import person, publish
from watch_sources.models import Source

pytestmark = pytest.mark.django_db

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_query_and_the_per_booking_check_agree_on_every_kind_of_booking(settings, venue):
    settings.TASKS = DB_QUEUE  # no re-screen runs between the steps
    first = publish([person("x-0", "Someone Elsewhere Entirely")], slug="first")
    current = create_booking(venue, ref="HB-CURRENT", speakers=["Priya Natarajan"])
    publish([person("x-1", "Someone Else Again")], slug="retired")
    saw_retired = create_booking(venue, ref="HB-SAW-RETIRED", speakers=["Priya Natarajan"])
    Source.objects.filter(slug="retired").update(enabled=False)
    lacking = create_booking(venue, ref="HB-LACKING", speakers=["Priya Natarajan"])
    lacking.screening_runs.first().source_versions.remove(first)
    never = create_booking(venue, ref="HB-NEVER", speakers=["Priya Natarajan"])
    never.screening_runs.all().delete()
    behind = create_booking(venue, ref="HB-BEHIND", speakers=["Priya Natarajan"])
    second = publish([person("x-2", "Yet Another Person")], slug="first")
    # `behind` and every other booking screened before it now lack `second`; screen two again.
    for booking in (current, saw_retired):
        booking.screening_runs.first().source_versions.add(second)

    by_query = set(screened_before_live_versions(Booking.objects.all()).values_list("pk", flat=True))
    by_booking = {b.pk for b in Booking.objects.all() if live_versions_unseen(booking_id=b.pk) is not None}

    assert by_query == by_booking == {lacking.pk, never.pk, behind.pk}
    assert live_versions_unseen(booking_id=behind.pk) == (second.pk,)
    assert live_versions_unseen(booking_id=never.pk) == (second.pk,)
    assert live_versions_unseen(booking_id=current.pk) is None
