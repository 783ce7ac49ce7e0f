"""Organisations written two ways in one name: letters joined by an ampersand
(AT&T, AT and T, ATT) and alternatives written with a slash (Al-Qa'ida/Islamic
Army, Vexmoor/Keltrin Trading Ltd). Issue 17, the public pairs' missed
organisation classes. Invented names, and listed names of proscribed groups.
"""

import pytest

from screening.alternatives import slash_alternatives
from screening.legal_forms import fold_legal_forms
from screening.matching import ALTERNATIVE_NOTE, AMPERSAND_NOTE, IndexedName, MatchIndex, NameQuery

THRESHOLD = 0.8


def _org_match(listed: str, asked: str, kind: str = "organisation"):
    index = MatchIndex([IndexedName(1, "src", "e-1", "organisation", listed, "primary")])
    found = index.match(NameQuery(asked, kind), threshold=THRESHOLD)
    return found[0] if found else None


# -- ampersands: AT&T, AT and T, ATT ----------------------------------------------


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("KV&R Holdings Inc.", "KV and R Holdings Inc."),
        ("KV and R Holdings Inc.", "KVR Holdings Inc"),
        ("KVR Holdings", "KV&R Holdings"),
        ("AT&T Inc.", "ATT Inc."),  # rigour read AT as a legal form: AT&T was "jsc t"
        ("AT and T", "AT&T"),
        ("P & O Ferrymasters Ltd", "P&O Ferrymasters Limited"),
    ],
)
def test_letters_joined_by_an_ampersand_meet_them_written_with_and_or_run_together(listed, asked):
    match = _org_match(listed, asked)

    assert match is not None
    assert match.score >= 0.95


def test_the_explanation_says_an_ampersand_was_read():
    match = _org_match("AT and T", "ATT")

    assert AMPERSAND_NOTE in match.explanation["notes"]


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("KV&R Holdings", "KV&S Holdings"),  # other letters
        ("AT&T", "AT"),  # a letter dropped
        ("Marks and Spencer", "Marks Spencer Andrews"),
    ],
)
def test_an_ampersand_joins_only_the_same_letters(listed, asked):
    assert _org_match(listed, asked) is None


def test_a_form_joined_by_an_ampersand_is_still_a_form():
    # GmbH & Co. KG has small letters: a form (a partnership), not initials
    assert fold_legal_forms("Keltrin GmbH & Co. KG").split() == ["Keltrin", "lp"]


# -- alternatives written with a slash --------------------------------------------


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("Al-Qa'ida/Islamic Army", "Al Qaeda"),
        ("Al-Qa'ida/Islamic Army", "Islamic Army"),
        ("Vexmoor/Keltrin Trading Ltd", "Vexmoor Trading Ltd"),
        ("Vexmoor/Keltrin Trading Ltd", "Keltrin Trading Limited"),
        ("Dravik Front/Keltrin Brigades", "Keltrin Brigades"),
    ],
)
def test_each_alternative_a_slash_writes_is_found(listed, asked):
    for query, name in ((asked, listed), (listed, asked)):  # either side may write the slash
        match = _org_match(name, query)

        assert match is not None
        assert ALTERNATIVE_NOTE in match.explanation["notes"]


def test_a_name_with_a_slash_counts_once():
    index = MatchIndex([IndexedName(1, "src", "e-1", "organisation", "Al-Qa'ida/Islamic Army", "primary")])

    assert len(index) == 1


@pytest.mark.parametrize(
    ("text", "alternatives"),
    [
        ("Vexmoor/Keltrin Trading Ltd", ("Vexmoor Trading Ltd", "Keltrin Trading Ltd")),
        ("Al-Qa'ida/Islamic Army", ("Al-Qa'ida Army", "Islamic Army", "Al-Qa'ida")),
        # one word alone is no name the list gives: National would match exactly
        ("National/Islamic Front", ("National Front", "Islamic Front")),
        ("Vardo A/S", ()),  # a legal form with a slash (screening.legal_forms)
        ("Vardo c/o Keltrin", ()),
        ("Open 24/7 Ltd", ()),
        ("Keltrin Mortgage Trust 2004/1", ()),
        ("AC/DC Tribute Ltd", ()),  # two letters alone are initials
    ],
)
def test_which_slashes_write_alternatives(text, alternatives):
    assert slash_alternatives(text, "organisation") == alternatives


def test_a_persons_name_with_a_slash_is_not_read_word_by_word():
    # "Ahmed Mohammed Ali" is nobody on the list: it would flag the innocent of that name
    assert slash_alternatives("Ahmed Khan/Mohammed Ali", "person") == ()


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("Vexmoor/Keltrin Trading Ltd", "Dravik Trading Ltd"),
        ("Al-Qa'ida/Islamic Army", "Islamic Relief"),
        ("National/Islamic Front", "National"),
        ("National/Islamic Front", "Islamic"),
    ],
)
def test_an_alternative_meets_only_what_it_writes(listed, asked):
    assert _org_match(listed, asked) is None
