"""FollowTheMoney entity JSON lines, as published by OpenSanctions.

One JSON object per line. Person, Organization, Company and LegalEntity are
kept (unless the source's options name the schemata to keep); every other
schema (Address, Sanction, Ownership...) is skipped.

The same format carries the UK proscribed organisations (OpenSanctions dataset
`gb_proscribed_orgs`), whose names read like "X, including Y and Z": each
organisation named after "including" becomes a searchable alias too.

OpenSanctions delta feeds use the same entities wrapped in
`{"op": "ADD"|"MOD"|"DEL", "entity": {...}}` lines; `parse_ftm_delta` reads them.
"""

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from watch_sources.enums import EntryKind, NameStrength

from .base import ParsedEntry, ParsedName, ParseError, clean, unique_names

KIND_BY_SCHEMA = {
    "Person": EntryKind.PERSON,
    "Organization": EntryKind.ORGANISATION,
    "Company": EntryKind.ORGANISATION,
    "LegalEntity": EntryKind.ORGANISATION,
}
NAME_PROPERTIES = (
    ("name", NameStrength.PRIMARY),
    ("alias", NameStrength.ALIAS),
    ("previousName", NameStrength.ALIAS),
    ("abbreviation", NameStrength.ALIAS),
    ("weakAlias", NameStrength.WEAK),
)
# Free-text properties that may name further organisations ("... including X"),
# read only for datasets whose notes are known to be written that way: prose
# elsewhere ("manufacturer of equipment, including rifles...") is not a name list.
NOTE_PROPERTIES = ("notes", "description", "summary")
INCLUDING_NOTES_DATASETS = {"gb_proscribed_orgs"}
SENTENCE_END = re.compile(r"\.(?:\s|$)")
DELTA_OPS = {"ADD", "MOD", "DEL"}
LIST_PROPERTIES = ("birthDate", "nationality", "citizenship", "topics", "programId")

INCLUDING = re.compile(r"\s*[,;(\-–]?\s*\bincluding\b\s*", re.IGNORECASE)
LIST_SEPARATOR = re.compile(r"\s*(?:,|;|\band\b|\bor\b|\)|\()\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DeltaOp:
    op: str  # ADD, MOD or DEL
    entity_id: str
    entry: ParsedEntry | None  # None for DEL, or for an entity of a schema we do not keep


def parse_ftm(lines: Iterable[str], *, schemata: Iterable[str] | None = None) -> Iterator[ParsedEntry]:
    keep = _kept_schemata(schemata)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        entity = _entity(_json_line(line, number), number)
        if entity["schema"] in keep:
            parsed = entity_to_entry(entity, line=number)
            if parsed is not None:
                yield parsed


def parse_ftm_delta(lines: Iterable[str], *, schemata: Iterable[str] | None = None) -> Iterator[DeltaOp]:
    keep = _kept_schemata(schemata)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record = _json_line(line, number)
        op = record.get("op") if isinstance(record, dict) else None
        if op not in DELTA_OPS or not isinstance(record.get("entity"), dict):
            raise ParseError(f"line {number}: not a delta line (op ADD/MOD/DEL with an entity)")
        entity = record["entity"]
        if op == "DEL":
            if not isinstance(entity.get("id"), str | int) or entity["id"] == "":
                raise ParseError(f"line {number}: DEL without an entity id")
            yield DeltaOp(op, str(entity["id"]), None)
            continue
        entity = _entity(entity, number)
        entry = entity_to_entry(entity, line=number) if entity["schema"] in keep else None
        yield DeltaOp(op, str(entity["id"]), entry)


def looks_like_delta(first_line: str) -> bool:
    """True when a FtM file is a delta feed rather than a full export."""
    try:
        record = json.loads(first_line)
    except json.JSONDecodeError:
        return False
    return isinstance(record, dict) and record.get("op") in DELTA_OPS and "entity" in record


def entity_to_entry(entity: dict, *, line: int = 0) -> ParsedEntry | None:
    props = _properties(entity, line)
    read_notes = bool(INCLUDING_NOTES_DATASETS & set(props["datasets"]))
    names = _names(props, read_notes=read_notes)
    if not names:
        return None
    return ParsedEntry(
        entry_id=str(entity["id"]),
        kind=KIND_BY_SCHEMA[entity["schema"]],
        names=names,
        birth_dates=sorted(set(props.get("birthDate", []))),
        nationalities=sorted(set(props.get("nationality", []) + props.get("citizenship", []))),
        topics=sorted(set(props.get("topics", []))),
        programmes=sorted(set(props.get("programId", []))),
        details={"schema": entity["schema"], "datasets": props["datasets"]},
    )


def including_names(text: str) -> tuple[str, list[str]]:
    """Split "X, including Y and Z" into ("X", ["Y", "Z"]).

    Only parts that look like names (two or more words from the first
    capitalised one) are kept, so prose such as "all units reporting to it" is not.
    """
    parts = INCLUDING.split(text, maxsplit=1)
    if len(parts) == 1:
        return text, []
    head, tail = parts
    found = []
    for part in LIST_SEPARATOR.split(tail):
        name = _name_in(clean(part).strip(" .\"'"))
        if name:
            found.append(name)
    return clean(head).strip(" ,;-–"), found


def _name_in(part: str) -> str:
    """ "its wings Lantern Front Armed Division" -> "Lantern Front Armed Division"; prose -> ""."""
    words = part.split()
    while words and words[0][:1].islower():
        words.pop(0)
    # A single word after "including" is too weak to stand as a searchable name.
    if len(words) < 2 or not words[0][:1].isupper():
        return ""
    return " ".join(words)


def _names(props: dict, *, read_notes: bool) -> list[ParsedName]:
    candidates: list[tuple[str, str]] = []
    for prop, strength in NAME_PROPERTIES:
        for value in props.get(prop, []):
            head, included = including_names(clean(value))
            candidates.append((head, strength))
            # An organisation included in a listed one is listed in its own right.
            candidates.extend((name, NameStrength.ALIAS) for name in included)
    for prop in NOTE_PROPERTIES if read_notes else ():
        for value in props.get(prop, []):
            for sentence in SENTENCE_END.split(clean(value)):
                _, included = including_names(sentence)
                candidates.extend((name, NameStrength.ALIAS) for name in included)
    return unique_names(candidates)


def _kept_schemata(schemata: Iterable[str] | None) -> set[str]:
    keep = set(schemata) if schemata else set(KIND_BY_SCHEMA)
    unknown = keep - set(KIND_BY_SCHEMA)
    if unknown:
        raise ParseError(f"cannot keep schemata {sorted(unknown)}; use {sorted(KIND_BY_SCHEMA)}")
    return keep


def _json_line(line: str, number: int):
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise ParseError(f"line {number}: not valid JSON ({exc.msg})") from exc


def _entity(entity, number: int) -> dict:
    if not isinstance(entity, dict) or "schema" not in entity or "id" not in entity:
        raise ParseError(f"line {number}: not a FollowTheMoney entity (no id or schema)")
    if not isinstance(entity["schema"], str):
        raise ParseError(f"line {number}: field schema must be a string")
    if not isinstance(entity["id"], str | int) or entity["id"] == "":
        raise ParseError(f"line {number}: field id must be a non-empty string")
    return entity


def _properties(entity: dict, number: int) -> dict[str, list[str]]:
    """The properties we read, checked: FtM gives every property as a list of strings."""
    props = entity.get("properties") or {}
    if not isinstance(props, dict):
        raise ParseError(f"line {number}: field properties must be an object")
    read = {name for name, _ in NAME_PROPERTIES} | set(NOTE_PROPERTIES) | set(LIST_PROPERTIES)
    checked = {key: _strings(props[key], f"properties.{key}", number) for key in read if key in props}
    checked["datasets"] = _strings(entity.get("datasets") or [], "datasets", number)
    return checked


def _strings(values, field: str, number: int) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ParseError(f"line {number}: field {field} must be a list of strings")
    return values
