"""Each booking rule (bookings/validators.py) holds on every way in: API create, API PATCH,
the staff form and the intake services themselves. A refusal is a 400 (or BookingInvalid)
with a field-level message, and nothing is written."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from bookings.intake.services import booking_create, booking_update
from bookings.models import AuditRecord, Booking, Party
from bookings.staff.forms import BookingEntry
from bookings.validators import (
    ENDS_BEFORE_START,
    MAX_EVENT_LENGTH,
    MAX_LEAD_TIME,
    MAX_PARTIES,
    OUTSIDE_HORIZON,
    TOO_LONG,
    TOO_MANY_PARTIES,
    BookingInvalid,
)
from tests.factories.bookings import booking_payload, create_booking_from

pytestmark = pytest.mark.django_db

URL = "/api/v1/bookings/"


def _starts() -> datetime:
    return (timezone.now() + timedelta(days=30)).replace(hour=18, minute=0, second=0, microsecond=0)


def _people(count: int) -> list[dict]:
    return [{"name": f"Speaker Number{n}", "kind": "person", "role": "speaker"} for n in range(count)]


# (event fields, field with the error, message) for each date rule
DATE_RULES = {
    "event order: ends when it starts": (
        lambda s: {"starts_at": s, "ends_at": s},
        "ends_at",
        ENDS_BEFORE_START,
    ),
    "event order: ends before it starts": (
        lambda s: {"starts_at": s, "ends_at": s - timedelta(minutes=1)},
        "ends_at",
        ENDS_BEFORE_START,
    ),
    "event order: the same instant in another time zone": (
        lambda s: {"starts_at": s, "ends_at": s.astimezone(timezone.get_fixed_timezone(60))},
        "ends_at",
        ENDS_BEFORE_START,
    ),
    "longest event": (
        lambda s: {"starts_at": s, "ends_at": s + MAX_EVENT_LENGTH + timedelta(minutes=1)},
        "ends_at",
        TOO_LONG,
    ),
    "furthest lead time": (
        lambda s: {
            "starts_at": s + MAX_LEAD_TIME - timedelta(days=60),
            "ends_at": s + MAX_LEAD_TIME + timedelta(days=30),
        },
        "ends_at",
        OUTSIDE_HORIZON,
    ),
    "earliest date": (
        lambda s: {"starts_at": s.replace(year=1999), "ends_at": s},
        "starts_at",
        OUTSIDE_HORIZON,
    ),
}


def _api_event(fields: dict) -> dict:
    return {k: v.isoformat() for k, v in fields.items()}


@pytest.fixture
def stored(venue, watchlist):
    return create_booking_from(venue, booking_payload("HB-RULES", speakers=["Priya Natarajan"]))


def _service_args(payload: dict) -> dict:
    return {k: payload[k] for k in ("event", "hirer", "parties")}


def _snapshot(booking) -> tuple:
    booking = Booking.objects.get(pk=booking.pk)
    parties = sorted(Party.objects.filter(booking=booking).values_list("name", "role"))
    return (
        booking.title,
        booking.starts_at,
        booking.ends_at,
        booking.status,
        parties,
        AuditRecord.objects.count(),
    )


# --- API create ---


@pytest.mark.parametrize("rule", DATE_RULES)
def test_api_create_refuses_a_booking_that_breaks_a_date_rule(api, watchlist, rule):
    fields, field, message = DATE_RULES[rule]
    payload = booking_payload()
    payload["event"].update(_api_event(fields(_starts())))

    response = api.post(URL, payload, format="json")

    assert response.status_code == 400
    assert response.json()["event"][field] == [message]
    assert Booking.objects.count() == 0


def test_api_create_takes_the_longest_event_allowed(api, watchlist):
    starts = _starts()
    payload = booking_payload()
    payload["event"].update(_api_event({"starts_at": starts, "ends_at": starts + MAX_EVENT_LENGTH}))

    assert api.post(URL, payload, format="json").status_code == 201


def test_api_create_refuses_one_party_too_many(api, watchlist):
    payload = booking_payload()
    payload["parties"] = _people(MAX_PARTIES + 1)

    response = api.post(URL, payload, format="json")

    assert response.status_code == 400
    assert "parties" in response.json()
    assert Booking.objects.count() == 0


def test_api_create_takes_the_most_parties_allowed(api, watchlist):
    payload = booking_payload()
    payload["parties"] = _people(MAX_PARTIES)

    assert api.post(URL, payload, format="json").status_code == 201


# --- API PATCH ---


@pytest.mark.parametrize("rule", DATE_RULES)
def test_api_patch_refuses_a_change_that_breaks_a_date_rule(api, stored, rule):
    fields, field, message = DATE_RULES[rule]
    before = _snapshot(stored)

    response = api.patch(
        f"{URL}{stored.public_id}/",
        {"event": {"title": "Renamed talk", **_api_event(fields(_starts()))}},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"event": {field: [message]}}
    assert _snapshot(stored) == before


def test_api_patch_of_the_end_alone_is_checked_against_the_stored_start(api, stored):
    before = _snapshot(stored)

    response = api.patch(
        f"{URL}{stored.public_id}/", {"event": {"ends_at": stored.starts_at.isoformat()}}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"event": {"ends_at": [ENDS_BEFORE_START]}}
    assert _snapshot(stored) == before


def test_api_patch_of_the_end_alone_cannot_stretch_the_event_past_a_year(api, stored):
    before = _snapshot(stored)
    too_late = stored.starts_at + MAX_EVENT_LENGTH + timedelta(hours=1)

    response = api.patch(
        f"{URL}{stored.public_id}/", {"event": {"ends_at": too_late.isoformat()}}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"event": {"ends_at": [TOO_LONG]}}
    assert _snapshot(stored) == before


def test_api_patch_of_the_start_alone_cannot_move_it_past_the_stored_end(api, stored):
    before = _snapshot(stored)
    late = stored.ends_at + timedelta(hours=1)

    response = api.patch(
        f"{URL}{stored.public_id}/", {"event": {"starts_at": late.isoformat()}}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"event": {"ends_at": [ENDS_BEFORE_START]}}
    assert _snapshot(stored) == before


def test_api_patch_refuses_one_party_too_many(api, stored):
    before = _snapshot(stored)

    response = api.patch(f"{URL}{stored.public_id}/", {"parties": _people(MAX_PARTIES + 1)}, format="json")

    assert response.status_code == 400
    assert "parties" in response.json()
    assert _snapshot(stored) == before


def test_api_patch_within_the_rules_is_applied(api, stored):
    new_end = stored.ends_at + timedelta(hours=1)

    response = api.patch(
        f"{URL}{stored.public_id}/",
        {"event": {"ends_at": new_end.isoformat()}, "parties": _people(MAX_PARTIES)},
        format="json",
    )

    assert response.status_code == 200
    stored.refresh_from_db()
    assert stored.ends_at == new_end
    assert stored.parties.count() == MAX_PARTIES + 1  # and the hirer


# --- The staff form ---


def _form_data(starts: datetime, ends: datetime, parties: int = 1) -> dict:
    starts, ends = timezone.localtime(starts), timezone.localtime(ends)
    data = {
        "token": "0123456789abcdef0123456789abcdef",
        "title": "Canal history talk",
        "date": starts.date().isoformat(),
        "starts": starts.strftime("%H:%M"),
        "ends": ends.strftime("%H:%M"),
        "end_date": "" if ends.date() == starts.date() else ends.date().isoformat(),
        "is_public": "yes",
        "attendance_mode": "in_person",
        "hirer-name": "Canal Heritage Society",
        "hirer-kind": "organisation",
        "parties-TOTAL_FORMS": str(parties),
        "parties-INITIAL_FORMS": "0",
    }
    for n in range(parties):
        data |= {f"parties-{n}-name": f"Speaker Number{n}", f"parties-{n}-role": "speaker"}
        data[f"parties-{n}-kind"] = "person"
    return data


def _entry(venue, data) -> BookingEntry:
    return BookingEntry(venues=type(venue).objects.filter(pk=venue.pk), data=data)


STAFF_FIELD = {"starts_at": "date", "ends_at": "end_date"}


@pytest.mark.parametrize("rule", [r for r in DATE_RULES if "time zone" not in r])
def test_staff_form_refuses_a_booking_that_breaks_a_date_rule(venue, rule):
    fields, field, message = DATE_RULES[rule]
    event = fields(_starts())
    data = _form_data(event["starts_at"], event["ends_at"])
    entry = _entry(venue, data)

    assert not entry.is_valid()
    errors = entry.event.errors
    form_field = STAFF_FIELD[field] if data["end_date"] else ("ends" if field == "ends_at" else "date")
    assert errors[form_field] == [message.rstrip(".")]


def test_staff_form_takes_the_longest_event_allowed(venue):
    starts = _starts()

    assert _entry(venue, _form_data(starts, starts + MAX_EVENT_LENGTH)).is_valid()


def test_staff_form_refuses_one_party_too_many(venue):
    starts = _starts()
    entry = _entry(venue, _form_data(starts, starts + timedelta(hours=2), parties=MAX_PARTIES + 1))

    assert not entry.is_valid()
    assert entry.parties.non_form_errors() == [f"You can name up to {MAX_PARTIES} people on one booking."]


def test_staff_form_takes_the_most_parties_allowed(venue):
    starts = _starts()

    assert _entry(venue, _form_data(starts, starts + timedelta(hours=2), parties=MAX_PARTIES)).is_valid()


# --- The services, called directly (commands, tasks, other callers) ---


@pytest.mark.parametrize("rule", DATE_RULES)
def test_booking_create_refuses_a_booking_that_breaks_a_date_rule(venue, watchlist, rule):
    fields, field, message = DATE_RULES[rule]
    payload = booking_payload()
    payload["event"].update(fields(_starts()))

    with pytest.raises(BookingInvalid) as raised:
        booking_create(venue=venue, external_ref="HB-1", by=None, **_service_args(payload))

    assert raised.value.message_dict == {field: [message]}
    assert raised.value.by_section == {"event": {field: [message]}}
    assert Booking.objects.count() == 0
    assert Party.objects.count() == 0


def test_booking_create_refuses_one_party_too_many(venue, watchlist):
    payload = booking_payload()
    payload["parties"] = _people(MAX_PARTIES + 1)

    with pytest.raises(BookingInvalid) as raised:
        booking_create(venue=venue, external_ref="HB-1", by=None, **_service_args(payload))

    assert raised.value.by_section == {"parties": [TOO_MANY_PARTIES]}
    assert Booking.objects.count() == 0


@pytest.mark.parametrize("rule", DATE_RULES)
def test_booking_update_refuses_a_change_that_breaks_a_date_rule(stored, rule):
    fields, field, message = DATE_RULES[rule]
    before = _snapshot(stored)

    with pytest.raises(BookingInvalid) as raised:
        booking_update(booking=stored, event={"title": "Renamed", **fields(_starts())}, by=None)

    assert raised.value.message_dict == {field: [message]}
    assert _snapshot(stored) == before


def test_booking_update_checks_a_new_end_against_the_stored_start(stored):
    before = _snapshot(stored)

    with pytest.raises(BookingInvalid) as raised:
        booking_update(booking=stored, event={"ends_at": stored.starts_at - timedelta(hours=1)}, by=None)

    assert raised.value.message_dict == {"ends_at": [ENDS_BEFORE_START]}
    assert _snapshot(stored) == before


def test_booking_update_refuses_too_many_parties_and_keeps_the_old_ones(stored):
    before = _snapshot(stored)

    with pytest.raises(BookingInvalid) as raised:
        booking_update(
            booking=stored,
            hirer={"name": "A New Hirer"},
            parties=_people(MAX_PARTIES + 1),
            by=None,
        )

    assert raised.value.message_dict == {"parties": [TOO_MANY_PARTIES]}
    assert _snapshot(stored) == before


def test_booking_update_leaves_a_stored_date_alone_when_only_the_other_changes(stored):
    """A date already stored is not re-judged against today's horizon: only what is sent is."""
    booking_update(booking=stored, event={"ends_at": stored.ends_at + timedelta(hours=1)}, by=None)

    stored.refresh_from_db()
    assert stored.ends_at - stored.starts_at == timedelta(hours=4)
