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
