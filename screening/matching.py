"""The matcher: pure functions over names and an in-memory index.

No database access here. `MatchIndex` is built from `IndexedName`s (one per
name or alias of a source entry) and answers `NameQuery`s with `NameMatch`es,
each carrying an explanation a reviewer can read. Anything implementing this
interface can replace it without touching the API or the services.

How a query is answered (docs/matching.md has the reasoning):

1. exact look-up of the name's letters run together (acronyms, weak aliases,
   Hizbut Tahrir / Hizb-ut-Tahrir), the only way short names and weak aliases match;
2. candidate retrieval: each query word is expanded to the listed words within
   one edit of it or of its spelling family, and only aliases carrying those
   words are considered; words so common that their alias lists are long are
   only used to confirm candidates other words found (or intersected together);
3. an upper bound on the score prunes candidates before the full alignment;
4. the full rarity-weighted alignment (screening.scoring), gates, and the
   date-of-birth check.
"""

from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .normalise import compact, name_tokens, normalise, skeleton
from .rarity import UNKNOWN_WEIGHT, general_weights, word_weight
from .scoring import (
    DOB_SAME_BONUS,
    MIN_FUZZY_LENGTH,
    NameScore,
    compare_birth_dates,
    score_names,
    word_similarity,
)

MATCHER_NAME = "rarity-align-v2"
# Alias lists longer than this are not scanned word by word (see module docstring).
LONG_POSTING = 2000
# The pruning bound may underestimate a little when spelling variants weigh differently.
BOUND_SLACK = 1.15
# A mention needs a phrase whose words weigh at least this much together, or a
# single listed word at least this rare and long.
MENTION_MIN_WEIGHT = 0.25
MENTION_SINGLE_WORD_MIN_LENGTH = 6
MENTION_SINGLE_WORD_MIN_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class IndexedName:
    entry_pk: int
    source: str
    entry_id: str
    kind: str
    name: str
    strength: str
    birth_dates: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NameQuery:
    name: str
    kind: str
    date_of_birth: str | None = None


@dataclass(frozen=True, slots=True)
class NameMatch:
    entry_pk: int
    source: str
    entry_id: str
    matched_name: str
    score: float
    explanation: dict = field(compare=False)


class MatchIndex:
    """Aliases indexed by word, fuzzy word key and run-together letters."""

    def __init__(self, names: Iterable[IndexedName], *, general: dict[str, float] | None = None):
        self._general = general if general is not None else general_weights()
        self._aliases: list[IndexedName] = []
        self._alias_words: list[tuple[int, ...]] = []
        self._word_id: dict[str, int] = {}
        self._words: list[str] = []
        self._postings: list[list[int] | array] = []
        self._by_letters: dict[str, list[int]] = defaultdict(list)
        for indexed in names:
            self._add(indexed)
        self._freeze()

    # -- building -------------------------------------------------------

    def _add(self, indexed: IndexedName) -> None:
        words = name_tokens(indexed.name, indexed.kind)
        if not words:
            return
        position = len(self._aliases)
        self._aliases.append(indexed)
        ids = tuple(self._intern(word) for word in words)
        self._alias_words.append(ids)
        for word_id in set(ids):
            self._postings[word_id].append(position)
        for key in _letter_keys(indexed.name, indexed.kind):
            self._by_letters[key].append(position)

    def _intern(self, word: str) -> int:
        word_id = self._word_id.get(word)
        if word_id is None:
            word_id = self._word_id[word] = len(self._words)
            self._words.append(word)
            self._postings.append([])
        return word_id

    def _freeze(self) -> None:
        self._postings = [array("I", p) for p in self._postings]
        self._weights = array(
            "f",
            (
                word_weight(w, len(p), self._general)
                for w, p in zip(self._words, self._postings, strict=True)
            ),
        )
        self._by_letters = dict(self._by_letters)
        self._neighbours: dict[int, list[int]] = defaultdict(list)
        for word_id, word in enumerate(self._words):
            for key in _word_keys(word):
                self._neighbours[hash(key)].append(word_id)
        self._neighbours = dict(self._neighbours)
        self._long_sets: dict[int, frozenset[int]] = {}
        self._mention_by_word = self._mention_keys()

    def _mention_keys(self) -> dict[int, list[int]]:
        """Organisation aliases that may be named in free text, keyed by their rarest word."""
        keys: dict[int, list[int]] = defaultdict(list)
        for position, indexed in enumerate(self._aliases):
            ids = self._alias_words[position]
            if (
                indexed.kind == "organisation"
                and indexed.strength != "weak"
                and self._mentionable(ids)
            ):
                keys[min(ids, key=lambda i: len(self._postings[i]))].append(position)
        return dict(keys)

    def _mentionable(self, ids: tuple[int, ...]) -> bool:
        if len(ids) == 1:
            word = self._words[ids[0]]
            return (
                len(word) >= MENTION_SINGLE_WORD_MIN_LENGTH
                and self._weights[ids[0]] >= MENTION_SINGLE_WORD_MIN_WEIGHT
            )
        return sum(self._weights[i] for i in ids) >= MENTION_MIN_WEIGHT

    def __len__(self) -> int:
        return len(self._aliases)

    # -- matching -------------------------------------------------------

    def match(self, query: NameQuery, *, threshold: float) -> list[NameMatch]:
        """Matches at or above threshold, the best per entry, best first."""
        words = name_tokens(query.name, query.kind)
        if not words:
            return []
        best: dict[int, NameMatch] = {}
        exact = self._exact_positions(query)
        for position in exact:
            self._keep_best(best, self._exact_match(query, words, position, threshold))
        for position in self._candidates(query, words, threshold) - exact:
            self._keep_best(best, self._fuzzy_match(query, words, position, threshold))
        return sorted(best.values(), key=lambda m: (-m.score, m.source, m.entry_id))

    @staticmethod
    def _keep_best(best: dict[int, NameMatch], found: "NameMatch | None") -> None:
        if found and found.score > getattr(best.get(found.entry_pk), "score", -1):
            best[found.entry_pk] = found

    def _exact_positions(self, query: NameQuery) -> set[int]:
        positions: set[int] = set()
        for key in _letter_keys(query.name, query.kind):
            positions.update(self._by_letters.get(key, ()))
        return {p for p in positions if self._aliases[p].kind == query.kind}

    def _query_weight(self, word: str) -> float:
        word_id = self._word_id.get(word)
        if word_id is not None:
            return self._weights[word_id]
        return word_weight(word, 0, self._general)

    def _expand(self, word: str) -> list[tuple[int, float]]:
        """Listed words close enough to pair with this query word."""
        found: dict[int, float] = {}
        for key in _word_keys(word):
            for word_id in self._neighbours.get(hash(key), ()):
                if word_id not in found:
                    found[word_id] = word_similarity(word, self._words[word_id])[0]
        return [(i, s) for i, s in found.items() if s > 0]

    def _candidates(self, query: NameQuery, words: list[str], threshold: float) -> set[int]:
        """Aliases worth scoring in full: their upper-bound score can reach the threshold."""
        weights = [self._query_weight(w) for w in words]
        score_bound: dict[int, float] = defaultdict(float)
        long_lists: list[tuple[int, float, list[int]]] = []  # (query word, weight, word ids)
        for qi, word in enumerate(words):
            if len(word) == 1:
                continue  # an initial never retrieves on its own
            long_ids = []
            for word_id, similarity in self._expand(word):
                posting = self._postings[word_id]
                if len(posting) > LONG_POSTING:
                    long_ids.append(word_id)
                    continue
                for position in posting:
                    score_bound[position] += weights[qi] * similarity
            if long_ids:
                long_lists.append((qi, weights[qi], long_ids))
        if not score_bound and len(long_lists) >= 2:
            self._seed_from_common_words(score_bound, long_lists)
        for _, weight, long_ids in long_lists:
            sets = [self._long_set(i) for i in long_ids]
            for position in score_bound:
                if any(position in s for s in sets):
                    score_bound[position] += weight
        return self._prune(query, weights, score_bound, threshold)

    def _seed_from_common_words(self, score_bound, long_lists) -> None:
        """Every query word is common: only aliases carrying two of them are candidates."""
        by_size = sorted(long_lists, key=lambda x: sum(len(self._postings[i]) for i in x[2]))
        (_, _, first), (_, _, second) = by_size[:2]
        second_sets = [self._long_set(i) for i in second]
        for word_id in first:
            for position in self._postings[word_id]:
                if any(position in s for s in second_sets):
                    score_bound[position] += 0.0  # scored below, by the long-list pass

    def _long_set(self, word_id: int) -> frozenset[int]:
        cached = self._long_sets.get(word_id)
        if cached is None:
            cached = self._long_sets[word_id] = frozenset(self._postings[word_id])
        return cached

    def _prune(self, query: NameQuery, weights: list[float], score_bound, threshold) -> set[int]:
        query_total = sum(weights)
        bound = max(0.0, threshold - DOB_SAME_BONUS)
        kept = set()
        for position, matched in score_bound.items():
            indexed = self._aliases[position]
            if indexed.kind != query.kind or indexed.strength == "weak":
                continue
            listed_total = sum(self._weights[i] for i in self._alias_words[position])
            if 2 * matched * BOUND_SLACK >= bound * (query_total + listed_total):
                kept.add(position)
        return kept

    def _listed(self, position: int) -> tuple[list[str], list[float]]:
        ids = self._alias_words[position]
        return [self._words[i] for i in ids], [self._weights[i] for i in ids]

    def _exact_match(self, query, words, position, threshold) -> "NameMatch | None":
        listed, listed_weights = self._listed(position)
        scored = score_names(
            words, [self._query_weight(w) for w in words], listed, listed_weights, kind=query.kind
        )
        return self._finish(
            query, words, position, scored, threshold, method="exact", name_score=1.0
        )

    def _fuzzy_match(self, query, words, position, threshold) -> "NameMatch | None":
        listed, listed_weights = self._listed(position)
        weights = [self._query_weight(w) for w in words]
        scored = score_names(words, weights, listed, listed_weights, kind=query.kind)
        if scored.gate:
            return None
        return self._finish(
            query, words, position, scored, threshold, method="aligned", name_score=scored.score
        )

    def _finish(self, query, words, position, scored: NameScore, threshold, *, method, name_score):
        indexed = self._aliases[position]
        dob = compare_birth_dates(query.date_of_birth, indexed.birth_dates)
        score = _apply_birth_dates(name_score, dob)
        if score < threshold:
            return None
        listed, _ = self._listed(position)
        return NameMatch(
            entry_pk=indexed.entry_pk,
            source=indexed.source,
            entry_id=indexed.entry_id,
            matched_name=indexed.name,
            score=score,
            explanation=_explain(
                query, words, indexed, listed, scored, method, name_score, dob, score, threshold
            ),
        )

    # -- mentions in free text -------------------------------------------

    def mentions(self, text: str, *, threshold: float) -> list[NameMatch]:
        """Organisation names or aliases found as whole phrases in free text."""
        words = name_tokens(text, "organisation")
        found: dict[int, NameMatch] = {}
        seen: set[int] = set()
        for word in set(words):
            word_id = self._word_id.get(word)
            for position in self._mention_by_word.get(word_id, ()) if word_id is not None else ():
                if position in seen:
                    continue
                seen.add(position)
                start = _find_phrase(words, [self._words[i] for i in self._alias_words[position]])
                indexed = self._aliases[position]
                if start is not None and indexed.entry_pk not in found:
                    found[indexed.entry_pk] = self._mention(indexed, position, start, threshold)
        return sorted(found.values(), key=lambda m: (m.source, m.entry_id))

    def _mention(
        self, indexed: IndexedName, position: int, start: int, threshold: float
    ) -> NameMatch:
        listed, weights = self._listed(position)
        return NameMatch(
            entry_pk=indexed.entry_pk,
            source=indexed.source,
            entry_id=indexed.entry_id,
            matched_name=indexed.name,
            score=1.0,
            explanation={
                "matcher": MATCHER_NAME,
                "method": "mention",
                "matched_name": indexed.name,
                "matched_strength": indexed.strength,
                "matched_tokens": listed,
                "token_weights": [round(w, 3) for w in weights],
                "position_in_text": start,
                "score": 1.0,
                "threshold": threshold,
            },
        )


def _letter_keys(name: str, kind: str) -> set[str]:
    """Run-together letters as written, and with particles folded: the exact keys."""
    raw = compact(normalise(name).split())
    folded = compact(name_tokens(name, kind))
    return {k for k in (raw, folded) if k}


def _word_keys(word: str) -> set[str]:
    """Fuzzy keys: the word, its one-letter deletions (typos), its consonant skeleton."""
    keys = {"w:" + word}
    if len(word) >= 4:
        keys.update("w:" + word[:i] + word[i + 1 :] for i in range(len(word)))
    if len(word) >= 3:
        keys.add("s:" + skeleton(word))
    return keys


def _find_phrase(words: list[str], phrase: list[str]) -> int | None:
    n = len(phrase)
    for start in range(len(words) - n + 1):
        if words[start : start + n] == phrase:
            return start
    return None


def _apply_birth_dates(name_score: float, dob: str) -> float:
    if dob == "different":
        return 0.0
    if dob == "same":
        return round(min(1.0, name_score + DOB_SAME_BONUS), 4)
    return round(name_score, 4)


_DOB_EFFECT = {
    "different": "not flagged: the dates of birth are clearly different people",
    "same": f"confidence raised by {DOB_SAME_BONUS}: the dates of birth agree",
    "close": "no effect: the dates of birth are within a year or agree only to the year",
    "unknown": "no effect: the query or the entry has no date of birth",
}


def _explain(
    query, words, indexed, listed, scored: NameScore, method, name_score, dob, score, threshold
):
    return {
        "matcher": MATCHER_NAME,
        "method": method,
        "query_normalised": " ".join(words),
        "matched_name": indexed.name,
        "matched_normalised": " ".join(listed),
        "matched_strength": indexed.strength,
        "alignment": [
            {
                "query_token": words[p.query_index],
                "matched_token": listed[p.listed_index],
                "similarity": round(p.similarity, 3),
                "how": p.how,
                "query_weight": round(scored.query_weights[p.query_index], 3),
                "matched_weight": round(scored.listed_weights[p.listed_index], 3),
            }
            for p in scored.pairs
        ],
        "unmatched_query_tokens": _unpaired(
            words, scored.query_weights, {p.query_index for p in scored.pairs}
        ),
        "unmatched_matched_tokens": _unpaired(
            listed, scored.listed_weights, {p.listed_index for p in scored.pairs}
        ),
        "matched_tokens": sorted({words[p.query_index] for p in scored.pairs}),
        "name_score": name_score,
        "date_of_birth": {
            "outcome": dob,
            "query": query.date_of_birth,
            "entry": list(indexed.birth_dates),
            "effect": _DOB_EFFECT[dob],
        },
        "score": score,
        "threshold": threshold,
    }


def _unpaired(words: list[str], weights: list[float], paired: set[int]) -> list[dict]:
    return [
        {"token": w, "weight": round(weights[i], 3)} for i, w in enumerate(words) if i not in paired
    ]


__all__ = [
    "MATCHER_NAME",
    "IndexedName",
    "NameQuery",
    "NameMatch",
    "MatchIndex",
    "MIN_FUZZY_LENGTH",
    "UNKNOWN_WEIGHT",
]
