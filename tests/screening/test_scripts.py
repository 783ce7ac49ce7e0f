"""Words kept in Arabic letters or Hangul, and how Latin words pair with them."""

import pytest

from screening.matching import IndexedName, MatchIndex, NameQuery
from screening.scoring import word_similarity
from screening.scripts import hangul_spellings, reads_as


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("قرضاوي", "qaradawi"),
        ("ظواهري", "zawahiri"),
        ("مشعل", "mishal"),
        ("مشعل", "meshaal"),
        ("حسن", "hassan"),
        ("حسن", "hasan"),
        ("حسين", "hussein"),
        ("محمد", "muhammad"),
        ("محمد", "mohamed"),
    ],
)
def test_a_latin_spelling_is_a_reading_of_the_arabic_letters(arabic, latin):
    assert reads_as(arabic, latin)


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("حسن", "hussein"),  # the ي of Hussein is written in Arabic: حسين
        ("حسين", "hassan"),
        ("محمود", "muhammad"),  # the و of Mahmoud is written
        ("محمد", "mahmoud"),
        ("عباس", "abbasi"),
    ],
)
def test_a_long_vowel_arabic_writes_is_never_read_away(arabic, latin):
    assert not reads_as(arabic, latin)


@pytest.mark.parametrize(
    ("syllable", "spellings"),
    [
        ("김", {"kim", "gim"}),
        ("이", {"lee", "yi", "rhee", "i"}),
        ("박", {"park", "pak", "bak"}),
        ("최", {"choi", "choe"}),
        ("정", {"jung", "jeong", "chung", "jong"}),
        ("은", {"un", "eun"}),
    ],
)
def test_a_hangul_syllable_has_its_romanisations_and_the_usual_name_spellings(syllable, spellings):
    assert spellings <= hangul_spellings(syllable)


def test_a_different_hangul_syllable_is_not_a_spelling():
    assert "min" not in hangul_spellings("정")


@pytest.mark.parametrize(
    ("a", "b", "how"),
    [
        ("محمد", "muhammad", "same_name_in_another_script"),
        ("قرضاوي", "qaradawi", "written_in_another_script"),
        ("김", "kim", "written_in_another_script"),
        ("محمود", "muhammad", "different_names"),
        ("محمود", "محمد", "different_names"),  # one letter apart in Arabic, two names
        ("김", "민", "different"),
    ],
)
def test_word_similarity_says_how_a_kept_word_paired(a, b, how):
    assert word_similarity(a, b)[1] == how
    assert word_similarity(b, a)[1] == how


def _flags(listed: str, asked: str) -> list[str]:
    index = MatchIndex([IndexedName(1, "src", "e-1", "person", listed, "primary")])
    return [m.entry_id for m in index.match(NameQuery(asked, "person"), threshold=0.8)]


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("Mohamed Abbas", "محمود عباس"),  # Mahmoud Abbas is another man
        ("Hassan Nasrallah", "حسين نصر الله"),  # Hussein
        ("Kim Jong Un", "김민준"),  # Kim Min-jun
        ("محمد عباس", "Mahmoud Abbas"),
    ],
)
def test_a_different_name_in_another_script_does_not_flag(listed, asked):
    assert _flags(listed, asked) == []


def test_a_common_name_in_arabic_letters_weighs_as_little_as_in_latin_letters():
    # محمد is Muhammad: with a different rare surname it must not carry a match
    assert _flags("Muhammad Zorvathi", "محمد عباس") == []


def test_the_explanation_names_the_script_rule():
    index = MatchIndex([IndexedName(1, "src", "e-1", "person", "Ayman al-Zawahiri", "primary")])

    (match,) = index.match(NameQuery("أيمن الظواهري", "person"), threshold=0.8)

    assert [(a["matched_token"], a["how"]) for a in match.explanation["alignment"]] == [
        ("ayman", "same_name_in_another_script"),
        ("al", "exact"),
        ("zawahiri", "written_in_another_script"),
    ]
