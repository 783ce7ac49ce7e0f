import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from bookings.audit import first_broken_record
from bookings.models import Booking, Party
from bookings.services import booking_create
from screening.models import Match, ScreeningRun

pytestmark = pytest.mark.django_db

DISTINCTIVE = ["Zebedee Quillfeather", "Marrowgate Reading Circle", "zq@example.org",
               "Fundraiser for the Quillfeather appeal", "Dorian Vexley Marsh"]


def make_booking(venue, ref, *, ended_days_ago):
    ends = timezone.now() - timedelta(days=ended_days_ago)
    booking, _ = booking_create(
        venue=venue, external_ref=ref, actor="test",
        event={"title": DISTINCTIVE[3], "description": "Talk by " + DISTINCTIVE[0],
               "starts_at": ends - timedelta(hours=2), "ends_at": ends, "is_public": True},
        hirer={"name": DISTINCTIVE[1], "kind": "organisation", "contact_email": DISTINCTIVE[2]},
        parties=[{"name": DISTINCTIVE[0], "kind": "person", "role": "speaker", "date_of_birth": "1970"},
                 {"name": DISTINCTIVE[4], "kind": "person", "role": "speaker"}],
    )
    return booking


def purge() -> str:
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    return out.getvalue()


def test_purge_removes_names_and_free_text_after_retention(venue, watchlist, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    old = make_booking(venue, "OLD", ended_days_ago=31)
    assert Match.objects.filter(run__booking=old).exists()

    assert purge() == "purged personal data of 1 booking(s) past 30 days\n"

    old = Booking.objects.get(pk=old.pk)
    stored = json.dumps([
        list(Booking.objects.filter(pk=old.pk).values()),
        list(Party.objects.filter(booking=old).values()),
        list(Match.objects.filter(run__booking=old).values()),
    ], default=str)
    for text in DISTINCTIVE:
        assert text not in stored
        assert text.lower() not in stored.lower()
    assert old.personal_data_purged_at is not None
    assert (old.status, old.venue, old.external_ref) == ("flagged", venue, "OLD")


def test_purge_keeps_aggregates_and_a_verifiable_audit_chain(venue, watchlist, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    make_booking(venue, "OLD", ended_days_ago=31)

    purge()

    assert first_broken_record() is None
    assert ScreeningRun.objects.filter(flagged=True).count() == 1
    assert Match.objects.count() == 1
    assert Party.objects.count() == 3


def test_purge_leaves_bookings_within_retention(venue, watchlist, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    recent = make_booking(venue, "RECENT", ended_days_ago=29)

    assert purge() == "purged personal data of 0 booking(s) past 30 days\n"
    assert Party.objects.filter(booking=recent, name=DISTINCTIVE[0]).exists()


def test_purge_runs_once_per_booking(venue, watchlist, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    make_booking(venue, "OLD", ended_days_ago=31)
    purge()

    assert purge() == "purged personal data of 0 booking(s) past 30 days\n"


def test_subject_access_export_finds_every_record_of_a_person(venue, other_venue, watchlist):
    make_booking(venue, "A", ended_days_ago=1)
    make_booking(other_venue, "B", ended_days_ago=2)
    out = StringIO()

    call_command("subject_access_export", "dorian vexley-marsh", stdout=out)

    export = json.loads(out.getvalue())
    assert [r["booking"]["external_ref"] for r in export["records"]] == ["B", "A"]  # by event date
    assert {r["party"]["name"] for r in export["records"]} == {"Dorian Vexley Marsh"}
    assert export["records"][1]["screening_matches"][0]["entry_id"] == "t-per-1"
    assert [a["action"] for a in export["records"][1]["audit"]] == ["booking.received", "booking.screened"]


def test_subject_access_export_of_an_unknown_person_is_empty(venue, watchlist):
    make_booking(venue, "A", ended_days_ago=1)
    out = StringIO()

    call_command("subject_access_export", "Nobody Atall", stdout=out)

    assert json.loads(out.getvalue())["records"] == []
