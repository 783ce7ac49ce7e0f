"""The UN Security Council Consolidated List, XML.

INDIVIDUAL and ENTITY elements, read one at a time with a streaming parser
(the full list is several megabytes) through defusedxml, which refuses
entity expansion and external references. Names are split over
FIRST_NAME..FOURTH_NAME (an entity's whole name is FIRST_NAME); aliases carry
a QUALITY: "Low" marks a low-quality a.k.a. (often a kunya such as "Abu X"),
stored as a weak alias. Dates of birth are EXACT, APPROXIMATELY or BETWEEN
two years; a range is stored as every year in it. Only the ISIL (Da'esh) and
Al-Qaida list (UN_LIST_TYPE "Al-Qaida") is kept unless the source's options
name other list types (`{"list_types": ["Al-Qaida", "Taliban"]}`, `["*"]` for
all).
"""

from collections.abc import Iterable, Iterator
from typing import IO
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XMLSyntaxError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from watch_sources.enums import EntryKind, NameStrength

from .base import ParsedEntry, ParseError, clean, unique_names

DEFAULT_LIST_TYPES = ("Al-Qaida",)
KIND_BY_TAG = {"INDIVIDUAL": EntryKind.PERSON, "ENTITY": EntryKind.ORGANISATION}
NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
# A range wider than this is not a useful discriminator; keep its end years only.
MAX_RANGE_YEARS = 10


def parse_un_xml(stream: IO[bytes], *, list_types: Iterable[str] | None = None) -> Iterator[ParsedEntry]:
    wanted = set(list_types or DEFAULT_LIST_TYPES)
    seen_root = False
    try:
        for event, element in iterparse(stream, events=("start", "end")):
            if event == "start":
                if not seen_root and element.tag != "CONSOLIDATED_LIST":
                    raise ParseError(f"not a UN consolidated list (root <{element.tag}>)")
                seen_root = True
                continue
            if element.tag in KIND_BY_TAG:
                if "*" in wanted or clean(element.findtext("UN_LIST_TYPE")) in wanted:
                    yield _element_to_entry(element)
                element.clear()  # keep memory flat on the full list
    except XMLSyntaxError as exc:
        raise ParseError(f"malformed XML: {exc}") from exc
    except DefusedXmlException as exc:
        raise ParseError(f"unsafe XML refused: {exc!r}") from exc
    if not seen_root:
        raise ParseError("empty file")


def _element_to_entry(element: Element) -> ParsedEntry:
    reference = clean(element.findtext("REFERENCE_NUMBER"))
    if not reference:
        raise ParseError(f"<{element.tag}> DATAID {element.findtext('DATAID')}: no REFERENCE_NUMBER")
    names = unique_names(_names(element))
    if not names:
        raise ParseError(f"{reference}: no name")
    births, birth_notes = _birth_dates(element)
    return ParsedEntry(
        entry_id=reference,
        kind=KIND_BY_TAG[element.tag],
        names=names,
        birth_dates=births,
        nationalities=sorted({clean(v.text) for v in element.iterfind("NATIONALITY/VALUE") if clean(v.text)}),
        programmes=[clean(element.findtext("UN_LIST_TYPE"))],
        details={
            "dataid": clean(element.findtext("DATAID")),
            "listed_on": clean(element.findtext("LISTED_ON")),
            **({"birth_date_notes": birth_notes} if birth_notes else {}),
        },
    )


def _names(element: Element) -> Iterator[tuple[str, str]]:
    yield (
        " ".join(clean(element.findtext(p)) for p in NAME_PARTS if clean(element.findtext(p))),
        NameStrength.PRIMARY,
    )
    original = clean(element.findtext("NAME_ORIGINAL_SCRIPT"))
    if original:
        yield original, NameStrength.ALIAS
    for alias in element.iterfind(f"{element.tag}_ALIAS"):
        quality = clean(alias.findtext("QUALITY")).casefold()
        yield (
            clean(alias.findtext("ALIAS_NAME")),
            (NameStrength.WEAK if quality == "low" else NameStrength.ALIAS),
        )


def _birth_dates(element: Element) -> tuple[list[str], list[str]]:
    dates: set[str] = set()
    notes = []
    for dob in element.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        kind = clean(dob.findtext("TYPE_OF_DATE")).upper()
        exact = clean(dob.findtext("DATE")) or clean(dob.findtext("YEAR"))
        if exact:
            dates.add(exact[:10])
            if kind == "APPROXIMATELY":
                notes.append(f"approximately {exact[:10]}")
        low, high = clean(dob.findtext("FROM_YEAR")), clean(dob.findtext("TO_YEAR"))
        if low.isdigit() and high.isdigit():
            dates.update(_years(int(low), int(high)))
            notes.append(f"between {low} and {high}")
    return sorted(dates), notes


def _years(low: int, high: int) -> list[str]:
    low, high = min(low, high), max(low, high)
    if high - low > MAX_RANGE_YEARS:
        return [str(low), str(high)]
    return [str(year) for year in range(low, high + 1)]
