"""An organisation has no date of birth. Sent with one (to `/screen/`, in a booking's
hirer or parties, by PATCH, or on the staff form) it is refused on `date_of_birth` and
nothing is stored or screened; before this it was kept, shown to the officer and compared
with listed people's dates as if it were a person's."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from bookings.intake.services import booking_create
from bookings.models import AuditRecord, Booking, Party
from bookings.roles import Role
from bookings.staff.forms import ORGANISATION_DOB_MESSAGE
from bookings.validators import ORGANISATION_HAS_NO_BIRTH_DATE, BookingInvalid
from screening.models import ScreeningRun
from tests.factories.bookings import booking_payload, make_user
from tests.factories.bookings import staff_form_data as form_data

pytestmark = pytest.mark.django_db

REFUSED = {"date_of_birth": [ORGANISATION_HAS_NO_BIRTH_DATE]}
SCREEN = "/api/v1/screen/"
BOOKINGS = "/api/v1/bookings/"
LISTED_ORGANISATION = "NS131"  # an organisation of tests/fixtures/watchlist.ftm.jsonl
LISTED_PERSON = "Dorian Vexley-Marsh"  # born 1979-03-14


def officer_session() -> APIClient:
    client = APIClient()
    client.force_login(make_user("officer1", Role.PREVENT_OFFICER))
    return client


# --- /screen/ --------------------------------------------------------------------


def test_screen_refuses_an_organisation_with_a_date_of_birth_naming_the_party(api, watchlist):
    parties = [
        {"name": "Priya Natarajan", "kind": "person", "date_of_birth": "1980"},
        {"name": "Riverside Choir", "kind": "organisation", "date_of_birth": "1980-04-01"},
    ]
    records = AuditRecord.objects.count()

    response = api.post(SCREEN, {"parties": parties}, format="json")

    assert response.status_code == 400
    assert response.json() == {"parties": {"1": REFUSED}}
    assert AuditRecord.objects.count() == records  # nothing screened, nothing recorded


@pytest.mark.parametrize("blank", ["", None])
def test_screen_takes_an_organisation_with_no_date_of_birth(blank, api, watchlist):
    parties = [{"name": "Riverside Choir", "kind": "organisation", "date_of_birth": blank}]

    response = api.post(SCREEN, {"parties": parties}, format="json")

    assert response.status_code == 200
    assert response.json()["results"][0]["flagged"] is False


def test_the_refusal_tells_a_prober_nothing_about_the_list(api, watchlist):
    listed = [{"name": LISTED_ORGANISATION, "kind": "organisation", "date_of_birth": "1990"}]
    unlisted = [{"name": "Riverside Choir", "kind": "organisation", "date_of_birth": "1990"}]

    answers = [api.post(SCREEN, {"parties": p}, format="json") for p in (listed, unlisted)]

    assert [(a.status_code, a.json()) for a in answers] == [(400, {"parties": {"0": REFUSED}})] * 2


def test_a_listed_person_sent_as_an_organisation_with_another_birth_date_is_refused_then_found(
    api, watchlist
):
    # A hostile hirer tries the wrong kind with a date that differs from the entry's;
    # refused, and without the date the listed person is still found (kind is a hint).
    disguised = [{"name": LISTED_PERSON, "kind": "organisation", "date_of_birth": "2001-06-30"}]
    plain = [{"name": LISTED_PERSON, "kind": "organisation"}]

    refused = api.post(SCREEN, {"parties": disguised}, format="json")
    found = officer_session().post(SCREEN, {"parties": plain}, format="json")

    assert (refused.status_code, refused.json()) == (400, {"parties": {"0": REFUSED}})
    assert found.json()["results"][0]["flagged"] is True


def test_a_person_keeps_their_date_of_birth(api, watchlist):
    parties = [{"name": "Priya Natarajan", "kind": "person", "date_of_birth": "1980-04-01"}]

    assert api.post(SCREEN, {"parties": parties}, format="json").status_code == 200


# --- bookings ----------------------------------------------------------------------


def assert_nothing_stored(records_before: int) -> None:
    assert (Booking.objects.count(), Party.objects.count(), ScreeningRun.objects.count()) == (0, 0, 0)
    assert AuditRecord.objects.count() == records_before


def test_a_booking_whose_organisation_party_has_a_date_of_birth_is_refused(api, watchlist):
    payload = booking_payload()
    payload["parties"] = [
        {"name": "Priya Natarajan", "kind": "person", "role": "speaker", "date_of_birth": "1980"},
        {"name": "Riverside Choir", "kind": "organisation", "role": "performer", "date_of_birth": "1980"},
    ]
    records = AuditRecord.objects.count()

    response = api.post(BOOKINGS, payload, format="json")

    assert (response.status_code, response.json()) == (400, {"parties": {"1": REFUSED}})
    assert_nothing_stored(records)


def test_a_booking_whose_organisation_hirer_has_a_date_of_birth_is_refused(api, watchlist):
    payload = booking_payload()
    payload["hirer"]["date_of_birth"] = "1980"  # the hirer is an organisation
    records = AuditRecord.objects.count()

    response = api.post(BOOKINGS, payload, format="json")

    assert (response.status_code, response.json()) == (400, {"hirer": REFUSED})
    assert_nothing_stored(records)


def test_the_service_refuses_it_too_for_callers_past_the_api(venue, watchlist):
    payload = booking_payload()
    payload["parties"] = [
        {"name": "Riverside Choir", "kind": "organisation", "role": "performer", "date_of_birth": "1980"}
    ]

    with pytest.raises(BookingInvalid) as error:
        booking_create(venue=venue, by=None, **payload)

    assert error.value.by_section == {"parties": {"0": REFUSED}}
    assert Booking.objects.count() == 0


def stored_booking(api, **hirer) -> str:
    payload = booking_payload()
    payload["hirer"].update(hirer)
    response = api.post(BOOKINGS, payload, format="json")
    assert response.status_code == 201, response.content
    return response.json()["id"]


def test_a_patch_giving_an_organisation_hirer_a_date_of_birth_is_refused_and_changes_nothing(api, watchlist):
    booking_id = stored_booking(api)  # the hirer is an organisation
    runs, records = ScreeningRun.objects.count(), AuditRecord.objects.count()

    response = api.patch(f"{BOOKINGS}{booking_id}/", {"hirer": {"date_of_birth": "1980"}}, format="json")

    assert (response.status_code, response.json()) == (400, {"hirer": REFUSED})
    assert Party.objects.get(role="hirer").date_of_birth == ""
    assert (ScreeningRun.objects.count(), AuditRecord.objects.count()) == (runs, records)


def test_a_patch_turning_a_person_hirer_with_a_date_of_birth_into_an_organisation_is_refused(api, watchlist):
    booking_id = stored_booking(api, name="Jo Smith", kind="person", date_of_birth="1980")

    response = api.patch(f"{BOOKINGS}{booking_id}/", {"hirer": {"kind": "organisation"}}, format="json")
    cleared = api.patch(
        f"{BOOKINGS}{booking_id}/", {"hirer": {"kind": "organisation", "date_of_birth": ""}}, format="json"
    )

    assert (response.status_code, response.json()) == (400, {"hirer": REFUSED})
    assert cleared.status_code == 200
    assert (Party.objects.get(role="hirer").kind, Party.objects.get(role="hirer").date_of_birth) == (
        "organisation",
        "",
    )


def test_a_patch_of_the_parties_is_checked_party_by_party(api, watchlist):
    booking_id = stored_booking(api)
    parties = [
        {"name": "Riverside Choir", "kind": "organisation", "role": "performer"},
        {"name": "Canal Band", "kind": "organisation", "role": "performer", "date_of_birth": "2001"},
    ]

    response = api.patch(f"{BOOKINGS}{booking_id}/", {"parties": parties}, format="json")

    assert (response.status_code, response.json()) == (400, {"parties": {"1": REFUSED}})
    assert Party.objects.exclude(role="hirer").count() == 0


# --- the staff form ----------------------------------------------------------------


def test_the_staff_form_says_so_beside_the_date(staff, watchlist):
    client = Client()
    client.force_login(staff)
    data = form_data(
        **{
            "parties-0-name": "Riverside Choir",
            "parties-0-kind": "organisation",
            "parties-0-dob_year": "1980",
        }
    )

    response = client.post("/bookings/new/", data)

    assert response.status_code == 400
    assert ORGANISATION_DOB_MESSAGE in response.content.decode()
    assert Booking.objects.count() == 0
