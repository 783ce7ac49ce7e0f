import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import CharField, JSONField, TextField
from django.utils import timezone

from bookings.audit import first_broken_record
from bookings.enums import Advice, RefusalGrounds, VenueDecisionOutcome
from bookings.intake.services import booking_create, booking_withdraw
from bookings.models import Booking, InformationRequest, Party, ReviewRequest, VenueDecision, WebhookDelivery
from bookings.privacy import PURGED_FIELDS
from bookings.review.services import (
    booking_advise,
    booking_answer_info,
    booking_dispose_match,
    booking_expedite,
    booking_record_decision,
    booking_reject_approval,
    booking_request_info,
    booking_request_review,
)
from bookings.roles import Role
from screening.enums import Discriminator, Disposition
from screening.models import Match, ScreeningRun, Suppression
from tests.factories.bookings import give_webhook, make_user
from tests.factories.review import in_review_booking, make_officer

pytestmark = pytest.mark.django_db

DISTINCTIVE = [
    "Zebedee Quillfeather",
    "Marrowgate Reading Circle",
    "zq@example.org",
    "Fundraiser for the Quillfeather appeal",
    "Dorian Vexley Marsh",
]


def make_booking(venue, ref, *, ended_days_ago):
    ends = timezone.now() - timedelta(days=ended_days_ago)
    booking, _ = booking_create(
        venue=venue,
        external_ref=ref,
        by=None,
        event={
            "title": DISTINCTIVE[3],
            "description": "Talk by " + DISTINCTIVE[0],
            "starts_at": ends - timedelta(hours=2),
            "ends_at": ends,
            "is_public": True,
        },
        hirer={"name": DISTINCTIVE[1], "kind": "organisation", "contact_email": DISTINCTIVE[2]},
        parties=[
            {"name": DISTINCTIVE[0], "kind": "person", "role": "speaker", "date_of_birth": "1970"},
            {"name": DISTINCTIVE[4], "kind": "person", "role": "speaker"},
        ],
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

    assert purge() == "purged personal data of 1 booking(s) past 30 days and 0 ended suppression(s)\n"

    old = Booking.objects.get(pk=old.pk)
    stored = json.dumps(
        [
            list(Booking.objects.filter(pk=old.pk).values()),
            list(Party.objects.filter(booking=old).values()),
            list(Match.objects.filter(run__booking=old).values()),
        ],
        default=str,
    )
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

    assert purge() == "purged personal data of 0 booking(s) past 30 days and 0 ended suppression(s)\n"
    assert Party.objects.filter(booking=recent, name=DISTINCTIVE[0]).exists()


def test_purge_runs_once_per_booking(venue, watchlist, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    make_booking(venue, "OLD", ended_days_ago=31)
    purge()

    assert purge() == "purged personal data of 0 booking(s) past 30 days and 0 ended suppression(s)\n"


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


# --- Bookings that went through the Prevent Officer's review ----------------------------------

REVIEW_TEXT = {
    "expedite": "Quillfeather expedite reason",
    "question": "Quillfeather question",
    "answer": "Quillfeather answer",
    "disposition": "Quillfeather disposition reason",
    "discriminator": "Quillfeather discriminator",
    "decline": "Quillfeather decline rationale",
    "rejection": "Quillfeather rejection reason",
    "rationale": "Quillfeather rationale",
    "notes": "Quillfeather restricted notes",
    "conditions": "Quillfeather conditions",
    "decision": "Quillfeather decision reason",
    "decided_by": "Quillfeather Manager",
    "second_person": "Quillfeather Deputy",
    "review": "Quillfeather review reason",
    "withdrawal": "Quillfeather withdrawal reason",
}
# Not personal data of the people on a booking: identifiers, actors (staff and officers),
# choices, the listed entry's own (public) name, delivery bookkeeping.
NOT_PERSONAL = {
    Booking: {"external_ref", "idempotency_key", "request_fingerprint"},
    Party: set(),
    Match: {"matched_name", "discriminators"},
    ScreeningRun: {"matcher"},
    InformationRequest: {"answered_by"},
    VenueDecision: {"recorded_by"},
    ReviewRequest: {"requested_by"},
    WebhookDelivery: {"event", "url", "last_error"},
}


def reviewed_booking(venue):
    """Every step of the review that stores free text, through the real services."""
    officer, second = make_officer("officer1"), make_officer("officer2")
    staff = make_user("staff", Role.VENUE_STAFF, venue)
    give_webhook(venue, "http://127.0.0.1:9/hook")  # deliveries are stored, never sent here
    booking = in_review_booking(venue, officer, late=True)
    booking_expedite(booking=booking, by=staff, reason=REVIEW_TEXT["expedite"])
    booking_request_info(booking=booking, by=officer, question=REVIEW_TEXT["question"])
    booking_answer_info(booking=booking, by=staff, answer=REVIEW_TEXT["answer"])
    match = booking.screening_runs.get().matches.get()
    booking_dispose_match(
        booking=booking,
        by=officer,
        match_id=match.pk,
        disposition=Disposition.FALSE_POSITIVE,
        reason=REVIEW_TEXT["disposition"],
        discriminators=[Discriminator.OTHER],
        discriminator_text=REVIEW_TEXT["discriminator"],
    )
    booking_advise(
        booking=booking,
        by=officer,
        advice=Advice.ADVISE_DECLINE,
        rationale=REVIEW_TEXT["decline"],
        notes=REVIEW_TEXT["notes"],
    )
    booking_reject_approval(booking=booking, by=second, reason=REVIEW_TEXT["rejection"])
    booking_advise(
        booking=booking,
        by=officer,
        advice=Advice.PROCEED_WITH_CONDITIONS,
        rationale=REVIEW_TEXT["rationale"],
        notes=REVIEW_TEXT["notes"],
        conditions_text=REVIEW_TEXT["conditions"],
    )
    booking_record_decision(
        booking=booking,
        by=staff,
        outcome=VenueDecisionOutcome.REFUSED,
        grounds=RefusalGrounds.PREVENT,
        reason=REVIEW_TEXT["decision"],
        decided_by_name=REVIEW_TEXT["decided_by"],
        second_person_name=REVIEW_TEXT["second_person"],
    )
    booking_request_review(booking=booking, by=staff, reason=REVIEW_TEXT["review"])
    booking_withdraw(booking=booking, reason=REVIEW_TEXT["withdrawal"], by=staff)
    return Booking.objects.get(pk=booking.pk)


def stored_text(booking) -> str:
    """Every row held about the booking, as text."""
    return json.dumps(
        [
            list(model.objects.filter(**{path: booking.pk}).values())
            for model, (path, _) in PURGED_FIELDS.items()
        ],
        default=str,
    )


def test_purged_fields_cover_every_free_text_field_of_the_booking_models():
    for model, (_, blanks) in PURGED_FIELDS.items():
        text_fields = {
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, CharField | TextField | JSONField) and not f.choices
        }
        assert text_fields - NOT_PERSONAL[model] == set(blanks), model.__name__


def test_purge_of_a_reviewed_booking_keeps_none_of_its_text(venue, watchlist, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    booking = reviewed_booking(venue)
    before = stored_text(booking)
    # All of it stored, but the first rationale: the later advice replaced it (the audit has its digest).
    assert [text for text in REVIEW_TEXT.values() if text not in before] == [REVIEW_TEXT["decline"]]
    assert WebhookDelivery.objects.filter(booking=booking).exists()
    ended = timezone.now() - timedelta(days=31)
    Booking.objects.filter(pk=booking.pk).update(starts_at=ended - timedelta(hours=2), ends_at=ended)

    assert purge() == "purged personal data of 1 booking(s) past 30 days and 0 ended suppression(s)\n"

    after = stored_text(booking)
    assert [text for text in REVIEW_TEXT.values() if text.lower() in after.lower()] == []
    assert set(Party.objects.filter(booking=booking).values_list("name", flat=True)) == {"[purged]"}
    assert first_broken_record() is None
    assert (VenueDecision.objects.get(booking=booking).outcome, booking.review_requests.count()) == (
        "refused",
        1,
    )  # what happened is kept for the figures; only the text goes


def test_subject_access_export_includes_the_review_of_each_booking(venue, watchlist):
    booking = reviewed_booking(venue)
    out = StringIO()

    call_command("subject_access_export", "Dorian Vexley-Marsh", stdout=out)

    export = json.loads(out.getvalue())
    [record] = export["records"]
    assert record["booking"]["external_ref"] == booking.external_ref
    assert (
        record["booking"]["advice_rationale"],
        record["booking"]["advice_conditions_text"],
        record["booking"]["officer_notes"],
        record["booking"]["expedite_reason"],
        record["booking"]["withdrawal_reason"],
    ) == (
        REVIEW_TEXT["rationale"],
        REVIEW_TEXT["conditions"],
        REVIEW_TEXT["notes"],
        REVIEW_TEXT["expedite"],
        REVIEW_TEXT["withdrawal"],
    )
    assert [(r["question"], r["answer"]) for r in record["information_requests"]] == [
        (REVIEW_TEXT["question"], REVIEW_TEXT["answer"])
    ]
    assert [
        (d["outcome"], d["grounds"], d["reason"], d["decided_by_name"], d["second_person_name"])
        for d in record["venue_decisions"]
    ] == [
        (
            "refused",
            "prevent",
            REVIEW_TEXT["decision"],
            REVIEW_TEXT["decided_by"],
            REVIEW_TEXT["second_person"],
        )
    ]
    assert [(r["reason"], r["original_advice"], r["outcome"]) for r in record["review_requests"]] == [
        (REVIEW_TEXT["review"], "proceed_with_conditions", "")
    ]
    [match] = record["screening_matches"]
    assert (
        match["disposition"],
        match["disposition_reason"],
        match["discriminators"],
        match["discriminator_text"],
    ) == ("false_positive", REVIEW_TEXT["disposition"], ["other"], REVIEW_TEXT["discriminator"])
    [suppression] = export["suppressions"]
    assert (
        suppression["party"],
        suppression["entry_id"],
        suppression["reason"],
        suppression["discriminator_text"],
    ) == (
        {"name": "dorian vexley marsh", "kind": "person", "date_of_birth": ""},
        "t-per-1",
        REVIEW_TEXT["disposition"],
        REVIEW_TEXT["discriminator"],
    )


def test_subject_access_export_leaves_out_suppressions_of_other_identities(venue, watchlist):
    reviewed_booking(venue)
    Suppression.objects.update(party_date_of_birth="1980-01-01")
    other = Suppression.objects.get()
    other.pk, other.party_kind, other.origin_match = None, "organisation", None
    other.save()
    out_same, out_other_dob = StringIO(), StringIO()

    call_command(
        "subject_access_export", "Dorian Vexley-Marsh", "--date-of-birth", "1980-01-01", stdout=out_same
    )
    call_command(
        "subject_access_export", "Dorian Vexley-Marsh", "--date-of-birth", "1991-05-05", stdout=out_other_dob
    )

    same = json.loads(out_same.getvalue())["suppressions"]
    assert [(s["party"]["kind"], s["party"]["date_of_birth"]) for s in same] == [("person", "1980-01-01")]
    assert json.loads(out_other_dob.getvalue())["suppressions"] == []


def test_purge_blanks_suppressions_once_they_have_ended(venue, watchlist, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    reviewed_booking(venue)  # its false positive left an active suppression
    active = Suppression.objects.get()
    now = timezone.now()
    for change in ({"expires_at": now - timedelta(days=1)}, {"revoked_at": now}):
        ended = Suppression.objects.get(pk=active.pk)
        ended.pk, ended.origin_match, ended.created_at = None, None, now - timedelta(days=400)
        for field, value in change.items():
            setattr(ended, field, value)
        ended.save()

    assert purge() == "purged personal data of 0 booking(s) past 30 days and 2 ended suppression(s)\n"

    kept = Suppression.objects.get(pk=active.pk)
    assert (kept.party_name, kept.reason) == ("dorian vexley marsh", REVIEW_TEXT["disposition"])
    blanked = Suppression.objects.exclude(pk=active.pk)
    assert {
        (s.party_name, s.party_date_of_birth, s.reason, s.discriminator_text, s.revoke_reason)
        for s in blanked
    } == {("[purged]", "", "[purged]", "", "")}
    export = StringIO()
    call_command("subject_access_export", "Dorian Vexley-Marsh", stdout=export)
    assert [s["entry_id"] for s in json.loads(export.getvalue())["suppressions"]] == ["t-per-1"]
    assert first_broken_record() is None
    assert purge().endswith("and 0 ended suppression(s)\n")
