"""A false positive's evidence must be on the booking: "different date of birth" needs
the party's date of birth, "different organisation" its organisation. Claimed without
it, the judgement is refused (400, on `discriminators`) and nothing is written; before
this, it was recorded and its suppression silently covered that booking alone."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework.test import APIClient

from bookings.enums import BookingStatus
from bookings.intake.services import booking_create, booking_update
from bookings.models import AuditRecord
from bookings.review.services import booking_dispose_match, booking_take
from screening.enums import Discriminator, Disposition
from screening.models import Match, Suppression
from tests.factories.bookings import booking_payload
from tests.factories.review import LISTED_SPEAKER, flagged_booking, make_officer

pytestmark = pytest.mark.django_db

NO_DATE_OF_BIRTH = (
    "“Dorian Vexley-Marsh” has no date of birth on this booking, so “Different date of birth” "
    "does not show they are someone else. Say what does."
)
NO_ORGANISATION = (
    "“Dorian Vexley-Marsh” has no organisation on this booking, so “Different organisation” "
    "does not show they are someone else. Say what does."
)
# What a refused judgement must not have written.
JUDGEMENT_ACTIONS = ("booking.dispose_match", "match.disposed", "suppression.created", "suppression.revoked")


@pytest.fixture
def officer(db):
    return make_officer("officer1")


def taken(venue, officer, ref="HB-1", **party):
    return booking_take(booking=flagged_booking(venue, ref, **party), by=officer)


def false_positive(booking, officer, *discriminators, match=None):
    match = match or Match.objects.filter(run__booking=booking, subject="party").latest("id")
    return booking_dispose_match(
        booking=booking,
        by=officer,
        match_id=match.pk,
        disposition=Disposition.FALSE_POSITIVE,
        reason="Not the listed person.",
        discriminators=list(discriminators),
        discriminator_text="",
    )


def assert_nothing_judged(booking):
    assert list(Match.objects.filter(run__booking=booking).values_list("disposition", flat=True)) == [""] * (
        Match.objects.filter(run__booking=booking).count()
    )
    assert Suppression.objects.count() == 0
    assert AuditRecord.objects.filter(action__in=JUDGEMENT_ACTIONS).count() == 0


def test_a_different_date_of_birth_is_refused_when_the_party_gave_none(watchlist, venue, officer):
    booking = taken(venue, officer)

    with pytest.raises(ValidationError) as error:
        false_positive(booking, officer, Discriminator.DIFFERENT_DOB)

    assert error.value.message_dict == {"discriminators": [NO_DATE_OF_BIRTH]}
    assert_nothing_judged(booking)


def test_a_different_organisation_is_refused_when_the_party_gave_none(watchlist, venue, officer):
    booking = taken(venue, officer)

    with pytest.raises(ValidationError) as error:
        false_positive(booking, officer, Discriminator.DIFFERENT_ORGANISATION)

    assert error.value.message_dict == {"discriminators": [NO_ORGANISATION]}
    assert_nothing_judged(booking)


def test_a_blank_organisation_is_no_organisation(watchlist, venue, officer):
    booking = taken(venue, officer, organisation="   ")

    with pytest.raises(ValidationError) as error:
        false_positive(booking, officer, Discriminator.DIFFERENT_ORGANISATION)

    assert error.value.message_dict == {"discriminators": [NO_ORGANISATION]}


def test_both_missing_are_named_together(watchlist, venue, officer):
    booking = taken(venue, officer)

    with pytest.raises(ValidationError) as error:
        false_positive(booking, officer, Discriminator.DIFFERENT_DOB, Discriminator.DIFFERENT_ORGANISATION)

    assert error.value.message_dict == {"discriminators": [NO_DATE_OF_BIRTH, NO_ORGANISATION]}


def test_one_real_and_one_missing_basis_writes_nothing_rather_than_half(watchlist, venue, officer):
    # The organisation is there, the date of birth is not: recording the organisation
    # alone would be a suppression the officer did not ask for.
    booking = taken(venue, officer, organisation="Leeds Primary School")

    with pytest.raises(ValidationError) as error:
        false_positive(booking, officer, Discriminator.DIFFERENT_DOB, Discriminator.DIFFERENT_ORGANISATION)

    assert error.value.message_dict == {"discriminators": [NO_DATE_OF_BIRTH]}
    assert_nothing_judged(booking)


def test_a_missing_basis_hidden_behind_other_text_is_still_refused(watchlist, venue, officer):
    booking = taken(venue, officer)

    with pytest.raises(ValidationError) as error:
        booking_dispose_match(
            booking=booking,
            by=officer,
            match_id=Match.objects.get(run__booking=booking).pk,
            disposition=Disposition.FALSE_POSITIVE,
            reason="Not him.",
            discriminators=[Discriminator.OTHER, Discriminator.DIFFERENT_DOB],
            discriminator_text="Known locally.",
        )

    assert error.value.message_dict == {"discriminators": [NO_DATE_OF_BIRTH]}
    assert_nothing_judged(booking)


def test_after_the_refusal_the_honest_judgement_covers_this_booking_alone(
    watchlist, venue, other_venue, officer
):
    booking = taken(venue, officer)
    with pytest.raises(ValidationError):
        false_positive(booking, officer, Discriminator.DIFFERENT_DOB)

    false_positive(booking, officer, Discriminator.DIFFERENT_NATIONALITY)
    elsewhere = flagged_booking(other_venue, "ELSEWHERE")

    assert Suppression.objects.get().booking_id == booking.pk
    assert elsewhere.status == BookingStatus.FLAGGED


def test_the_evidence_given_makes_a_suppression_for_that_evidence(watchlist, venue, other_venue, officer):
    booking = taken(venue, officer, organisation="Leeds Primary School")

    false_positive(booking, officer, Discriminator.DIFFERENT_ORGANISATION)

    suppression = Suppression.objects.get()
    assert (suppression.booking_id, suppression.party_organisation) == (None, "leeds primary school")


def test_the_hirers_contact_has_no_date_of_birth_to_differ(watchlist, venue, officer):
    payload = booking_payload("CONTACT")
    payload["hirer"]["contact_name"] = LISTED_SPEAKER
    booking, _ = booking_create(venue=venue, by=None, **payload)
    booking = booking_take(booking=booking, by=officer)
    match = Match.objects.get(run__booking=booking, subject="hirer_contact")

    with pytest.raises(ValidationError) as error:
        false_positive(booking, officer, Discriminator.DIFFERENT_DOB, match=match)

    assert error.value.message_dict == {"discriminators": [NO_DATE_OF_BIRTH]}
    assert_nothing_judged(booking)


def test_a_date_of_birth_removed_by_the_venue_is_no_longer_evidence(watchlist, venue, other_venue, officer):
    # The hirer drops the date of birth after screening; the officer judges what the
    # booking now says. No judgement may make a suppression reaching other venues.
    booking = taken(venue, officer, date_of_birth="1979-07-01")
    speaker = {"name": LISTED_SPEAKER, "kind": "person", "role": "speaker"}
    booking_update(booking=booking, parties=[speaker], by=None)

    for match in Match.objects.filter(run__booking=booking, party__isnull=False):
        with pytest.raises(ValidationError) as error:
            false_positive(booking, officer, Discriminator.DIFFERENT_DOB, match=match)
        assert error.value.message_dict == {"discriminators": [NO_DATE_OF_BIRTH]}

    assert Suppression.objects.filter(booking__isnull=True).count() == 0
    elsewhere = flagged_booking(other_venue, "ELSEWHERE", date_of_birth="1979-07-01")
    assert elsewhere.status == BookingStatus.FLAGGED


def dispose_body(match, *discriminators):
    return {
        "match_id": match.pk,
        "disposition": "false_positive",
        "reason": "Not him.",
        "discriminators": list(discriminators),
    }


def test_the_api_answers_400_on_discriminators_and_writes_nothing(watchlist, venue, officer):
    booking = taken(venue, officer)
    match = Match.objects.get(run__booking=booking)
    client = APIClient()
    client.force_login(officer)
    records = AuditRecord.objects.count()

    response = client.post(
        f"/api/v1/bookings/{booking.public_id}/dispose_match/",
        dispose_body(match, "different_dob", "different_organisation"),
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"discriminators": [NO_DATE_OF_BIRTH, NO_ORGANISATION]}
    assert AuditRecord.objects.count() == records
    assert_nothing_judged(booking)


def test_the_page_shows_the_refusal_beside_the_field(watchlist, venue, officer):
    booking = taken(venue, officer)
    match = Match.objects.get(run__booking=booking)
    browser = Client()
    browser.force_login(officer)

    response = browser.post(
        f"/review/{booking.public_id}/dispose_match/",
        {
            "match": match.pk,
            f"m{match.pk}-match_id": match.pk,
            f"m{match.pk}-disposition": "false_positive",
            f"m{match.pk}-reason": "Not him.",
            f"m{match.pk}-discriminators": ["different_organisation"],
        },
    )

    assert response.status_code == 400
    assert "has no organisation on this booking" in response.content.decode()
    assert_nothing_judged(booking)
