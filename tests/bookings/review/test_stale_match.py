"""A judgement sent for a match a re-screen has replaced (a stale page, a replayed
request) is refused with a 409 and writes nothing; the latest run's matches, and the
judgements carried forward to them, are judged as before."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from bookings.enums import BookingStatus
from bookings.models import AuditRecord
from bookings.review.services import booking_take
from screening.enums import Disposition
from screening.models import Match, Suppression
from tests.factories.review import evidence_on
from tests.factories.sources import publish

from .helpers import booking_of, current, judge_all, latest_matches, listed_entry, other_entry

pytestmark = pytest.mark.django_db

JUDGEMENT_ACTIONS = ("booking.dispose_match", "match.disposed", "suppression.created")


@pytest.fixture
def source(db):
    return publish([listed_entry("Orsi Brankwether"), other_entry()])


def api(officer) -> APIClient:
    client = APIClient()
    client.force_login(officer)
    return client


def browser(officer) -> Client:
    client = Client()
    client.force_login(officer)
    return client


def api_body(match, disposition=Disposition.POSSIBLE_MATCH) -> dict:
    discriminators = evidence_on(match) if disposition == Disposition.FALSE_POSITIVE else []
    return {
        "match_id": match.pk,
        "disposition": disposition,
        "reason": "Checked against the listed entry.",
        "discriminators": discriminators,
    }


def page_body(match, disposition=Disposition.POSSIBLE_MATCH) -> dict:
    body = {f"m{match.pk}-{k}": v for k, v in api_body(match, disposition).items()}
    return {"match": match.pk, **body}


def api_url(booking) -> str:
    return f"/api/v1/bookings/{booking.public_id}/dispose_match/"


def page_url(booking) -> str:
    return f"/review/{booking.public_id}/dispose_match/"


def rescreen_with_the_entry_changed() -> None:
    """A new version whose entry changed: the old match's judgement would not carry."""
    publish([listed_entry("Orsi Brankwether", born="1971"), other_entry()])


def rescreen_with_nothing_changed() -> None:
    publish([listed_entry("Orsi Brankwether"), other_entry(), other_entry("loc-10")])


def judgements_written() -> int:
    return AuditRecord.objects.filter(action__in=JUDGEMENT_ACTIONS).count()


def assert_nothing_judged(booking, old: Match, status_before: str) -> None:
    old.refresh_from_db()
    assert (old.disposition, old.disposed_by_id) == ("", None)
    assert [(m.disposition, m.judged_match_id) for m in latest_matches(booking)] == [("", None)]
    assert not Suppression.objects.exists()
    assert current(booking).status == status_before


def a_stale_page(venue, officer):
    """The officer opens the page; a re-screen lands before they submit."""
    booking = booking_take(booking=booking_of(venue), by=officer)
    page = browser(officer).get(f"/review/{booking.public_id}/").content.decode()
    (old,) = latest_matches(booking)
    assert f"m{old.pk}-match_id" in page
    rescreen_with_the_entry_changed()
    (new,) = latest_matches(booking)
    assert new.pk != old.pk
    return booking, old, new


@pytest.mark.parametrize("disposition", [Disposition.POSSIBLE_MATCH, Disposition.FALSE_POSITIVE])
def test_the_api_refuses_a_match_of_a_replaced_run_with_409_and_writes_nothing(
    source, venue, officer, disposition
):
    booking, old, new = a_stale_page(venue, officer)
    before = judgements_written()

    response = api(officer).post(api_url(booking), api_body(old, disposition), format="json")

    assert response.status_code == 409
    (message,) = response.json()["match_id"]
    assert f"Match {old.pk} is from an earlier screening" in message and "re-screened" in message
    assert judgements_written() == before
    assert_nothing_judged(booking, old, BookingStatus.IN_REVIEW)


def test_the_page_refuses_a_match_of_a_replaced_run_and_shows_the_current_matches(source, venue, officer):
    booking, old, new = a_stale_page(venue, officer)
    before = judgements_written()

    response = browser(officer).post(page_url(booking), page_body(old))

    html = response.content.decode()
    assert response.status_code == 409
    assert f"Match {old.pk} is from an earlier screening of this booking, which has been re-screened" in html
    assert f"m{new.pk}-match_id" in html and f"m{old.pk}-match_id" not in html
    assert judgements_written() == before
    assert_nothing_judged(booking, old, BookingStatus.IN_REVIEW)


def test_a_replayed_judgement_is_refused_once_a_rescreen_has_replaced_its_match(source, venue, officer):
    booking = booking_take(booking=booking_of(venue), by=officer)
    (old,) = latest_matches(booking)
    client = api(officer)
    first = client.post(api_url(booking), api_body(old, Disposition.TRUE_MATCH), format="json")
    rescreen_with_the_entry_changed()
    before = judgements_written()

    replayed = client.post(api_url(booking), api_body(old, Disposition.TRUE_MATCH), format="json")

    assert (first.status_code, replayed.status_code) == (200, 409)
    assert judgements_written() == before
    (new,) = latest_matches(booking)
    assert (new.disposition, new.judged_match_id) == ("", None)  # the changed entry is judged afresh


def test_the_current_runs_match_is_judged_after_a_stale_attempt(source, venue, officer):
    booking, old, new = a_stale_page(venue, officer)
    client = api(officer)
    client.post(api_url(booking), api_body(old), format="json")

    response = client.post(api_url(booking), api_body(new), format="json")

    assert response.status_code == 200
    new.refresh_from_db()
    assert (new.disposition, new.disposed_by) == (Disposition.POSSIBLE_MATCH, officer)
    assert AuditRecord.objects.filter(action="match.disposed", object_id=str(new.pk)).exists()


def test_a_carried_judgement_shows_and_only_its_latest_row_can_be_judged_again(source, venue, officer):
    booking = booking_take(booking=booking_of(venue), by=officer)
    judge_all(booking, officer, Disposition.POSSIBLE_MATCH)
    (judged,) = latest_matches(booking)
    rescreen_with_nothing_changed()
    (carried,) = latest_matches(booking)
    client = api(officer)

    page = browser(officer).get(f"/review/{booking.public_id}/").content.decode()
    on_the_old_row = client.post(api_url(booking), api_body(judged, Disposition.TRUE_MATCH), format="json")
    carried.refresh_from_db()
    still_carried = (carried.disposition, carried.judged_match_id)
    on_the_new_row = client.post(api_url(booking), api_body(carried, Disposition.TRUE_MATCH), format="json")

    assert "carried forward" in page
    assert still_carried == (Disposition.POSSIBLE_MATCH, judged.pk)
    assert (on_the_old_row.status_code, on_the_new_row.status_code) == (409, 200)
    carried.refresh_from_db()
    assert (carried.disposition, carried.judged_match_id) == (Disposition.TRUE_MATCH, None)
