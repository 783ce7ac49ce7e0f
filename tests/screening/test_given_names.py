"""Our own list of given names, where rigour's is thin or files one name apart
(screening/data/given_names.txt, issue 17). Surnames invented."""

import pytest

from screening.given_names import DATA_FILE, _load, given_name_symbols
from screening.matching import IndexedName, MatchIndex, NameQuery
from screening.name_variants import is_known_name
from screening.scoring import word_similarity

THRESHOLD = 0.8


def _flags(listed: str, asked: str) -> bool:
    index = MatchIndex([IndexedName(1, "src", "e-1", "person", listed, "primary")])
    return bool(index.match(NameQuery(asked, "person"), threshold=THRESHOLD))


def _lines() -> list[list[str]]:
    lines = []
    section = None
    for line in DATA_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line
        elif line and not line.startswith("#") and section != "[told apart]":
            lines.append(line.split())
    return lines


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("Laurence Drossmere", "Lawrence Drossmere"),  # rigour files them apart
        ("Geoffrey Drossmere", "Jeffrey Drossmere"),
        ("Niamh Drossmere", "Neeve Drossmere"),  # an Irish name and its English spelling
        ("Kwadwo Drossmere", "Kojo Drossmere"),
        ("Folasade Drossmere", "Folashade Drossmere"),
    ],
)
def test_spellings_of_one_name_on_the_list_meet(listed, asked):
    assert _flags(listed, asked)
    assert _flags(asked, listed)


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("Berivan Drossmere", "Beritan Drossmere"),  # rigour knew Berivan only: Beritan was its typo
        ("Olamide Drossmere", "Olumide Drossmere"),
        ("Francis Drossmere", "Frances Drossmere"),  # a man's name and a woman's, one e apart
    ],
)
def test_different_names_on_the_list_do_not_meet(listed, asked):
    assert not _flags(listed, asked)
    assert not _flags(asked, listed)


def test_a_typo_of_a_listed_name_still_meets_it():
    assert _flags("Rozerin Drossmere", "Rozerinn Drossmere")


def test_every_spelling_of_a_line_is_one_name_with_the_others():
    for spellings in _lines():
        assert all(is_known_name(s) for s in spellings), spellings
        for other in spellings[1:]:
            assert word_similarity(spellings[0], other)[0] >= 0.85, (spellings[0], other)


def test_no_spelling_is_on_two_lines():
    seen: dict[str, list[str]] = {}
    for spellings in _lines():
        for spelling in spellings:
            assert spelling not in seen, (spelling, seen.get(spelling), spellings)
            seen[spelling] = spellings


def test_a_name_of_two_lines_has_no_shared_symbol():
    assert given_name_symbols("beritan").isdisjoint(given_name_symbols("berivan"))


@pytest.mark.parametrize(
    "line",
    ["Berivan", "berîvan", "beri-van", "frances francis\n[told apart]\nfrances"],
)
def test_a_line_that_is_not_lower_case_names_is_refused(tmp_path, line):
    path = tmp_path / "names.txt"
    path.write_text(f"[kurdish]\n{line}\n", encoding="utf-8")

    with pytest.raises(ValueError):
        _load(path)


def test_a_name_before_any_heading_is_refused(tmp_path):
    path = tmp_path / "names.txt"
    path.write_text("berivan\n", encoding="utf-8")

    with pytest.raises(ValueError, match="heading"):
        _load(path)
