"""Django for a benchmark run as a script: this checkout importable first, on a migrated
SQLite database of the run's own (benchmarks/ is not a package: scripts import this
from beside them)."""

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def setup_django(database: Path, **env_defaults: str) -> None:
    """Django set up on a new SQLite file at `database`, migrated; `env_defaults` are
    settings read from the environment, taken where the caller has not set them."""
    sys.path.insert(0, str(REPO))
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "venue_check.settings.base")
    for name, value in env_defaults.items():
        os.environ.setdefault(name, value)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
