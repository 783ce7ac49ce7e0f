"""Rate limits and lockouts hold across processes: two real gunicorn servers,
one database and the shared Redis cache, requests alternating between them.

Each process counting on its own (the old in-memory default) would let twice
the limit through here.
"""

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from itertools import cycle
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
KEY_LIMIT = 6
KEY_FAILURES = 4
SIGN_IN_FAILURES = 3


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def wait_until_serving(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {process.stderr.read().decode()[-2000:]}")
        try:
            requests.get(url + "/accounts/login/", timeout=10)
            return
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not start")


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    """Production settings in two separate server processes sharing a database and Redis."""
    database = tmp_path_factory.mktemp("limits") / "db.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        DEBUG="false",
        HTTPS="false",
        SECRET_KEY="limits-test-only-" + "s" * 48,
        AUDIT_SECRET="limits-test-audit-" + "a" * 32,
        REDIS_URL="redis://127.0.0.1:6379/13",
        CACHE_KEY_PREFIX=f"limits-test-{uuid.uuid4().hex}",  # nobody else's counters
        # Per day, so no window boundary falls inside the test.
        THROTTLE_RATE_API_KEY=f"{KEY_LIMIT}/day",
        API_KEY_MAX_FAILURES=str(KEY_FAILURES),
        LOGIN_FAILURE_LIMIT=str(SIGN_IN_FAILURES),
        TRUSTED_PROXY_COUNT="1",
        TRUSTED_PROXIES="127.0.0.1/32",
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="2",
        LOG_LEVEL="ERROR",
    )
    manage(env, "migrate", "--noinput")
    keys = {name: manage(env, "create_api_key", name).strip().splitlines()[-1] for name in ("Busy", "Quiet")}
    manage(env, "create_user", "officer1", "--role", "prevent_officer", "--password", "right-pw-1")
    servers, urls = [], []
    try:
        for _ in range(2):
            port = free_port()
            servers.append(
                subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "venue_check.wsgi"],
                    cwd=ROOT,
                    env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url, server in zip(urls, servers, strict=True):
            wait_until_serving(url, server)
        yield {"urls": urls, "keys": keys}
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


def alternate(urls, n):
    servers = cycle(urls)
    return [next(servers) for _ in range(n)]


def api_get(url: str, key: str, client: str) -> int:
    response = requests.get(
        url + "/api/v1/bookings/",
        headers={"Authorization": f"Api-Key {key}", "X-Forwarded-For": client},
        timeout=30,
    )
    return response.status_code


def test_the_per_key_rate_limit_holds_across_processes(deployment):
    key = deployment["keys"]["Busy"]

    codes = [api_get(url, key, "198.51.100.7") for url in alternate(deployment["urls"], KEY_LIMIT + 4)]

    assert codes == [200] * KEY_LIMIT + [429] * 4
    assert api_get(deployment["urls"][0], deployment["keys"]["Quiet"], "198.51.100.7") == 200


def test_the_api_key_lockout_holds_across_processes_and_spares_the_venue(deployment):
    key = deployment["keys"]["Quiet"]
    wrong = key[:11] + "x" * 43
    urls = deployment["urls"]

    codes = [api_get(url, wrong, "203.0.113.9") for url in alternate(urls, KEY_FAILURES + 2)]

    assert codes == [401] * KEY_FAILURES + [429] * 2
    assert api_get(urls[1], key, "203.0.113.9") == 429  # the guesser's address, this key
    assert api_get(urls[0], key, "192.0.2.10") == 200  # the venue itself, elsewhere


def sign_in(url: str, password: str, client: str) -> requests.Response:
    session = requests.Session()
    session.headers["X-Forwarded-For"] = client
    page = session.get(url + "/accounts/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return session.post(
        url + "/accounts/login/",
        data={"username": "officer1", "password": password, "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=30,
    )


def test_the_sign_in_lockout_holds_across_processes_and_spares_colleagues_elsewhere(deployment):
    urls = deployment["urls"]
    failures = [sign_in(url, "wrong", "203.0.113.9") for url in alternate(urls, SIGN_IN_FAILURES)]

    locked = sign_in(urls[len(failures) % 2], "right-pw-1", "203.0.113.9")
    colleague = sign_in(urls[0], "right-pw-1", "198.51.100.7")

    assert [r.status_code for r in failures] == [200] * SIGN_IN_FAILURES
    assert "too many failed attempts" in locked.text
    assert colleague.status_code == 302
