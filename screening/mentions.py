"""Listed names mentioned in free text (event title, description, promotion).

Pure functions over a `MatchIndex`: no database. The text is read the way the
names are (`screening.normalise`: invisible characters dropped, look-alike
letters read as Latin), then cut into words: possessives dropped (Hamas's),
camelCase and hashtags split (#HizbUtTahrir), digits apart from letters. A
mention is a run of consecutive words whose letters, run together, are the
letters of a listed alias (the index's exact keys), so "Hizbut Tahrir",
"hizb-ut-tahrir" and "#HizbutTahrir" all meet "Hizb ut-Tahrir". A fully joined
word (#freehizbuttahrir) is also searched inside for distinctive names.

Which aliases count, and how they must be written (the fairness rules):

- a distinctive name (a rare word that is not an English word: Hezbollah,
  Boko Haram, a listed person's full name) in any case;
- a name made only of common or English words (National Action, Islamic Path,
  Party of God) only when written as a name, with capitals: "a national action
  plan" and "the islamic path to peace" are prose;
- a person only by the whole listed name (two name words at least), in any
  case when one of its words is not an English word, else written with capitals;
- an acronym or short alias (PKK, HuM, N17) only as a whole word, written in
  capitals as listed, and never one of the everyday abbreviations it collides
  with (ETA, SSP); two-letter acronyms never;
- weak aliases (nicknames) only when they are acronyms.
"""

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from english_words import get_english_words_set

from .normalise import (
    ARTICLES,
    PARTICLE_LOOK_ALIKES,
    PARTICLE_SPELLINGS,
    is_latin,
    normalise,
    readings,
    visible,
)
from .scoring import CONTENT_WORD_WEIGHT

# A single-word name (or short name) at least this rare is distinctive: any case.
DISTINCTIVE_WEIGHT = 0.5
# Single words at least this long are names in any case; shorter ones (Hasm, Base) need a capital.
DISTINCTIVE_MIN_LENGTH = 5
# Letters run together below this length make a short name: whole words only.
SHORT_NAME_LENGTH = 6
# Acronyms shorter than this are never looked for in text (BK, LT).
ACRONYM_MIN_LENGTH = 3
# A joined word is searched inside only for distinctive names at least this long.
JOINED_MIN_LENGTH = 5
# Words shorter than this are not searched inside (ordinary words).
JOINED_WORD_MIN_LENGTH = 10
# A mention spans at most this many words.
MAX_WINDOW_WORDS = 12
# Acronyms that are also everyday abbreviations in British English: estimated time
# of arrival, statutory sick pay, the Tottenham postcode district. Their full names
# are still found.
EVERYDAY_ABBREVIATIONS = frozenset({"ETA", "SSP", "N17"})
# A plural is an English word when its singular is, if that singular is this long.
PLURAL_STEM_MIN_LENGTH = 5

_WORD = re.compile(r"([#@]?)([^\W_]+(?:['’ʼ][^\W_]+)*)")
_POSSESSIVE = re.compile(r"['’ʼ][sS]$")


@dataclass(frozen=True, slots=True)
class TextWord:
    """One word of the text: as written (for case), as read, and where it came from."""

    written: str
    read: str
    folded: str
    joined: bool  # a hashtag, a handle, or a long word: searched inside too
    possessive: bool = False  # written with 's, which some listed names keep (People's)


@dataclass(frozen=True, slots=True)
class Mention:
    position: int  # of the alias in the index
    as_written: str  # the words of the text that name it
    start: int  # the word of the text where it begins


def mentions(index, text: str) -> list[Mention]:
    """Listed names found in the text, the first mention of each entry."""
    found: dict[int, Mention] = {}
    streams, acronyms = _word_streams(text)
    for words in streams:
        for start, end, position in _hits(index, words):
            entry = index._aliases[position].entry_pk
            if entry not in found:
                written = " ".join(dict.fromkeys(w.written for w in words[start:end]))
                found[entry] = Mention(position, written, start)
    for written, at, position in _acronym_hits(index, acronyms):
        found.setdefault(index._aliases[position].entry_pk, Mention(position, written, at))
    return list(found.values())


# -- reading the text ---------------------------------------------------------


@lru_cache(maxsize=1024)
def _word_streams(text: str) -> tuple[list[list[TextWord]], list[tuple[str, int]]]:
    """The text's words as they sound and, when any word reads differently, as they
    look; and the candidates for acronyms (each written form with its word number)."""
    sound: list[TextWord] = []
    look: list[TextWord] = []
    acronyms: list[tuple[str, int]] = []
    differs = False
    for group in _groups(visible(text)):
        at = len(sound)
        pieces: list[str] = []
        for entry in group:
            word_pieces, heard, seen, looks_different = _read_word(*entry)
            pieces.extend(word_pieces)
            sound.extend(heard)
            look.extend(seen)
            differs |= looks_different
        letters = "".join(pieces)
        if letters != letters.lower():  # acronyms are written in capitals
            acronyms.append(("".join(c for c in letters if c.isalnum()), at))
            acronyms.extend((run, at) for run in _piece_runs(pieces))
    streams = [sound, look] if differs else [sound]
    return [_with_folded(stream) for stream in streams], acronyms


@lru_cache(maxsize=50_000)
def _read_word(
    marker: str, word: str, possessive: bool
) -> tuple[list[str], list[TextWord], list[TextWord], bool]:
    """A word's camelCase pieces and its words as they sound and as they look (cached:
    texts share most of their words)."""
    heard: list[TextWord] = []
    seen: list[TextWord] = []
    looks_different = False
    pieces = _pieces(marker, word)
    for piece, joined in pieces:
        ways = readings(piece)
        heard.extend(TextWord(piece, read, "", joined, possessive) for read in ways[0].split())
        seen.extend(TextWord(piece, read, "", joined, possessive) for read in ways[-1].split())
        looks_different |= len(ways) > 1
    return [piece for piece, _ in pieces], heard, seen, looks_different


def _piece_runs(pieces: list[str]) -> list[str]:
    """Runs of up to three consecutive camelCase pieces (#StopHuM -> Stop, Hu, M, HuM...)."""
    return [
        "".join(pieces[i:j]) for i in range(len(pieces)) for j in range(i + 1, min(len(pieces), i + 3) + 1)
    ]


def _groups(text: str) -> list[list[tuple[str, str, bool]]]:
    """Words (without a possessive 's), with those joined by a hyphen, dot or slash
    kept together (DHKP-C, A.N.O.)."""
    groups: list[list[tuple[str, str, bool]]] = []
    end = -1
    for found in _WORD.finditer(text):
        marker, written = found.group(1), found.group(2)
        word = _POSSESSIVE.sub("", written) if written[-2:-1] in _APOSTROPHES else written
        entry = (marker, word, word != written)
        if groups and not marker and text[end : found.start()] in _JOINERS:
            groups[-1].append(entry)
        else:
            groups.append([entry])
        end = found.end()
    return groups


_JOINERS = frozenset({"-", ".", "/", "·"})
_APOSTROPHES = frozenset("'’ʼ")


def _pieces(marker: str, word: str) -> list[tuple[str, bool]]:
    """camelCase and letters-digits split (#HizbUtTahrir -> Hizb Ut Tahrir, Islam4UK);
    a hashtag, handle or long word that does not split is searched inside too."""
    # Only Latin words are camelCase: in a disguised word the capitals may be look-alikes.
    parts = _camel_parts(word) if is_latin(word) else [word]
    if len(parts) > 1:
        return [(part, False) for part in parts]
    return [(word, bool(marker) or len(word) >= JOINED_WORD_MIN_LENGTH)]


def _camel_parts(word: str) -> list[str]:
    parts: list[str] = []
    current = ""
    for i, char in enumerate(word):
        previous = word[i - 1] if i else ""
        following = word[i + 1] if i + 1 < len(word) else ""
        if current and _boundary(previous, char, following):
            parts.append(current)
            current = ""
        current += char
    if current:
        parts.append(current)
    return parts


def _boundary(previous: str, char: str, following: str) -> bool:
    if previous.isdigit() != char.isdigit():
        return True
    if previous.islower() and char.isupper():
        return True  # hizbUt
    return previous.isupper() and char.isupper() and following.islower()  # HTMLParser -> HTML Parser


def _with_folded(stream: list[TextWord]) -> list[TextWord]:
    """Particles folded as the index folds them (el-Din -> al din, ibn -> bin)."""
    out = []
    for i, word in enumerate(stream):
        followed = i + 1 < len(stream)
        # and il, which a name keeps as written but text may mean as the article (Saif il-Islam)
        article = word.read in ARTICLES or PARTICLE_LOOK_ALIKES.get(word.read) == "al"
        folded = "al" if followed and article else PARTICLE_SPELLINGS.get(word.read, word.read)
        out.append(TextWord(word.written, word.read, folded, word.joined, word.possessive))
    return out


# -- finding listed names -------------------------------------------------------


def _hits(index, words: list[TextWord]):
    """(start, end, alias position) of every run of words spelling a mentionable alias."""
    keys = index._by_letters
    longest = _longest_key(index)
    starts = _key_starts(index)
    for start in range(len(words)):
        as_read = as_folded = kept_before = ""
        for end in range(start + 1, min(len(words), start + MAX_WINDOW_WORDS) + 1):
            word = words[end - 1]
            as_read += word.read
            as_folded += word.folded
            # A possessive inside a listed name is part of it (Irish People's Liberation
            # Organisation); the last word's is the sentence's (Hamas's history).
            as_kept = kept_before + word.read
            kept_before = as_kept + ("s" if word.possessive else "")
            if len(as_read) > longest and len(as_folded) > longest:
                break
            if not _may_start_a_key(starts, as_read, as_folded, as_kept):
                break
            # in this order, not a set's (which changes with the hash seed): the first hit is shown
            for key in dict.fromkeys((as_read, as_folded, as_kept)):
                for position in keys.get(key, ()):
                    if _mentioned(index, position, words[start:end], key):
                        yield start, end, position
        if words[start].joined:
            yield from _inside(index, words, start)


def _inside(index, words: list[TextWord], at: int):
    """Distinctive names inside one joined word (#freehizbuttahrir)."""
    word = words[at].read
    keys = index._by_letters
    longest = _longest_key(index)
    starts = _key_starts(index)
    for i in range(len(word)):
        if word[i : i + KEY_START] not in starts:
            continue
        for j in range(i + JOINED_MIN_LENGTH, min(len(word), i + longest) + 1):
            if (i, j) == (0, len(word)):
                continue  # the whole word was looked up already
            for position in keys.get(word[i:j], ()):
                if _distinctive_in_any_case(index, position):
                    yield at, at + 1, position


# Windows whose first letters begin no listed key are abandoned (most of them).
KEY_START = 4


def _key_starts(index) -> frozenset[str]:
    starts = getattr(index, "_mention_key_starts", None)
    if starts is None:
        starts = index._mention_key_starts = frozenset(k[:KEY_START] for k in index._by_letters)
    return starts


def _may_start_a_key(starts: frozenset[str], *windows: str) -> bool:
    return any(len(w) < KEY_START or w[:KEY_START] in starts for w in windows)


def _longest_key(index) -> int:
    longest = getattr(index, "_longest_letters_key", None)
    if longest is None:
        longest = index._longest_letters_key = max(map(len, index._by_letters), default=0)
    return longest


def _mentioned(index, position: int, span: list[TextWord], key: str) -> bool:
    indexed = index._aliases[position]
    if _is_acronym(indexed.name) or indexed.strength == "weak":
        return False  # acronyms are looked for as written (_acronym_hits); nicknames never
    weights = _weights(index, position)
    if not any(w >= CONTENT_WORD_WEIGHT for w in weights):
        return False
    if indexed.kind == "person":
        return _full_personal_name(weights) and (_unusual(index, position) or _written_as_a_name(index, span))
    if len(key) < SHORT_NAME_LENGTH and len(span) > 1:
        return False  # a short name is a whole word
    return _distinctive(index, position) or _written_as_a_name(index, span)


def _full_personal_name(weights: list[float]) -> bool:
    return sum(w >= CONTENT_WORD_WEIGHT for w in weights) >= 2


def _unusual(index, position: int) -> bool:
    """A person's name with a word that is not an English word (Amina, not Rose Hill)."""
    return any(
        index._weights[i] >= CONTENT_WORD_WEIGHT and not is_english_word(index._words[i])
        for i in index._alias_words[position]
    )


def _acronym_hits(index, candidates: list[tuple[str, int]]):
    """Listed acronyms written as whole words, in capitals as listed (PKK, HuM, NS131, DHKP-C)."""
    for written, at in candidates:
        if not ACRONYM_MIN_LENGTH <= len(written) <= SHORT_NAME_LENGTH:
            continue
        for position in index._by_letters.get(written.lower(), ()):
            name = index._aliases[position].name
            if _is_acronym(name) and _written_as_acronym(name, written):
                yield written, at, position


def found_in_any_case(index, name: str) -> bool:
    """Whether a listed name is looked for in text in any case (a distinctive name),
    or only when written as a name, with capitals (common or English words only)."""
    key = "".join(normalise(name).split())
    positions = index._by_letters.get(key, ())
    return any(_distinctive_in_any_case(index, p) for p in positions if index._aliases[p].name == name)


def _distinctive_in_any_case(index, position: int) -> bool:
    indexed = index._aliases[position]
    if indexed.strength == "weak" or _is_acronym(indexed.name):
        return False
    if indexed.kind == "person":
        return _full_personal_name(_weights(index, position)) and _unusual(index, position)
    return _distinctive(index, position)


def _distinctive(index, position: int) -> bool:
    """A name with a word that is rare in names and not an English word: any case.
    A name of one word must also be long enough (Hamas, not Hasm)."""
    ids = index._alias_words[position]
    rare = [
        index._words[i]
        for i in ids
        if index._weights[i] >= DISTINCTIVE_WEIGHT and not is_english_word(index._words[i])
    ]
    content = [i for i in ids if index._weights[i] >= CONTENT_WORD_WEIGHT]
    return bool(rare) and (len(content) > 1 or len(rare[0]) >= DISTINCTIVE_MIN_LENGTH)


@cache
def _english_words() -> frozenset[str]:
    # GCIDE (the Collaborative International Dictionary of English), lower case,
    # letters only, as packaged by english-words: loaded on the first mention search.
    return frozenset(get_english_words_set(["gcide"], lower=True, alpha=True))


def is_english_word(word: str) -> bool:
    """An ordinary English word (or its plural): path, submission, volunteers."""
    words = _english_words()
    if word in words:
        return True
    stems = (word[:-1], word[:-2] if word.endswith("es") else "")
    # Hamas is not the plural of "hama": short stems are not trusted.
    return word.endswith("s") and any(len(s) >= PLURAL_STEM_MIN_LENGTH and s in words for s in stems)


def _written_as_a_name(index, span: list[TextWord]) -> bool:
    """Every word of the span that is not structure (of, the, al) starts with a capital or digit."""
    meaningful = [w for w in span if _weight_of(index, w.read) >= CONTENT_WORD_WEIGHT] or span
    return all(w.written[:1].isupper() or w.written[:1].isdigit() for w in meaningful)


def _weight_of(index, word: str) -> float:
    word_id = index._word_id.get(word)
    return index._weights[word_id] if word_id is not None else 1.0


def _weights(index, position: int) -> list[float]:
    return [index._weights[i] for i in index._alias_words[position]]


def _is_acronym(name: str) -> bool:
    """PKK, HuM, NS131, DHKP-C: short, and capitals (two at least, or all its letters)."""
    letters = [c for c in name if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    short = len("".join(c for c in name if c.isalnum())) <= SHORT_NAME_LENGTH
    return short and bool(letters) and (capitals >= 2 or capitals == len(letters))


def _written_as_acronym(name: str, written: str) -> bool:
    listed = "".join(c for c in name if c.isalnum())
    if len(listed) < ACRONYM_MIN_LENGTH or listed.upper() in EVERYDAY_ABBREVIATIONS:
        return False
    return written in (listed, listed.upper())


__all__ = ["Mention", "found_in_any_case", "is_english_word", "mentions"]
