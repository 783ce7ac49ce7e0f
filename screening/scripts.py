"""Names written in other scripts: which stay in their own letters, and how they are read.

A transliteration to ASCII is only as good as what the script writes down.

- **Arabic script** writes no short vowels: محمد is Muhammad, Mohamed and
  Mehmet, and محمود (Mahmoud) is another name. Transliterated, both are
  consonant strings (`mhmd`, `mhmwd`) that meet Latin spellings only through
  edit distance, the very rule that merges different names. So Arabic words
  stay in Arabic letters (hamza seats and final ya folded, short-vowel marks and
  tatweel dropped, the article ال split off like "al-"), and a Latin word pairs
  with one when rigour's name list files both under one name (its names carry
  Arabic forms), or when the Latin word is a *reading* of the Arabic letters:
  every letter written one of the ways it is romanised, in order, with at most
  one short vowel between two letters (none after the last: a final vowel is
  written, علي Ali) and consonants possibly doubled. Long
  vowels and diphthongs are written in Arabic, so Hussein (حسين) is not a
  reading of حسن (Hassan) and Mahmoud is not one of محمد.
- **Hangul** writes syllables: 김정은 is Kim Jong-un, Gim Jeong-eun (Revised
  Romanisation), Kim Chŏng-ŭn (McCune-Reischauer). Each syllable is a word of
  its own (Latin lists write them as "Kim Jong Un" or "Jong-un"), and a Latin
  word pairs with it when it is one of the syllable's spellings in those
  systems or in the usual spellings of names (Lee, Park, Choi, Ahn).
- **Devanagari** goes through ICU, with Hindi's silent final vowel dropped
  (विक्रम is Vikram, not Vikrama) and ś/ṣ written "sh" (शर्मा is Sharma).
- **Cyrillic, Greek, Armenian, Georgian** go through rigour's transliteration
  (modern Greek: Σάββας is Savvas, not Sabbas; Χρήστος is Christos).
- Everything else through Unidecode, as before. **Chinese characters** are read a
  syllable a word in pinyin, so that they meet Latin spellings; many characters
  read alike (市 and 石 are both shi, 张 and 章 both zhang), so where both names
  are written in them the characters themselves must agree (`han_characters`),
  traditional and simplified forms folded together (陳 is 陈).

Pure functions, cached: names repeat.
"""

import itertools
import re
import unicodedata
from functools import cache, lru_cache

import icu
from rigour.text.translit import maybe_ascii, should_ascii
from unidecode import unidecode

from .name_variants import name_symbols

_CACHE = 100_000

# -- which script a run of letters is in -------------------------------------


def is_arabic_letter(char: str) -> bool:
    return "\u0620" <= char <= "\u064a" or "\u0671" <= char <= "\u06d3"


def is_hangul_syllable(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3"


def is_devanagari(char: str) -> bool:
    return "\u0900" <= char <= "\u097f"


def is_kept_script(word: str) -> bool:
    """A word kept in its own letters (Arabic or a Hangul syllable), not transliterated."""
    return bool(word) and not word.isascii() and (is_arabic_letter(word[0]) or is_hangul_syllable(word[0]))


@lru_cache(maxsize=_CACHE)
def transliterate(run: str) -> str:
    """A run of letters of one word, as the words the matcher compares (space-separated)."""
    if any(is_arabic_letter(c) for c in run):
        return arabic_words(run)
    if any(is_hangul_syllable(c) for c in run):
        return " ".join(_hangul_or_latin(c) for c in run)
    if any(is_devanagari(c) for c in run):
        return _devanagari(run)
    if should_ascii(run):
        return maybe_ascii(run)
    return unidecode(run)


def _hangul_or_latin(char: str) -> str:
    return char if is_hangul_syllable(char) else unidecode(char)


# -- Arabic ---------------------------------------------------------------------

# Letters written more than one way for one sound: the hamza seats of alef, alef
# maqsura for final ya, the Persian and Urdu forms of kaf and ya.
_ARABIC_FOLDS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "ە": "ه"}
)
_ARTICLE = "ال"
_ALLAH = "الله"


def arabic_words(run: str) -> str:
    """Arabic letters kept, folded to one spelling; the article split off ("ال رحمن"),
    and a name joined with a following الله left to `join_allah`."""
    word = "".join(c for c in run if is_arabic_letter(c)).translate(_ARABIC_FOLDS)
    word = word.replace("\u0640", "")  # tatweel, a stretch of the line
    if word == _ALLAH:
        return word
    if word.startswith(_ARTICLE) and len(word) >= 4 and _article_is_separate(word):
        return f"{_ARTICLE} {word[2:]}"
    if word.startswith("عبدال") and len(word) >= 7:
        return f"عبد {_ARTICLE} {word[5:]}"  # عبدالرحمن, as Abdulrahman is abd rahman
    return word


def _article_is_separate(word: str) -> bool:
    """Not a short name that only starts like the article (الياس, Elias; الهام, Elham):
    rigour knows the whole word as a name and not what would be left."""
    rest = word[2:]
    return len(rest) > 3 or not (name_symbols(word) and not name_symbols(rest))


def join_allah(words: list[str]) -> list[str]:
    """A word before الله is one name with it (نصر الله is Nasrallah, عبد الله Abdullah)."""
    out: list[str] = []
    for word in words:
        if word == _ALLAH and out and is_kept_script(out[-1]):
            out[-1] += _ALLAH
        else:
            out.append(word)
    return out


# How each Arabic letter is written in Latin letters (lists, passports, the press).
_ARABIC_SPELLINGS: dict[str, tuple[str, ...]] = {
    "ا": ("a", "aa", "e", "i", "o", "u", ""),
    "ء": ("", "a", "e", "i", "u"),
    "ئ": ("", "a", "e", "i", "y"),
    "ؤ": ("", "u", "o", "w"),
    "ب": ("b", "p"),
    "ت": ("t",),
    "ث": ("th", "s", "t"),
    "ج": ("j", "g", "dj", "dsch", "zh"),
    "ح": ("h",),
    "خ": ("kh", "k", "h", "x", "ch"),
    "د": ("d",),
    "ذ": ("dh", "z", "d", "th"),
    "ر": ("r",),
    "ز": ("z", "s"),
    "س": ("s",),
    "ش": ("sh", "ch", "sch", "s"),
    "ص": ("s",),
    "ض": ("d", "dh", "z"),
    "ط": ("t",),
    "ظ": ("z", "dh", "d"),
    "ع": ("", "a", "e", "i", "o", "u"),
    "غ": ("gh", "g"),
    "ف": ("f", "ph"),
    "ق": ("q", "k", "g"),
    "ك": ("k", "c", "q"),
    "ل": ("l",),
    "م": ("m",),
    "ن": ("n",),
    "ه": ("h", ""),
    "و": ("w", "u", "o", "ou", "oo", "v", "aw", "ow", "au"),
    "ي": ("y", "i", "ee", "ie", "iy", "ey", "ei", "ay", "ai", "e"),
    "ة": ("a", "ah", "eh", "at", "et", "e", "h", ""),
    "پ": ("p",),
    "چ": ("ch",),
    "ژ": ("zh", "j"),
    "گ": ("g",),
}
_SHORT_VOWEL = "[aeiou]?"
# A consonant may be written doubled (the shadda is not written).
_DOUBLES = frozenset("bdfghjklmnqrstvwyz")


@lru_cache(maxsize=_CACHE)
def _arabic_pattern(word: str) -> re.Pattern[str] | None:
    parts = []
    for char in word:
        spellings = _ARABIC_SPELLINGS.get(char)
        if spellings is None:
            return None
        options = sorted({s + s[-1] if s and s[-1] in _DOUBLES else s for s in spellings} | set(spellings))
        parts.append("(?:" + "|".join(re.escape(o) for o in options) + ")")
    # A short vowel between letters; none after the last, where Arabic writes a name's
    # final vowel with a letter (علي Ali, حمزة Hamza), so عباس is not Abbasi.
    return re.compile(_SHORT_VOWEL.join(parts))


def reads_as_arabic(arabic: str, latin: str) -> bool:
    """The Latin word is a way of writing the Arabic one (see the module docstring)."""
    pattern = _arabic_pattern(arabic)
    return pattern is not None and pattern.fullmatch(latin) is not None


# Each letter as a consonant of `normalise.skeleton`, so an Arabic word and its Latin
# spellings meet on one retrieval key: ي and و as vowels (dropped) or consonants.
_ARABIC_CONSONANTS = str.maketrans(
    {
        "ا": "a",
        "ء": "a",
        "ئ": "",
        "ؤ": "",
        "ع": "a",
        "ة": "",
        "ث": "th",
        "ذ": "dh",
        "ض": "d",
        "ظ": "z",
        "ص": "s",
        "ط": "t",
        "ح": "h",
        "خ": "kh",
        "غ": "gh",
        "ق": "q",
        "ش": "sh",
        "ج": "j",
        "پ": "p",
        "چ": "ch",
        "ژ": "zh",
        "گ": "g",
        **dict(zip("بتدرزسفكلمنهوي", "btdrzsfklmnhwy", strict=True)),
    }
)


def arabic_consonants(word: str) -> tuple[str, ...]:
    """The word's letters in Latin consonants, with و read as w and as a vowel, and
    with a vowel between letters or none (so d+h stays two letters, as in Adham)."""
    letters = [c.translate(_ARABIC_CONSONANTS) for c in word]
    forms = []
    for joined in ("".join(letters), "a".join(letters)):
        forms += [joined, joined.replace("w", "u")]
    return tuple(dict.fromkeys(forms))


# -- Hangul ---------------------------------------------------------------------

# Revised Romanisation, McCune-Reischauer (without its marks) and the usual
# spellings of names, per letter of the syllable.
_INITIALS: tuple[tuple[str, ...], ...] = (
    ("g", "k"),  # ㄱ
    ("kk", "gg", "k"),  # ㄲ
    ("n",),  # ㄴ
    ("d", "t"),  # ㄷ
    ("tt", "dd", "t"),  # ㄸ
    ("r", "l"),  # ㄹ
    ("m",),  # ㅁ
    ("b", "p"),  # ㅂ
    ("pp", "bb", "p"),  # ㅃ
    ("s", "sh"),  # ㅅ
    ("ss", "s"),  # ㅆ
    ("",),  # ㅇ
    ("j", "ch"),  # ㅈ
    ("jj", "tch", "j"),  # ㅉ
    ("ch",),  # ㅊ
    ("k",),  # ㅋ
    ("t",),  # ㅌ
    ("p",),  # ㅍ
    ("h",),  # ㅎ
)
_MEDIALS: tuple[tuple[str, ...], ...] = (
    ("a", "ah", "ar"),  # ㅏ (Park, Ahn: the usual spellings of names)
    ("ae", "e", "ay"),  # ㅐ
    ("ya",),  # ㅑ
    ("yae", "ye"),  # ㅒ
    ("eo", "o", "u", "uh"),  # ㅓ
    ("e",),  # ㅔ
    ("yeo", "yo", "yu"),  # ㅕ
    ("ye",),  # ㅖ
    ("o", "oh"),  # ㅗ
    ("wa",),  # ㅘ
    ("wae",),  # ㅙ
    ("oe", "oi", "we"),  # ㅚ
    ("yo",),  # ㅛ
    ("u", "oo"),  # ㅜ
    ("wo", "weo"),  # ㅝ
    ("we",),  # ㅞ
    ("wi",),  # ㅟ
    ("yu", "yoo", "you"),  # ㅠ
    ("eu", "u"),  # ㅡ
    ("ui", "eui", "i"),  # ㅢ
    ("i", "ee", "y", "yi"),  # ㅣ
)
_FINALS: tuple[tuple[str, ...], ...] = (
    ("",),
    ("k", "g"),  # ㄱ
    ("k",),  # ㄲ
    ("k",),  # ㄳ
    ("n",),  # ㄴ
    ("n",),  # ㄵ
    ("n",),  # ㄶ
    ("t", "d"),  # ㄷ
    ("l", "r"),  # ㄹ
    ("k", "l"),  # ㄺ
    ("m",),  # ㄻ
    ("l", "p"),  # ㄼ
    ("l",),  # ㄽ
    ("l",),  # ㄾ
    ("p",),  # ㄿ
    ("l",),  # ㅀ
    ("m",),  # ㅁ
    ("p", "b"),  # ㅂ
    ("p",),  # ㅄ
    ("t", "s"),  # ㅅ
    ("t", "ss"),  # ㅆ
    ("ng",),  # ㅇ
    ("t", "j"),  # ㅈ
    ("t",),  # ㅊ
    ("k",),  # ㅋ
    ("t",),  # ㅌ
    ("p",),  # ㅍ
    ("t", "h"),  # ㅎ
)
_SILENT_INITIAL = 11  # ㅇ
# Medials starting with i or y: a syllable with no initial before them was once
# written with ㄹ (the initial-sound rule), and names keep it: 이 Lee, Rhee; 임 Lim.
_Y_MEDIALS = frozenset({2, 3, 6, 7, 12, 17, 20})
_U_MEDIAL = 13  # ㅜ


@lru_cache(maxsize=_CACHE)
def hangul_spellings(syllable: str) -> frozenset[str]:
    """The Latin spellings of one Hangul syllable."""
    code = ord(syllable) - 0xAC00
    initial, medial, final = code // 588, (code % 588) // 28, code % 28
    firsts = _INITIALS[initial]
    if initial == _SILENT_INITIAL and medial in _Y_MEDIALS:
        firsts = ("", "l", "r", "rh")
    elif initial == _SILENT_INITIAL and medial == _U_MEDIAL:
        firsts = ("", "w")  # 우 woo, 욱 wook, 운 woon: how names write u with no initial
    return frozenset("".join(parts) for parts in itertools.product(firsts, _MEDIALS[medial], _FINALS[final]))


# -- Devanagari -----------------------------------------------------------------

_VIRAMA = "\u094d"
_DEVANAGARI_SOUNDS = str.maketrans({"ś": "sh", "ṣ": "sh", "Ś": "sh", "Ṣ": "sh", "ṅ": "ng"})
# The nasal dot before ह is the velar nasal in names: सिंह is Singh.
_ANUSVARA_BEFORE_HA = ("\u0902\u0939", "\u0919\u094d\u0939")


@cache
def _devanagari_latin() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Devanagari-Latin")


def _devanagari(run: str) -> str:
    latin = _devanagari_latin().transliterate(run.replace(*_ANUSVARA_BEFORE_HA))
    latin = latin.translate(_DEVANAGARI_SOUNDS).replace("ngg", "ng").replace("ngk", "nk")
    latin = unicodedata.normalize("NFKD", latin.replace("r̥", "ri"))
    latin = "".join(c for c in latin if not unicodedata.combining(c))
    # Hindi does not say the vowel a final consonant carries: विक्रम is Vikram.
    if _ends_in_bare_consonant(run) and latin.endswith("a") and len(latin) > 2:
        latin = latin[:-1]
    return unidecode(latin)


def _ends_in_bare_consonant(run: str) -> bool:
    last = run[-1]
    return "\u0915" <= last <= "\u0939" or "\u0958" <= last <= "\u095f"


# -- comparing a word kept in its script with a Latin word ---------------------


def letter_count(word: str) -> int:
    """How many Latin letters a word is written with, about: an Arabic word also has
    the short vowel it does not write, a Hangul syllable its Revised Romanisation."""
    if word.isascii() or not is_kept_script(word):  # (ASCII first: the gates ask every word)
        return len(word)
    if is_hangul_syllable(word[0]):
        return sum(len(_revised(c)) for c in word)
    return len(word) + 1


def _revised(syllable: str) -> str:
    return unidecode(syllable) if is_hangul_syllable(syllable) else syllable


def reads_as(kept: str, latin: str) -> bool:
    """The Latin word is one way of writing the kept word."""
    if is_hangul_syllable(kept[0]):
        return len(kept) == 1 and latin in hangul_spellings(kept)
    return reads_as_arabic(kept, latin)


def reads_as_syllables(latin: str, first: str, second: str) -> bool:
    """A Latin word is two Hangul syllables written as one word, as Korean given names
    are (Jongun, Jong-un and Jong Un for 정은): it cuts into a spelling of each."""
    if not (is_hangul_syllable(first) and is_hangul_syllable(second) and latin.isascii()):
        return False
    return any(
        latin[:cut] in hangul_spellings(first) and latin[cut:] in hangul_spellings(second)
        for cut in range(1, len(latin))
    )


@lru_cache(maxsize=_CACHE)
def syllables_joined(first: str, second: str) -> frozenset[str]:
    """Two Hangul syllables' spellings written as one Latin word (정은: jongun, jeongeun...)."""
    return frozenset(a + b for a in hangul_spellings(first) for b in hangul_spellings(second))


def hangul_keys(word: str) -> set[str]:
    """Retrieval keys a Hangul syllable shares with its Latin spellings (as words)."""
    if len(word) == 1 and is_hangul_syllable(word):
        return {"w:" + s for s in hangul_spellings(word) if s}
    return set()


# -- Chinese characters ---------------------------------------------------------


def _is_han(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0x3400 <= code <= 0x4DBF  # extension A
        or 0x20000 <= code <= 0x3134F  # extensions B-G
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
    )


@cache
def _traditional_simplified() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Traditional-Simplified")


@lru_cache(maxsize=_CACHE)
def han_characters(name: str, words: int) -> tuple[str, ...] | None:
    """The Chinese characters a name is written in, one a word, traditional forms
    read as simplified (陳 as 陈): or None unless every letter of the name is one and
    there are as many as the name has words (each reads as one pinyin syllable)."""
    if name.isascii():
        return None  # the common case
    letters = [c for c in unicodedata.normalize("NFKC", name) if c.isalpha()]
    if len(letters) != words or not all(_is_han(c) for c in letters):
        return None
    return tuple(_traditional_simplified().transliterate("".join(letters)))
