"""The FCDO UK Sanctions List, CSV layout.

A `Report Date:` preamble line, then a 58-column header, then one row per
name: a designation (Unique ID) has one `Primary Name` row and any number of
`Alias` rows, whose `Alias strength` marks weak aliases. Names are split over
Name 1..Name 6, Name 6 being the surname (or the whole name of an entity).
Only the counter-terrorism regimes are kept unless the source's options name
other regimes (`{"regimes": ["..."]}`, matched as case-insensitive parts of
the regime name; `["*"]` keeps every regime).
"""

import csv
from collections.abc import Iterable, Iterator

from watch_sources.enums import EntryKind, NameStrength

from .base import ParsedEntry, ParseError, clean, csv_header, csv_rows, unique_names

COUNTER_TERRORISM_REGIMES = ("counter-terrorism", "isil (da'esh) and al-qaida")
REQUIRED_COLUMNS = {
    "Unique ID",
    "Name 1",
    "Name 2",
    "Name 3",
    "Name 4",
    "Name 5",
    "Name 6",
    "Name type",
    "Alias strength",
    "Regime Name",
    "Designation Type",
    "D.O.B",
}
NAME_PARTS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")
KIND_BY_DESIGNATION = {"individual": EntryKind.PERSON, "entity": EntryKind.ORGANISATION}


def parse_uk_sanctions_csv(
    lines: Iterable[str], *, regimes: Iterable[str] | None = None
) -> Iterator[ParsedEntry]:
    wanted = [r.casefold() for r in (regimes or COUNTER_TERRORISM_REGIMES)]
    designations: dict[str, list[dict]] = {}
    for row in _rows(lines):
        designations.setdefault(row["Unique ID"], []).append(row)
    for unique_id, rows in designations.items():
        entry = _designation_to_entry(unique_id, rows)
        if entry is not None and _regime_selected(entry.programmes, wanted):
            yield entry


def _rows(lines: Iterable[str]) -> Iterator[dict]:
    lines = iter(lines)
    first = next(lines, "")
    if not first.startswith("Report Date"):
        lines = _prepend(first, lines)  # the preamble is optional; the header is not
    reader = csv.DictReader(lines)
    missing = REQUIRED_COLUMNS - set(csv_header(reader))
    if missing:
        raise ParseError(f"not a UK Sanctions List CSV: missing column(s) {sorted(missing)}")
    for row in csv_rows(reader):
        if None in row:
            raise ParseError(f"line {reader.line_num}: more cells than the header has columns")
        row = {k: clean(v) for k, v in row.items()}
        if not row["Unique ID"]:
            raise ParseError(f"line {reader.line_num}: no Unique ID")
        yield row


def _prepend(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _designation_to_entry(unique_id: str, rows: list[dict]) -> ParsedEntry | None:
    kind = KIND_BY_DESIGNATION.get(rows[0]["Designation Type"].casefold())
    if kind is None:
        return None  # ships are not parties to a booking
    rows = sorted(rows, key=lambda r: r["Name type"].casefold() != "primary name")
    names = unique_names(candidate for row in rows for candidate in _row_names(row))
    if not names:
        raise ParseError(f"{unique_id}: no name in any row")
    first = rows[0]
    return ParsedEntry(
        entry_id=unique_id,
        kind=kind,
        names=names,
        birth_dates=sorted({d for row in rows for d in _birth_dates(row["D.O.B"])}),
        nationalities=sorted({n for row in rows for n in _split(row.get("Nationality(/ies)"))}),
        programmes=sorted({row["Regime Name"] for row in rows if row["Regime Name"]}),
        details={
            "un_reference": first.get("UN Reference Number", ""),
            "designation_source": first.get("Designation source", ""),
            "date_designated": first.get("Date Designated", ""),
        },
    )


def _row_names(row: dict) -> list[tuple[str, str]]:
    strength = _strength(row)
    full = " ".join(row[p] for p in NAME_PARTS if row[p])
    found = [(full, strength)]
    if row.get("Name non-latin script"):
        # The name as written in its own script is the same name, not a lesser alias.
        found.append((row["Name non-latin script"], strength))
    return found


def _strength(row: dict) -> str:
    if row["Name type"].casefold() == "primary name":
        return NameStrength.PRIMARY
    if any(word in row["Alias strength"].casefold() for word in ("weak", "low")):
        return NameStrength.WEAK
    return NameStrength.ALIAS


def _birth_dates(value: str) -> list[str]:
    """ "dd/mm/yyyy" (parts may be 00 or dd/mm when unknown) to "YYYY[-MM[-DD]]"."""
    dates = []
    for one in _split(value):
        parts = one.split("/")
        if len(parts) != 3 or not parts[2].isdigit() or len(parts[2]) != 4:
            continue
        day, month, year = parts
        if not month.isdigit() or int(month) == 0:
            dates.append(year)
        elif not day.isdigit() or int(day) == 0:
            dates.append(f"{year}-{int(month):02d}")
        else:
            dates.append(f"{year}-{int(month):02d}-{int(day):02d}")
    return dates


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def _regime_selected(programmes: list[str], wanted: list[str]) -> bool:
    if "*" in wanted:
        return True
    return any(w in p.casefold() for p in programmes for w in wanted)
