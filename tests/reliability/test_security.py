import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from api.throttles import ApiKeyRateThrottle
from tests.factories.bookings import booking_payload
from tests.helpers import key_client

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
URL = "/api/v1/bookings/"


def manage(*args, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_shipped_web_server_settings_load_with_the_app():
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(
        DEBUG="false",
        HTTPS="false",
        SECRET_KEY="s" * 60,
        AUDIT_SECRET="a" * 40,
        WEB_CONCURRENCY="3",
        GUNICORN_THREADS="2",
    )

    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--print-config", "venue_check.wsgi"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    config = dict(line.split(" = ", 1) for line in result.stdout.splitlines() if " = " in line)
    assert {
        key.strip(): config[key].strip()
        for key in config
        if key.strip() in ("workers", "threads", "worker_class", "preload_app")
    } == {"workers": "3", "threads": "2", "worker_class": "gthread", "preload_app": "True"}


def test_deploy_check_is_clean_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="k" * 20 + "-production-secret-for-the-check-0123456789",
        AUDIT_SECRET="a" * 40,
        ALLOWED_HOSTS="venue-check.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = manage("check", DEBUG="false", SECRET_KEY="", AUDIT_SECRET="a" * 40)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("audit_secret", ["", "too-short"])
def test_production_settings_refuse_to_start_without_an_audit_secret(audit_secret):
    result = manage("check", DEBUG="false", SECRET_KEY="s" * 60, AUDIT_SECRET=audit_secret)

    assert result.returncode != 0
    assert "AUDIT_SECRET must be set" in result.stderr


def test_security_headers_on_every_response():
    response = APIClient().get("/api/v1/schema/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    directives = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"


def test_default_rate_per_key_allows_at_least_600_a_minute():
    count, period = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["api_key"].split("/")

    assert period.startswith("min") and int(count) >= 600


def test_per_key_rate_limit_answers_429_with_retry_after(venue, monkeypatch):
    monkeypatch.setattr(ApiKeyRateThrottle, "THROTTLE_RATES", {"api_key": "3/min"})
    client = key_client(venue)

    codes = [client.get(URL).status_code for _ in range(4)]

    assert codes == [200, 200, 200, 429]
    response = client.get(URL)
    assert 0 < int(response["Retry-After"]) <= 60


def test_the_key_limit_counts_per_window_and_resets_when_it_passes(venue, monkeypatch):
    monkeypatch.setattr(ApiKeyRateThrottle, "THROTTLE_RATES", {"api_key": "2/min"})
    clock = [1_000_040.0]  # 20 s into the minute that starts at 1,000,020
    monkeypatch.setattr(ApiKeyRateThrottle, "timer", lambda self: clock[0])
    client = key_client(venue)

    assert [client.get(URL).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get(URL)["Retry-After"] == "40"
    clock[0] += 40
    assert client.get(URL).status_code == 200


def test_rate_limit_is_per_key(venue, other_venue, monkeypatch):
    monkeypatch.setattr(ApiKeyRateThrottle, "THROTTLE_RATES", {"api_key": "2/min"})
    busy, quiet = key_client(venue), key_client(other_venue)
    for _ in range(3):
        busy.get(URL)

    assert quiet.get(URL).status_code == 200


def test_guessing_keys_locks_the_address_out(venue, settings):
    settings.API_KEY_MAX_FAILURES = 5
    guesser = APIClient()
    guesser.credentials(HTTP_AUTHORIZATION="Api-Key vc_guess")

    codes = [guesser.get(URL).status_code for _ in range(6)]

    assert codes == [401] * 5 + [429]
    # Locked out even with a valid key, until the window passes.
    assert key_client(venue).get(URL).status_code == 429


def test_database_unreachable_at_start_answers_503():
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client(HTTP_HOST='localhost').post('/api/v1/screen/', {}, content_type='application/json',"
        " HTTP_AUTHORIZATION='Api-Key vc_x');"
        "print(r.status_code, r['Retry-After'])"
    )
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment["DATABASE_URL"] = "sqlite:////nonexistent-directory/db.sqlite3"
    environment["DJANGO_SETTINGS_MODULE"] = "venue_check.settings.base"

    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )

    assert result.stdout.split() == ["503", "5"], result.stderr


@pytest.mark.django_db(transaction=True)
def test_database_lost_mid_service_answers_503_and_stores_nothing(api, watchlist):
    from django.db import connection

    from bookings.models import Booking

    if connection.vendor == "sqlite":
        pytest.skip(
            "the SQLite test database lives in memory and cannot be cut off; "
            "test_database_unreachable_at_start_answers_503 covers SQLite"
        )

    original = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-dir/db.sqlite3"
    else:
        connection.settings_dict["PORT"] = "1"  # nothing listens there
    try:
        response = api.post(URL, booking_payload(), format="json")
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert Booking.objects.count() == 0


def test_a_venue_system_is_limited_by_its_key_rate_not_the_per_person_rate(venue, monkeypatch):
    from rest_framework.throttling import UserRateThrottle

    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "2/min"})
    client = key_client(venue)

    assert [client.get(URL).status_code for _ in range(4)] == [200] * 4
