"""Cleared false positives: remembered, visible, revocable, expiring, and
invalidated when either the party or the source entry changes."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bookings.enums import BookingStatus
from bookings.models import AuditRecord
from bookings.review.services import booking_dispose_match, booking_take
from screening.enums import Discriminator, Disposition
from screening.models import Match, Suppression
from screening.services import suppression_revoke
from tests.factories.review import flagged_booking, in_review_booking, judge_party_match
from tests.helpers import FIXTURES
from watch_sources.services import source_import

pytestmark = pytest.mark.django_db


SCHOOL = "Leeds Primary School"  # the evidence: the listed person is not a teacher there


def clear_as_false_positive(booking, officer, discriminators=(Discriminator.DIFFERENT_ORGANISATION,)):
    return judge_party_match(
        booking,
        officer,
        Disposition.FALSE_POSITIVE,
        reason="The speaker is a local teacher, not the listed person.",
        discriminators=discriminators,
    )


@pytest.fixture
def suppressed(watchlist, venue, officer):
    """The listed name, cleared as a false positive on a first booking: the speaker's
    organisation shows they are someone else."""
    first = booking_take(booking=flagged_booking(venue, ref="FIRST", organisation=SCHOOL), by=officer)
    clear_as_false_positive(first, officer)
    return Suppression.objects.get()


def test_false_positive_creates_a_suppression_with_its_discriminators(suppressed):
    assert suppressed.party_name == "dorian vexley marsh"
    assert (suppressed.source_slug, suppressed.entry_id) == ("test-watchlist", "t-per-1")
    assert suppressed.discriminators == ["different_organisation"]
    assert suppressed.is_active is True
    assert AuditRecord.objects.filter(action="suppression.created").count() == 1


def test_cleared_false_positive_does_not_realert_for_a_party_with_the_same_evidence(suppressed, venue):
    booking = flagged_booking(venue, ref="SECOND", organisation=SCHOOL)

    assert booking.status == BookingStatus.CLEARED
    match = Match.objects.get(run__booking=booking)
    assert match.suppression == suppressed  # kept and shown as suppressed, not dropped


def test_changed_party_details_alert_again(suppressed, venue):
    booking = flagged_booking(venue, ref="SECOND", date_of_birth="1979")

    assert booking.status == BookingStatus.FLAGGED
    assert Match.objects.get(run__booking=booking).suppression is None


def test_changed_source_entry_alerts_again(suppressed, venue, tmp_path):
    lines = (FIXTURES / "watchlist.ftm.jsonl").read_text().splitlines()
    changed = []
    for line in lines:
        row = json.loads(line)
        if row["id"] == "t-per-1":
            row["properties"]["alias"] = ["D. Vexley-Marsh"]
        changed.append(json.dumps(row))
    path = tmp_path / "watchlist-v2.ftm.jsonl"
    path.write_text("\n".join(changed) + "\n")
    source_import(slug="test-watchlist", origin=str(path), fmt="ftm")

    booking = flagged_booking(venue, ref="SECOND")

    assert booking.status == BookingStatus.FLAGGED


def test_unchanged_new_source_version_keeps_the_suppression(suppressed, venue, tmp_path):
    path = tmp_path / "same.ftm.jsonl"
    path.write_text((FIXTURES / "watchlist.ftm.jsonl").read_text() + "\n")
    source_import(slug="test-watchlist", origin=str(path), fmt="ftm", force=True)

    booking = flagged_booking(venue, ref="SECOND", organisation=SCHOOL)

    assert booking.status == BookingStatus.CLEARED


def test_revoked_suppression_alerts_again(suppressed, venue, officer):
    suppression_revoke(suppression=suppressed, reason="New intelligence.", by=officer)

    booking = flagged_booking(venue, ref="SECOND")

    assert booking.status == BookingStatus.FLAGGED
    assert AuditRecord.objects.filter(action="suppression.revoked").count() == 1


def test_expired_suppression_alerts_again(suppressed, venue):
    long_ago = timezone.now() - timedelta(days=400)
    Suppression.objects.filter(pk=suppressed.pk).update(
        created_at=long_ago, expires_at=long_ago + timedelta(days=365)
    )

    booking = flagged_booking(venue, ref="SECOND")

    assert booking.status == BookingStatus.FLAGGED


def test_expiry_period_comes_from_settings(watchlist, venue, officer, settings):
    settings.SUPPRESSION_EXPIRY_DAYS = 30
    booking = in_review_booking(venue, officer)
    clear_as_false_positive(booking, officer, discriminators=(Discriminator.DIFFERENT_NATIONALITY,))

    suppression = Suppression.objects.get()

    assert suppression.expires_at - suppression.created_at == timedelta(days=30)


def test_false_positive_without_discriminators_is_refused_and_writes_nothing(watchlist, venue, officer):
    booking = in_review_booking(venue, officer)

    with pytest.raises(ValidationError) as error:
        clear_as_false_positive(booking, officer, discriminators=())

    assert error.value.message_dict == {
        "discriminators": ["Say what shows this party is not the listed entry."]
    }
    assert Match.objects.get().disposition == ""
    assert Suppression.objects.count() == 0
    assert AuditRecord.objects.filter(action="booking.dispose_match").count() == 0


def test_other_discriminator_needs_text(watchlist, venue, officer):
    booking = in_review_booking(venue, officer)

    with pytest.raises(ValidationError) as error:
        clear_as_false_positive(booking, officer, discriminators=(Discriminator.OTHER,))

    assert error.value.message_dict == {"discriminator_text": ["Describe the other discriminator."]}


def test_true_match_creates_no_suppression(watchlist, venue, officer):
    booking = in_review_booking(venue, officer)
    match = booking.screening_runs.first().matches.get()

    booking_dispose_match(
        booking=booking,
        by=officer,
        match_id=match.pk,
        disposition=Disposition.TRUE_MATCH,
        reason="Same DOB and photo.",
        discriminators=[],
    )

    match.refresh_from_db()
    assert (match.disposition, match.disposed_by) == (Disposition.TRUE_MATCH, officer)
    assert Suppression.objects.count() == 0


def test_the_same_name_without_the_evidence_alerts_again(suppressed, venue):
    booking = flagged_booking(venue, ref="SECOND", organisation="Another School")

    assert booking.status == BookingStatus.FLAGGED
    assert Match.objects.get(run__booking=booking, subject="party").suppression is None


def test_a_suppression_recorded_without_evidence_covers_its_booking_alone(
    watchlist, venue, other_venue, officer
):
    first = in_review_booking(
        venue, officer, ref="FIRST"
    )  # the speaker carries no date of birth, no organisation
    clear_as_false_positive(first, officer, discriminators=(Discriminator.DIFFERENT_NATIONALITY,))
    suppression = Suppression.objects.get()

    elsewhere = flagged_booking(other_venue, ref="ELSEWHERE")
    next_here = flagged_booking(venue, ref="NEXT")

    assert suppression.booking_id == first.pk
    assert (elsewhere.status, next_here.status) == (BookingStatus.FLAGGED, BookingStatus.FLAGGED)


def test_a_suppression_without_evidence_still_covers_a_rescreen_of_its_booking(watchlist, venue, officer):
    from bookings.intake.screening import booking_screen
    from screening.enums import ScreeningTrigger

    first = in_review_booking(venue, officer, ref="FIRST")
    clear_as_false_positive(first, officer, discriminators=(Discriminator.DIFFERENT_NATIONALITY,))

    booking_screen(booking=first, trigger=ScreeningTrigger.MANUAL)

    run = first.screening_runs.first()
    assert run.matches.get().suppression == Suppression.objects.get()


def test_a_differing_date_of_birth_is_evidence_for_that_date_only(watchlist, venue, officer):
    # Within a year of the entry's 1979-03-14, so the matcher flags it; the officer
    # finds the person is someone else, born on another day.
    second = booking_take(
        booking=flagged_booking(venue, ref="SECOND", date_of_birth="1979-07-01"), by=officer
    )
    clear_as_false_positive(second, officer, discriminators=(Discriminator.DIFFERENT_DOB,))

    same = flagged_booking(venue, ref="SAME", date_of_birth="1979-07-01")
    other = flagged_booking(venue, ref="OTHER", date_of_birth="1979-08-01")

    assert Suppression.objects.get().booking_id is None
    assert (same.status, other.status) == (BookingStatus.CLEARED, BookingStatus.FLAGGED)


# The entry t-per-1 is born 1979-03-14: these dates agree with it to the precision
# given, so they cannot be what shows the speaker is someone else.
@pytest.mark.parametrize("born", ["1979-03-14", "1979-03", "1979"])
def test_a_date_of_birth_the_entry_shares_is_refused_as_the_difference(born, watchlist, venue, officer):
    booking = booking_take(booking=flagged_booking(venue, ref="CARELESS", date_of_birth=born), by=officer)

    with pytest.raises(ValidationError) as error:
        clear_as_false_positive(booking, officer, discriminators=(Discriminator.DIFFERENT_DOB,))

    assert error.value.message_dict == {
        "discriminators": [
            f"The party's date of birth ({born}) agrees with the entry's (1979-03-14), so it does not "
            "show they are different people. Say what does."
        ]
    }
    assert Match.objects.get(run__booking=booking).disposition == ""
    assert Suppression.objects.count() == 0
    assert AuditRecord.objects.filter(action="booking.dispose_match").count() == 0


def test_a_careless_date_of_birth_judgement_never_silences_the_listed_person_elsewhere(
    watchlist, venue, other_venue, officer
):
    # Had the judgement above been accepted, it would have silenced the listed person
    # themselves, with their own date of birth, at every venue.
    careless = booking_take(booking=flagged_booking(venue, ref="CARELESS", date_of_birth="1979"), by=officer)
    with pytest.raises(ValidationError):
        clear_as_false_positive(careless, officer, discriminators=(Discriminator.DIFFERENT_DOB,))

    elsewhere = flagged_booking(other_venue, ref="ELSEWHERE", date_of_birth="1979")

    assert elsewhere.status == BookingStatus.FLAGGED


def test_what_a_shared_date_of_birth_would_silence_is_this_booking_alone(watchlist, venue, officer):
    from screening.services import suppression_scope

    booking = booking_take(booking=flagged_booking(venue, ref="CARELESS", date_of_birth="1979"), by=officer)
    match = Match.objects.get(run__booking=booking)

    scope = suppression_scope(match=match, discriminators=[Discriminator.DIFFERENT_DOB])

    assert (scope["evidence"], scope["booking_only"]) == ({}, True)


def test_an_officer_sees_which_suppressions_reach_every_venue(watchlist, venue, officer):
    from django.test import Client
    from rest_framework.test import APIClient

    everywhere = booking_take(
        booking=flagged_booking(venue, ref="EVERYWHERE", organisation=SCHOOL), by=officer
    )
    clear_as_false_positive(everywhere, officer)
    alone = booking_take(booking=flagged_booking(venue, ref="ALONE"), by=officer)
    clear_as_false_positive(alone, officer, discriminators=(Discriminator.DIFFERENT_NATIONALITY,))
    api, page = APIClient(), Client()
    api.force_login(officer)
    page.force_login(officer)

    listed = api.get("/api/v1/suppressions/").json()["results"]
    html = page.get("/review/suppressions/").content.decode()

    assert [(s["booking"], s["party_organisation"]) for s in listed] == [
        (str(alone.public_id), ""),
        (None, "leeds primary school"),
    ]
    assert "This booking only (ALONE): the same name elsewhere is still flagged" in html
    assert (
        "Any booking at any venue, for a party of this name with no date of birth, "
        "of the organisation “leeds primary school”"
    ) in html


def rejudge(booking, officer, disposition, match=None):
    return judge_party_match(
        booking, officer, disposition, reason="On a second look it is the listed person.", match=match
    )


@pytest.mark.parametrize("disposition", [Disposition.TRUE_MATCH, Disposition.POSSIBLE_MATCH])
def test_a_false_positive_judged_again_as_a_concern_ends_its_suppression(
    disposition, suppressed, venue, other_venue, officer
):
    # The suppression kept silencing the person at every venue after the officer's correction.
    first = suppressed.origin_match.run.booking

    rejudge(first, officer, disposition)

    suppressed.refresh_from_db()
    elsewhere = flagged_booking(other_venue, ref="ELSEWHERE", organisation=SCHOOL)
    assert (suppressed.is_active, suppressed.revoked_by) == (False, officer)
    assert elsewhere.status == BookingStatus.FLAGGED
    assert AuditRecord.objects.filter(action="suppression.revoked").count() == 1


def test_a_false_positive_judged_again_keeps_the_new_judgement_on_the_next_screening(suppressed, officer):
    from bookings.intake.screening import booking_screen
    from screening.enums import ScreeningTrigger

    first = suppressed.origin_match.run.booking
    rejudge(first, officer, Disposition.TRUE_MATCH)

    booking_screen(booking=first, trigger=ScreeningTrigger.MANUAL)

    match = first.screening_runs.first().matches.get(subject="party")
    assert (match.disposition, match.suppression, match.judged_match_id) == (
        Disposition.TRUE_MATCH,
        None,
        suppressed.origin_match_id,
    )


def test_a_carried_false_positive_judged_again_ends_the_suppression_it_came_from(suppressed, officer):
    from bookings.intake.screening import booking_screen
    from screening.enums import ScreeningTrigger

    first = suppressed.origin_match.run.booking
    booking_screen(booking=first, trigger=ScreeningTrigger.MANUAL)
    carried = first.screening_runs.first().matches.get(subject="party")
    assert carried.judged_match_id == suppressed.origin_match_id

    rejudge(first, officer, Disposition.TRUE_MATCH, match=carried)

    suppressed.refresh_from_db()
    assert suppressed.is_active is False


def test_a_false_positive_judged_again_on_other_evidence_silences_only_as_the_new_judgement_says(
    suppressed, venue, other_venue, officer
):
    first = suppressed.origin_match.run.booking

    clear_as_false_positive(first, officer, discriminators=(Discriminator.DIFFERENT_NATIONALITY,))

    elsewhere = flagged_booking(other_venue, ref="ELSEWHERE", organisation=SCHOOL)
    assert [s.booking_id for s in Suppression.objects.active()] == [first.pk]
    assert elsewhere.status == BookingStatus.FLAGGED
