"""Re-screening upcoming bookings when a concern source publishes a new version."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bookings.intake.rescreen import bookings_rescreen_after_source_update
from bookings.intake.services import booking_withdraw
from bookings.models import AuditRecord, Booking
from tests.factories.bookings import BookingFactory, PartyFactory, booking_payload
from tests.helpers import FIXTURES
from watch_sources.services import source_import

pytestmark = pytest.mark.django_db

UN_V1 = FIXTURES / "sources" / "un_consolidated.xml"
UN_V2 = FIXTURES / "sources" / "un_consolidated_v2.xml"


def import_un(path, capture):
    with capture(execute=True):
        return source_import(slug="un", origin=str(path), fmt="un-xml").version


def post_booking(api, speaker: str, ref: str = "HB-1") -> Booking:
    response = api.post("/api/v1/bookings/", booking_payload(ref, speakers=[speaker]), format="json")
    return Booking.objects.get(public_id=response.json()["id"])


def test_new_version_is_audited_and_queued_durably(settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    version = import_un(UN_V1, django_capture_on_commit_callbacks)

    task = DBTaskResult.objects.get()
    assert task.task_path == "bookings.intake.tasks.rescreen_upcoming_bookings"
    assert task.args_kwargs == {"args": [], "kwargs": {"version_id": version.pk, "removed": []}}
    record = AuditRecord.objects.get(action="source.version_published")
    assert (record.object_id, record.data["source"], record.data["entries"]) == (str(version.pk), "un", 3)


def test_withdrawn_and_past_bookings_are_not_rescreened(api, django_capture_on_commit_callbacks):
    import_un(UN_V1, django_capture_on_commit_callbacks)
    withdrawn = post_booking(api, "Selwyn Arkwright-Voss", "HB-W")
    booking_withdraw(booking=withdrawn, reason="cancelled", by=None)
    past = BookingFactory(starts_at=timezone.now() - timedelta(days=1))
    PartyFactory(booking=past, name="Selwyn Arkwright-Voss")
    upcoming = post_booking(api, "Selwyn Arkwright-Voss", "HB-U")

    import_un(UN_V2, django_capture_on_commit_callbacks)

    assert Booking.objects.get(pk=withdrawn.pk).status == "withdrawn"
    assert withdrawn.screening_runs.count() == 1
    assert past.screening_runs.count() == 0
    assert Booking.objects.get(pk=upcoming.pk).status == "flagged"
    assert upcoming.screening_runs.count() == 2
    assert upcoming.screening_runs.first().trigger == "source_update"


def test_rescreen_of_unchanged_match_keeps_flag_without_gone_record(api, django_capture_on_commit_callbacks):
    import_un(UN_V1, django_capture_on_commit_callbacks)
    booking = post_booking(api, "Orvell Taskeran Brennick")

    version = import_un(UN_V2, django_capture_on_commit_callbacks)  # the same entry, one alias more

    assert booking.screening_runs.filter(source_versions=version).count() == 1
    assert Booking.objects.get(pk=booking.pk).status == "flagged"
    assert not AuditRecord.objects.filter(action="booking.matched_entries_gone").exists()


def test_a_rescreen_delivered_again_leaves_bookings_already_screened_against_the_live_versions(
    api, django_capture_on_commit_callbacks
):
    version = import_un(UN_V1, django_capture_on_commit_callbacks)
    booking = post_booking(api, "Orvell Taskeran Brennick")  # screened at intake against v1

    screened = bookings_rescreen_after_source_update(version_id=version.pk, removed=[])

    assert screened == 0
    assert booking.screening_runs.count() == 1
