"""Scoring one query name against one listed name: pure functions, no index.

The score is a rarity-weighted alignment. Each word of the query is paired
with at most one word of the listed name (order-free, so "SURNAME, Given"
and reordered names align), pairs being taken best first. Then

    score = sum(similarity * (w_query + w_listed) over pairs)
            / (sum of all query weights + sum of all listed weights)

where w is the word's rarity weight (screening.rarity). A shared common word
(Muhammad, Smith, Islamic, Action) adds little to the top and an unshared rare
word adds a lot to the bottom, so common words cannot carry a match on their
own and a different rare word breaks one. Gates on top of the score:

- a person with two or more name words matches only on two or more aligned words;
- names of one word, and short names such as acronyms, match only exactly.
"""

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from .given_names import told_apart
from .legal_forms import GENERIC_LEGAL_FORMS, REGISTRATION_FORM, SPECIFIC_LEGAL_FORMS
from .name_variants import (
    SHORT_TYPO_LETTERS,
    gendered_pair,
    is_known_name,
    known_different_names,
    last_letter_tells_apart,
    letter_doubled,
    name_symbols,
    same_name,
    same_nickname,
    same_spelling,
    transposed_letters,
    vowels_tell_apart,
)
from .normalise import PARTICLES, particle_pair
from .patronymics import patronymic_roles, roles_conflict
from .rarity import INITIAL_WEIGHT, TIER_WEIGHTS, general_weights
from .scripts import is_hangul_syllable, is_kept_script, letter_count, reads_as, reads_as_syllables

# Two words below this similarity are not paired at all.
TOKEN_MIN_SIMILARITY = 0.8
# The Persian and Urdu ezafe joining two words of a name ("of"), written -e- or -i-
# as the source transliterates it: Jaish-e/Jaish-i Mohammed, Tehrik-e/Tehrik-i Taliban.
# In organisation names only: in a person's name a lone e or i is an initial.
EZAFE_SPELLINGS = frozenset({"e", "i"})
# A person's name word shorter than this pairs by edit distance only within one typo
# (a letter changed, added, dropped, or two swapped: OSA distance 1).
TWO_TYPO_MIN_LETTERS = 9
# No word pairs by edit distance more than this many typos away, however long.
MAX_TYPOS = 2
# One name in another spelling (Mohammed/Muhammad) counts as at least this similar.
VARIANT_SIMILARITY = 0.9
# Two letters swapped in a short word (Oamr for Omar: name_variants.transposed_letters).
TRANSPOSED_SIMILARITY = 0.85
# A nickname and the name it stands for (Jim/James).
NICKNAME_SIMILARITY = 0.85
# An initial ("J") against the word it could stand for.
INITIAL_SIMILARITY = 0.8
INITIAL_MAX_WEIGHT = INITIAL_WEIGHT
# A middle name present on one side only, when everything else aligns, costs this share.
UNSHARED_MIDDLE_FACTOR = 0.5
# When each name keeps a word the other lacks (Ji-hoon Kim and Ji-hoon Wang; a
# patronymic swapped in a long name chain; Silva for Souza), those words are a
# difference, not an omission: each costs what a distinctive word costs, however
# common it is (Kim, Wang, Ahmed, Silva weigh 0.2). Rarity says how much a word
# that agrees proves; a word that differs is a difference whatever its rarity, and
# at half a weight a substitution cost a name of common words (the chains of Arabic
# names, Korean and Portuguese surnames) half what it cost a name of rare words.
SUBSTITUTED_WORD_MIN_WEIGHT = 1.0
# Particles that are name elements of their own, not structure: Abdul (abd) and Abu
# begin a compound given name or a kunya (Abdul Kabir, Abu Bakr) and are given names
# alone (Abdul Jan). Left over where the other name keeps a word of its own (Sayed
# Abdul Agha against Sayed Azim Agha), such a word is a substitution like any other
# name word. The article al and bin/bint (son/daughter of) are structure.
NAME_ELEMENT_PARTICLES = frozenset({"abd", "abu"})
# Names whose run-together letters are shorter than this match only exactly (PKK, ISIL, N17).
MIN_FUZZY_LENGTH = 6
# Words weighing less than this (the, Ltd, al, bin) are structure, not identity.
CONTENT_WORD_WEIGHT = 0.1
# When some distinctive word is left unpaired, the paired words must weigh at
# least this much: two common words (Muhammad + Khan, National + Action) do not.
MIN_PARTIAL_EVIDENCE = 0.7
# A name of one distinctive word is fuzzy-matched only if that word is at least this long.
MIN_SINGLE_WORD_FUZZY_LENGTH = 6
# Years apart beyond which two dates of birth are clearly different people.
DOB_TOLERANCE_YEARS = 1
# A date of birth that agrees to the day adds this much to a name score.
DOB_SAME_BONUS = 0.05


class Pair(NamedTuple):
    """Words of the query paired with words of the listed name: one with one, or one
    with two or three adjacent words of the other name (Abubakr with Abu Bakr, JC
    with Jean Claude). A named tuple: made for every candidate, it must be cheap."""

    query_indices: tuple[int, ...]
    listed_indices: tuple[int, ...]
    similarity: float
    how: str

    @property
    def query_index(self) -> int:
        return self.query_indices[0]

    @property
    def listed_index(self) -> int:
        return self.listed_indices[0]


@lru_cache(maxsize=200_000)
def word_similarity(a: str, b: str, person: bool = True) -> tuple[float, str]:
    """Similarity of two normalised words in 0..1 and how it was judged.

    For people, two words that are both known given names or surnames, and known
    as different ones (Paul/Paula, Hisham/Hashim), never pair by edit distance:
    one letter or one vowel is what makes them different names."""
    if a == b:
        return 1.0, "exact"
    if a in PARTICLES or b in PARTICLES:
        particle = particle_pair(a, b)
        if particle:
            return (1.0 if particle == "particle" else PARTICLE_TYPO_SIMILARITY), particle
    if is_kept_script(a) or is_kept_script(b):
        return _kept_script_similarity(a, b, person)
    if not (a.isalpha() and b.isalpha()) and _digits(a) != _digits(b):
        return 0.0, "different_numbers"  # Column 18 is not Column 88, nor 4 an initial of 44
    if not person and {a, b} == EZAFE_SPELLINGS:
        return 1.0, "ezafe"  # Lashkar-e-Taiba, Lashkar-i-Taiba: one joining word
    if len(a) == 1 or len(b) == 1:
        return (INITIAL_SIMILARITY, "initial") if a[0] == b[0] else (0.0, "different")
    ratio = fuzz.ratio(a, b) / 100
    if person and told_apart(a, b):
        return 0.0, "different_names"  # Frances/Francis: a woman's name and a man's
    if same_spelling(a, b):
        return max(ratio, VARIANT_SIMILARITY), "spelling_variant"
    if person and same_name(a, b):
        return max(ratio, VARIANT_SIMILARITY), "same_name"
    if person and same_nickname(a, b):
        return NICKNAME_SIMILARITY, "nickname"
    if person and _different_names(a, b):
        return 0.0, "different_names"
    if person and len(a) == len(b) <= SHORT_TYPO_LETTERS[1] and transposed_letters(a, b):
        return TRANSPOSED_SIMILARITY, "transposed_letters"  # Oamr for Omar
    if min(len(a), len(b)) < 4:
        return 0.0, "different"  # one letter changes a short word into another word
    if person and a[0] != b[0] and min(len(a), len(b)) < TWO_TYPO_MIN_LETTERS:
        # Geeta/Seeta, Mohan/Rohan, Dinesh/Ganesh: people type the first letter of a
        # short name right, so a word that differs there by edit distance is another
        # name (in long words, as for two typos, the rest of the word still tells).
        # Spellings of one name that start apart (Catherine/Katherine, Ximena/Jimena,
        # Yevgeny/Evgeny) met above, by spelling rule or rigour's list.
        return 0.0, "different"
    if person and min(len(a), len(b)) < TWO_TYPO_MIN_LETTERS and OSA.distance(a, b, score_cutoff=1) > 1:
        # Jaspreet/Jasmeet, Rima/Rimoka, Haider/Hade: two typos at once in a given name is
        # another name (two letters added or dropped are Indel distance 2, as one changed)
        return 0.0, "different"
    if OSA.distance(a, b, score_cutoff=MAX_TYPOS) > MAX_TYPOS:
        # Maroghashvili/Margoshvili, Barakhoev/Barkhanoev, Constructors/Construction: a
        # long word keeps an Indel ratio of 0.8 three or four edits away, and that many
        # edits make another word, not a typo
        return 0.0, "different"
    return (ratio, "fuzzy") if ratio >= TOKEN_MIN_SIMILARITY else (0.0, "different")


# A particle mistyped (Abudl for Abdul): paired, then weighed as a particle.
PARTICLE_TYPO_SIMILARITY = 0.9
# Pairs of a word with the particle it stands for (Ben and bin, Abudl and abd): both
# then weigh what the lighter weighs, so a given name read as a particle in this
# name is not also counted as a distinctive word of it.
PARTICLE_PAIRS = frozenset({"particle", "particle_typo"})

# A Latin word that is a way of writing an Arabic word or a Hangul syllable.
SCRIPT_READING_SIMILARITY = 0.9


def _kept_script_similarity(a: str, b: str, person: bool) -> tuple[float, str]:
    """A word kept in Arabic letters or Hangul (screening.scripts) against another word."""
    if is_kept_script(a) and is_kept_script(b):
        if not name_symbols(a).isdisjoint(name_symbols(b)):
            return VARIANT_SIMILARITY, "same_name"
        if person and known_different_names(a, b):
            return 0.0, "different_names"  # محمود is not محمد: one letter, another name
        ratio = fuzz.ratio(a, b) / 100
        fuzzy = min(len(a), len(b)) >= 4 and ratio >= TOKEN_MIN_SIMILARITY
        return (ratio, "fuzzy") if fuzzy else (0.0, "different")
    kept, latin = (a, b) if is_kept_script(a) else (b, a)
    if not latin.isascii():
        return 0.0, "different"
    if person and known_different_names(kept, latin):
        return 0.0, "different_names"  # محمود (Mahmoud) is not Muhammad
    if person and not name_symbols(kept).isdisjoint(name_symbols(latin)):
        return VARIANT_SIMILARITY, "same_name_in_another_script"
    if reads_as(kept, latin):
        return SCRIPT_READING_SIMILARITY, "written_in_another_script"
    return 0.0, "different"


def is_initial(token: str) -> bool:
    """One Latin letter (a Hangul syllable is a whole word, a digit a number)."""
    return len(token) == 1 and token.isascii() and token.isalpha()


def _digits(word: str) -> str:
    """The digits of a word: numbers (screening.numbers) must be the same to pair."""
    return "".join(c for c in word if c.isdigit())


def _different_names(a: str, b: str) -> bool:
    """Look-alike words that are two names, not one name misspelt."""
    if known_different_names(a, b) or gendered_pair(a, b):
        return True
    # where one is a known name: a vowel of another sound between the same
    # consonants, or another last letter
    if not (is_known_name(a) or is_known_name(b)):
        return False
    return (
        min(len(a), len(b)) < VOWEL_TYPO_MIN_LETTERS and vowels_tell_apart(a, b)
    ) or last_letter_tells_apart(a, b)


# A vowel of another sound tells two names apart in short words (Jamal/Jamil,
# Hisham/Hashim); in a word this long it is a typo (Kavonagh, MacNumara).
VOWEL_TYPO_MIN_LETTERS = 8


# A possible pair: similarity, closeness of places, query and listed indices, how.
Option = tuple[float, int, tuple[int, ...], tuple[int, ...], str]


def align(
    query: list[str],
    listed: list[str],
    *,
    person: bool = True,
    joins: bool = True,
    written: tuple[tuple[str, ...], tuple[str, ...]] | None = None,
) -> list[Pair]:
    """Best-first pairing of words, any order: one word with one, and where words are
    left over, one word with adjacent words of the other name written apart
    (`joined_options`). In "X bin Y" the order says who is whose son: words in
    those places never pair across them (screening.patronymics). `written`: the
    Chinese characters both names are written in, one a word
    (screening.scripts.han_characters): two words read alike pair only when their
    characters are the same (高市 is not 高石, both gao shi)."""
    options = []
    q_roles = patronymic_roles(query)
    l_roles = patronymic_roles(listed) if q_roles else []
    for qi, q in enumerate(query):
        for li, c in enumerate(listed):
            if l_roles and roles_conflict(q_roles[qi], l_roles[li]):
                continue
            if written and written[0][qi] != written[1][li]:
                continue
            similarity, how = word_similarity(q, c, person)
            if similarity > 0:
                options.append((similarity, -abs(qi - li), qi, li, how))
    options.sort(reverse=True)
    pairs = _one_to_one(options)
    acronyms = not person and (has_letter_run(query) or has_letter_run(listed))
    if _joins_may_help(pairs, len(query), len(listed)) and (
        joins or acronyms or person and has_initials(listed)
    ):
        joined = joined_options(query, listed, pairs, person=person, joins=joins)
        if joined:
            pairs = _best_first([(s, d, (qi,), (li,), how) for s, d, qi, li, how in options] + joined)
    return sorted(pairs)  # by query word (tuples sort by their first field)


def _one_to_one(options: list[tuple[float, int, int, int, str]]) -> list[Pair]:
    """Best first, each word once (options sorted best first)."""
    used_q: set[int] = set()
    used_l: set[int] = set()
    pairs = []
    for similarity, _, qi, li, how in options:
        if qi in used_q or li in used_l:
            continue
        used_q.add(qi)
        used_l.add(li)
        pairs.append(Pair((qi,), (li,), similarity, how))
    return pairs


def _best_first(options: list[Option]) -> list[Pair]:
    """Best first, each word once, where a pair may hold two or three words of a side."""
    options.sort(reverse=True)
    used_q: set[int] = set()
    used_l: set[int] = set()
    pairs = []
    for similarity, _, qis, lis, how in options:
        if used_q.intersection(qis) or used_l.intersection(lis):
            continue
        used_q.update(qis)
        used_l.update(lis)
        pairs.append(Pair(qis, lis, similarity, how))
    return pairs


def _joins_may_help(pairs: list[Pair], query_length: int, listed_length: int) -> bool:
    """Words are left over on both sides, or on one side beside a pair that is not
    exact (Jongun paired with Jong, Un left over): else no join can do better."""
    q_left = len(pairs) < query_length
    l_left = len(pairs) < listed_length
    return (q_left and l_left) or ((q_left or l_left) and any(p.similarity < 1.0 for p in pairs))


# -- words written together or apart, and initials run together --------------------

# One word against adjacent words written apart (Abubakr and Abu Bakr) is the same
# name in other letters, not the same word: at most this similar.
JOINED_SIMILARITY = 0.95
# The joined letters are compared only when their lengths are this close.
_JOIN_LENGTH_SLACK = 2
# The vowel that links a name to Allah is written every way: Nasrullah, Nasrallah, Hizbollah.
_LINKED_ALLAH = re.compile(r"(?<=[a-z])[aeiou]llah$")
_ARTICLE_JOINED = re.compile(r"^[eiu]l(?=[a-z]{3})")  # Elsayed: el- as al-
_VOWELS = frozenset("aeiouy")


def has_initials(words: list[str]) -> bool:
    """A word of the name may be initials run together (JC)."""
    return any(initial_letters(w) >= 2 for w in words)


def joined_options(
    query: list[str], listed: list[str], pairs: list[Pair], *, person: bool, joins: bool = True
) -> list[Option]:
    """`align` options pairing one word with adjacent words of the other name written
    apart (Abubakr, Abu Bakr; Alshabab, Al Shabaab) or, for people, with the names its
    letters are the initials of (JC, Jean Claude). Only among the words the one-to-one
    pairs leave open (unpaired, or paired inexactly): an exact pair always wins. Called
    for most candidates, so plain loops over the few open words, nothing cached."""
    open_q = [True] * len(query)
    open_l = [True] * len(listed)
    for p in pairs:
        if p.similarity >= 1.0:
            for i in p.query_indices:
                open_q[i] = False
            for i in p.listed_indices:
                open_l[i] = False
    options: list[Option] = []
    if joins:
        for qi, li, similarity in _joins(query, open_q, listed, open_l, person):
            options.append((similarity, -abs(qi - li), (qi,), (li, li + 1), "written_as_one_word"))
        for li, qi, similarity in _joins(listed, open_l, query, open_q, person):
            options.append((similarity, -abs(qi - li), (qi, qi + 1), (li,), "written_as_one_word"))
    if not person:
        for qi, span in _acronym_spans(query, open_q, listed, open_l):
            options.append((JOINED_SIMILARITY, -abs(qi - span[0]), (qi,), span, "acronym"))
        for li, span in _acronym_spans(listed, open_l, query, open_q):
            options.append((JOINED_SIMILARITY, -abs(li - span[0]), span, (li,), "acronym"))
    if person:
        for qi, li, span in _initials_spans(query, open_q, listed, open_l):
            options.append((INITIAL_SIMILARITY, -abs(qi - li), (qi,), span, "initials"))
        for li, qi, span in _initials_spans(listed, open_l, query, open_q):
            options.append((INITIAL_SIMILARITY, -abs(qi - li), span, (li,), "initials"))
    return options


def _joins(ones: list[str], ones_open: list[bool], apart: list[str], apart_open: list[bool], person: bool):
    """(index in `ones`, index of the first of two words in `apart`, similarity) for each
    open word that may be two adjacent open words of the other name run together: only
    those that start and end as the two do are compared (most candidates have none)."""
    found = []
    last = len(apart) - 1
    for i, one in enumerate(ones):
        if not ones_open[i] or len(one) < 4:
            continue
        for j in range(last):
            if apart_open[j] and apart_open[j + 1] and is_hangul_syllable(apart[j][0]):
                # Jongun against 정 은: a Korean given name written as one Latin word
                if reads_as_syllables(one, apart[j], apart[j + 1]):
                    found.append((i, j, SCRIPT_READING_SIMILARITY))
            elif apart_open[j] and apart_open[j + 1] and apart[j + 1][-1] == one[-1]:
                first = apart[j]
                if first[0] == one[0] or (first == "al" and one[0] in "aeiu"):
                    similarity = joined_similarity(one, first, apart[j + 1], person)
                    if similarity:
                        found.append((i, j, similarity))
    return found


def joined_similarity(one: str, first: str, second: str, person: bool) -> float:
    """How alike one word is to two words run together; 0.0 unless they are one name:
    for people spelled alike (Maryam is not Mary Ann), for organisations within a typo
    (Hizbollah, Hizballah)."""
    if len(first) < 2 or len(second) < 2 or abs(len(one) - len(first) - len(second)) > _JOIN_LENGTH_SLACK:
        return 0.0
    if second == "allah" or first == "al":
        one = _linked_form(one, first, second)
    # cheap first: one name written two ways starts and ends alike (most candidates do not)
    if one[0] != first[0] or one[-1] != second[-1] or not (one.isascii() and one.isalpha()):
        return 0.0
    together = first + second
    if not (together.isascii() and together.isalpha()):
        return 0.0
    if one == together:
        return JOINED_SIMILARITY
    # spelling rules only, not the name list: the joined letters are rarely a listed name
    ratio = fuzz.ratio(one, together) / 100
    if same_spelling(one, together):
        return min(max(ratio, VARIANT_SIMILARITY), JOINED_SIMILARITY)
    if person or ratio < TOKEN_MIN_SIMILARITY:
        return 0.0  # for people one spelling (Maryam is not Mary Ann); organisations a typo
    return min(ratio, JOINED_SIMILARITY)


def _linked_form(one: str, first: str, second: str) -> str:
    if second == "allah":
        one = _LINKED_ALLAH.sub("allah", one)
    if first == "al":
        one = _ARTICLE_JOINED.sub("al", one)
    return one


def joined_forms(word: str) -> set[str]:
    """The word, and as it may be split: Nasrullah as nasrallah, Elsayed as alsayed."""
    forms = {word}
    if word.endswith("llah"):
        forms.add(_LINKED_ALLAH.sub("allah", word))
    if word[:2] in ("el", "ul", "il"):
        forms.add(_ARTICLE_JOINED.sub("al", word))
    return forms


@lru_cache(maxsize=20_000)
def initial_letters(token: str) -> int:
    """How many names' initials the word may be: 1 for an initial (J), the letters of
    initials run together (JC, RS, HJ: two or three letters without a vowel, and not a
    common name part such as Md or Ng); else 0. A short word with a vowel is a name
    or a syllable of one (Ji, Li, Wu, Ma, Jo), never initials."""
    if is_initial(token):
        return 1
    if not (2 <= len(token) <= 3 and token.isascii() and token.isalpha()) or not _VOWELS.isdisjoint(token):
        return 0
    return 0 if token in _NOT_INITIALS or token in PARTICLES or token in general_weights() else len(token)


# Not initials: a name prefix written apart (Mc Donald), and the abbreviations of
# Sheikh and of Mosammat in Bangladeshi names (Sk, Mst).
_NOT_INITIALS = frozenset({"mc", "sk", "mst"})


def _initials_spans(initials: list[str], initials_open: list[bool], names: list[str], names_open: list[bool]):
    """(index of initials run together, index of the first name, the names' indices)."""
    found = []
    for i, word in enumerate(initials):
        count = initial_letters(word) if initials_open[i] and len(word) <= 3 else 0
        if count < 2:
            continue
        for j in range(len(names) - count + 1):
            span = names[j : j + count]
            if all(names_open[j : j + count]) and all(
                name[0] == letter and name.isalpha() and name not in PARTICLES
                for name, letter in zip(span, word, strict=True)
            ):
                found.append((i, j, tuple(range(j, j + count))))
    return found


def letter_runs(words: list[str]) -> list[tuple[int, ...]]:
    """The indices of each run of two single letters or more: an organisation's
    acronym written with dots or spaces (A.B.C., L X C)."""
    runs: list[tuple[int, ...]] = []
    run: list[int] = []
    for i, word in enumerate([*words, ""]):
        if is_initial(word):
            run.append(i)
            continue
        if len(run) > 1:
            runs.append(tuple(run))
        run = []
    return runs


def has_letter_run(words: list[str]) -> bool:
    return any(is_initial(a) and is_initial(b) for a, b in itertools.pairwise(words))


def _acronym_spans(ones: list[str], ones_open: list[bool], letters: list[str], letters_open: list[bool]):
    """(index in `ones`, the run's indices in `letters`) for each open word that is an
    open run of letters of the other name run together: ABC and A.B.C."""
    found: list[tuple[int, tuple[int, ...]]] = []
    for run in letter_runs(letters):
        together = "".join(letters[i] for i in run)
        if all(letters_open[i] for i in run):
            found.extend((i, run) for i, one in enumerate(ones) if ones_open[i] and one == together)
    return found


@dataclass(frozen=True)
class NameScore:
    score: float
    pairs: list[Pair]
    query_weights: list[float]
    listed_weights: list[float]
    gate: str | None  # why the names cannot match whatever the score, or None
    substituted: bool = False  # each name kept a word of its own (SUBSTITUTED_WORD_MIN_WEIGHT)
    long_name: bool = False  # the query left words out of a much longer listed name (LONG_NAME_FACTOR)
    repeated: bool = False  # a word left over is written twice in its name (`_repeat_relief`)
    mononym: bool = False  # one-word names paired with a typo (`mononym_typo`)


def score_names(
    query: list[str],
    query_weights: list[float],
    listed: list[str],
    listed_weights: list[float],
    *,
    kind: str,
    joins: bool = True,
    written: tuple[tuple[str, ...], tuple[str, ...]] | None = None,
) -> NameScore:
    """`joins=False`: the caller knows no word of the query is written apart or together
    as a listed word (screening.matching looks that up once per query), so only
    initials run together are tried beside the one-to-one pairs. `written`: both
    names' Chinese characters, one a word (`align`)."""
    pairs = align(query, listed, person=kind == "person", joins=joins, written=written)
    qw = [_effective_weight(w, t) for w, t in zip(query_weights, query, strict=True)]
    lw = [_effective_weight(w, t) for w, t in zip(listed_weights, listed, strict=True)]
    for p in pairs:
        if p.how in PARTICLE_PAIRS:
            qw[p.query_index] = lw[p.listed_index] = min(qw[p.query_index], lw[p.listed_index])
        elif p.how == "initials":  # the side with one word is the initials
            if len(p.query_indices) == 1:
                qw[p.query_index] = initials_weight(qw[p.query_index], query[p.query_index])
            else:
                lw[p.listed_index] = initials_weight(lw[p.listed_index], listed[p.listed_index])
    top = paired = 0.0
    for p in pairs:
        weight = _pair_weight(p, qw, lw)
        top += p.similarity * weight
        paired += weight
    paired_q, paired_l = _paired_query(pairs), _paired_listed(pairs)
    substituted = kind == "person" and _each_side_has_its_own_word(
        paired_q, paired_l, qw, lw, CONTENT_WORD_WEIGHT, (query, listed)
    )
    unpaired, long_name = _unpaired_weight(
        pairs, paired_q, paired_l, qw, lw, kind=kind, substituted=substituted, words=(query, listed)
    )
    bottom = paired + unpaired
    score = top / bottom if bottom else 0.0
    gate = _gate(query, listed, pairs, (paired_q, paired_l), qw, lw, kind=kind)
    repeated = (
        kind == "person"
        and not substituted
        and (len(paired_q) < len(query) or len(paired_l) < len(listed))
        and _has_a_repeat(query, listed, paired_q, paired_l)
    )
    mononym = kind == "person" and gate is None and content_word_count(query, qw) == 1
    score = round(min(score, 1.0), 4)
    return NameScore(score, pairs, qw, lw, gate, substituted, long_name, repeated, mononym)


def _has_a_repeat(query: list[str], listed: list[str], paired_q: set[int], paired_l: set[int]) -> bool:
    q_left = [i for i in range(len(query)) if i not in paired_q]
    l_left = [i for i in range(len(listed)) if i not in paired_l]
    return bool(repeated_words(query, q_left, paired_q) or repeated_words(listed, l_left, paired_l))


def content_word_count(words: list[str], weights: list[float]) -> int:
    """How many words the gates count as distinctive (see `_gate`)."""
    return sum(_effective_weight(w, t) >= CONTENT_WORD_WEIGHT for t, w in zip(words, weights, strict=True))


def could_pass_gates(
    kind: str,
    query_content: int,
    listed_content: int,
    evidence: float,
    aligned: int,
    *,
    joined: bool = False,
) -> bool:
    """A cheap necessary condition for `_gate` to return None, from word counts, an
    upper bound of the paired evidence and one of the words aligned (`aligned`,
    each pair taking one distinctive query word at least): used to prune
    candidates before alignment. With `joined` (a word may pair with two written
    apart) the counts say nothing."""
    if not query_content or not listed_content:
        return False
    if joined:
        return True
    if query_content == 1 or listed_content == 1:
        return query_content == listed_content and aligned >= 1  # a person's: `mononym_typo`
    if kind == "person" and aligned < 2:
        return False  # person_needs_two_aligned_words
    # every distinctive word paired, or else a partial match needing evidence
    whole = query_content == listed_content and aligned >= query_content
    return whole or evidence >= MIN_PARTIAL_EVIDENCE


def _effective_weight(weight: float, token: str) -> float:
    return min(weight, INITIAL_MAX_WEIGHT) if is_initial(token) else weight


def initials_weight(weight: float, token: str) -> float:
    """What a word weighs where it may pair as initials run together (JC: 0.2 a
    letter); a word that does not pair so (Bnt, Mhd) keeps its own weight."""
    letters = initial_letters(token)
    return min(weight, INITIAL_MAX_WEIGHT * letters) if letters > 1 else weight


def _pair_weight(p: Pair, qw: list[float], lw: list[float]) -> float:
    return _side_weight(p.query_indices, qw) + _side_weight(p.listed_indices, lw)


def _pair_evidence(p: Pair, qw: list[float], lw: list[float]) -> float:
    return p.similarity * min(_side_weight(p.query_indices, qw), _side_weight(p.listed_indices, lw))


def _side_weight(indices: tuple[int, ...], weights: list[float]) -> float:
    if len(indices) == 1:
        return weights[indices[0]]  # the common case, without a generator
    return sum(weights[i] for i in indices)


def _paired_query(pairs: list[Pair]) -> set[int]:
    return {i for p in pairs for i in p.query_indices}


def _paired_listed(pairs: list[Pair]) -> set[int]:
    return {i for p in pairs for i in p.listed_indices}


def _unpaired_weight(
    pairs: list[Pair],
    paired_q: set[int],
    paired_l: set[int],
    qw: list[float],
    lw: list[float],
    *,
    kind: str,
    substituted: bool,
    words: tuple[list[str], list[str]],
) -> tuple[float, bool]:
    """What the words left unpaired cost, and whether the listed name's were counted
    as a long name's words the query left out (LONG_NAME_FACTOR)."""
    query, listed = words
    q_left = [i for i in range(len(qw)) if i not in paired_q]
    l_left = [i for i in range(len(lw)) if i not in paired_l]
    q_cost = sum(_substituted_cost(qw[i], query[i], substituted) for i in q_left)
    l_cost = sum(_substituted_cost(lw[i], listed[i], substituted) for i in l_left)
    chain = kind == "person" and _long_chain(qw, lw, q_left)
    long_name = chain and _leaves_out_of_a_long_name(lw, pairs, paired_l, qw)
    if long_name:
        l_cost *= LONG_NAME_FACTOR
    # A middle name given on one side only (and nothing else unshared) is a
    # weaker signal than a different name: people drop middle names. A chain's
    # words left out are not a dropped middle name: only the long-name rule relieves
    # them, and only with a rare word shared (Tariq Rahimi against Tariq Imran Nabil
    # Rahimi is two frequent names, not a man who dropped two middle names).
    elif kind == "person" and not chain and not q_left and _all_middle(l_left, len(lw)):
        l_cost *= UNSHARED_MIDDLE_FACTOR
    elif kind == "person" and l_left and not substituted:
        l_cost -= _repeat_relief(listed, lw, l_left, paired_l)
    if kind == "person" and not l_left and _all_middle(q_left, len(qw)):
        q_cost *= UNSHARED_MIDDLE_FACTOR
    elif kind == "person" and q_left and not substituted:
        q_cost -= _repeat_relief(query, qw, q_left, paired_q)
    return q_cost + l_cost, long_name


def repeated_words(words: list[str], left: list[int], paired: set[int]) -> list[int]:
    """Words left over that repeat, letter for letter, a paired word of the same name
    (Shoigu Shoigu Sergey): written twice, in error or as a father named like his son."""
    if not left:
        return []
    paired_words = {words[i] for i in paired}
    return [i for i in left if words[i] in paired_words]


def _repeat_relief(words: list[str], weights: list[float], left: list[int], paired: set[int]) -> float:
    """A word written twice says nothing of identity the first did not: the repeat costs
    what a middle name given on one side costs (UNSHARED_MIDDLE_FACTOR), not a whole
    word. Not where each name keeps a word of its own: there the repeat may be a
    father's name in the place of another (Mohammed Mohammed Ahmed against Mohammed
    Ali Ahmed), a substitution (`_substituted_cost`)."""
    return sum(weights[i] for i in repeated_words(words, left, paired)) * (1 - UNSHARED_MIDDLE_FACTOR)


# A listed person's name this many distinctive words longer than the query is a
# chain (given, father's, grandfather's, family or tribal names; several given
# names and two surnames): people are known by two of those words, so each word
# the query leaves out costs this share of its weight.
LONG_NAME_EXTRA_WORDS = 2
LONG_NAME_FACTOR = 0.2
# ... but only when a word the two names share is rarer than every tier of common
# name parts: two frequent names of any tier (Tariq Rahimi, Seamus Brennan, Jean
# Dubois at 0.4 each, as Muhammad Khan at 0.2) are shared by many people, and a fifth
# of the chain's other words no longer tells them from the listed man. Before, only
# the most common tier was held back (its evidence is under MIN_PARTIAL_EVIDENCE),
# so the namesakes of every origin whose frequent names sit in the tier below were
# flagged by a long chain at 0.85-0.93 and John Smith never was.
LONG_NAME_MIN_SHARED_WEIGHT = TIER_WEIGHTS["common"]


def _long_chain(qw: list[float], lw: list[float], q_left: list[int]) -> bool:
    """Every distinctive query word is paired and the listed name has at least
    LONG_NAME_EXTRA_WORDS distinctive words more."""
    q_content = sum(w >= CONTENT_WORD_WEIGHT for w in qw)
    if len(lw) < q_content + LONG_NAME_EXTRA_WORDS or any(qw[i] >= CONTENT_WORD_WEIGHT for i in q_left):
        return False  # the common case: the listed name is not much longer
    return sum(w >= CONTENT_WORD_WEIGHT for w in lw) >= q_content + LONG_NAME_EXTRA_WORDS


def _leaves_out_of_a_long_name(
    lw: list[float], pairs: list[Pair], paired_l: set[int], qw: list[float]
) -> bool:
    """In a long chain: the listed name's first distinctive word (the given name) is
    paired, and one pair is a word rarer than the common tiers on both sides."""
    if not any(_shares_a_rare_word(p, qw, lw) for p in pairs):
        return False  # common words of any tier, however many: many people share them
    given = next(i for i, w in enumerate(lw) if w >= CONTENT_WORD_WEIGHT)
    return given in paired_l  # the father's name alone is not the man


def _shares_a_rare_word(p: Pair, qw: list[float], lw: list[float]) -> bool:
    least = min(_side_weight(p.query_indices, qw), _side_weight(p.listed_indices, lw))
    return least > LONG_NAME_MIN_SHARED_WEIGHT and p.how not in INITIAL_PAIRS


def _substituted_cost(weight: float, word: str, substituted: bool) -> float:
    if substituted and (weight >= CONTENT_WORD_WEIGHT or word in NAME_ELEMENT_PARTICLES):
        return max(weight, SUBSTITUTED_WORD_MIN_WEIGHT)
    return weight


def _letters(words: list[str], weights: list[float]) -> int:
    """A name's length for the short-name gates: its distinctive words and its
    particles (Al Qaeda is seven letters), not its stopwords (The PKK is three)."""
    return sum(
        letter_count(w)
        for w, weight in zip(words, weights, strict=True)
        if weight >= CONTENT_WORD_WEIGHT or w in PARTICLES
    )


def _all_middle(indices: list[int], length: int) -> bool:
    return all(0 < i < length - 1 for i in indices)


def _gate(
    query: list[str], listed: list[str], pairs: list[Pair], covered, qw, lw, *, kind: str
) -> str | None:
    """Why the names cannot match whatever the score, or None. `covered`: the query's
    and the listed name's paired word indices."""
    short = min(_letters(query, qw), _letters(listed, lw)) < MIN_FUZZY_LENGTH
    spelled_alike = short and _spelled_alike(query, listed, pairs, kind=kind)
    if short and not spelled_alike:
        return "short_name_needs_exact_match"
    q_content = {i for i, w in enumerate(qw) if w >= CONTENT_WORD_WEIGHT}
    l_content = {i for i, w in enumerate(lw) if w >= CONTENT_WORD_WEIGHT}
    paired = [
        p
        for p in pairs
        if not q_content.isdisjoint(p.query_indices) and not l_content.isdisjoint(p.listed_indices)
    ]
    if not q_content or not l_content:
        return "no_distinctive_word"
    # some distinctive word of either name is left unpaired
    partial = bool(q_content - _paired_query(paired) or l_content - _paired_listed(paired))
    if len(q_content) == 1 or len(l_content) == 1:
        return _single_word_gate(
            query, listed, covered, qw, lw, paired, partial, kind=kind, spelled_alike=spelled_alike
        )
    if kind != "person" and (org_gate := _organisations_differ_in_form_or_number(query, listed, covered)):
        return org_gate
    if kind != "person" and _organisations_differ(query, listed, covered, qw, lw):
        return "organisations_differ_in_a_word"  # ... Trust is not ... Bank; (Sweden) not (Finland)
    if kind != "person" and (_acronym_split(query, covered[0]) or _acronym_split(listed, covered[1])):
        return "acronym_needs_all_its_letters"  # L.X.C. Aviation is not Lau Aviation
    named = [p for p in paired if p.how not in INITIAL_PAIRS]
    evidence = sum(_pair_evidence(p, qw, lw) for p in named)
    if partial and evidence < MIN_PARTIAL_EVIDENCE:
        return "partial_match_of_common_words"  # Muhammad Khan is not Muhammad Imran Khan
    if kind == "person" and len(paired) < 2:
        return "person_needs_two_aligned_words"
    if kind == "person" and not any(p.how in SURE_PAIRS for p in paired):
        return "person_needs_one_word_spelled_alike"  # two typos at once is another name
    if len(named) < len(paired) and evidence < MIN_PARTIAL_EVIDENCE:
        return "initials_need_a_distinctive_name"  # A. Khan is not Ahmed Khan
    return None


def _spelled_alike(query: list[str], listed: list[str], pairs: list[Pair], *, kind: str) -> bool:
    """A short name paired whole, word for word as written, but for a letter doubled
    or written once (Hammas for Hamas): a short name's other typos make other words.
    An organisation's legal form is not part of its name here (Hamas Ltd is Hamas
    registered, and a legal form is a hirer's easiest disguise); the single-word and
    form gates still part two forms (Hamas LLC is not Hamas JSC)."""
    if any(len(p.query_indices) != 1 or len(p.listed_indices) != 1 for p in pairs):
        return False
    left = _unpaired(query, _paired_query(pairs)) + _unpaired(listed, _paired_listed(pairs))
    if left and (kind == "person" or not GENERIC_LEGAL_FORMS.issuperset(left)):
        return False
    return all(
        p.how == "exact" or letter_doubled(query[p.query_index], listed[p.listed_index]) for p in pairs
    )


def _unpaired(words: list[str], paired: set[int]) -> list[str]:
    return [w for i, w in enumerate(words) if i not in paired]


def _acronym_split(words: list[str], paired: set[int]) -> bool:
    """Some letters of an acronym written apart are paired and some are not: one
    letter met another word's initial, the others nothing (L.X.C. and Lau)."""
    return any(0 < len(paired.intersection(run)) < len(run) for run in letter_runs(words))


# A word weighing this much says what the organisation is (Trust, Bank, Ltd);
# lighter ones (the, of, al) are only structure.
TYPE_WORD_WEIGHT = 0.05


def _each_side_has_its_own_word(
    paired_q: set[int],
    paired_l: set[int],
    qw: list[float],
    lw: list[float],
    least: float,
    words: tuple[list[str], list[str]],
) -> bool:
    """Both names keep a word of their own (weighing at least `least`, or a particle
    that is a name element: NAME_ELEMENT_PARTICLES), a distinctive one on at least
    one side: for people each name keeps a word the other lacks."""
    query, listed = words
    q_own = [
        w
        for i, w in enumerate(qw)
        if i not in paired_q and (w >= least or query[i] in NAME_ELEMENT_PARTICLES)
    ]
    l_own = [
        w
        for i, w in enumerate(lw)
        if i not in paired_l and (w >= least or listed[i] in NAME_ELEMENT_PARTICLES)
    ]
    return bool(q_own) and bool(l_own) and max(q_own + l_own) >= CONTENT_WORD_WEIGHT


def _organisations_differ(query, listed, covered, qw, lw) -> bool:
    """Both names keep a word of their own, a type noun included (Trust and Group,
    Society and Army): one word apart is another organisation. A legal form is not
    such a word (AG and Ltd say how it is registered, not what it is); nor is a
    registration word (Corporation, Company) against a legal form or another
    registration word, but it is against a type noun: Keltrin Corporation is not
    Keltrin Group."""
    paired_q, paired_l = covered
    q_own = _has_own_word(query, qw, paired_q)
    l_own = _has_own_word(listed, lw, paired_l)
    return (q_own and l_own) or (
        (q_own and _keeps_registration_word(listed, paired_l))
        or (l_own and _keeps_registration_word(query, paired_q))
    )


def _organisations_differ_in_form_or_number(query, listed, covered) -> str | None:
    """Two legal forms of different kinds, one on each side (Deutsche Bank AG, a joint
    stock company, is not Deutsche Bank GmbH, a limited liability company), or a number
    on one side only between two registered companies (Bowne Global Solutions II, Inc.
    is the second company of that name, not the first): another company. Legal forms
    of one kind in two countries (AG, S.A., PJSC: jsc; Ltd, GmbH, Sp. z o.o.: llc)
    pair as one word, and Corporation or Company says only that it is registered, so
    they never take the first. A group without a legal form on either side (a
    proscribed group, a unit) keeps a number as a word: "Palestine Action 2" is no
    disguise from a listed Palestine Action, nor is a number dropped from a group's
    name."""
    paired_q, paired_l = covered
    q_forms = _kept_forms(query, paired_q)
    l_forms = _kept_forms(listed, paired_l)
    if q_forms and l_forms:
        return "organisations_differ_in_legal_form"
    if (_keeps_number(query, paired_q) or _keeps_number(listed, paired_l)) and (
        _registered(query) and _registered(listed)
    ):
        return "organisations_differ_in_a_number"
    return None


def _registered(words: list[str]) -> bool:
    """The name says how the organisation is registered (a legal form, Corporation)."""
    return any(w in GENERIC_LEGAL_FORMS for w in words)


def _kept_forms(words: list[str], paired: set[int]) -> set[str]:
    return {w for i, w in enumerate(words) if i not in paired and w in SPECIFIC_LEGAL_FORMS}


def _keeps_number(words: list[str], paired: set[int]) -> bool:
    return any(i not in paired and _digits(w) for i, w in enumerate(words))


def _keeps_registration_word(words: list[str], paired: set[int]) -> bool:
    return any(i not in paired and w == REGISTRATION_FORM for i, w in enumerate(words))


def _has_own_word(words: list[str], weights: list[float], paired: set[int]) -> bool:
    return any(
        i not in paired and w >= TYPE_WORD_WEIGHT and words[i] not in GENERIC_LEGAL_FORMS
        for i, w in enumerate(weights)
    )


# Pairs that are the same name for certain, not a guess from edit distance.
SURE_PAIRS = frozenset(
    {
        "exact",
        "spelling_variant",
        "same_name",
        "nickname",
        "same_name_in_another_script",
        "written_in_another_script",
        "written_as_one_word",
    }
)
# An initial says little: what is paired besides it must be evidence on its own.
INITIAL_PAIRS = frozenset({"initial", "initials"})


def _single_word_gate(
    query, listed, covered, qw, lw, paired, partial, *, kind: str, spelled_alike: bool
) -> str | None:
    """One distinctive word (Hizballah, a mononym): it must be the whole name on both
    sides. `spelled_alike`: a short name written the same (`_spelled_alike`)."""
    if kind == "person":
        if not partial and len(paired) == 1 and mononym_typo(query, listed, paired[0], qw, lw):
            return None
        return "single_word_name_needs_exact_match"
    if partial or not paired:
        return "single_word_name_must_be_whole_name"
    if org_gate := _organisations_differ_in_form_or_number(query, listed, covered):
        return org_gate
    if _organisations_differ(query, listed, covered, qw, lw):
        return "organisations_differ_in_a_word"  # Brannoch Trust is not Brannoch Group
    if _letters(query, qw) < MIN_SINGLE_WORD_FUZZY_LENGTH and not spelled_alike:
        return "short_name_needs_exact_match"  # the word and its particles: Al Qaida
    return None


# A person known by one word (Hannibal, Vajiralongkorn, Sukarno) is found by that
# word with one typo only where the word is long and rare: then no one else is
# likely to carry the other spelling as a name of their own. A short or frequent
# one-word name (Omar, Kiran, Sergei) one letter off is another person's name as
# often as a typo, and still matches only exactly.
MONONYM_TYPO_MIN_LETTERS = 8
MONONYM_TYPO_MIN_WEIGHT = 1.0  # rarer than every tier of common name parts, and in the sources
MONONYM_TYPO_PAIRS = frozenset({"spelling_variant", "same_name", "fuzzy"})


def mononym_typo(query: list[str], listed: list[str], pair: Pair, qw: list[float], lw: list[float]) -> bool:
    """Both names are one distinctive word, paired with one typo (a letter changed, added,
    dropped, or two swapped) or as a spelling of one name, each word at least
    MONONYM_TYPO_MIN_LETTERS long and weighing MONONYM_TYPO_MIN_WEIGHT. Names rigour
    or the spelling rules keep apart never pair at all (Jaroslav/Jaroslava,
    Xiaoming/Xiaoling: `word_similarity`)."""
    if pair.how not in MONONYM_TYPO_PAIRS or len(pair.query_indices) != 1 or len(pair.listed_indices) != 1:
        return False
    q, c = query[pair.query_index], listed[pair.listed_index]
    if min(len(q), len(c)) < MONONYM_TYPO_MIN_LETTERS or not (q.isascii() and c.isascii()):
        return False
    if min(qw[pair.query_index], lw[pair.listed_index]) < MONONYM_TYPO_MIN_WEIGHT:
        return False
    return OSA.distance(q, c, score_cutoff=1) <= 1


def compare_birth_dates(query_dob: str | None, entry_dobs: tuple[str, ...]) -> str:
    """'same' (agree to the precision both give, more than a year), 'close',
    'different' (clearly another person), or 'unknown' (one side has none)."""
    if not query_dob or not entry_dobs:
        return "unknown"
    outcomes = {_compare_one(query_dob, d) for d in entry_dobs}
    for outcome in ("same", "close", "unknown", "different"):
        if outcome in outcomes:
            return outcome
    return "unknown"


def _compare_one(a: str, b: str) -> str:
    try:
        years_apart = abs(int(a[:4]) - int(b[:4]))
    except ValueError:
        return "unknown"  # an unreadable date cannot prove two people different
    if years_apart > DOB_TOLERANCE_YEARS:
        return "different"
    shared = min(len(a), len(b))
    if shared > 4 and a[:shared] == b[:shared]:
        return "same"
    return "close"  # same or next year: a typo or a year-only date, not proof either way
