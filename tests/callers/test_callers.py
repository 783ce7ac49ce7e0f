"""One caller identity: every service takes `by`, and the audit label and the
submitting person both come from it (callers/, beneath every layer: docs/architecture.md)."""

import pytest
from django.core.management import call_command

from bookings.intake.services import booking_withdraw
from bookings.models import AuditRecord, Booking
from bookings.roles import Role
from bookings.venues.services import api_key_create
from callers import ManagementCommand, actor_of, person_of
from tests.factories.bookings import booking_payload, create_booking_from, make_user

pytestmark = pytest.mark.django_db


def _create(venue, ref, by):
    return create_booking_from(venue, booking_payload(ref), by=by)


def _received_by(booking) -> str:
    return AuditRecord.objects.get(action="booking.received", object_id=str(booking.pk)).actor


def test_a_person_is_labelled_by_username_and_recorded_as_the_submitter(venue, watchlist):
    staff = make_user("sam", Role.VENUE_STAFF, venue)

    booking = _create(venue, "HB-1", staff)

    assert _received_by(booking) == "user:sam"
    assert booking.submitted_by == staff


def test_a_venue_system_is_labelled_by_its_key_and_is_no_submitting_person(venue, api, watchlist):
    response = api.post("/api/v1/bookings/", booking_payload("HB-2"), format="json")

    assert response.status_code == 201
    record = AuditRecord.objects.get(action="booking.received")
    assert record.actor.startswith("api-key:") and record.actor.endswith("(riverside)")
    assert record.actor.split(":")[1].split()[0] in {k.prefix for k in venue.api_keys.all()}
    assert Booking.objects.get().submitted_by is None


def test_the_system_and_a_command_have_their_own_labels_and_no_person(venue, watchlist):
    system = _create(venue, "HB-3", None)
    booking_withdraw(booking=system, reason="", by=ManagementCommand("tidy_up"))

    assert _received_by(system) == "system"
    assert system.submitted_by is None
    assert AuditRecord.objects.get(action="booking.withdrawn").actor == "command:tidy_up"
    assert person_of(ManagementCommand("tidy_up")) is None


def test_commands_still_name_themselves_in_the_audit():
    call_command("create_user", "olu", "--role", "prevent_officer")

    assert AuditRecord.objects.get(action="user.role_granted").actor == "command:create_user"


def test_an_admin_issuing_a_key_is_labelled_as_a_person(venue):
    admin = make_user("ada", Role.ADMIN)

    api_key_create(venue=venue, by=admin)

    assert AuditRecord.objects.get(action="api_key.created").actor == "user:ada"


def test_actor_of_labels_every_kind_of_caller(venue):
    staff = make_user("kim", Role.VENUE_STAFF, venue)

    assert actor_of(None) == "system"
    assert actor_of(ManagementCommand("seed_demo")) == "command:seed_demo"
    assert actor_of(staff) == "user:kim"
    assert person_of(staff) == staff
