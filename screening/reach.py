"""Retrieval keys for long listed words two letters from a query word.

`screening.scoring.word_similarity` pairs two words by their Indel ratio when it
is 0.8 or more and they are at most MAX_TYPOS apart, and a person's words more
than one typo apart only when both have TWO_TYPO_MIN_LETTERS: a long word two
letters changed, added or dropped (Stellaris and Stellantis, 0.84; Hallstrandss
and Hallstrandsson, 0.92). One-letter deletions on both sides
(`screening.matching._word_keys`) and the query's two-letter deletions against
them do not meet a listed word with two letters the query lacks. A listed
word's two-letter deletions do, met by the query's word, its one-letter
deletions and, from ten letters, its two-letter deletions.

Only words of TWO_TYPO_MIN_LETTERS or more are reached so, an organisation's
too, although the score pairs an organisation's words from four letters: Bebe
and Bebelu (0.8) are two names, and pairing them is for the score to refuse,
not for retrieval to find; at a million aliases most words have six to eight
letters, and their two-letter deletions would be 15 to 28 keys a word. The keys
are kept in a table of their own, never the one the query's weights are read
from, so a query's weights and so its scores stay as they were: only more
aliases are scored.
"""

from .scoring import TWO_TYPO_MIN_LETTERS

# No name word is this long; an absurd one must not cost its length squared.
MAX_REACH_WORD_LENGTH = 40
# The shortest word reached two letters away, and the shortest listed word whose
# two-letter deletions are indexed (it has two letters the query lacks).
SHORTEST_REACHED = TWO_TYPO_MIN_LETTERS
LISTED_TWO_DELETION_MIN_LENGTH = SHORTEST_REACHED + 1
# A query word two letters changed from a listed word of its length: Indel distance
# 4, a ratio of 0.8 only from ten letters.
QUERY_TWO_DELETION_MIN_LENGTH = 10


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _two_deletions(word: str) -> set[str]:
    return {
        word[:i] + word[i + 1 : j] + word[j + 1 :] for i in range(len(word)) for j in range(i + 1, len(word))
    }


def listed_far_keys(word: str) -> set[str]:
    """A listed word's keys for the far table: its two-letter deletions."""
    if not (LISTED_TWO_DELETION_MIN_LENGTH <= len(word) <= MAX_REACH_WORD_LENGTH and word.isalpha()):
        return set()
    return {"w:" + k for k in _two_deletions(word)}


def query_far_keys(word: str) -> set[str]:
    """A query word's keys meeting `listed_far_keys`."""
    if not (SHORTEST_REACHED <= len(word) <= MAX_REACH_WORD_LENGTH and word.isalpha()):
        return set()
    keys = {word} | _deletions(word)
    if len(word) >= QUERY_TWO_DELETION_MIN_LENGTH:
        keys |= _two_deletions(word)
    return {"w:" + k for k in keys}
