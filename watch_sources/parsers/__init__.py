"""Parsers turn a source file into ParsedEntry objects, one module per format."""

import io
from collections.abc import Iterator

from watch_sources.enums import SourceFormat

from .base import ParsedEntry, ParsedName, ParseError
from .ftm import DeltaOp, looks_like_delta, parse_ftm, parse_ftm_delta
from .local_csv import parse_local_csv
from .uk_sanctions_csv import parse_uk_sanctions_csv
from .un_xml import parse_un_xml

__all__ = [
    "DeltaOp",
    "ParseError",
    "ParsedEntry",
    "ParsedName",
    "is_delta",
    "parse",
    "parse_delta",
]


def parse(fmt: str, content: bytes, options: dict | None = None) -> Iterator[ParsedEntry]:
    """Parse a file's bytes in the given format. Raises ParseError on bad input."""
    options = options or {}
    if fmt == SourceFormat.UN_XML:
        return parse_un_xml(io.BytesIO(content), list_types=options.get("list_types"))
    lines = _text_lines(content)
    if fmt == SourceFormat.FTM:
        return parse_ftm(lines, schemata=options.get("schemata"))
    if fmt == SourceFormat.UK_SANCTIONS_CSV:
        return parse_uk_sanctions_csv(lines, regimes=options.get("regimes"))
    if fmt == SourceFormat.CSV:
        return parse_local_csv(lines)
    raise ParseError(f"format {fmt!r} is not supported")


def is_delta(fmt: str, content: bytes) -> bool:
    """True for an OpenSanctions delta feed (FtM ADD/MOD/DEL lines)."""
    if fmt != SourceFormat.FTM:
        return False
    try:
        lines = _text_lines(content)
    except ParseError:
        return False  # not text at all: parsing it as a full export reports why
    first = next((line for line in lines if line.strip()), "")
    return looks_like_delta(first)


def parse_delta(content: bytes, options: dict | None = None) -> Iterator[DeltaOp]:
    return parse_ftm_delta(_text_lines(content), schemata=(options or {}).get("schemata"))


def _text_lines(content: bytes) -> list[str]:
    try:
        return content.decode("utf-8-sig").splitlines(keepends=True)
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        raise ParseError(f"line {line}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
