"""What every parser produces: plain data, independent of the database."""

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date


class ParseError(Exception):
    """The file is not a valid instance of its format; nothing may be published."""


@dataclass(frozen=True, slots=True)
class ParsedName:
    name: str
    strength: str  # watch_sources.enums.NameStrength value


@dataclass(slots=True)
class ParsedEntry:
    entry_id: str
    kind: str  # watch_sources.enums.EntryKind value
    names: list[ParsedName]
    birth_dates: list[str] = field(default_factory=list)  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    nationalities: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)
    details: dict = field(default_factory=dict)
    # Locally curated entries only: after this date the entry is not used until re-confirmed.
    review_by: date | None = None

    @property
    def caption(self) -> str:
        return self.names[0].name

    def content_hash(self) -> str:
        """Stable hash of what matching depends on (not of presentation details)."""
        payload = {
            "kind": self.kind,
            "names": sorted((n.name, n.strength) for n in self.names),
            "birth_dates": sorted(self.birth_dates),
            "nationalities": sorted(self.nationalities),
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    def names_json(self) -> list[dict]:
        return [asdict(n) for n in self.names]


def clean(value: object) -> str:
    """Collapse whitespace; None and blanks become ""."""
    return " ".join(str(value or "").split())


def unique_names(candidates) -> list[ParsedName]:
    """Drop blank and case-insensitive duplicate names, keeping the first (strongest) one."""
    seen: set[str] = set()
    names = []
    for name, strength in candidates:
        name = clean(name)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(ParsedName(name, strength))
    return names


def csv_rows(reader: csv.DictReader) -> Iterator[dict]:
    """The rows of a CSV reader; a row the csv module cannot read fails with its line."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ParseError(f"line {reader.line_num}: malformed CSV ({exc})") from exc
        yield row


def csv_header(reader: csv.DictReader) -> list[str]:
    try:
        return list(reader.fieldnames or [])
    except csv.Error as exc:
        raise ParseError(f"line {reader.line_num}: malformed CSV header ({exc})") from exc
