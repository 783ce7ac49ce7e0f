"""One person listed alone, and what a query scores against them (tests of single rules)."""

from screening.matching import IndexedName, MatchIndex, NameMatch, NameQuery

THRESHOLD = 0.8


def best(listed: str, query: str) -> NameMatch | None:
    index = MatchIndex([IndexedName(1, "src", "e-1", "person", listed, "primary")])
    found = index.match(NameQuery(query, "person"), threshold=0.01)
    return found[0] if found else None


def flagged(listed: str, query: str) -> bool:
    match = best(listed, query)
    return match is not None and match.score >= THRESHOLD
