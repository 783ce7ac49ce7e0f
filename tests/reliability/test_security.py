import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from api.throttles import AddressRateThrottle, ApiKeyRateThrottle
from bookings.venues.api_keys import PREFIX_LENGTH
from bookings.venues.services import api_key_create
from tests.factories.bookings import booking_payload
from tests.helpers import key_client

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
URL = "/api/v1/bookings/"
# What a production process needs besides DEBUG=false; each test below leaves out one.
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 20 + "-production-secret-for-the-check-0123456789",
    "AUDIT_SECRET": "a" * 40,
    "REDIS_URL": "redis://127.0.0.1:6379/13",
}


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
    environment.update(PRODUCTION, HTTPS="false", WEB_CONCURRENCY="3", GUNICORN_THREADS="2")

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
        **PRODUCTION,
        ALLOWED_HOSTS="venue-check.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = manage("check", **{**PRODUCTION, "SECRET_KEY": ""})

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("audit_secret", ["", "too-short"])
def test_production_settings_refuse_to_start_without_an_audit_secret(audit_secret):
    result = manage("check", **{**PRODUCTION, "AUDIT_SECRET": audit_secret})

    assert result.returncode != 0
    assert "AUDIT_SECRET must be set" in result.stderr


def test_production_settings_refuse_to_start_without_a_shared_cache():
    result = manage("check", **{**PRODUCTION, "REDIS_URL": ""})

    assert result.returncode != 0
    assert "REDIS_URL must be set with DEBUG=false" in result.stderr


def test_production_settings_refuse_a_malformed_trusted_proxy():
    result = manage("check", **PRODUCTION, TRUSTED_PROXIES="10.0.0.0/8,not-an-address")

    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr


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


def client_for(key: str, address: str, **headers) -> APIClient:
    client = APIClient(REMOTE_ADDR=address, **headers)
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


def guess_at(key: str, times: int, address: str, **headers) -> list[int]:
    """Wrong secrets after the real key's (public) prefix."""
    guesser = client_for(key[:PREFIX_LENGTH] + "x" * 43, address, **headers)
    return [guesser.get(URL).status_code for _ in range(times)]


def test_guessing_one_keys_secret_locks_that_key_out_for_the_guessing_address(venue, settings):
    settings.API_KEY_MAX_FAILURES = 5
    _, key = api_key_create(venue=venue, by=None)

    assert guess_at(key, 6, "203.0.113.9") == [401] * 5 + [429]
    # The guesser's own address cannot use the key until the window passes ...
    assert client_for(key, "203.0.113.9").get(URL).status_code == 429


def test_a_guessers_bad_keys_never_lock_out_the_venue_or_other_venues(venue, other_venue, settings):
    settings.API_KEY_MAX_FAILURES = 5
    _, key = api_key_create(venue=venue, by=None)
    _, other_key = api_key_create(venue=other_venue, by=None)
    guess_at(key, 10, "203.0.113.9")
    random_guesses = [client_for(f"vc_{n:08d}" + "y" * 43, "203.0.113.9").get(URL) for n in range(10)]

    assert {r.status_code for r in random_guesses} == {401}
    assert client_for(key, "198.51.100.7").get(URL).status_code == 200  # the venue, from its own address
    assert client_for(other_key, "203.0.113.9").get(URL).status_code == 200  # another key, same address


def test_behind_a_trusted_proxy_one_clients_guesses_lock_out_only_that_client(venue, settings):
    settings.API_KEY_MAX_FAILURES = 5
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    _, key = api_key_create(venue=venue, by=None)
    proxy = "10.0.0.2"

    assert guess_at(key, 6, proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")[-1] == 429
    venue_system = client_for(key, proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert venue_system.get(URL).status_code == 200


def test_a_forged_forwarded_for_does_not_escape_the_lockout(venue, settings):
    settings.API_KEY_MAX_FAILURES = 5
    settings.TRUSTED_PROXY_COUNT = 1
    _, key = api_key_create(venue=venue, by=None)
    wrong = key[:PREFIX_LENGTH] + "x" * 43

    # Through the proxy, each request carries a made-up address the proxy appends the real one to.
    codes = [
        client_for(wrong, "10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.9").get(URL).status_code
        for n in range(6)
    ]

    assert codes == [401] * 5 + [429]


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


def test_the_anonymous_limit_counts_each_real_client_behind_a_trusted_proxy(monkeypatch, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    monkeypatch.setattr(AddressRateThrottle, "THROTTLE_RATES", {"anon": "2/min"})
    monkeypatch.setattr(AddressRateThrottle, "timer", lambda self: 1_000_020.0)
    busy = APIClient(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    quiet = APIClient(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert [busy.get("/api/v1/schema/").status_code for _ in range(3)] == [200, 200, 429]
    assert quiet.get("/api/v1/schema/").status_code == 200
