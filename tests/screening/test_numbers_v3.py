"""Numbers the matcher did not read before (issue 17): Roman numerals above 39 in an
organisation's series number (Fund XLIV), a tens word with a digit (Forty 4),
Hundredth alone, and the title of a regnal name written with its number (Pope
Benedict XVI). Invented names, and regnal names as written in the press."""

import pytest

from screening.matching import NUMBER_NOTE, REGNAL_NOTE, IndexedName, MatchIndex, NameQuery
from screening.normalise import name_tokens
from screening.numbers import large_roman_value, roman_value
from tests.screening.one_listed_name import best, flagged

THRESHOLD = 0.8


def _org_match(listed: str, asked: str):
    index = MatchIndex([IndexedName(1, "src", "e-1", "organisation", listed, "primary")])
    found = index.match(NameQuery(asked, "organisation"), threshold=THRESHOLD)
    return found[0] if found else None


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Keltrin Fund XL", ["keltrin", "fund", "40"]),
        ("Keltrin Fund XLIV", ["keltrin", "fund", "44"]),
        ("Keltrin Capital Partners XC L.P.", ["keltrin", "capital", "partners", "90", "l", "p"]),
        ("Keltrin Trust CXX", ["keltrin", "trust", "120"]),
        ("Keltrin Fund MMXXIV", ["keltrin", "fund", "2024"]),
        ("Brigade Forty 4", ["brigade", "44"]),
        ("Brigade Forty-4", ["brigade", "44"]),
        ("The Hundredth Brigade", ["the", "100", "brigade"]),
    ],
)
def test_numbers_read_in_organisation_names(name, words):
    assert name_tokens(name, "organisation") == words


@pytest.mark.parametrize(
    ("name", "kind", "words"),
    [
        # only as the last word: elsewhere XL, DC or CV is a name's letters
        ("XL Keltrin Airways", "organisation", ["xl", "keltrin", "airways"]),
        ("Keltrin XL Airways", "organisation", ["keltrin", "xl", "airways"]),
        # words, names and abbreviations that are numerals too
        ("Keltrin Mix", "organisation", ["keltrin", "mix"]),
        ("Keltrin Media CD", "organisation", ["keltrin", "media", "cd"]),
        ("Keltrin Studio MC", "organisation", ["keltrin", "studio", "mc"]),
        ("Keltrin Holdings Li", "organisation", ["keltrin", "holdings", "li"]),
        # a single letter is an initial
        ("Keltrin Fund C", "organisation", ["keltrin", "fund", "c"]),
        # people's numbers never pass 39: Li, Di, Liv and Md are names
        ("Wang Li", "person", ["wang", "li"]),
        ("Anna Liv", "person", ["anna", "liv"]),
        ("Tariq Vexmoor XL", "person", ["tariq", "vexmoor", "xl"]),
    ],
)
def test_letters_that_are_not_a_series_number_stay_words(name, kind, words):
    assert name_tokens(name, kind) == words


@pytest.mark.parametrize(
    ("word", "value"), [("xl", 40), ("xliv", 44), ("xc", 90), ("lxxx", 80), ("cdxc", 490)]
)
def test_large_roman_numerals(word, value):
    assert large_roman_value(word) == value
    assert roman_value(word) is None  # the numerals of every position stay up to 39


@pytest.mark.parametrize("word", ["xxxix", "iiii", "xm", "lc", "vl", "c", "mix", "md"])
def test_malformed_small_and_word_numerals_are_not_large(word):
    assert large_roman_value(word) is None


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("Keltrin Fund 40", "Keltrin Fund XL"),
        ("Keltrin Real Estate Partners XLIV L.P.", "Keltrin Real Estate Partners 44 LP"),
        ("Keltrin Fund Forty", "Keltrin Fund XL"),
        ("Vexmoor Brigade 44", "Vexmoor Brigade Forty 4"),
        ("Keltrin 100th Brigade", "Keltrin Hundredth Brigade"),
    ],
)
def test_a_number_written_another_way_meets(listed, asked):
    match = _org_match(listed, asked)

    assert match is not None
    assert NUMBER_NOTE in match.explanation["notes"]


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("Keltrin Fund XL", "Keltrin Fund XLI"),
        ("Keltrin Fund XC", "Keltrin Fund LXXXX"),  # malformed: not 90, and not XC's letters
        ("Keltrin Capital Partners LX L.P.", "Keltrin Capital Partners XL L.P."),
        ("Vexmoor Brigade 44", "Vexmoor Brigade Forty 5"),
    ],
)
def test_another_number_is_another_organisation(listed, asked):
    assert _org_match(listed, asked) is None


# -- regnal names ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("Benedict the Sixteenth", "Pope Benedict XVI"),
        ("Elizabeth the Second", "Queen Elizabeth II"),
        ("Tariq Vexmoor III", "King Tariq Vexmoor the Third"),
        ("Tariq Vexmoor III", "Sultan Tariq Vexmoor III"),
    ],
)
def test_the_title_of_a_regnal_name_with_its_number_is_dropped(listed, asked):
    assert flagged(listed, asked)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Pope Benedict XVI", ["benedict", "16"]),
        # without a regnal number the word stays: Pope, King and Prince are surnames too
        ("Alexander Pope", ["alexander", "pope"]),
        ("Pope Alexander", ["pope", "alexander"]),
        ("Stephen King", ["stephen", "king"]),
        ("King Vexmoor", ["king", "vexmoor"]),
        ("Prince 2", ["prince", "2"]),
    ],
)
def test_regnal_titles_are_dropped_only_before_a_name_and_its_number(name, words):
    assert name_tokens(name, "person") == words


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("Benedict the Sixteenth", "Pope Benedict XV"),
        ("Tariq Vexmoor III", "King Tariq Vexmoor II"),
    ],
)
def test_another_regnal_number_is_another_person(listed, asked):
    assert not flagged(listed, asked)


def test_the_explanation_says_the_regnal_title_was_left_out():
    match = best("Benedict the Sixteenth", "Pope Benedict XVI")

    assert REGNAL_NOTE in match.explanation["notes"]
    assert REGNAL_NOTE not in best("Benedict the Sixteenth", "Benedict XVI").explanation["notes"]
