"""The top-level layout DESIGN fixes, and what docs/architecture.md says about any
package beyond it."""

import re
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
DESIGN_LAYOUT = {"venue_check", "bookings", "screening", "watch_sources", "api", "tests"}


def _top_level_packages() -> set[str]:
    return {p.parent.name for p in ROOT.glob("*/__init__.py")} | {
        p.name for p in ROOT.iterdir() if p.is_dir() and any(p.glob("*.py")) and not p.name.startswith(".")
    }


def _explained_beyond_design() -> set[str]:
    text = (ROOT / "docs" / "architecture.md").read_text()
    section = text.split("### Beyond DESIGN's layout", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z_]+)/` \|", section, re.M))


def test_every_top_level_package_is_designs_or_explained():
    beyond = _top_level_packages() - DESIGN_LAYOUT

    assert beyond == _explained_beyond_design()
    assert beyond == {"callers", "benchmarks"}


def test_callers_is_no_app_and_holds_no_models():
    """Had it models, moving it would move their app label and migrations; it has none."""
    assert "callers" not in {config.name for config in apps.get_app_configs()}
    assert [p.name for p in (ROOT / "callers").iterdir() if p.suffix == ".py"] == ["__init__.py"]
