"""Bookings, officers and judgements for the review-loop sequence tests, all
through the real services, against a source the test publishes version by version."""

from datetime import timedelta

from django.utils import timezone

from bookings.enums import Advice
from bookings.intake.services import booking_create, booking_update
from bookings.models import Booking
from bookings.review.services import booking_advise, booking_dispose_match, booking_take
from screening.enums import Disposition
from tests.factories.review import evidence_on
from tests.factories.sources import person

LISTED = "Orsolya Brankwether"
LISTED_BORN = "1971-05-02"
# Close enough to still match, different enough to be the evidence of a false positive.
NEAR_BORN = "1971-11-20"
CLEAR = "Tamsin Oakridge-Pell"


def listed_entry(*aliases: str, born: str = LISTED_BORN, entry_id: str = "loc-1"):
    return person(entry_id, LISTED, *aliases, born=born)


def other_entry(entry_id: str = "loc-9"):
    return person(entry_id, "Quillon Marchetti-Vask", born="1960")


def booking_of(venue, speaker: str = LISTED, *, ref: str = "SEQ-1", days: int = 30, **party) -> Booking:
    starts = (timezone.now() + timedelta(days=days)).replace(microsecond=0)
    booking, _ = booking_create(
        venue=venue,
        external_ref=ref,
        event={
            "title": "Neighbourhood talk",
            "description": "An evening talk and discussion.",
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=2),
            "is_public": True,
        },
        hirer={"name": "Riverside Residents Association", "kind": "organisation"},
        parties=[{"name": speaker, "kind": "person", "role": "speaker", **party}],
        by=None,
    )
    return booking


def current(booking: Booking) -> Booking:
    return Booking.objects.get(pk=booking.pk)


def latest_matches(booking: Booking):
    return list(current(booking).screening_runs.first().matches.order_by("id"))


def judge_all(booking: Booking, officer, disposition: str = Disposition.POSSIBLE_MATCH) -> Booking:
    for match in latest_matches(booking):
        if match.suppression_id or match.disposition:
            continue
        booking_dispose_match(
            booking=booking,
            by=officer,
            match_id=match.pk,
            disposition=disposition,
            reason="Checked against the listed entry.",
            discriminators=evidence_on(match) if disposition == Disposition.FALSE_POSITIVE else [],
        )
    return current(booking)


def advise(booking: Booking, officer, advice: str = Advice.PROCEED_WITH_CONDITIONS) -> Booking:
    booking = current(booking)
    if booking.status == "flagged":
        booking = booking_take(booking=booking, by=officer)
    judge_all(booking, officer)
    return booking_advise(
        booking=current(booking),
        by=officer,
        advice=advice,
        rationale="Rationale for the venue.",
        conditions=["stewarding"] if advice == Advice.PROCEED_WITH_CONDITIONS else [],
    )


def change_speaker(booking: Booking, name: str, **party) -> Booking:
    return booking_update(
        booking=current(booking),
        parties=[{"name": name, "kind": "person", "role": "speaker", **party}],
        by=None,
    )
