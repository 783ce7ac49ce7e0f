"""Legal forms: long and short, in any language, are one undistinctive word."""

import pytest

from screening.legal_forms import GENERIC_LEGAL_FORMS, fold_legal_forms
from screening.matching import IndexedName, MatchIndex, NameQuery
from screening.rarity import general_weights


@pytest.mark.parametrize(
    ("long", "short"),
    [
        ("Zorvath Aktiengesellschaft", "Zorvath AG"),
        ("Zorvath Limited Liability Company", "Zorvath LLC"),
        ("PJSC Zorvath", "OAO Zorvath"),
        ("Zorvath Sp. z o.o.", "Zorvath GmbH"),
        ("Zorvath Limited", "Zorvath Ltd"),
    ],
)
def test_long_and_short_legal_forms_meet(long, short):
    assert fold_legal_forms(long).casefold() == fold_legal_forms(short).casefold()


def test_generic_legal_forms_weigh_as_organisation_type_words():
    weights = general_weights()

    assert all(weights[form] == 0.05 for form in GENERIC_LEGAL_FORMS)


def _index(name: str) -> MatchIndex:
    return MatchIndex([IndexedName(1, "src", "e-1", "organisation", name, "primary")])


def test_a_listed_company_is_found_under_another_spelling_of_its_legal_form():
    index = _index("Zorvath Trading Aktiengesellschaft")

    [match] = index.match(NameQuery("Zorvath Trading AG", "organisation"), threshold=0.8)

    assert match.score == 1.0


def test_a_shared_legal_form_does_not_make_two_companies_one():
    index = _index("Zorvath Trading AG")

    assert index.match(NameQuery("Melkior Trading AG", "organisation"), threshold=0.8) == []


@pytest.mark.parametrize("word", ["Jama'at", "Gama\u2019at", "Jama\u02bcat", "Shari'at", "Sa'ad"])
def test_a_legal_form_is_never_read_inside_a_word_after_an_apostrophe(word):
    # rigour reads AT and SA at any word boundary: Jama'at came out "jama'jsc"
    assert fold_legal_forms(word) == word.replace("'", "").replace("\u2019", "").replace("\u02bc", "")


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("Jama'at Nusrat al-Islam wal-Muslimin", "Jamaat Nusrat al-Islam wal-Muslimeen"),
        ("Al-Gama'at al-Islamiya", "Al Gamaat al Islamiya Ltd"),
        ("Tehrik Nefaz-e Shari'at Muhammadi", "Tehreek Nefaz-e Shariat Muhammadi"),
    ],
)
def test_a_listed_name_with_an_apostrophe_is_found_written_without_it(listed, asked):
    [match] = _index(listed).match(NameQuery(asked, "organisation"), threshold=0.8)

    assert match.explanation["method"] == "aligned"  # not equal once normalised: paired word by word


def test_person_names_keep_words_that_look_like_legal_forms():
    # "Sa" is a Portuguese surname (Sá), not a société anonyme.
    index = MatchIndex([IndexedName(1, "src", "e-1", "person", "Maria Zorvath Sa", "primary")])

    [match] = index.match(NameQuery("Maria Zorvath Sa", "person"), threshold=0.8)

    assert match.explanation["matched_normalised"] == "maria zorvath sa"


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("Halvorne Marine Trust", "Halvorne Marine Bank"),
        ("Halvorne Marine (Sweden)", "Halvorne Marine (Finland)"),
        ("Halvorne Marine Society", "Halvorne Marine Army"),
    ],
)
def test_organisations_one_word_apart_are_different_organisations(listed, asked):
    assert _index(listed).match(NameQuery(listed, "organisation"), threshold=0.8)
    assert _index(listed).match(NameQuery(asked, "organisation"), threshold=0.8) == []
