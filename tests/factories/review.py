"""Helpers for review tests: officers and bookings brought to a review status
through the real services (never by writing the status field)."""

from datetime import timedelta

from django.utils import timezone

from bookings.enums import Advice
from bookings.review.services import booking_advise, booking_dispose_match, booking_request_info, booking_take
from bookings.roles import Role
from screening.enums import Discriminator, Disposition, MatchSubject
from tests.factories.bookings import booking_payload, create_booking_from, make_user

LISTED_SPEAKER = "Dorian Vexley-Marsh"  # t-per-1 in tests/fixtures/watchlist.ftm.jsonl


def make_officer(username: str = "officer1"):
    return make_user(username, Role.PREVENT_OFFICER)


def evidence_on(match) -> list[str]:
    """A false positive's discriminator that the matched party can back: its date of
    birth, else its organisation, else a nationality the officer knows of (which
    needs nothing on the booking, and so covers the booking alone)."""
    party = match.party
    if party is not None and party.date_of_birth and match.subject == MatchSubject.PARTY:
        return [Discriminator.DIFFERENT_DOB]
    if party is not None and party.organisation and match.subject == MatchSubject.PARTY:
        return [Discriminator.DIFFERENT_ORGANISATION]
    return [Discriminator.DIFFERENT_NATIONALITY]


def flagged_booking(venue, ref: str = "HB-1", speaker: str = LISTED_SPEAKER, *, late: bool = False, **party):
    """A booking of the listed speaker; `late` puts its event three days away (less
    notice than the policy asks, so the venue may ask to expedite)."""
    payload = booking_payload(ref)
    if late:
        starts = timezone.now().replace(microsecond=0) + timedelta(days=3)
        payload["event"].update(starts_at=starts, ends_at=starts + timedelta(hours=2))
    payload["parties"] = [{"name": speaker, "kind": "person", "role": "speaker", **party}]
    return create_booking_from(venue, payload)


def in_review_booking(venue, officer, ref: str = "HB-1", *, late: bool = False):
    return booking_take(booking=flagged_booking(venue, ref, late=late), by=officer)


def info_requested_booking(venue, officer, ref: str = "HB-1"):
    booking = in_review_booking(venue, officer, ref)
    return booking_request_info(booking=booking, by=officer, question="Who else is speaking?")


def judge_party_match(booking, officer, disposition: str, *, reason: str, discriminators=(), match=None):
    """The officer's judgement of `match`, by default the match on the booking's party in its
    latest screening."""
    match = match or booking.screening_runs.first().matches.get(subject="party")
    return booking_dispose_match(
        booking=booking,
        by=officer,
        match_id=match.pk,
        disposition=disposition,
        reason=reason,
        discriminators=list(discriminators),
    )


def dispose_all(booking, officer, disposition: str = Disposition.POSSIBLE_MATCH):
    run = booking.screening_runs.first()
    for match in run.matches.filter(suppression__isnull=True):
        booking_dispose_match(
            booking=booking,
            by=officer,
            match_id=match.pk,
            disposition=disposition,
            reason="Checked against the entry.",
            discriminators=evidence_on(match) if disposition == Disposition.FALSE_POSITIVE else [],
        )
    return booking


def awaiting_approval_booking(venue, officer, ref: str = "HB-1"):
    booking = dispose_all(in_review_booking(venue, officer, ref), officer)
    return booking_advise(
        booking=booking,
        by=officer,
        advice=Advice.ADVISE_DECLINE,
        rationale="The speaker is a listed person.",
        notes="Restricted note.",
    )


def advised_booking(venue, officer, ref: str = "HB-1", advice: str = Advice.NO_CONCERNS):
    booking = dispose_all(in_review_booking(venue, officer, ref), officer)
    conditions = ["stewarding"] if advice == Advice.PROCEED_WITH_CONDITIONS else []
    return booking_advise(
        booking=booking,
        by=officer,
        advice=advice,
        rationale="Plain-English rationale for the venue.",
        notes="Restricted note.",
        conditions=conditions,
    )
