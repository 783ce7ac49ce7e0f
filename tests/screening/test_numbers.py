"""Numbers in names read as their value (screening.numbers), and what the matcher makes of them."""

import pytest

from screening.matching import NUMBER_NOTE, IndexedName, MatchIndex, NameQuery
from screening.normalise import name_tokens
from screening.numbers import read_numbers, roman_value
from screening.scoring import is_initial, word_similarity


@pytest.mark.parametrize(
    ("name", "kind", "words"),
    [
        ("First Brigade", "organisation", ["1", "brigade"]),
        ("1st Brigade", "organisation", ["1", "brigade"]),
        ("Column Forty-Four", "organisation", ["column", "44"]),
        ("Column Forty Four", "organisation", ["column", "44"]),
        ("Column Fortyfour", "organisation", ["column", "44"]),
        ("Twenty-First Brigade", "organisation", ["21", "brigade"]),
        ("Brigade Three Hundred and Thirteen", "organisation", ["brigade", "313"]),
        ("Three Hundred Brigade", "organisation", ["300", "brigade"]),
        ("17 November", "organisation", ["17", "november"]),
        ("Seventeen November", "organisation", ["17", "november"]),
        ("Karl Meyer III", "person", ["karl", "meyer", "3"]),
        ("Karl Meyer the Third", "person", ["karl", "meyer", "the", "3"]),
        ("Karl Meyer 3rd", "person", ["karl", "meyer", "3"]),
    ],
)
def test_numbers_are_read_as_their_digits(name, kind, words):
    assert name_tokens(name, kind) == words


@pytest.mark.parametrize(
    ("name", "words"),
    [
        # a single letter is an initial, never a Roman numeral
        ("V. Petrov", ["v", "petrov"]),
        ("Malcolm X", ["malcolm", "x"]),
        ("Dorian C Lindqvist", ["dorian", "c", "lindqvist"]),
        # Xi and Vi are names
        ("Xi Jinping", ["xi", "jinping"]),
        ("Vi Tran", ["vi", "tran"]),
        # in people's names only ordinals are numbers: ten is a Dutch particle
        ("Erik ten Hag", ["erik", "ten", "hag"]),
        ("Seven Okafor", ["seven", "okafor"]),
    ],
)
def test_initials_names_and_particles_are_not_read_as_numbers(name, words):
    assert name_tokens(name, "person") == words


def test_words_that_merely_start_like_numbers_are_left_alone():
    assert read_numbers(["tenby", "fortyish", "ivy", "mix"], "organisation") == [
        "tenby",
        "fortyish",
        "ivy",
        "mix",
    ]
    assert read_numbers(["three", "hundred", "and"], "organisation") == ["300", "and"]


@pytest.mark.parametrize(("word", "value"), [("ii", 2), ("iv", 4), ("xii", 12), ("xxxix", 39), ("xix", 19)])
def test_roman_numerals_of_two_letters_or_more(word, value):
    assert roman_value(word) == value


@pytest.mark.parametrize("word", ["i", "v", "x", "xi", "vi", "iiii", "vx", "xl", "mix", "civil"])
def test_single_letters_names_and_malformed_numerals_are_not_roman(word):
    assert roman_value(word) is None


def test_different_numbers_never_pair_and_a_digit_is_not_an_initial():
    assert word_similarity("44", "4") == (0.0, "different_numbers")
    assert word_similarity("18", "88") == (0.0, "different_numbers")
    assert word_similarity("12345", "12346") == (0.0, "different_numbers")
    assert word_similarity("44", "44") == (1.0, "exact")
    assert not is_initial("4")


@pytest.fixture(scope="module")
def units():
    return MatchIndex(
        IndexedName(pk, "src", f"e-{pk}", kind, name, "primary")
        for pk, kind, name in [
            (1, "organisation", "First Vardoran Brigade"),
            (2, "organisation", "Kelthrin Column 4"),
            (3, "organisation", "Ostmarra Combat 18"),
            (4, "person", "Karvel Dunmarrow III"),
        ]
    )


def flagged(index, name, kind):
    return [m.entry_id for m in index.match(NameQuery(name, kind), threshold=0.8)]


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("1st Vardoran Brigade", "organisation", ["e-1"]),
        ("Vardoran Brigade the First", "organisation", ["e-1"]),
        ("Kelthrin Column Four", "organisation", ["e-2"]),
        ("Ostmarra Combat Eighteen", "organisation", ["e-3"]),
        ("Karvel Dunmarrow 3rd", "person", ["e-4"]),
        ("Karvel Dunmarrow the Third", "person", ["e-4"]),
        # another number is another name
        ("Second Vardoran Brigade", "organisation", []),
        ("2nd Vardoran Brigade", "organisation", []),
        ("Kelthrin Column 44", "organisation", []),
        ("Kelthrin Column Forty-Four", "organisation", []),
        ("Ostmarra Combat 88", "organisation", []),
        ("Ostmarra Combat Eighty Eight", "organisation", []),
    ],
)
def test_a_number_matches_in_any_spelling_and_another_number_does_not(units, name, kind, expected):
    assert flagged(units, name, kind) == expected


def test_the_explanation_says_the_number_was_written_another_way(units):
    (match,) = units.match(NameQuery("Kelthrin Column Four", "organisation"), threshold=0.8)

    assert NUMBER_NOTE in match.explanation["notes"]
    assert ("4", "4") in [(a["query_token"], a["matched_token"]) for a in match.explanation["alignment"]]


def test_no_number_note_when_both_write_the_digits(units):
    (match,) = units.match(NameQuery("Kelthrin Column 4", "organisation"), threshold=0.8)

    assert NUMBER_NOTE not in match.explanation["notes"]


@pytest.fixture(scope="module")
def november():
    return MatchIndex(
        [
            IndexedName(1, "src", "e-1", "organisation", "17 November Revolutionary Organisation", "primary"),
            IndexedName(1, "src", "e-1", "organisation", "N17", "alias"),
        ]
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("N17", ["e-1"]),
        ("17 November Revolutionary Organisation", ["e-1"]),
        ("Seventeen November Revolutionary Organisation", ["e-1"]),
        ("Revolutionary Organisation 17 November", ["e-1"]),
        ("17th November Revolutionary Organisation", ["e-1"]),
        ("N18", []),
        ("18 November Revolutionary Organisation", []),
        ("Seventy November Revolutionary Organisation", []),
    ],
)
def test_the_17_november_forms_still_match_and_another_date_does_not(november, name, expected):
    assert flagged(november, name, "organisation") == expected


# -- a number word mistyped (red team of issue 17) ---------------------------------------


@pytest.mark.parametrize(
    ("listed", "typo"),
    [
        ("Forty Four Vexmoor Brigade", "Fourty Four Vexmoor Brigade"),  # the usual misspelling
        ("Forty Four Vexmoor Brigade", "Fourty-Four Vexmoor Brigade"),
        ("Combat Eighteen Vexmoor", "Combat Eigteen Vexmoor"),  # a letter dropped
        ("Combat Eighteen Vexmoor", "Combat Eightteen Vexmoor"),  # a letter added
        ("Seventh Vexmoor Brigade", "Sevnth Vexmoor Brigade"),
        ("Combat 18 Vexmoor", "Combat Eigteen Vexmoor"),
    ],
)
def test_a_mistyped_number_word_still_finds_the_listed_organisation(listed, typo):
    # Before, the number was read on the listed side only (Forty Four is 44) and the
    # typo met nothing: a misspelt number hid a name that leaving the number out found.
    index = MatchIndex([IndexedName(1, "src", "e-1", "organisation", listed, "primary")])
    assert index.match(NameQuery(typo, "organisation"), threshold=0.8)


@pytest.mark.parametrize("word", ["thirsty", "sevens", "twelver", "forth", "secondo"])
def test_words_near_a_number_word_are_not_read_as_one(word):
    # an English word, the number word with an ending, a short word, a word near none
    assert read_numbers([word, "vexmoor", "club"], "organisation") == [word, "vexmoor", "club"]


def test_a_mistyped_number_word_is_read_in_organisations_only():
    assert read_numbers(["sevnth", "vexmoor"], "organisation") == ["7", "vexmoor"]
    assert read_numbers(["sevnth", "vexmoor"], "person") == ["sevnth", "vexmoor"]
