"""Name normalisation: the one place that decides which strings are 'the same'.

Names are read by how they look before they are read by how they sound. Each
layer is pure and total (never raises, whatever the Unicode):

- `visible(text)`: NFKC, text written under a right-to-left override put back
  in the order it is shown, and invisible or format characters (zero-width
  spaces and joiners, soft hyphens, bidi controls, tag characters) dropped, so
  "Ha<ZWSP>mas" is "Hamas".
- `normalise(text)`: `visible`, then in a word that mixes scripts the way
  spoofing does (Latin with Cyrillic "а"), every letter that looks like a Latin
  one is read as that letter (the Unicode TR39 confusables table), then
  transliteration to ASCII (Arabic, Cyrillic, Greek and every other script
  Unidecode knows), case folding, apostrophes joined (Qa'ida -> qaida), every
  other punctuation mark a word break (Hizb-ut-Tahrir -> hizb ut tahrir).
  Idempotent.
- `readings(text)`: the readings to screen. A word written wholly in look-alike
  letters of another script (Cyrillic "НАМАЅ", Lisu "ꓧꓮꓟꓮꓢ") is either a real
  word of that script or a disguise, so it is screened both as it sounds and
  as it looks.
- `name_signals(text)`: why a name needs a person whatever it matches: it
  reads as nothing, or it mixes scripts inside a word.
- `name_tokens(text, kind)`: the words the scorer compares. Honorifics and
  titles of people are dropped, Arabic particles are folded to one spelling
  (el-/ul-/ad-/ash- -> al, ibn/ben -> bin, abdul/abdel -> abd),
  "abdulrahman" is split like "abdul rahman", and numbers are read as their
  digits (Forty-Four and 44th are 44, III is 3: screening.numbers).
- `skeleton(token)`: a crude consonant key for spelling families
  (Mohammed/Muhammad/Mohamed -> mhmd, Osama/Usama -> asm, Yusuf/Yousef -> ysf).
"""

import itertools
import re
import unicodedata
from functools import cache, lru_cache

from confusable_homoglyphs.categories import alias as script_of
from confusable_homoglyphs.confusables import confusables_data
from rigour.text.translit import maybe_ascii, should_ascii
from unidecode import unidecode

from .name_variants import is_known_name
from .numbers import read_numbers
from .scripts import is_kept_script, join_allah, transliterate

# Apostrophes and similar marks join a word rather than split it: Qa'ida -> qaida.
_JOINING = re.compile(r"['’‘`´ʼʻʹ′ʾʿ]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")

# Forms of the Arabic article, written before a word (al-Qaida, el-Din, ut-Tahrir).
# Not "il": in names written in Latin letters it is far more often Korean (Kim Il
# Sung) or Italian than the article; it pairs with "al" instead (PARTICLE_LOOK_ALIKES).
ARTICLES = frozenset({"ال", "al", "el", "ul", "ad", "ud", "ar", "ur", "ash", "ush", "az", "uz", "ut"})
# Other particles, folded to one spelling each.
PARTICLE_SPELLINGS = {
    # and as Arabic script writes them (screening.scripts keeps Arabic letters)
    "ال": "al",
    "بن": "bin",
    "ابن": "bin",
    "بنت": "bint",
    "ابو": "abu",
    "عبد": "abd",
    "ibn": "bin",
    "ben": "bin",
    "bin": "bin",
    "bint": "bint",
    "abu": "abu",
    "abou": "abu",
    "abo": "abu",
    "abd": "abd",
    "abdul": "abd",
    "abdel": "abd",
    "abdal": "abd",
    "abdol": "abd",
    "abdur": "abd",
    "abdus": "abd",
    "abdil": "abd",
    "abdoul": "abd",  # French spelling (Abdoul Aziz, West Africa)
}
PARTICLES = frozenset({"al", *PARTICLE_SPELLINGS.values()})
# Words that are particles in one name and names in another: Ben Smith, Ash Patel,
# Kim Il Sung. At the start of a person's name "ben" and "ash" stay as written (a
# given name), "il" always does; each still pairs with the particle it may be
# (`particle_pair`), and then weighs what a particle weighs (screening.scoring).
PARTICLE_LOOK_ALIKES = {"ben": "bin", "ash": "al", "il": "al"}
_GIVEN_NAMES_FIRST = frozenset({"ben", "ash"})
# Particle spellings long enough that two letters swapped are a typo, not a name.
_TYPO_PRONE_PARTICLES = {w: f for w, f in PARTICLE_SPELLINGS.items() if len(w) >= 4 and w.isascii()}
# Joined particles split off when what follows is a name of its own: abdulrahman.
# Every Latin spelling of abd long enough to be one (Abdalrahman, Abdolkarim,
# Abdoulaziz split as Abdulrahman does: left joined, nothing paired them); longest
# first, so Abdoul is not read as Abdou + l.
_JOINED_PREFIXES = tuple(
    sorted(
        (w for w, f in PARTICLE_SPELLINGS.items() if f == "abd" and len(w) >= 5 and w.isascii()),
        key=len,
        reverse=True,
    )
)

# Titles and honorifics of people: never evidence of identity.
HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "doctor",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "revd",
        "reverend",
        "fr",
        "father",
        "pastor",
        "rabbi",
        "imam",
        "sheikh",
        "shaikh",
        "shaykh",
        "sheik",
        "mufti",
        "maulana",
        "mawlana",
        "moulana",
        "maulvi",
        "hafiz",
        "haji",
        "hajji",
        "alhaji",
        "ustadh",
        "ustaz",
        "cllr",
        "councillor",
        "mp",
        "mbe",
        "obe",
        "cbe",
        "kc",
        "qc",
        "phd",
        "jr",
        "jnr",
        "sr",
        "snr",
        "hon",
        "rt",
        "chief",
        "elder",
        "bishop",
        "canon",
        # the same titles in the other languages names arrive in: left in, a title
        # weighed as a rare word and "Monsieur Ilie Vexmoor" missed a listed "Ilie
        # Vexmoor" that "Mr Ilie Vexmoor" met (not Don, Pan, Bey, Sri or Sheikha,
        # which are also names)
        "monsieur",
        "madame",
        "madam",
        "mme",
        "mademoiselle",
        "mlle",
        "herr",
        "frau",
        "fraulein",
        "senor",
        "senora",
        "senorita",
        "sra",
        "srta",
        "signor",
        "signora",
        "signorina",
        "senhor",
        "senhora",
        "mevrouw",
        "mevr",
        "dhr",
        "gospodin",
        "gospozha",
        "shrimati",
        "smt",
        "alhaja",
    }
)


def normalise(text: str) -> str:
    """Fold case, accents, scripts and punctuation to space-separated ASCII words."""
    text = str(text)
    if text.isascii():
        return _ascii_words(text)  # the common case, and nothing below can change it
    return _normalise_unicode(text)


def _ascii_words(text: str) -> str:
    text = _JOINING.sub("", text.casefold())
    if _SYMBOL_SHAPES_USED.search(text):
        text = _SYMBOL_AS_LETTER.sub(lambda m: _SYMBOL_SHAPES[m.group()], text)
    return " ".join(_NON_ALNUM.sub(" ", text).split())


# Symbols written for the letters they look like inside a word (H@mas, Isma!l, Mu$tafa,
# @hmed): no name has them among its letters, so the word is a disguise, read as the
# letters; dropped as punctuation they split the name or cost its first letter. Only
# between letters, or @ and $ opening a word of letters (not "Yahoo!", "$5", "a @ b").
_SYMBOL_SHAPES = {"@": "a", "$": "s", "!": "i"}
_SYMBOL_SHAPES_USED = re.compile(r"[@$!]")
_SYMBOL_AS_LETTER = re.compile(r"(?<=[a-z])[@$!](?=[a-z])|(?<![a-z0-9])[@$](?=[a-z]{2})")


# Runs of Arabic letters (and their vowel marks), Hangul syllables, Devanagari:
# scripts that `screening.scripts` reads its own way.
_SCRIPT_RUN = re.compile(r"[\u0620-\u065f\u0670-\u06d3]+|[\uac00-\ud7a3]+|[\u0900-\u0963\u0966-\u097f]+")


@lru_cache(maxsize=20_000)
def _normalise_unicode(text: str) -> str:
    # symbols first: NFKC (in `visible`) turns some look-alikes into letters that look
    # like none (Ϲ, lunate sigma, into Σ)
    text = visible(_CHUNK.sub(_fold_if_symbols_for_letters, text))
    text = _LETTER_RUN.sub(_fold_if_mixed, text)
    words: list[str] = []
    done = 0
    for run in _SCRIPT_RUN.finditer(text):
        words += _latin_words(text[done : run.start()])
        for word in transliterate(run.group()).split():
            words += [word] if is_kept_script(word) else _ascii_words(word).split()
        done = run.end()
    words += _latin_words(text[done:])
    return " ".join(w for w in join_allah(words) if w.isascii() or is_kept_script(w))


def _latin_words(text: str) -> list[str]:
    """Latin, and the scripts rigour transliterates (Cyrillic, Greek, Armenian, Georgian,
    in their modern spellings); every other script through Unidecode."""
    if text.isascii():
        return _ascii_words(text).split()
    return [w for chunk in text.split() for w in _ascii_words(_to_ascii(chunk)).split()]


# Armenian letters rigour reads other than names are spelt: "ev" is one letter, և,
# which NFKC splits into ե and ւ and rigour reads "ew" (ISO 9985), though names are
# spelt with "ev" (Yerevan, Gevorg) and ICU writes "ev" as և; and "u", ու, is read
# "ow" after a capital (Ուրարտու, Urartu) though "u" in lower case.
_ARMENIAN_SPELLINGS = {
    "\u0535\u0582": "\u0535\u057e",
    "\u0565\u0582": "\u0565\u057e",
    "\u0548\u0582": "\u0578\u0582",
}
_ARMENIAN_SPELT = re.compile("|".join(_ARMENIAN_SPELLINGS))


def _to_ascii(chunk: str) -> str:
    if should_ascii(chunk):
        chunk = maybe_ascii(_ARMENIAN_SPELT.sub(lambda m: _ARMENIAN_SPELLINGS[m.group()], chunk))
    return chunk if chunk.isascii() else unidecode(chunk)


@lru_cache(maxsize=20_000)
def readings(text: str) -> tuple[str, ...]:
    """The name as it sounds and, when that differs, as it looks: both are screened."""
    text = str(text)
    primary = normalise(text)
    if text.isascii():
        return (primary,)
    looks = _ascii_words(unidecode(_fold_all(visible(text))))
    return (primary, looks) if looks and looks != primary else (primary,)


# -- what a name looks like -------------------------------------------------

# Letters of no script (Hangul fillers, the braille blank) that show as nothing.
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f")
_RLO, _PDF = "\u202e", "\u202c"
_BIDI_PUSH = frozenset("\u202a\u202b\u202d\u202e")
_LETTER_RUN = re.compile(r"[^\W_]+")
# Scripts that are written mixed in ordinary words (Japanese, Korean, Chinese with Latin).
_ORDINARY_MIXES = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
)
_NO_SCRIPT = frozenset({"COMMON", "INHERITED", "Unknown"})


def visible(text: str) -> str:
    """The characters a reader sees, in the order they see them."""
    text = str(text)
    if text.isascii():
        return text  # NFKC leaves ASCII alone, and it has no invisible characters
    text = unicodedata.normalize("NFKC", text)
    if _RLO in text:
        text = _undo_overrides(text)
    return "".join(c for c in text if not _is_invisible(c))


def _is_invisible(char: str) -> bool:
    if char.isascii():
        return False
    category = unicodedata.category(char)
    # Cf: zero-width space/joiners, soft hyphen, bidi controls, BOM, tags. Variation
    # selectors are marks that change no letter.
    return category == "Cf" or char in _INVISIBLE_LETTERS or _is_variation_selector(char)


def _is_variation_selector(char: str) -> bool:
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x180B <= code <= 0x180F


def _undo_overrides(text: str) -> str:
    """Text after a right-to-left override is shown reversed until its pop (or the
    end of the line): "\u202esamah" shows as "hamas", so it is read that way."""
    out: list[str] = []
    i = 0
    while i < len(text):
        start = text.find(_RLO, i)
        if start < 0:
            out.append(text[i:])
            break
        out.append(text[i:start])
        end = _override_end(text, start + 1)
        out.append(text[start + 1 : end][::-1])
        i = end
    return "".join(out)


def _override_end(text: str, i: int) -> int:
    depth = 1
    while i < len(text):
        char = text[i]
        if char in _BIDI_PUSH:
            depth += 1
        elif char == _PDF:
            depth -= 1
            if not depth:
                return i
        elif char in "\n\r\u2029":
            return i
        i += 1
    return i


@cache
def _look_alikes() -> dict[str, tuple[str, ...]]:
    """Each non-ASCII character that looks like ASCII letters or digits, mapped to them,
    its own case first (TR39 confusables, as packaged by confusable_homoglyphs)."""
    table = {}
    for char, homoglyphs in confusables_data.items():
        if len(char) != 1 or char.isascii():
            continue
        ascii_like = [
            h["c"] for h in homoglyphs if len(h["c"]) == 1 and h["c"].isascii() and h["c"].isalnum()
        ]
        if ascii_like:
            table[char] = tuple(
                sorted(ascii_like, key=lambda c: (c.isupper() != char.isupper(), c.isdigit()))
            )
    return table


@lru_cache(maxsize=4096)
def _script(char: str) -> str:
    return script_of(char)


def _scripts(word: str) -> frozenset[str]:
    return frozenset(_script(c) for c in word if not c.isascii() or c.isalpha()) - _NO_SCRIPT


def is_mixed_script(word: str) -> bool:
    """A word in more than one script, other than the mixes ordinary writing uses."""
    scripts = _scripts(word)
    return len(scripts) > 1 and not any(scripts <= mix for mix in _ORDINARY_MIXES)


def is_latin(word: str) -> bool:
    """Written in Latin letters only (ASCII or accented), digits and marks aside."""
    return word.isascii() or _scripts(word) <= {"LATIN"}


_CHUNK = re.compile(r"\S+")


def _fold_if_symbols_for_letters(chunk: re.Match) -> str:
    """A word written with symbols that look like letters (Greek musical notation's
    𝈖 for R, 𝈍 for V: "Τ𝈖Ε𝈍Ο𝈖" for Trevor) is a disguise, read as the letters: the
    symbols are no letters, so they split the word into runs of one script each, no
    run was mixed, and the Greek letters were read as Greek (Teo)."""
    word = chunk.group()
    if word.isascii() or not any(_is_letter_like_symbol(c) for c in word):
        return word
    return _fold_all(word)


@lru_cache(maxsize=4096)
def _is_letter_like_symbol(char: str) -> bool:
    return unicodedata.category(char).startswith("S") and char in _look_alikes()


def _fold_if_mixed(run: re.Match) -> str:
    word = run.group()
    return _fold_all(word) if not word.isascii() and is_mixed_script(word) else word


def _fold_all(text: str) -> str:
    """Look-alikes read as ASCII. Where one looks like two letters (Ukrainian "І" is
    both I and l), the one of the case of the letter before it wins: "аІ" is "al"."""
    table = _look_alikes()
    out: list[str] = []
    for char in text:
        options = table.get(char)
        if options is None:
            out.append(char)
            continue
        before = out[-1] if out else ""
        fitting = [o for o in options if before.isalpha() and o.isalpha() and o.islower() == before.islower()]
        out.append((fitting or options)[0])
    return "".join(out)


def name_signals(text: str) -> list[str]:
    """Why a name must be looked at by a person whatever it matches (empty: none)."""
    text = str(text)
    if not text.strip() or text.isascii() and normalise(text):
        return []
    shown = visible(text)
    signals = []
    if not any(readings(text)):
        signals.append("reads_as_nothing")
    if any(is_mixed_script(word) for word in _LETTER_RUN.findall(shown)):
        signals.append("mixed_scripts")
    return signals


def tokens(text: str) -> list[str]:
    return normalise(text).split()


def name_tokens(text: str, kind: str = "person") -> list[str]:
    """The comparable words of a name: particles folded, people's titles dropped."""
    return words_of(normalise(text), kind)


def words_of(normalised: str, kind: str = "person") -> list[str]:
    """`name_tokens` of text already through `normalise`."""
    words = _split_joined(normalised.split())
    first = next((i for i, w in enumerate(words) if w not in HONORIFICS), None) if kind == "person" else None
    last = len(words) - 1
    folded = [
        word if i == first and word in _GIVEN_NAMES_FIRST else _fold_particle(word, followed=i < last)
        for i, word in enumerate(words)
    ]
    if kind == "person":
        kept = [w for w in folded if w not in HONORIFICS]
        folded = kept or folded  # a name that is only a title stays as written
        if _DIGIT.search(normalised):
            folded = [digits_as_letters(w) for w in folded]
    read = read_numbers(folded, kind)  # First Brigade and 1st Brigade, Column Forty Four and 44
    return _regnal_title_dropped(read) if kind == "person" else read


# Titles of a regnal name (Pope Benedict XVI, King Abdullah II, Queen Elizabeth the
# Second): dropped where the name carries its regnal number, as other titles are.
# Without one they stay: Pope, King and Prince are also surnames (Alexander Pope,
# Stephen King), and the name may be nothing else.
REGNAL_TITLES = frozenset(
    {"pope", "king", "queen", "prince", "princess", "sultan", "emperor", "empress", "tsar", "czar", "caliph"}
)


def regnal_title_dropped(text: str, kind: str) -> bool:
    """The name opens with a regnal title that is left out (for the explanation's notes)."""
    if kind != "person":
        return False
    words = normalise(text).split()
    return bool(words) and words[0] in REGNAL_TITLES and name_tokens(text, kind)[:1] != words[:1]


def _regnal_title_dropped(words: list[str]) -> list[str]:
    if len(words) < 3 or words[0] not in REGNAL_TITLES or not any(w.isdigit() for w in words[2:]):
        return words
    return words[1:]


# Digits written for the letters they look like in a person's name (Ig0r Sech1n, I9or,
# Kha1id): no one's name has digits among its letters, so the word is a disguise or a
# typo, and it is read as the letters. Only in people's names (Islam4UK, Combat 18 and
# NS131 are organisations' own spellings), only in a word with two letters or more
# (not an ordinal such as 2nd or 21st, nor a number alone), and only the digits whose
# shape is one letter: 0 o, 1 i or l, 3 e, 4 a, 5 s, 7 t, 8 b, 9 g (2 and 6 are
# several). A 1 between vowels, or beside another 1, is l (A1i, Bi1al, Abdu11ah);
# elsewhere it is i (Sech1n, M1chael).
_DIGIT = re.compile(r"\d")
_DIGIT_SHAPES = {"0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g"}
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_VOWEL_LETTERS = frozenset("aeiouy")


@lru_cache(maxsize=20_000)
def digits_as_letters(word: str) -> str:
    """The word with its digits read as the letters they look like, or as it is."""
    if word.isalpha() or sum(c.isalpha() for c in word) < 2 or _ORDINAL.fullmatch(word):
        return word
    if any(c.isdigit() and c != "1" and c not in _DIGIT_SHAPES for c in word):
        return word  # a 2 or a 6: no one letter
    letters = [_DIGIT_SHAPES.get(c, c) for c in word]
    for i, c in enumerate(word):
        if c == "1":
            before = letters[i - 1] if i else ""
            after = word[i + 1 : i + 2]
            ell = (before in _VOWEL_LETTERS or before == "l") and (after in _VOWEL_LETTERS or after == "1")
            letters[i] = "l" if ell or (before == "l" and word[i - 1] == "1") else "i"
    return "".join(letters)


# Letters whose sound English writes with two (Turkish and Kurdish ş and ç, Romanian ș,
# Czech, Slovak, Croatian, Slovene, Latvian and Lithuanian š, č, ž): transliterated they
# lose the mark (Şivan is Sivan, as UK forms write it), but English sources write the
# sound (Shivan, Chelik, Zhukauskas), so a name with one is also read that way.
_DIGRAPHS = str.maketrans(
    {"ş": "sh", "ș": "sh", "š": "sh", "ç": "ch", "č": "ch", "ž": "zh"}
    | {"Ş": "Sh", "Ș": "Sh", "Š": "Sh", "Ç": "Ch", "Č": "Ch", "Ž": "Zh"}
)
_DIGRAPH_LETTER = re.compile("[şșšçčžŞȘŠÇČŽ]")


# A name of several such words is read with each of them either way (a list may write
# Ayşe Şimşek as Ayse Shimshek): at most this many readings besides the plain one.
MAX_DIGRAPH_READINGS = 7


@lru_cache(maxsize=20_000)
def digraph_readings(text: str) -> tuple[str, ...]:
    """The name with ş, ș, š, ç, č, ž written sh, ch, zh, word by word in every
    combination (the plain reading aside); empty if it has none of them."""
    if text.isascii():
        return ()
    composed = unicodedata.normalize("NFC", text)
    if not _DIGRAPH_LETTER.search(composed):
        return ()
    ways = [
        (word, word.translate(_DIGRAPHS)) if _DIGRAPH_LETTER.search(word) else (word,)
        for word in composed.split(" ")
    ]
    readings = (" ".join(words) for words in itertools.product(*ways))
    next(readings)  # every word as it is: the plain reading
    return tuple(itertools.islice(readings, MAX_DIGRAPH_READINGS))


def symbols_read_as_letters(text: str) -> bool:
    """The name writes @, $ or ! for letters inside a word (for the explanation's notes)."""
    text = _JOINING.sub("", str(text).casefold())
    return bool(_SYMBOL_SHAPES_USED.search(text)) and bool(_SYMBOL_AS_LETTER.search(text))


def digits_read_as_letters(text: str, kind: str) -> bool:
    """A person's name writes digits for letters (for the explanation's notes)."""
    if kind != "person" or not _DIGIT.search(text):
        return False
    return any(digits_as_letters(w) != w for w in normalise(text).split())


def reads_numbers(text: str, kind: str) -> bool:
    """The name writes a number in words, as an ordinal or in Roman numerals."""
    words = normalise(text).split()
    return read_numbers(words, kind) != words


def _split_joined(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        prefix = None
        # one C call for the common word, which begins with none of them: every listed
        # name is read here at each build (then the longest it begins with)
        if word.startswith(_JOINED_PREFIXES):
            prefix = next(p for p in _JOINED_PREFIXES if word.startswith(p))
        if prefix and len(word) - len(prefix) >= 4:
            out.extend((prefix, word[len(prefix) :]))
        else:
            out.append(word)
    return out


def _fold_particle(word: str, *, followed: bool) -> str:
    if followed and word in ARTICLES:
        return "al"
    return PARTICLE_SPELLINGS.get(word, word)


@lru_cache(maxsize=50_000)
def particle_reading(word: str) -> str | None:
    """The folded particle a word kept as written may stand for: "ben" for bin, "il"
    for al (PARTICLE_LOOK_ALIKES), or a particle mistyped with two letters swapped or
    a letter doubled (Abudl, Badur, Abdull for Abdul, Abdur), unless the typo spells
    a name rigour knows (Badal is a name, not Abdal). None for any other word."""
    if word in PARTICLE_LOOK_ALIKES:
        return PARTICLE_LOOK_ALIKES[word]
    if not 4 <= len(word) <= 7 or not word.isascii() or word in PARTICLE_SPELLINGS:
        return None
    typos = [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)]
    typos.append(_DOUBLED_LETTER.sub(r"\1", word))
    folded = next((_TYPO_PRONE_PARTICLES[t] for t in typos if t in _TYPO_PRONE_PARTICLES), None)
    return None if folded is None or is_known_name(word) else folded


_DOUBLED_LETTER = re.compile(r"([a-z])\1")


def particle_pair(a: str, b: str) -> str | None:
    """How two words are one particle, or None: "particle" (Ben against bin, il against
    al) or "particle_typo" (Abudl against abd)."""
    for word, other in ((a, b), (b, a)):
        if other in PARTICLES and particle_reading(word) == other:
            return "particle" if word in PARTICLE_LOOK_ALIKES else "particle_typo"
    return None


def look_alikes_folded(words: list[str]) -> list[str]:
    """The words with every particle look-alike read as its particle (Ben Salem as bin
    salem, Saif il Islam as saif al islam): the exact keys of a name are looked up
    this way too, as they were before look-alikes kept their letters."""
    last = len(words) - 1
    return [
        PARTICLE_LOOK_ALIKES[w] if w in PARTICLE_LOOK_ALIKES and (i < last or w == "ben") else w
        for i, w in enumerate(words)
    ]


def compact(words: list[str]) -> str:
    """The words run together: Hizbut Tahrir and Hizb-ut-Tahrir meet here."""
    return "".join(words)


_SKELETON_RULES = (
    ("ph", "f"),
    ("ch", "x"),
    ("sh", "x"),
    ("kh", "k"),
    ("gh", "g"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("z", "s"),
    ("w", "v"),
    ("dh", "d"),
    ("th", "t"),
)
_VOWELS = frozenset("aeiouy")


def skeleton(token: str) -> str:
    """Consonant key: first letter (any vowel as 'a'), then consonants, doubles merged."""
    if not token:
        return ""
    for old, new in _SKELETON_RULES:
        token = token.replace(old, new)
    head = "a" if token[0] in _VOWELS - {"y"} else token[0]
    out = [head]
    for ch in token[1:]:
        if ch in _VOWELS:
            continue
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)
