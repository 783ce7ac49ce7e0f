"""Properties of the name-form rules over generated names: what must always match and
what must never (hypothesis; invented words, so no name list knows them)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening.matching import IndexedName, MatchIndex, NameQuery

THRESHOLD = 0.8
_SYLLABLES = [
    "kar",
    "vel",
    "dun",
    "mor",
    "tha",
    "lis",
    "qen",
    "zor",
    "bra",
    "vix",
    "sel",
    "orn",
    "drat",
    "hum",
]

rare_word = st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=3).map("".join)
TYPE_NOUNS = [
    "Society",
    "Project",
    "Army",
    "Brigade",
    "Front",
    "Trust",
    "Group",
    "Movement",
    "League",
    "Council",
]


def flagged(listed: str, asked: str, kind: str = "person") -> bool:
    index = MatchIndex([IndexedName(1, "src", "e-1", kind, listed, "primary")])
    return bool(index.match(NameQuery(asked, kind), threshold=THRESHOLD))


@settings(max_examples=60, deadline=None)
@given(st.lists(rare_word, min_size=3, max_size=3, unique=True))
def test_two_adjacent_words_written_as_one_still_match(words):
    a, b, c = (w.capitalize() for w in words)

    assert flagged(f"{a} {b} {c}", f"{a}{b.lower()} {c}")
    assert flagged(f"{a}{b.lower()} {c}", f"{c}, {a} {b}")  # and the reverse, reordered


@settings(max_examples=60, deadline=None)
@given(
    st.lists(rare_word, min_size=2, max_size=2, unique=True), st.sampled_from(["bin", "ibn", "ben", "bint"])
)
def test_x_son_of_y_is_never_y_son_of_x(words, particle):
    x, y = (w.capitalize() for w in words)

    assert flagged(f"{x} {particle} {y}", f"{x} {particle} {y}")
    assert not flagged(f"{x} {particle} {y}", f"{y} {particle} {x}")


@settings(max_examples=60, deadline=None)
@given(rare_word, st.lists(st.sampled_from(TYPE_NOUNS), min_size=2, max_size=2, unique=True))
def test_one_rare_word_with_another_type_noun_is_another_organisation(word, nouns):
    name = word.capitalize()
    listed, asked = (f"{name} {noun}" for noun in nouns)

    assert not flagged(listed, asked, "organisation")
    assert flagged(listed, f"{listed} Ltd", "organisation")


@settings(max_examples=40, deadline=None)
@given(st.lists(rare_word, min_size=2, max_size=2, unique=True), st.integers(2, 39), st.integers(2, 39))
def test_a_number_in_any_spelling_and_never_another_number(words, number, other):
    name, unit = (w.capitalize() for w in words)
    listed = f"{name} {unit} {number}"

    assert flagged(listed, f"{name} {unit} {number}th", "organisation")
    if other != number:
        assert not flagged(listed, f"{name} {unit} {other}", "organisation")


@pytest.mark.parametrize(
    "surname", ["Khan", "Smith", "Nguyen", "Kim", "Patel", "Murphy", "Kowalski", "Okafor"]
)
@pytest.mark.parametrize("given_name", ["Ahmed", "Jean Claude", "Maria", "Ji Hoon"])
def test_initials_and_a_common_surname_never_flag(surname, given_name):
    initials = "".join(part[0] for part in given_name.split())

    for asked in (f"{initials} {surname}", f"{'. '.join(initials)}. {surname}", f"{surname}, {initials}"):
        assert not flagged(f"{given_name} {surname}", asked)
