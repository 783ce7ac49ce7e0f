"""README's tables are what operators read: every setting the code reads from the
environment, and every management command, is in them, and nothing is there that
the code does not have."""

import re
from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
OUR_APPS = ("bookings", "screening", "watch_sources", "api")


def _section(title: str) -> str:
    start = README.index(title)
    return README[start : README.index("\n## ", start)]


def _settings_read() -> set[str]:
    code = (ROOT / "venue_check" / "settings" / "base.py").read_text()
    code += (ROOT / "gunicorn.conf.py").read_text()
    read = re.findall(r'env(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]+)"', code)
    return set(read) | set(re.findall(r'os\.environ\.get\(\s*"([A-Z][A-Z0-9_]+)"', code))


def _settings_table() -> set[str]:
    rows = [line for line in _section("### Settings").splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split(" | ")[0])}


def test_every_setting_read_from_the_environment_is_in_the_settings_table():
    documented = _settings_table() | set(re.findall(r"`([A-Z][A-Z0-9_]+)`", README))

    assert sorted(_settings_read() - documented) == []


def test_the_settings_table_names_no_setting_the_code_does_not_read():
    # The table's Celery row names the broker settings in its text, not its first column.
    assert sorted(_settings_table() - _settings_read()) == []


def test_every_management_command_of_ours_is_in_the_readme():
    ours = sorted(name for name, app in get_commands().items() if app in OUR_APPS)

    assert [name for name in ours if not re.search(rf"\b{name}\b", README)] == []
