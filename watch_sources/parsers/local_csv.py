"""The locally curated list the Prevent Officer maintains, as CSV.

Columns: id, kind (person|organisation), name, aliases (separated by "|"),
date_of_birth, justification, evidence_ref, review_by (YYYY-MM-DD).
Every entry needs a justification, an evidence reference and a review-by
date: a local entry is a local judgement, and it must say why and until when.
"""

import csv
from collections.abc import Iterable, Iterator
from datetime import date

from watch_sources.enums import EntryKind, NameStrength

from .base import ParsedEntry, ParseError, clean, csv_header, csv_rows, unique_names

REQUIRED_COLUMNS = ("id", "kind", "name", "justification", "evidence_ref", "review_by")


def parse_local_csv(lines: Iterable[str]) -> Iterator[ParsedEntry]:
    reader = csv.DictReader(lines)
    missing = set(REQUIRED_COLUMNS) - set(csv_header(reader))
    if missing:
        raise ParseError(f"missing column(s): {', '.join(sorted(missing))}")
    for row in csv_rows(reader):
        yield _row_to_entry({k: clean(v) for k, v in row.items() if k}, reader.line_num)


def _row_to_entry(row: dict, line: int) -> ParsedEntry:
    empty = [c for c in REQUIRED_COLUMNS if not row.get(c)]
    if empty:
        raise ParseError(f"line {line}: {', '.join(empty)} required")
    if row["kind"] not in EntryKind.values:
        raise ParseError(f"line {line}: kind must be one of {', '.join(EntryKind.values)}")
    aliases = [(a, NameStrength.ALIAS) for a in (row.get("aliases") or "").split("|")]
    dob = row.get("date_of_birth", "")
    return ParsedEntry(
        entry_id=row["id"],
        kind=row["kind"],
        names=unique_names([(row["name"], NameStrength.PRIMARY), *aliases]),
        birth_dates=[dob] if dob else [],
        details={"justification": row["justification"], "evidence_ref": row["evidence_ref"]},
        review_by=_date(row["review_by"], line),
    )


def _date(value: str, line: int) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ParseError(f"line {line}: review_by {value!r} is not a YYYY-MM-DD date") from exc
