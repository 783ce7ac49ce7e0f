"""A name matches itself written in another script that ICU can transliterate, both ways."""

import re

import icu
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening.matching import IndexedName, MatchIndex, NameQuery
from screening.name_variants import name_symbols
from screening.normalise import HONORIFICS, PARTICLE_SPELLINGS, normalise
from screening.rarity import SHORT_WORD_MAX_WEIGHT, general_weights, word_weight
from tests.screening.one_listed_name import flagged

# Latin letters each script writes with one letter of its own that comes back the same.
SCRIPTS = {
    "Latin-Cyrillic": "abdefgiklmnoprstuvz",
    # not g, k, n, b: "ng", "nk" are written γγ, γκ; not p: modern Greek reads μπ as b
    "Latin-Greek": "adeilmorstz",
    "Latin-Armenian": "abdefghiklmnoprstuvz",
}
VOWELS = "aeiou"
_LATIN_ARABIC = icu.Transliterator.createInstance("Latin-Arabic")


def _is_name_word(word: str) -> bool:
    """Not a word the matcher reads as structure (Ltd, da, bin) or a title (Hon)."""
    return word_weight(word, 0, general_weights()) >= SHORT_WORD_MAX_WEIGHT and word not in HONORIFICS


def _in_arabic(word: str) -> str:
    """The word in Arabic letters as the matcher reads them (vowel marks dropped)."""
    return normalise(_LATIN_ARABIC.transliterate(word))


def _is_particle_in_arabic(word: str) -> bool:
    """Bnt (or Binat, بِنَت) written in Arabic letters is بنت, "daughter of": a particle
    there, not a name."""
    return _in_arabic(word) in PARTICLE_SPELLINGS


def _arabic_is_another_known_name(word: str) -> bool:
    """Sakir written in Arabic letters is سكر, which rigour files as Sukkar: two known
    names the matcher keeps apart on purpose (docs/matching.md), not one name."""
    latin, arabic = name_symbols(word), name_symbols(_in_arabic(word))
    return bool(latin and arabic and not latin & arabic)


def _word(letters: str):
    return st.text(alphabet=letters, min_size=4, max_size=9).filter(_is_name_word)


def _assert_matches_both_ways(latin: str, written: str) -> None:
    index = MatchIndex([IndexedName(1, "src", "e-1", "person", latin, "primary")])
    back = MatchIndex([IndexedName(1, "src", "e-1", "person", written, "primary")])

    assert [m.entry_id for m in index.match(NameQuery(written, "person"), threshold=0.8)] == ["e-1"]
    assert [m.entry_id for m in back.match(NameQuery(latin, "person"), threshold=0.8)] == ["e-1"]


@pytest.mark.parametrize("system", sorted(SCRIPTS))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_name_matches_itself_written_in_another_script(system, data):
    letters = SCRIPTS[system]
    latin = f"{data.draw(_word(letters)).capitalize()} {data.draw(_word(letters)).capitalize()}"
    written = icu.Transliterator.createInstance(system).transliterate(latin)

    _assert_matches_both_ways(latin, written)


# Arabic writes consonants and long vowels, not short vowels: names of consonants
# each followed by a short vowel or none, ending in a consonant (a final vowel is
# written with a letter in Arabic, علي Ali, which ICU's Latin-Arabic does not do).
_ARABIC_WORD = (
    st.tuples(
        st.lists(
            st.tuples(st.sampled_from("bdfhklmnrstz"), st.sampled_from(["", "a", "i", "u"])).map("".join),
            min_size=2,
            max_size=4,
        ).map("".join),
        st.sampled_from("bdfklmnrstz"),
    )
    .map("".join)
    .filter(lambda w: _is_name_word(w) and not _is_particle_in_arabic(w))
    .filter(lambda w: not _arabic_is_another_known_name(w))
    # ICU writes th, kh, sh... as two letters (ت and ه), which is how no Arabic name is
    # written (ث, خ, ش): a Latin digraph is not a reading of those two letters; nor is
    # a doubled letter, which Arabic writes once with a shadda (Bbab is not ببب).
    .filter(lambda w: not re.search(r"[bdfklmnrstz]h|(.)\1", w))
)


@settings(max_examples=40, deadline=None)
@given(given_name=_ARABIC_WORD, surname=_ARABIC_WORD)
def test_a_name_matches_itself_written_in_arabic(given_name, surname):
    latin = f"{given_name.capitalize()} {surname.capitalize()}"
    written = icu.Transliterator.createInstance("Latin-Arabic").transliterate(latin)

    _assert_matches_both_ways(latin, written)


# Devanagari does not write whether a final consonant keeps its vowel (राम is Ram and
# Rama); Hindi drops it, and so does the reading, so these names end in a consonant.
# (no h: "lh" and "rh" are ICU's vocalic letters; no doubled letter, which ICU
# writes as Hindi does not: "ss" as ष, read "sh", "nn" as a nasal dot, "ii" as ई)
_DEVANAGARI_WORD = (
    st.tuples(_word("abdiklmnprstuv"), st.sampled_from("dklmnprst"))
    .map("".join)
    .filter(lambda w: not re.search(r"(.)\1", w))
    .filter(lambda w: _is_name_word(w))
)


@settings(max_examples=40, deadline=None)
@given(given_name=_DEVANAGARI_WORD, surname=_DEVANAGARI_WORD)
def test_a_name_matches_itself_written_in_devanagari(given_name, surname):
    latin = f"{given_name.capitalize()} {surname.capitalize()}"
    written = icu.Transliterator.createInstance("Latin-Devanagari").transliterate(latin)

    _assert_matches_both_ways(latin, written)


# Korean names are written in Latin letters a syllable a word (Kim Jong Un); ICU
# writes each such word as one Hangul syllable. Here as in the other scripts, not
# the words that are also particles of names (da Silva, bin Laden) or Ltd.
_SYLLABLE = (
    st.tuples(st.sampled_from("bdghjkmnpst"), st.sampled_from(VOWELS), st.sampled_from(["", "n", "m"]))
    .map("".join)
    .filter(lambda syllable: _is_name_word(syllable))
)


@settings(max_examples=40, deadline=None)
@given(syllables=st.lists(_SYLLABLE, min_size=3, max_size=3))
def test_a_name_matches_itself_written_in_hangul(syllables):
    latin = " ".join(s.capitalize() for s in syllables)
    written = icu.Transliterator.createInstance("Latin-Hangul").transliterate(latin)

    _assert_matches_both_ways(latin, written)


# The property test above draws a word twice now and then (Mlk Mlk): a name of one
# common word written twice was never retrieved from another script, because the
# index kept pairs of two different common words only.
@pytest.mark.parametrize(
    ("latin", "written"), [("Mlk Mlk", "ملك ملك"), ("Malik Malik", "ملك ملك"), ("Ali Ali", "علي علي")]
)
def test_a_name_of_one_word_written_twice_matches_itself_in_arabic(latin, written):
    _assert_matches_both_ways(latin, written)


@pytest.mark.parametrize(
    ("listed", "query"),
    [("Ali Hassan Ali", "Ali Ali"), ("علي علي", "Ali Hassan"), ("محمد محمد", "Muhammad Muhammad Khan")],
)
def test_a_common_word_written_twice_does_not_flag_another_name(listed, query):
    assert not flagged(listed, query)
