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

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from .name_variants import (
    gendered_pair,
    is_known_name,
    known_different_names,
    last_letter_tells_apart,
    name_symbols,
    same_name,
    same_nickname,
    same_spelling,
    transposed_letters,
    vowels_tell_apart,
)
from .normalise import PARTICLES, particle_pair
from .scripts import is_kept_script, letter_count, reads_as

# Two words below this similarity are not paired at all.
TOKEN_MIN_SIMILARITY = 0.8
# A person's name word shorter than this pairs by edit distance only within one typo
# (a letter changed, added, dropped, or two swapped: Indel distance 2).
TWO_TYPO_MIN_LETTERS = 9
# One name in another spelling (Mohammed/Muhammad) counts as at least this similar.
VARIANT_SIMILARITY = 0.9
# Two letters swapped in a short word (Oamr for Omar: name_variants.transposed_letters).
TRANSPOSED_SIMILARITY = 0.85
# A nickname and the name it stands for (Jim/James).
NICKNAME_SIMILARITY = 0.85
# An initial ("J") against the word it could stand for.
INITIAL_SIMILARITY = 0.8
INITIAL_MAX_WEIGHT = 0.2
# A middle name present on one side only, when everything else aligns, costs this share.
UNSHARED_MIDDLE_FACTOR = 0.5
# When each name keeps a word the other lacks (Ji-hoon Kim and Ji-hoon Wang; a
# patronymic swapped in a long name chain), those words are a difference, not an
# omission: each costs at least this, however common (Kim, Wang, Ahmed weigh 0.2).
SUBSTITUTED_WORD_MIN_WEIGHT = 0.5
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


@dataclass(frozen=True, slots=True)
class Pair:
    query_index: int
    listed_index: int
    similarity: float
    how: str


@lru_cache(maxsize=200_000)
def word_similarity(a: str, b: str, person: bool = True) -> tuple[float, str]:
    """Similarity of two normalised words in 0..1 and how it was judged.

    For people, two words that are both known given names or surnames, and known
    as different ones (Paul/Paula, Hisham/Hashim), never pair by edit distance:
    one letter or one vowel is what makes them different names."""
    if a == b:
        return 1.0, "exact"
    particle = particle_pair(a, b)
    if particle:
        return (1.0 if particle == "particle" else PARTICLE_TYPO_SIMILARITY), particle
    if is_kept_script(a) or is_kept_script(b):
        return _kept_script_similarity(a, b, person)
    if len(a) == 1 or len(b) == 1:
        return (INITIAL_SIMILARITY, "initial") if a[0] == b[0] else (0.0, "different")
    ratio = fuzz.ratio(a, b) / 100
    if same_spelling(a, b):
        return max(ratio, VARIANT_SIMILARITY), "spelling_variant"
    if person and same_name(a, b):
        return max(ratio, VARIANT_SIMILARITY), "same_name"
    if person and same_nickname(a, b):
        return NICKNAME_SIMILARITY, "nickname"
    if person and _different_names(a, b):
        return 0.0, "different_names"
    if person and transposed_letters(a, b):
        return TRANSPOSED_SIMILARITY, "transposed_letters"  # Oamr for Omar
    if min(len(a), len(b)) < 4:
        return 0.0, "different"  # one letter changes a short word into another word
    if person and min(len(a), len(b)) < TWO_TYPO_MIN_LETTERS and Indel.distance(a, b) > 2:
        return 0.0, "different"  # Jaspreet/Jasmeet: two typos at once in a given name is another name
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
    """One Latin letter (a Hangul syllable is a whole word)."""
    return len(token) == 1 and token.isascii()


def _different_names(a: str, b: str) -> bool:
    """Look-alike words that are two names, not one name misspelt."""
    if known_different_names(a, b) or gendered_pair(a, b):
        return True
    # where one is a known name: a vowel of another sound between the same
    # consonants, or another last letter
    if not (is_known_name(a) or is_known_name(b)):
        return False
    return vowels_tell_apart(a, b) or last_letter_tells_apart(a, b)


def align(query: list[str], listed: list[str], *, person: bool = True) -> list[Pair]:
    """Best-first one-to-one pairing of words, any order."""
    options = []
    for qi, q in enumerate(query):
        for li, c in enumerate(listed):
            similarity, how = word_similarity(q, c, person)
            if similarity > 0:
                options.append((similarity, -abs(qi - li), qi, li, how))
    options.sort(reverse=True)
    used_q: set[int] = set()
    used_l: set[int] = set()
    pairs = []
    for similarity, _, qi, li, how in options:
        if qi in used_q or li in used_l:
            continue
        used_q.add(qi)
        used_l.add(li)
        pairs.append(Pair(qi, li, similarity, how))
    return sorted(pairs, key=lambda p: p.query_index)


@dataclass(frozen=True)
class NameScore:
    score: float
    pairs: list[Pair]
    query_weights: list[float]
    listed_weights: list[float]
    gate: str | None  # why the names cannot match whatever the score, or None
    substituted: bool = False  # each name kept a word of its own (SUBSTITUTED_WORD_MIN_WEIGHT)


def score_names(
    query: list[str],
    query_weights: list[float],
    listed: list[str],
    listed_weights: list[float],
    *,
    kind: str,
) -> NameScore:
    pairs = align(query, listed, person=kind == "person")
    qw = [_effective_weight(w, t) for w, t in zip(query_weights, query, strict=True)]
    lw = [_effective_weight(w, t) for w, t in zip(listed_weights, listed, strict=True)]
    for p in pairs:
        if p.how in PARTICLE_PAIRS:
            qw[p.query_index] = lw[p.listed_index] = min(qw[p.query_index], lw[p.listed_index])
    top = sum(p.similarity * (qw[p.query_index] + lw[p.listed_index]) for p in pairs)
    substituted = kind == "person" and _each_side_has_its_own_word(pairs, qw, lw, CONTENT_WORD_WEIGHT)
    unpaired = _unpaired_weight(pairs, qw, lw, kind=kind, substituted=substituted)
    bottom = _paired_weight(pairs, qw, lw) + unpaired
    score = top / bottom if bottom else 0.0
    gate = _gate(query, listed, pairs, qw, lw, kind=kind)
    return NameScore(round(min(score, 1.0), 4), pairs, qw, lw, gate, substituted)


def content_word_count(words: list[str], weights: list[float]) -> int:
    """How many words the gates count as distinctive (see `_gate`)."""
    return sum(_effective_weight(w, t) >= CONTENT_WORD_WEIGHT for t, w in zip(words, weights, strict=True))


def could_pass_gates(kind: str, query_content: int, listed_content: int, evidence: float) -> bool:
    """A cheap necessary condition for `_gate` to return None, from word counts and an
    upper bound of the paired evidence: used to prune candidates before alignment."""
    if not query_content or not listed_content:
        return False
    if query_content == 1 or listed_content == 1:
        return kind != "person" and query_content == listed_content
    return query_content == listed_content or evidence >= MIN_PARTIAL_EVIDENCE


def _effective_weight(weight: float, token: str) -> float:
    return min(weight, INITIAL_MAX_WEIGHT) if is_initial(token) else weight


def _paired_weight(pairs: list[Pair], qw: list[float], lw: list[float]) -> float:
    return sum(qw[p.query_index] + lw[p.listed_index] for p in pairs)


def _unpaired_weight(
    pairs: list[Pair], qw: list[float], lw: list[float], *, kind: str, substituted: bool = False
) -> float:
    q_left = [i for i in range(len(qw)) if i not in {p.query_index for p in pairs}]
    l_left = [i for i in range(len(lw)) if i not in {p.listed_index for p in pairs}]
    q_cost = sum(_substituted_cost(qw[i], substituted) for i in q_left)
    l_cost = sum(_substituted_cost(lw[i], substituted) for i in l_left)
    # A middle name given on one side only (and nothing else unshared) is a
    # weaker signal than a different name: people drop middle names.
    if kind == "person" and not q_left and _all_middle(l_left, len(lw)):
        l_cost *= UNSHARED_MIDDLE_FACTOR
    if kind == "person" and not l_left and _all_middle(q_left, len(qw)):
        q_cost *= UNSHARED_MIDDLE_FACTOR
    return q_cost + l_cost


def _substituted_cost(weight: float, substituted: bool) -> float:
    if substituted and weight >= CONTENT_WORD_WEIGHT:
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


def _gate(query: list[str], listed: list[str], pairs: list[Pair], qw, lw, *, kind: str) -> str | None:
    if min(_letters(query, qw), _letters(listed, lw)) < MIN_FUZZY_LENGTH:
        return "short_name_needs_exact_match"
    q_content = {i for i, w in enumerate(qw) if w >= CONTENT_WORD_WEIGHT}
    l_content = {i for i, w in enumerate(lw) if w >= CONTENT_WORD_WEIGHT}
    paired = [p for p in pairs if p.query_index in q_content and p.listed_index in l_content]
    if not q_content or not l_content:
        return "no_distinctive_word"
    if len(q_content) == 1 or len(l_content) == 1:
        return _single_word_gate(query, qw, q_content, l_content, paired, kind=kind)
    if kind != "person" and _each_side_has_its_own_word(pairs, qw, lw, TYPE_WORD_WEIGHT):
        return "organisations_differ_in_a_word"  # ... Trust is not ... Bank; (Sweden) not (Finland)
    partial = len(paired) < max(len(q_content), len(l_content))
    evidence = sum(p.similarity * min(qw[p.query_index], lw[p.listed_index]) for p in paired)
    if partial and evidence < MIN_PARTIAL_EVIDENCE:
        return "partial_match_of_common_words"  # Muhammad Khan is not Muhammad Imran Khan
    if kind == "person" and len(paired) < 2:
        return "person_needs_two_aligned_words"
    if kind == "person" and not any(p.how in SURE_PAIRS for p in paired):
        return "person_needs_one_word_spelled_alike"  # two typos at once is another name
    return None


# A word weighing this much says what the organisation is (Trust, Bank, Ltd);
# lighter ones (the, of, al) are only structure.
TYPE_WORD_WEIGHT = 0.05


def _each_side_has_its_own_word(pairs: list[Pair], qw: list[float], lw: list[float], least: float) -> bool:
    """Both names keep a word of their own (weighing at least `least`), a distinctive
    one on at least one side: for organisations one word apart is another
    organisation, even when the word is a type noun."""
    q_own = [w for i, w in enumerate(qw) if i not in {p.query_index for p in pairs} and w >= least]
    l_own = [w for i, w in enumerate(lw) if i not in {p.listed_index for p in pairs} and w >= least]
    return bool(q_own) and bool(l_own) and max(q_own + l_own) >= CONTENT_WORD_WEIGHT


# Pairs that are the same name for certain, not a guess from edit distance.
SURE_PAIRS = frozenset(
    {
        "exact",
        "spelling_variant",
        "same_name",
        "nickname",
        "same_name_in_another_script",
        "written_in_another_script",
    }
)


def _single_word_gate(query, qw, q_content, l_content, paired, *, kind: str) -> str | None:
    """One distinctive word (Hizballah, a mononym): it must be the whole name on both sides."""
    if kind == "person":
        return "single_word_name_needs_exact_match"
    if len(q_content) != len(l_content) or not paired:
        return "single_word_name_must_be_whole_name"
    if _letters(query, qw) < MIN_SINGLE_WORD_FUZZY_LENGTH:
        return "short_name_needs_exact_match"  # the word and its particles: Al Qaida
    return None


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
