"""Parsers turn a source file into ParsedEntry objects, one module per format."""

from collections.abc import Iterator
from typing import IO

from ..enums import SourceFormat
from .base import ParsedEntry, ParsedName, ParseError
from .ftm import parse_ftm
from .local_csv import parse_local_csv

__all__ = ["ParseError", "ParsedEntry", "ParsedName", "parse"]


def parse(fmt: str, stream: IO[str], options: dict | None = None) -> Iterator[ParsedEntry]:
    """Parse a text stream in the given format. Raises ParseError on bad input."""
    options = options or {}
    if fmt == SourceFormat.FTM:
        return parse_ftm(stream, schemata=options.get("schemata"))
    if fmt == SourceFormat.CSV:
        return parse_local_csv(stream)
    raise ParseError(f"format {fmt!r} is not supported yet")
