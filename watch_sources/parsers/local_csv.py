"""The locally curated list the Prevent Officer maintains, as CSV.

Columns: id, kind (person|organisation), name, aliases (separated by "|"),
date_of_birth, justification, evidence_ref, review_by (YYYY-MM-DD).
"""

import csv
from collections.abc import Iterable, Iterator

from ..enums import EntryKind, NameStrength
from .base import ParsedEntry, ParsedName, ParseError

REQUIRED_COLUMNS = {"id", "kind", "name"}


def parse_local_csv(lines: Iterable[str]) -> Iterator[ParsedEntry]:
    reader = csv.DictReader(lines)
    missing = REQUIRED_COLUMNS - set(reader.fieldnames or [])
    if missing:
        raise ParseError(f"missing column(s): {', '.join(sorted(missing))}")
    for row in reader:
        yield _row_to_entry(row, reader.line_num)


def _row_to_entry(row: dict, line: int) -> ParsedEntry:
    entry_id, kind, name = (row.get(c, "").strip() for c in ("id", "kind", "name"))
    if not entry_id or not name:
        raise ParseError(f"line {line}: id and name are required")
    if kind not in EntryKind.values:
        raise ParseError(f"line {line}: kind must be one of {', '.join(EntryKind.values)}")
    aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
    dob = (row.get("date_of_birth") or "").strip()
    return ParsedEntry(
        entry_id=entry_id,
        kind=kind,
        names=[ParsedName(name, NameStrength.PRIMARY)]
        + [ParsedName(a, NameStrength.ALIAS) for a in aliases],
        birth_dates=[dob] if dob else [],
        details={
            k: (row.get(k) or "").strip()
            for k in ("justification", "evidence_ref", "review_by")
            if row.get(k)
        },
    )
