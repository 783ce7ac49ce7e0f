"""Classes the held-out sets found (issue 17: "we judge on held-out sets built the same
way"; docs/benchmarks.md, helper gen). Each is tested here with other names than the
held-out rows, so the tests say what the rule is, not which row it was made for.

- A person's name word that differs in its first letter pairs by spelling rule or
  rigour's list only, never as a typo (Geeta/Seeta was flagged at 0.87).
- Spellings rigour files under different Wikidata items (one per spelling) but that
  orthography makes one name: an "a" written before an "e" (Rachael/Rachel), "aye"
  for "ai" (Ayesha/Aisha, Abdoulaye/Abdulai), a doubled y (Zakariyya, Sayyid).
- Hangul: a syllable with no initial before ㅜ is written with a w (우 woo, 욱 wook).
- Organisations: the Persian and Urdu ezafe written -e- or -i- (Tehrik-i Taliban).
- Hostile, found red-teaming the first rule: @, $ or ! written for a letter inside a
  word (@hmed lost its first letter to punctuation and so no longer paired), and
  symbols that look like letters (Greek musical notation) in a word of look-alikes.
"""

import unicodedata

import pytest

from screening.matching import SYMBOLS_NOTE, IndexedName, MatchIndex, NameQuery
from screening.normalise import normalise, symbols_read_as_letters
from screening.scoring import word_similarity
from tests.evasion import swap_look_alikes
from tests.screening.one_listed_name import THRESHOLD, best, flagged

# -- a first letter changed is another name -------------------------------------------

FIRST_LETTER_DIFFERS = [
    ("Geeta Khan", "Seeta Khan"),
    ("Mohan Rathore", "Rohan Rathore"),
    ("Dinesh Varkey", "Ganesh Varkey"),
    ("Marta Kowalczyk", "Barta Kowalczyk"),
    ("Kenneth Ashworth", "Denneth Ashworth"),
    ("Nadia Oyelaran", "Badia Oyelaran"),
]


@pytest.mark.parametrize(("listed", "query"), FIRST_LETTER_DIFFERS)
def test_a_first_letter_changed_is_not_a_typo(listed, query):
    assert not flagged(listed, query)
    assert not flagged(query, listed)


@pytest.mark.parametrize(
    ("listed", "query"),
    [
        ("Catherine Pennycott", "Katherine Pennycott"),  # initial hard c: a spelling rule
        ("Yevgeny Dravkin", "Evgeny Dravkin"),  # rigour's list
        ("Ximena Olvarrieta", "Jimena Olvarrieta"),  # Spanish x before its reform
        ("Geeta Varkey", "Geetta Varkey"),  # a typo after the first letter still is one
        ("Kenneth Ashworth", "Kenenth Ashworth"),
    ],
)
def test_spellings_that_start_apart_and_typos_after_the_first_letter_still_pair(listed, query):
    assert flagged(listed, query)


def test_the_first_letter_rule_is_for_people_only():
    """Organisation words are not names people type from memory: a first letter
    changed is still a possible typo there (other rules decide)."""
    assert word_similarity("zorvath", "korvath", person=False)[1] == "fuzzy"
    assert word_similarity("zorvath", "korvath", person=True) == (0.0, "different")


# -- one name that rigour files under two items ---------------------------------------

ONE_NAME_TWO_ITEMS = [
    ("Rachel Dunmore", "Rachael Dunmore"),
    ("Aisha Qarmout", "Ayesha Qarmout"),
    ("Aysha Qarmout", "Ayesha Qarmout"),
    ("Abdoulaye Konvate", "Abdulai Konvate"),
    ("Zakariya Telhami", "Zakariyya Telhami"),
    ("Sayyid Marvani", "Sayid Marvani"),
    ("Ayyub Hezrani", "Ayub Hezrani"),
]


@pytest.mark.parametrize(("listed", "query"), ONE_NAME_TWO_ITEMS)
def test_spellings_of_one_name_pair_by_orthography(listed, query):
    assert flagged(listed, query)
    assert flagged(query, listed)
    match = best(listed, query)
    assert match is not None
    assert {p["how"] for p in match.explanation["alignment"]} <= {"exact", "spelling_variant"}


@pytest.mark.parametrize(
    ("listed", "query"),
    [
        ("Jamal Telhami", "Jamil Telhami"),  # the vowel tells them apart
        ("Kaye Dunmore", "Kai Dunmore"),  # one syllable: the final vowel is the name
        ("Hassan Qarmout", "Hussein Qarmout"),
        ("Rania Marvani", "Rami Marvani"),
    ],
)
def test_look_alike_names_stay_apart(listed, query):
    assert not flagged(listed, query)
    assert not flagged(query, listed)


# -- Hangul: w before u with no initial -----------------------------------------------


@pytest.mark.parametrize(
    ("listed", "written"),
    [("Shin Dong-wook", "신동욱"), ("Kim Hyun-woo", "김현우"), ("Woo Sung-min", "우성민")],
)
def test_hangul_u_with_no_initial_is_written_with_a_w(listed, written):
    assert flagged(listed, written)
    assert flagged(written, listed)


def test_a_hangul_syllable_with_a_w_still_has_to_be_the_syllable():
    assert not flagged("Kim Woo-jin", "김우신")  # 신 is not jin


# -- organisations: the ezafe ---------------------------------------------------------


def _organisation_flagged(listed: str, query: str) -> bool:
    index = MatchIndex([IndexedName(1, "src", "e-1", "organisation", listed, "primary")])
    found = index.match(NameQuery(query, "organisation"), threshold=THRESHOLD)
    return bool(found)


@pytest.mark.parametrize(
    ("listed", "query"),
    [
        ("Harkat-e Zorvani", "Harkat-i Zorvani"),
        ("Tanzeem-i Quellabad", "Tanzeem e Quellabad"),
        ("Jamaat-e Vorthani Pakistan", "Jamaat-i-Vorthani Pakistan"),
    ],
)
def test_the_ezafe_written_e_or_i_is_one_joining_word(listed, query):
    assert _organisation_flagged(listed, query)
    assert word_similarity("e", "i", person=False) == (1.0, "ezafe")


def test_the_ezafe_does_not_pair_a_persons_initials():
    """E. Varkey and I. Varkey are two people's initials, not a joining word."""
    assert word_similarity("e", "i", person=True) == (0.0, "different")
    assert not flagged("E Varkey", "I Varkey")


def test_the_ezafe_pairs_only_e_with_i():
    assert _organisation_flagged("Harkat-e Zorvani", "Harkat-a Zorvani") is False


# -- hostile: symbols for letters (red team of the first-letter rule) --------------------


@pytest.mark.parametrize(
    ("listed", "query"),
    [
        ("Ahmed Telhami", "@hmed Telhami"),  # dropped as punctuation it cost the first letter
        ("Sergei Dravkin", "$ergei Dravkin"),
        ("Ismail Qarmout", "Isma!l Qarmout"),  # dropped it split the word in two
        ("Mustafa Qarmout", "Mu$tafa Qarmout"),
    ],
)
def test_symbols_written_for_letters_are_read_as_the_letters(listed, query):
    match = best(listed, query)
    assert match is not None and match.score >= THRESHOLD
    assert SYMBOLS_NOTE in match.explanation["notes"]


def test_an_organisation_with_a_symbol_for_a_letter_is_found():
    assert _organisation_flagged("Hamas", "H@mas")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yahoo! Ltd", "yahoo ltd"),  # after a word: punctuation
        ("costs $5 each", "costs 5 each"),  # before a digit: money
        ("a @ b", "a b"),
        ("Hello! World", "hello world"),
    ],
)
def test_symbols_that_are_punctuation_stay_punctuation(text, expected):
    assert normalise(text) == expected
    assert not symbols_read_as_letters(text)


# -- hostile: symbols that look like letters, in a word of another script -------------


@pytest.mark.parametrize("name", ["Corvan Trevick", "Rorv Pellacott", "Verity Scrimcoe"])
def test_a_name_in_greek_look_alikes_and_musical_symbols_is_read_as_the_letters(name):
    """The held-out watch list's Trevor Cooper in Greek look-alikes (𝈖 for R, 𝈍 for V,
    Ϲ for C) read "teo soore": the symbols split the word into runs of Greek letters."""
    disguised = swap_look_alikes(name, "GREEK")
    assert any(unicodedata.category(c).startswith("S") for c in disguised)
    assert normalise(disguised) == normalise(name)
    assert flagged(name, disguised)


def test_greek_written_as_greek_is_still_read_as_greek():
    assert normalise("Ελένη Αντωνίου") == "eleni antoniou"
