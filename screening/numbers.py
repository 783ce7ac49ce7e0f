"""Numbers in names, read as their value: First and 1st, Forty-Four and 44, III and 3rd.

Groups and units carry numbers (17 November, Combat 18, the 1st Brigade) and
people carry generations (Karl Meyer III). A number written in words, as an
ordinal or in Roman numerals is the same number as its digits, and two
different numbers are two different names, so each run of number words
becomes one word of digits before anything compares them.

Where a number is read:

- digits with an ordinal ending (1st, 2nd, 44th): their digits;
- English number words (organisations: cardinals and ordinals, one word or
  several: Forty Four, Three Hundred and Thirteen, Twenty-First; people:
  ordinals only, the generation "the Second". "Ten" is also a Dutch particle,
  as in ten Brink, and "Seven" may be a nickname);
- Roman numerals of two letters or more made of I, V and X, up to 39 (II,
  III, IV, XII). A single letter is an initial (V. Petrov, Malcolm X, D for
  Dorian), never a number; Xi and Vi are names (Xi Jinping), not 11 and 6.

Pure functions over normalised words (lower-case ASCII).
"""

import re
from functools import cache, lru_cache

from english_words import get_english_words_set
from rapidfuzz.distance import OSA

_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ORDINAL_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
}
_ORDINAL_TEENS = {
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
_ORDINAL_TENS = {
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
}
_ORDINAL_SUFFIX = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_ROMAN = re.compile(r"^(x{0,3})(ix|iv|v?i{0,3})$")
# Any numeral in its standard form (XL, XLIV, XC, C, MMXXIV): read only as the last
# word of an organisation's name, where series and funds write their numbers
# (Fund XLIV, Partners LX). Elsewhere L, C, D and M are also initials and
# abbreviations (XL Airways, DC, MC, CV), and in people's names also names (Li, Di,
# Liv, Md): people's generations and regnal numbers never pass 39.
_ROMAN_ANY = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
ROMAN_MAX = 39
# Two-letter Roman numerals that are given names or surnames (Xi Jinping, Vi).
_ROMAN_NAMES = frozenset({"xi", "vi"})


def read_numbers(words: list[str], kind: str) -> list[str]:
    """The words with each number written in words, as an ordinal or in Roman
    numerals replaced by one word of its digits."""
    cardinals = kind != "person"
    if cardinals and any(map(number_word_typo, words)):
        words = [number_word_typo(w) or w for w in words]
    last = _last_name_word(words) if cardinals else None
    if not any(map(_may_be_number, words)) and (last is None or large_roman_value(words[last]) is None):
        return words  # the common case: nothing to read
    out: list[str] = []
    i = 0
    while i < len(words):
        value, used = _number_at(words, i, cardinals=cardinals)
        if not used and i == last and (large := large_roman_value(words[i])) is not None:
            value, used = large, 1
        if used:
            out.append(str(value))
            i += used
        else:
            out.append(words[i])
            i += 1
    return out


# A number word mistyped in an organisation's name (Fourty, Eigteen, Sevnth). Read
# as numbers, Forty is the word 40, which a typo no longer meets by edit distance:
# "Fourty Four Brigade" hid a listed "Forty Four Brigade" that it met before. So a
# word of six letters or more one edit (a letter changed, added, dropped, or two
# swapped) from one number word only is read as it, unless it is an English word
# (Thirsty is not thirty) or the number word with an ending (Sevens, Twelver).
# Fourty is one edit from forty and fourth: the usual misspellings are listed. Not
# for people, whose numbers are ordinals only and whose names may be one letter
# from one (Secondo).
_USUAL_MISSPELLINGS = {"fourty": "forty", "fourtieth": "fortieth", "ninty": "ninety", "nineth": "ninth"}
NUMBER_TYPO_MIN_LETTERS = 6


@lru_cache(maxsize=65_536)
def number_word_typo(word: str) -> str | None:
    """The number word a word is a typo of, or None."""
    if word in _USUAL_MISSPELLINGS:
        return _USUAL_MISSPELLINGS[word]
    if len(word) < NUMBER_TYPO_MIN_LETTERS or word in _WORD_VALUES or not word.isalpha():
        return None
    if word[:-1] in _WORD_VALUES:
        return None  # a number word with an ending is a word of its own: Sevens, Twelver
    near = [w for w in _WORD_VALUES if abs(len(w) - len(word)) <= 1 and OSA.distance(word, w) <= 1]
    if len(near) != 1 or word in _english_words():
        return None
    return near[0]


@cache
def _english_words() -> frozenset[str]:
    return frozenset(get_english_words_set(["gcide"], lower=True, alpha=True))


@lru_cache(maxsize=4096)
def _may_be_number(word: str) -> bool:
    return (
        word[:1].isdigit()
        or word in _WORD_VALUES
        or word in ("hundred", "hundredth")
        or _tens_and_unit(word) is not None
        or roman_value(word) is not None
    )


def roman_value(word: str) -> int | None:
    """II -> 2, XII -> 12; None for a single letter, a name (Xi) or not a numeral."""
    if len(word) < 2 or word[0] not in _ROMAN_VALUES or word in _ROMAN_NAMES or not _ROMAN.match(word):
        return None  # (a numeral begins with i, v or x: most words stop at the second test)
    value = _roman_to_int(word)
    return value if 2 <= value <= ROMAN_MAX else None


def large_roman_value(word: str) -> int | None:
    """XL -> 40, XLIV -> 44, C -> 100: a numeral above ROMAN_MAX in its standard form,
    of two letters or more, and not a word or abbreviation of its own (_NOT_NUMERALS)."""
    if len(word) < 2 or word in _NOT_NUMERALS or not _ROMAN_ANY.match(word):
        return None
    value = _roman_to_int(word)
    return value if value > ROMAN_MAX else None


# Numerals above 39 that are also words, names and everyday abbreviations (the
# English ones from the GCIDE list, which also lists XL and LX as words): Mix, Li,
# Di, Mi, CV, CD, CM, MM, MC, MD, DC, CC, MX, ML, Dix, Liv, Civ.
_NOT_NUMERALS = frozenset(
    {"mix", "li", "di", "mi", "cv", "cd", "cm", "mm", "mc", "md", "dc", "cc", "mx", "ml", "dix", "liv", "civ"}
)


# Legal forms and registration words as screening.legal_forms writes them: a
# series number comes before them (Partners XL L.P.).
_FORM_WORDS = frozenset({"llc", "jsc", "lp", "llp", "coop", "ngo", "corp"})


def _last_name_word(words: list[str]) -> int | None:
    """The index of an organisation name's last word, legal forms aside, whether read
    or still in letters (L.P. is l p before screening.legal_forms reads it)."""
    for i in range(len(words) - 1, 0, -1):  # never the first word: a name is more than its number
        if words[i] not in _FORM_WORDS and len(words[i]) > 1:
            return i
    return None


def _roman_to_int(word: str) -> int:
    total = 0
    for i, letter in enumerate(word):
        value = _ROMAN_VALUES[letter]
        following = _ROMAN_VALUES[word[i + 1]] if i + 1 < len(word) else 0
        total += -value if value < following else value
    return total


def _number_at(words: list[str], i: int, *, cardinals: bool) -> tuple[int, int]:
    """(value, words used) of the number starting at words[i]; (0, 0) if none."""
    word = words[i]
    suffixed = _ORDINAL_SUFFIX.match(word)
    if suffixed:
        return int(suffixed.group(1)), 1
    roman = roman_value(word)
    if roman is not None:
        return roman, 1
    value, used, ordinal = _spelled(words, i)
    if used and (ordinal or cardinals):
        return value, used
    return 0, 0


def _spelled(words: list[str], i: int) -> tuple[int, int, bool]:
    """A number in English words from words[i]: (value, words used, ends as an ordinal)."""
    if words[i] in ("hundred", "hundredth"):  # a hundred, the Hundredth: one hundred
        return 100, 1, words[i] == "hundredth"
    small, used, ordinal = _below_hundred(words, i)
    if not used:
        return 0, 0, False
    j = i + used
    if not ordinal and small < 10 and j < len(words) and words[j] in ("hundred", "hundredth"):
        hundreds = small * 100
        if words[j] == "hundredth":
            return hundreds, used + 1, True
        j += 1
        k = j + 1 if j < len(words) and words[j] == "and" else j
        rest, rest_used, ordinal = _below_hundred(words, k)
        if rest_used:
            return hundreds + rest, k + rest_used - i, ordinal
        return hundreds, j - i, False
    return small, used, ordinal


def _below_hundred(words: list[str], i: int) -> tuple[int, int, bool]:
    if i >= len(words):
        return 0, 0, False
    word = words[i]
    joined = _tens_and_unit(word)  # fortyfour, twentyfirst
    if joined is not None:
        return joined
    if word in _TENS:
        following = words[i + 1] if i + 1 < len(words) else ""
        if following in _UNITS:
            return _TENS[word] + _UNITS[following], 2, False
        if len(following) == 1 and following in "123456789":
            return _TENS[word] + int(following), 2, False  # Forty 4, Forty-4: written half in digits
        if following in _ORDINAL_UNITS:
            return _TENS[word] + _ORDINAL_UNITS[following], 2, True
        return _TENS[word], 1, False
    for table, ordinal in _TABLES:
        if word in table:
            return table[word], 1, ordinal
    return 0, 0, False


_TABLES = (
    (_UNITS, False),
    (_TEENS, False),
    (_ORDINAL_UNITS, True),
    (_ORDINAL_TEENS, True),
    (_ORDINAL_TENS, True),
)
_WORD_VALUES = frozenset({*_UNITS, *_TEENS, *_TENS, *_ORDINAL_UNITS, *_ORDINAL_TEENS, *_ORDINAL_TENS})


_TENS_WORDS = tuple(_TENS)


@lru_cache(maxsize=4096)
def _tens_and_unit(word: str) -> tuple[int, int, bool] | None:
    """Fortyfour, twentyfirst: a tens word and a unit written as one word."""
    if not word.startswith(_TENS_WORDS):
        return None  # most words, one C call: every name word is asked at each build
    for tens, value in _TENS.items():
        if word.startswith(tens) and len(word) > len(tens):
            rest = word[len(tens) :]
            if rest in _UNITS:
                return value + _UNITS[rest], 1, False
            if rest in _ORDINAL_UNITS:
                return value + _ORDINAL_UNITS[rest], 1, True
    return None
