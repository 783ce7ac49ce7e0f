from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from rest_framework.test import APIClient

from bookings.models import AuditRecord, Booking, Venue

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_create_api_key_creates_the_venue_and_prints_a_working_key_last():
    output = run("create_api_key", "Eastside Hall")

    key = output.strip().splitlines()[-1]
    assert Venue.objects.get().name == "Eastside Hall"
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    assert client.get("/api/v1/bookings/").status_code == 200


def test_create_api_key_reuses_an_existing_venue():
    run("create_api_key", "Eastside Hall")

    run("create_api_key", "eastside hall")

    assert Venue.objects.count() == 1
    assert Venue.objects.get().api_keys.count() == 2


def test_create_user_with_role_and_venue():
    run("create_user", "sam", "--role", "venue_staff", "--venue", "Eastside Hall", "--password", "pw-1")

    user = get_user_model().objects.get(username="sam")
    assert list(user.groups.values_list("name", flat=True)) == ["venue_staff"]
    assert [v.name for v in user.venues.all()] == ["Eastside Hall"]
    assert user.check_password("pw-1")


def test_create_user_rejects_unknown_role():
    with pytest.raises(CommandError):
        run("create_user", "sam", "--role", "superhero")


def test_venue_staff_need_a_venue():
    with pytest.raises(CommandError, match="venue staff need --venue"):
        run("create_user", "sam", "--role", "venue_staff")


def _roles(username) -> list[str]:
    return sorted(get_user_model().objects.get(username=username).groups.values_list("name", flat=True))


def test_create_user_again_replaces_the_role_and_says_so():
    """DESIGN: `create_user USERNAME --role ROLE` gives the person that role; it used to
    add it to the old one and print "Updated sam as ...", leaving venue access behind."""
    run("create_user", "sam", "--role", "venue_staff", "--venue", "Eastside Hall")

    output = run("create_user", "sam", "--role", "prevent_officer")

    assert output.strip() == (
        "Updated sam: role is now prevent_officer (replaces venue_staff); no longer staff of eastside-hall"
    )
    assert _roles("sam") == ["prevent_officer"]
    assert list(get_user_model().objects.get(username="sam").venues.all()) == []
    record = AuditRecord.objects.filter(action="user.role_granted").last()
    assert (record.data["role"], record.data["replaced"], record.data["venues_left"]) == (
        "prevent_officer",
        ["venue_staff"],
        ["eastside-hall"],
    )


def test_an_administrator_made_venue_staff_loses_the_admin():
    run("create_user", "root", "--role", "admin")

    run("create_user", "root", "--role", "venue_staff", "--venue", "Eastside Hall")

    user = get_user_model().objects.get(username="root")
    assert (_roles("root"), user.is_staff, user.is_superuser) == (["venue_staff"], False, False)


def test_venue_staff_given_another_venue_keep_both_and_are_told_nothing_else_changed():
    run("create_user", "sam", "--role", "venue_staff", "--venue", "Eastside Hall")

    output = run(
        "create_user", "sam", "--role", "venue_staff", "--venue", "Westside Hall", "--password", "pw-2"
    )

    assert output.strip() == "Updated sam: role venue_staff unchanged at Westside Hall; password changed"
    user = get_user_model().objects.get(username="sam")
    assert sorted(v.name for v in user.venues.all()) == ["Eastside Hall", "Westside Hall"]
    assert user.check_password("pw-2")


def test_groups_that_are_not_roles_are_kept():
    run("create_user", "sam", "--role", "cava_reporter")
    user = get_user_model().objects.get(username="sam")
    user.groups.create(name="newsletter")

    run("create_user", "sam", "--role", "prevent_officer")

    assert _roles("sam") == ["newsletter", "prevent_officer"]


@pytest.mark.parametrize(
    "args",
    [("--role", "superhero"), ("--role", "venue_staff")],  # unknown role; venue staff with no venue
)
def test_a_refused_role_change_leaves_the_person_as_they_were(args):
    run("create_user", "olivia", "--role", "prevent_officer", "--password", "pw-1")
    records = AuditRecord.objects.count()

    with pytest.raises(CommandError):
        run("create_user", "olivia", *args, "--password", "pw-9")

    assert _roles("olivia") == ["prevent_officer"]
    assert get_user_model().objects.get(username="olivia").check_password("pw-1")
    assert AuditRecord.objects.count() == records


def test_seed_demo_loads_venues_bookings_and_prints_a_key_last():
    output = run("seed_demo")

    key = output.strip().splitlines()[-1]
    assert key.startswith("vc_")
    assert Venue.objects.count() == 3
    statuses = dict(Booking.objects.values_list("external_ref", "status"))
    assert statuses == {
        "DEMO-0001": "not_in_scope",
        "DEMO-0002": "cleared",
        "DEMO-0003": "flagged",
        "DEMO-0004": "not_in_scope",
    }


def test_verify_audit_passes_on_an_intact_chain():
    run("seed_demo")

    assert run("verify_audit").startswith("audit chain intact:")


def test_verify_audit_names_the_first_tampered_record():
    run("seed_demo")
    victim = AuditRecord.objects.order_by("id")[3]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE bookings_audit_record SET actor = %s WHERE id = %s", ["someone else", victim.pk]
        )

    with pytest.raises(CommandError, match=f"audit record {victim.pk} "):
        run("verify_audit")


def test_verify_audit_detects_a_deleted_record():
    run("seed_demo")
    victim = AuditRecord.objects.order_by("id")[2]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM bookings_audit_record WHERE id = %s", [victim.pk])

    with pytest.raises(CommandError, match=f"audit record {victim.pk + 1} "):
        run("verify_audit")


def test_audit_records_cannot_be_changed_through_the_orm():
    run("seed_demo")
    record = AuditRecord.objects.first()

    with pytest.raises(PermissionError):
        record.save()
    with pytest.raises(PermissionError):
        AuditRecord.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditRecord.objects.update(actor="x")


def key_works(key: str) -> bool:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client.get("/api/v1/bookings/").status_code == 200


def test_rotate_api_key_replaces_the_key():
    old = run("create_api_key", "Eastside Hall").strip().splitlines()[-1]

    new = run("rotate_api_key", old[:11]).strip().splitlines()[-1]

    assert new != old
    assert (key_works(old), key_works(new)) == (False, True)


def test_revoke_only():
    old = run("create_api_key", "Eastside Hall").strip().splitlines()[-1]

    run("rotate_api_key", old[:11], "--revoke-only")

    assert key_works(old) is False
    with pytest.raises(CommandError, match="no active key"):
        run("rotate_api_key", old[:11])


def test_run_periodic_jobs_runs_each_job_once():
    output = run("run_periodic_jobs")

    assert [line for line in output.splitlines() if line.startswith("== ")] == [
        "== close_past_bookings",
        "== reconcile_background_work",
        "== escalate_overdue_reviews",
        "== rescreen_silenced_bookings",
        "== deliver_webhooks",
        "== send_officer_digests",
        "== purge_personal_data",
        "== refresh_sources",
    ]
    assert "closed 0, lapsed 0" in output
    assert "tasks re-queued 0, failed 0; bookings screened: stuck 0, stale 0" in output
