"""The matcher: pure functions over names and an in-memory index.

No database access here. `MatchIndex` is built from `IndexedName`s (one per
name or alias of a source entry) and answers `NameQuery`s with `NameMatch`es,
each carrying an explanation a reviewer can read. Anything implementing this
interface can replace it without touching the API or the services.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .normalise import normalise

MATCHER_NAME = "token-fuzzy-v1"
# Names shorter than this (acronyms such as PKK, ISIL) match only exactly.
MIN_FUZZY_LENGTH = 6
# Years apart beyond which two dates of birth are clearly different people.
DOB_TOLERANCE_YEARS = 1


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
    """Token-indexed names: a query only scores names that share a token with it."""

    def __init__(self, names: Iterable[IndexedName]):
        self._names: list[tuple[IndexedName, str]] = []
        self._by_token: dict[str, list[int]] = defaultdict(list)
        for name in names:
            normalised = normalise(name.name)
            if not normalised:
                continue
            position = len(self._names)
            self._names.append((name, normalised))
            for token in set(normalised.split()):
                self._by_token[token].append(position)

    def __len__(self) -> int:
        return len(self._names)

    def match(self, query: NameQuery, *, threshold: float) -> list[NameMatch]:
        """Matches at or above threshold, the best per entry, best first."""
        normalised = normalise(query.name)
        best: dict[int, NameMatch] = {}
        for position in self._candidates(normalised):
            indexed, candidate = self._names[position]
            found = score_pair(query, normalised, indexed, candidate, threshold=threshold)
            if found and found.score > getattr(best.get(indexed.entry_pk), "score", -1):
                best[indexed.entry_pk] = found
        return sorted(best.values(), key=lambda m: (-m.score, m.source, m.entry_id))

    def mentions(self, text: str, *, threshold: float) -> list[NameMatch]:
        """Organisation names or aliases of two or more words found whole in free text."""
        haystack = f" {normalise(text)} "
        found: dict[int, NameMatch] = {}
        for position in self._candidates(haystack.strip()):
            indexed, candidate = self._names[position]
            if indexed.kind != "organisation" or " " not in candidate:
                continue
            if f" {candidate} " in haystack and indexed.entry_pk not in found:
                found[indexed.entry_pk] = NameMatch(
                    entry_pk=indexed.entry_pk,
                    source=indexed.source,
                    entry_id=indexed.entry_id,
                    matched_name=indexed.name,
                    score=1.0,
                    explanation={
                        "method": "mention",
                        "matched_name": indexed.name,
                        "matched_tokens": candidate.split(),
                        "score": 1.0,
                        "threshold": threshold,
                    },
                )
        return sorted(found.values(), key=lambda m: (m.source, m.entry_id))

    def _candidates(self, normalised: str) -> set[int]:
        positions: set[int] = set()
        for token in set(normalised.split()):
            positions.update(self._by_token.get(token, ()))
        return positions


def score_pair(
    query: NameQuery, normalised: str, indexed: IndexedName, candidate: str, *, threshold: float
) -> NameMatch | None:
    if indexed.kind != query.kind:
        return None
    exact = normalised == candidate
    fuzzy_allowed = indexed.strength != "weak" and min(len(normalised), len(candidate)) >= MIN_FUZZY_LENGTH
    if not exact and not fuzzy_allowed:
        return None
    similarity = 1.0 if exact else fuzz.token_sort_ratio(normalised, candidate) / 100
    dob = compare_birth_dates(query.date_of_birth, indexed.birth_dates)
    score = similarity
    if dob == "different":
        score = 0.0
    if score < threshold:
        return None
    return NameMatch(
        entry_pk=indexed.entry_pk,
        source=indexed.source,
        entry_id=indexed.entry_id,
        matched_name=indexed.name,
        score=round(score, 4),
        explanation={
            "method": "exact" if exact else "fuzzy",
            "query_normalised": normalised,
            "matched_name": indexed.name,
            "matched_normalised": candidate,
            "matched_strength": indexed.strength,
            "matched_tokens": sorted(set(normalised.split()) & set(candidate.split())),
            "similarity": round(similarity, 4),
            "date_of_birth": dob,
            "score": round(score, 4),
            "threshold": threshold,
        },
    )


def compare_birth_dates(query_dob: str | None, entry_dobs: tuple[str, ...]) -> str:
    """'same', 'different' or 'unknown', comparing years (and more when both have it)."""
    if not query_dob or not entry_dobs:
        return "unknown"
    if any(_dates_agree(query_dob, d) for d in entry_dobs):
        return "same"
    return "different"


def _dates_agree(a: str, b: str) -> bool:
    try:
        years_apart = abs(int(a[:4]) - int(b[:4]))
    except ValueError:
        return True  # an unreadable date cannot prove two people different
    shared = min(len(a), len(b))
    if shared > 4:
        return a[:shared] == b[:shared]
    return years_apart <= DOB_TOLERANCE_YEARS
