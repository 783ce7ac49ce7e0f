"""`/screen/` answers as a booking naming the same party would be screened: a cleared
false positive remembered with its evidence does not alert again there either
(DESIGN, data flow 4), and one that covers a single booking never covers a bare name."""

import pytest

from bookings.review.services import booking_take
from screening.enums import Discriminator, Disposition
from screening.models import Suppression
from screening.services import suppression_revoke
from tests.factories.review import flagged_booking, judge_party_match
from tests.helpers import session_client

pytestmark = pytest.mark.django_db

URL = "/api/v1/screen/"
LISTED = "Dorian Vexley-Marsh"  # t-per-1, born 1979-03-14
BORN = "1979-09"  # close enough to match, far enough to show another person


def cleared(venue, officer, discriminator, **party) -> Suppression:
    booking = booking_take(booking=flagged_booking(venue, ref="FIRST", speaker=LISTED, **party), by=officer)
    judge_party_match(
        booking,
        officer,
        Disposition.FALSE_POSITIVE,
        reason="Born in September; the listed person in March.",
        discriminators=[discriminator],
    )
    return Suppression.objects.get()


def screened(client, **party) -> dict:
    response = client.post(URL, {"parties": [{"name": LISTED, "kind": "person", **party}]}, format="json")
    assert response.status_code == 200
    return response.json()["results"][0]


def test_a_name_with_the_suppressions_evidence_is_not_flagged(api, watchlist, venue, officer):
    suppression = cleared(venue, officer, Discriminator.DIFFERENT_DOB, date_of_birth=BORN)

    seen_by_venue = screened(api, date_of_birth=BORN)
    seen_by_officer = screened(session_client(officer), date_of_birth=BORN)

    assert seen_by_venue == {"name": LISTED, "kind": "person", "flagged": False, "matches": []}
    assert seen_by_officer["flagged"] is False
    assert [(m["entry_id"], m["suppression"]) for m in seen_by_officer["matches"]] == [
        ("t-per-1", suppression.pk)
    ]


@pytest.mark.parametrize("born", [None, "1979", "1979-09-02", "1979-03-14"])
def test_a_name_without_that_evidence_is_still_flagged(api, watchlist, venue, officer, born):
    cleared(venue, officer, Discriminator.DIFFERENT_DOB, date_of_birth=BORN)

    result = screened(api, **({"date_of_birth": born} if born else {}))

    assert result["flagged"] is True


def test_an_officer_sees_an_unsuppressed_match_as_such(watchlist, officer):
    result = screened(session_client(officer))

    assert (result["flagged"], [m["suppression"] for m in result["matches"]]) == (True, [None])


def test_a_suppression_of_one_booking_alone_never_covers_a_bare_name(api, watchlist, venue, officer):
    suppression = cleared(venue, officer, Discriminator.DIFFERENT_NATIONALITY, date_of_birth=BORN)
    assert suppression.booking is not None

    assert screened(api, date_of_birth=BORN)["flagged"] is True


def test_a_revoked_suppression_flags_again(api, watchlist, venue, officer):
    suppression = cleared(venue, officer, Discriminator.DIFFERENT_DOB, date_of_birth=BORN)
    suppression_revoke(suppression=suppression, by=officer, reason="Wrong person after all.")

    assert screened(api, date_of_birth=BORN)["flagged"] is True
