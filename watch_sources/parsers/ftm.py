"""FollowTheMoney entity JSON lines, as published by OpenSanctions.

One JSON object per line. Person, Organization, Company and LegalEntity are
kept; every other schema (Address, Sanction, Ownership...) is skipped.
"""

import json
from collections.abc import Iterable, Iterator

from ..enums import EntryKind, NameStrength
from .base import ParsedEntry, ParsedName, ParseError

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


def parse_ftm(lines: Iterable[str], *, schemata: Iterable[str] | None = None) -> Iterator[ParsedEntry]:
    keep = set(schemata) if schemata else set(KIND_BY_SCHEMA)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entity = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ParseError(f"line {number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(entity, dict) or "schema" not in entity or "id" not in entity:
            raise ParseError(f"line {number}: not a FollowTheMoney entity (no id or schema)")
        if entity["schema"] in keep and entity["schema"] in KIND_BY_SCHEMA:
            parsed = entity_to_entry(entity)
            if parsed is not None:
                yield parsed


def entity_to_entry(entity: dict) -> ParsedEntry | None:
    props = entity.get("properties") or {}
    names = _names(props)
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
        details={"schema": entity["schema"], "datasets": entity.get("datasets", [])},
    )


def _names(props: dict) -> list[ParsedName]:
    seen: set[str] = set()
    names = []
    for prop, strength in NAME_PROPERTIES:
        for value in props.get(prop, []):
            value = " ".join(str(value).split())
            if value and value.casefold() not in seen:
                seen.add(value.casefold())
                names.append(ParsedName(value, strength))
    return names
