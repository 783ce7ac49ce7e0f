"""Under production settings (DEBUG=false) the page styles and the API docs' assets are
served only once the documented production step has collected them (`make static`,
which runs `collectstatic`). Checked in fresh processes with the production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ASSETS = [
    "/static/css/site.css",
    "/static/reports/reports.css",
    "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
    "/static/admin/css/base.css",
]
# Fetch each asset through the full WSGI stack (WhiteNoise is middleware) and print its status.
FETCH = (
    "import django, sys; django.setup(); from django.test import Client; c = Client();"
    "print(' '.join(str(c.get(u, secure=True, HTTP_HOST='localhost').status_code) for u in sys.argv[1:]))"
)


def production_env(static_root: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "venue_check.settings.base",
        "DEBUG": "false",
        "HTTPS": "false",
        "SECRET_KEY": "x" * 60,
        "AUDIT_SECRET": "a" * 40,
        "REDIS_URL": "redis://127.0.0.1:6379/12",  # production requires the shared cache
        "STATIC_ROOT": str(static_root),
        "DATABASE_URL": f"sqlite:///{static_root.parent / 'db.sqlite3'}",
    }


def statuses(env: dict) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", FETCH, *ASSETS], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_static_files_are_served_under_debug_false_once_collected(tmp_path):
    env = production_env(tmp_path / "static")

    before = statuses(env)
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    after = statuses(env)

    assert before == ["404"] * len(ASSETS)  # the step is needed: nothing is served uncollected
    assert collect.returncode == 0, collect.stderr
    assert after == ["200"] * len(ASSETS)


@pytest.mark.parametrize("target", ["static"])
def test_the_makefile_has_the_documented_production_step(target):
    makefile = (ROOT / "Makefile").read_text()
    readme = (ROOT / "README.md").read_text()

    assert f"\n{target}:" in makefile and "collectstatic --noinput" in makefile
    assert f"make {target}" in readme
