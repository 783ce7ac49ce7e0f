"""Time parsing and importing the real UN consolidated list (../shared/data).

Usage: DATABASE_URL=sqlite:////tmp/bench.sqlite3 python benchmarks/source_import.py
(the database must be migrated; a source `bench-un` is created in it).
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "venue_check.settings.base")

import django  # noqa: E402

django.setup()

from watch_sources.parsers import parse  # noqa: E402
from watch_sources.services import source_configure, source_import  # noqa: E402

UN = Path(__file__).resolve().parents[2] / "shared" / "data" / "un_sc_consolidated_list_2026-02-27.xml"


def timed(label, fn):
    start = time.perf_counter()
    result = fn()
    print(f"{label}: {time.perf_counter() - start:.2f} s")
    return result


content = UN.read_bytes()
entries = timed("parse all list types", lambda: list(parse("un-xml", content, {"list_types": ["*"]})))
print(f"  {len(entries)} entries, {sum(len(e.names) for e in entries)} names")
source_configure(slug="bench-un", fmt="un-xml", options={"list_types": ["*"]})
timed("import (new version)", lambda: source_import(slug="bench-un", origin=str(UN), fmt="un-xml"))
timed("import (unchanged)", lambda: source_import(slug="bench-un", origin=str(UN), fmt="un-xml"))
