"""Parsers on the repo's own fixtures and, when present, the real samples in ../shared/data."""

from collections import Counter
from datetime import date

import pytest

from tests.helpers import SHARED, SOURCE_FIXTURES
from watch_sources.parsers import ParseError, is_delta, parse, parse_delta
from watch_sources.parsers.ftm import including_names

DATA = SHARED / "data"
needs_shared = pytest.mark.skipif(not DATA.exists(), reason="../shared/data not present")


def parsed(name: str, fmt: str, options: dict | None = None):
    return list(parse(fmt, (SOURCE_FIXTURES / name).read_bytes(), options))


def names(entry) -> list[tuple[str, str]]:
    return [(n.name, n.strength) for n in entry.names]


def strengths(entries) -> Counter:
    return Counter(n.strength for e in entries for n in e.names)


# --- UN consolidated list XML ---------------------------------------------------


def test_un_xml_keeps_only_al_qaida_list_by_default():
    entries = parsed("un_consolidated.xml", "un-xml")

    assert [e.entry_id for e in entries] == ["QDi.901", "QDi.902", "QDe.901"]


def test_un_xml_reads_names_aliases_quality_and_original_script():
    orvell = parsed("un_consolidated.xml", "un-xml")[0]

    assert names(orvell) == [
        ("ORVELL TASKERAN BRENNICK", "primary"),
        ("أورفيل تاسكيران", "alias"),
        ("Orvel Taskaran", "alias"),
        ("Abu Kestrel", "weak"),
    ]
    assert orvell.kind == "person"
    assert orvell.nationalities == ["Yemen"]
    assert orvell.programmes == ["Al-Qaida"]


def test_un_xml_reads_exact_approximate_and_range_birth_dates():
    orvell, halvard, _ = parsed("un_consolidated.xml", "un-xml")

    assert orvell.birth_dates == ["1971-08-09", "1972"]
    assert orvell.details["birth_date_notes"] == ["approximately 1972"]
    assert halvard.birth_dates == ["1980", "1981", "1982"]
    assert halvard.details["birth_date_notes"] == ["between 1980 and 1982"]


def test_un_xml_entity_keeps_aka_and_fka_aliases():
    entity = parsed("un_consolidated.xml", "un-xml")[2]

    assert entity.kind == "organisation"
    assert names(entity) == [
        ("BRIGHTWATER RELIEF FOUNDATION", "primary"),
        ("مؤسسة برايتووتر للإغاثة", "alias"),
        ("Brightwater Aid", "alias"),
        ("Brightwater Charitable Society", "alias"),
    ]


def test_un_xml_list_types_option_selects_lists():
    entries = parsed("un_consolidated.xml", "un-xml", {"list_types": ["DRC"]})

    assert [e.entry_id for e in entries] == ["CDi.901"]


def test_un_xml_truncated_file_is_a_parse_error():
    content = (SOURCE_FIXTURES / "un_consolidated.xml").read_bytes()[:2000]

    with pytest.raises(ParseError, match="malformed XML"):
        list(parse("un-xml", content))


def test_un_xml_refuses_entity_expansion():
    content = b"""<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&lol2;</FIRST_NAME>
</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"""

    with pytest.raises(ParseError, match="unsafe XML refused"):
        list(parse("un-xml", content))


def test_un_xml_other_root_element_is_refused():
    with pytest.raises(ParseError, match=r"not a UN consolidated list \(root <html>\)"):
        list(parse("un-xml", b"<html><body>Service unavailable</body></html>"))


def test_un_xml_entry_without_reference_number_is_refused():
    content = (
        b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>7</DATAID>"
        b"<FIRST_NAME>X</FIRST_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE></INDIVIDUAL>"
        b"</INDIVIDUALS></CONSOLIDATED_LIST>"
    )

    with pytest.raises(ParseError, match="DATAID 7: no REFERENCE_NUMBER"):
        list(parse("un-xml", content))


@needs_shared
def test_un_xml_real_list_counts_everything_with_all_list_types():
    entries = list(
        parse(
            "un-xml",
            (DATA / "un_sc_consolidated_list_2026-02-27.xml").read_bytes(),
            {"list_types": ["*"]},
        )
    )

    assert Counter(e.kind for e in entries) == {"person": 730, "organisation": 273}
    assert strengths(entries) == {"primary": 1003, "alias": 2498, "weak": 615}


@needs_shared
def test_un_xml_real_list_default_is_isil_and_al_qaida():
    entries = list(parse("un-xml", (DATA / "un_sc_consolidated_list_2026-02-27.xml").read_bytes()))

    assert Counter(e.kind for e in entries) == {"person": 252, "organisation": 89}
    assert strengths(entries) == {"primary": 341, "alias": 1346, "weak": 443}
    assert {e.entry_id[:3] for e in entries} == {"QDi", "QDe"}


# --- FCDO UK Sanctions List CSV --------------------------------------------------


def test_uk_csv_keeps_counter_terrorism_regimes_and_skips_ships():
    entries = parsed("uk_sanctions_list.csv", "uk-sanctions-csv")

    assert [e.entry_id for e in entries] == ["CTI0901", "AQD0902"]


def test_uk_csv_groups_rows_by_unique_id_with_alias_strength():
    person = parsed("uk_sanctions_list.csv", "uk-sanctions-csv")[0]

    assert names(person) == [
        ("TEAGUE MORVEN HALLORAN", "primary"),
        ("TEGUE HALLORAN", "alias"),
        ("The Ferryman", "weak"),
    ]
    assert person.birth_dates == ["1978", "1979-03-14"]
    assert person.nationalities == ["United Kingdom"]


def test_uk_csv_keeps_non_latin_script_names():
    entity = parsed("uk_sanctions_list.csv", "uk-sanctions-csv")[1]

    assert names(entity) == [
        ("BRIGHTWATER RELIEF FOUNDATION", "primary"),
        ("مؤسسة برايتووتر للإغاثة", "primary"),
        ("BRIGHTWATER AID", "alias"),
    ]
    assert entity.details["un_reference"] == "QDe.901"


def test_uk_csv_regimes_option_selects_regimes():
    entries = parsed("uk_sanctions_list.csv", "uk-sanctions-csv", {"regimes": ["Russia"]})

    assert [(e.entry_id, names(e)) for e in entries] == [
        ("RUS9901", [("ANATOLY PETROVSKY", "primary"), ("Анатолий Петровский", "primary")])
    ]


def test_uk_csv_without_its_header_is_refused():
    with pytest.raises(ParseError, match="not a UK Sanctions List CSV: missing column"):
        list(parse("uk-sanctions-csv", b"Report Date: 13-Feb-2026\nName,Regime\nA,B\n"))


def test_uk_csv_row_without_unique_id_is_refused():
    lines = (SOURCE_FIXTURES / "uk_sanctions_list.csv").read_text().splitlines()
    broken = "\n".join(lines[:2] + ["," + lines[2].split(",", 2)[2]]) + "\n"

    with pytest.raises(ParseError, match="line 2: no Unique ID"):
        list(parse("uk-sanctions-csv", broken.encode()))


@needs_shared
def test_uk_csv_real_layout_sample_parses():
    content = (DATA / "uk_sanctions_list_fcdo_csv_format_header_and_test_rows.csv").read_bytes()

    default = list(parse("uk-sanctions-csv", content))
    every = list(parse("uk-sanctions-csv", content, {"regimes": ["*"]}))

    assert default == []  # both sample rows are under the Afghanistan regime
    assert [(e.entry_id, e.kind) for e in every] == [
        ("AFG0001", "organisation"),
        ("AFG0006", "person"),
    ]
    assert strengths(every) == {"primary": 4}
    assert every[1].birth_dates == ["1958-01-01"]


# --- FtM (OpenSanctions, UK proscribed organisations) ---------------------------


def test_ftm_proscribed_orgs_including_names_become_aliases():
    entries = parsed("proscribed_orgs.ftm.jsonl", "ftm")

    assert [names(e) for e in entries] == [
        [
            ("Harrowgate Brigade", "primary"),
            ("Vellum Circle", "alias"),
            ("Ostmark Youth", "alias"),
            ("HGB", "alias"),
        ],
        [
            ("Lantern Front", "primary"),
            ("The Front", "weak"),
            ("Lantern Front Armed Division", "alias"),
            ("Nightwatch Cells", "alias"),
        ],
        [
            ("Kestrel Partisans", "primary"),
            ("Партизаны Кестрел", "primary"),
            ("حزب كسترل", "alias"),
        ],
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hizballah's military wing, including the Jihad Council and all units reporting to it",
            ("Hizballah's military wing", ["Jihad Council"]),
        ),
        (
            "Hamas - including Izz al-Din al-Qassem Brigades",
            ("Hamas", ["Izz al-Din al-Qassem Brigades"]),
        ),
        ("Unity and Holy War", ("Unity and Holy War", [])),
        ("including everyone", ("", [])),
    ],
)
def test_including_names_split(text, expected):
    assert including_names(text) == expected


def test_ftm_schemata_option_filters():
    entries = parsed("proscribed_orgs.ftm.jsonl", "ftm", {"schemata": ["Person"]})

    assert entries == []


def test_ftm_invalid_json_line_is_refused():
    with pytest.raises(ParseError, match="line 2: not valid JSON"):
        list(parse("ftm", b'{"id": "a", "schema": "Person", "properties": {}}\n{"id": \n'))


def test_ftm_non_utf8_is_refused():
    with pytest.raises(ParseError, match="not UTF-8 text"):
        list(parse("ftm", b'{"id": "\xff"}\n'))


@needs_shared
@pytest.mark.parametrize(
    ("name", "kinds", "name_strengths"),
    [
        (
            "opensanctions_ftm_eu_fsf_sample_t1.ftm.jsonl",
            {"person": 4, "organisation": 2},
            {"primary": 35},
        ),
        (
            "opensanctions_ftm_zala_cluster.ftm.jsonl",
            {"person": 6, "organisation": 11},
            {"primary": 148, "alias": 64, "weak": 3},
        ),
    ],
)
def test_ftm_real_samples(name, kinds, name_strengths):
    entries = list(parse("ftm", (DATA / name).read_bytes()))

    assert Counter(e.kind for e in entries) == kinds
    assert strengths(entries) == name_strengths


# --- OpenSanctions delta feed ----------------------------------------------------


def test_delta_lines_parse_to_operations():
    content = (SOURCE_FIXTURES / "delta_update.ftm.delta.json").read_bytes()

    ops = list(parse_delta(content))

    assert is_delta("ftm", content)
    assert [(o.op, o.entity_id, o.entry and names(o.entry)) for o in ops] == [
        ("ADD", "gb-proscribed-fixture-4", [("Saltmarsh Cell", "primary")]),
        (
            "MOD",
            "gb-proscribed-fixture-3",
            [("Kestrel Partisans", "primary"), ("Kestrel Armed Partisans", "alias")],
        ),
        ("DEL", "gb-proscribed-fixture-2", None),
        ("ADD", "gb-proscribed-fixture-address-1", None),
    ]


def test_delta_with_unknown_op_is_refused():
    with pytest.raises(ParseError, match="line 1: not a delta line"):
        list(parse_delta(b'{"op": "UPSERT", "entity": {"id": "x"}}\n'))


@needs_shared
def test_delta_real_feed_operations():
    feed = sorted((DATA / "opensanctions_delta_t2").glob("*.entities.delta.json"))

    ops = [(o.op, o.entity_id) for path in feed for o in parse_delta(path.read_bytes())]

    assert ops == [
        ("ADD", "NK-2T3S8Hu29ktYnKSTgQp2wL"),
        ("ADD", "NK-2sJaJRaPJcWUfMbHjTtWcL"),
        ("ADD", "NK-500Poltergeist"),
        ("MOD", "NK-2T3S8Hu29ktYnKSTgQp2wL"),
        ("DEL", "NK-500Poltergeist"),
        ("ADD", "Q4365364"),
    ]


# --- local curated CSV -----------------------------------------------------------


def test_local_csv_reads_justification_evidence_and_review_by():
    first = parsed("local_list.csv", "csv")[0]

    assert names(first) == [
        ("Northgate Dawn Collective", "primary"),
        ("NDC Northgate", "alias"),
        ("Northgate Dawn", "alias"),
    ]
    assert first.details == {
        "justification": "Recruiting for a proscribed organisation at local events",
        "evidence_ref": "PO-2026-014",
    }
    assert first.review_by == date(2099, 12, 31)


def test_local_csv_entry_without_justification_is_refused():
    with pytest.raises(ParseError, match="line 2: justification required"):
        parsed("local_list_missing_justification.csv", "csv")


def test_local_csv_bad_review_by_date_is_refused():
    content = b"id,kind,name,justification,evidence_ref,review_by\nL1,person,A B,why,ev,31/12/2099\n"

    with pytest.raises(ParseError, match="line 2: review_by '31/12/2099' is not a YYYY-MM-DD date"):
        list(parse("csv", content))
