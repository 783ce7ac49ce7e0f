"""Retrieval never drops a candidate the full score would pass (issue 17).

Brute force: a `Scored` index scores every alias in full, joins tried for every
query, no retrieval and no bound. Over a generated list (people and
organisations, words of 4 to 14 letters, some common, some written apart or
together) and queries made from listed names by the edits a careless or hostile
hirer makes (two letters changed, added or dropped in a long word, letters added
or dropped at either end, words run together or split), and innocent names, the
real index must give exactly the matches the brute force gives at the review
threshold: retrieval only saves work.
"""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from screening.matching import (
    _JOINING_WORDS,
    MIN_PERSON_SPLIT_TYPO_LENGTH,
    IndexedName,
    MatchIndex,
    NameQuery,
)
from screening.reach import SHORTEST_REACHED

THRESHOLD = 0.8
SYLLABLES = ["ka", "ri", "mo", "ta", "ne", "lu", "sa", "vo", "de", "mi", "zo", "ber", "han", "tis", "gor"]
COMMON = ["Muhammad", "Ali", "Ahmed", "John", "Smith", "Khan", "Maria", "Hassan", "Global", "Trust", "Group"]
# Named pairs of issue 17: a long word two edits away, words written apart or together.
NAMED = [
    ("organisation", "Stellantis Holding"),
    ("person", "Abu Bakr Zorvathi"),
    ("person", "Abubakr Tellfort"),
    ("organisation", "Al Qaida Network"),
    ("organisation", "Alqaida Brigades"),
    ("person", "Lewandowski Agnieszka Neluhazo"),
    ("person", "Kristoffersen Hallstrandsson"),
    ("organisation", "Northgate Relief Fund Ltd"),
]


def _generated_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5))).capitalize()


def _generated_list(size: int) -> list[tuple[str, str]]:
    rng = random.Random(17)
    listed = list(NAMED)
    while len(listed) < size:
        words = [_generated_word(rng) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.4:
            words.insert(rng.randrange(len(words) + 1), rng.choice(COMMON))
        kind = "person" if rng.random() < 0.7 else "organisation"
        listed.append((kind, " ".join(words)))
    return listed


LISTED = _generated_list(160)


class Scored(MatchIndex):
    """Every alias scored in full, words written together or apart tried for every query."""

    def _candidates(self, query, words, near, weights, threshold, *retrieved):
        return {p for p in range(len(self)) if self._aliases[p].strength != "weak"}

    @staticmethod
    def _may_join(words, joined):
        return True


def _indexes(listed):
    names = [IndexedName(i, "src", f"e-{i}", kind, name, "primary") for i, (kind, name) in enumerate(listed)]
    return MatchIndex(names), Scored(names)


FAST, SLOW = _indexes(LISTED)
# and names of common words only, which a query of common words written again and
# again reaches (docs/matching.md §7 leaves them out of reach of some edits: not here)
REPEATED_LISTED = LISTED + [
    ("person", "Ali Hassan"),
    ("person", "Muhammad Ali Khan"),
    ("person", "Maria Smith"),
    ("organisation", "Global Trust Group"),
]
FAST_REPEATED, SLOW_REPEATED = _indexes(REPEATED_LISTED)


def _same_matches(name: str, kind: str) -> None:
    fast = FAST.match(NameQuery(name, kind), threshold=THRESHOLD, discounted=True)
    slow = SLOW.match(NameQuery(name, kind), threshold=THRESHOLD, discounted=True)
    missed = [m for m in slow if m.entry_id not in {f.entry_id for f in fast}]
    assert all(_out_of_reach(m, kind) for m in missed), [(m.matched_name, m.score) for m in missed]
    assert [(m.entry_id, m.score) for m in fast] == [(m.entry_id, m.score) for m in slow if m not in missed]


def _out_of_reach(match, kind: str) -> bool:
    """The limits docs/matching.md §7 documents: two letters or more away, words are
    reached only from nine letters, an organisation's too (Bebelu and Bebe, 0.8);
    and `_split_with_a_typo`."""
    person = kind == "person" or LISTED[int(match.entry_id[2:])][0] == "person"  # as scored
    for a in match.explanation["alignment"]:
        if a["how"] in ("fuzzy", "written_as_one_word") and _far_and_short(
            a["query_token"], a["matched_token"]
        ):
            return True
        if a["how"] == "written_as_one_word" and _split_with_a_typo(a, person, kind == "person"):
            return True
    return False


def _far_and_short(query: str, listed: str) -> bool:
    query, listed = query.replace(" ", ""), listed.replace(" ", "")  # run together: Ha Nhan
    common = _common_letters(query, listed)
    return min(len(query), len(listed)) < SHORTEST_REACHED and max(len(query), len(listed)) - common >= 2


def _split_with_a_typo(pair: dict, person: bool, query_person: bool) -> bool:
    """A query word against two listed words run together with a typo, where
    retrieval does not look for it (cost): the word is itself within a typo of a
    listed word (Alqauida: alqaida), or a person's word under
    MIN_PERSON_SPLIT_TYPO_LENGTH letters beside no particle."""
    one, apart = pair["query_token"], pair["matched_token"].split()
    if len(apart) != 2 or " " in one:
        return False
    return (
        bool(FAST._expand(one, query_person))
        or (person and len(one) < MIN_PERSON_SPLIT_TYPO_LENGTH and not (set(apart) & _JOINING_WORDS))
        or _typo_half_pairs_only_joined(one, apart, query_person)
    )


def _typo_half_pairs_only_joined(one: str, apart: list[str], query_person: bool) -> bool:
    """The half with the typo is not within a typo of its listed word on its own, though
    the whole word is of the two run together (Zonegorluaeli: zonegorlu ali, where aeli
    alone does not pair with ali): retrieval looks the half up as a word."""
    head, tail = apart
    if one.startswith(head):
        rest, listed = one[len(head) :], tail
    elif one.endswith(tail):
        rest, listed = one[: -len(tail)], head
    else:
        return False
    return FAST._word_id.get(listed) not in {i for i, _ in FAST._expand(rest, query_person)}


def _common_letters(a: str, b: str) -> int:
    return (len(a) + len(b) - Indel.distance(a, b)) // 2


def _edit(word: str, draw) -> str:
    """One letter changed, added or dropped somewhere in the word."""
    at = draw(st.integers(0, len(word)))
    letter = draw(st.sampled_from("aeiounrstk"))
    how = draw(st.sampled_from(["change", "add", "drop"]))
    if how == "add":
        return word[:at] + letter + word[at:]
    if len(word) <= 4:
        return word
    at = min(at, len(word) - 1)
    return word[:at] + (letter if how == "change" else "") + word[at + 1 :]


@st.composite
def near_names(draw):
    """A listed name with one of the edits retrieval must reach, and maybe a typo,
    a word moved or the kind swapped."""
    kind, name = draw(st.sampled_from(LISTED))
    words = name.split()
    i = draw(st.integers(0, len(words) - 1))
    if draw(st.booleans()) and len(words) > 1:  # and a typo in another word
        j = draw(st.integers(0, len(words) - 2))
        j += j >= i
        words[j] = _edit(words[j], draw)
    edit = draw(st.sampled_from(["two_edits", "ends", "join", "split"]))
    if edit == "two_edits":
        # inside the word only where it is long (screening.reach): shorter, at one end
        words[i] = _edit(_edit(words[i], draw), draw) if len(words[i]) >= 9 else _edit(words[i], draw)
    elif edit == "ends":
        k = draw(st.integers(1, 2))  # the score pairs no word three typos away
        if draw(st.booleans()):  # the word with letters added at one end, or dropped
            extra = "".join(draw(st.lists(st.sampled_from("aeiounrs"), min_size=k, max_size=k)))
            words[i] = extra + words[i] if draw(st.booleans()) else words[i] + extra
        elif len(words[i]) - k >= 4:
            words[i] = words[i][k:] if draw(st.booleans()) else words[i][:-k]
    elif edit == "join" and len(words) > 1:
        i = min(i, len(words) - 2)
        words[i : i + 2] = [words[i] + words[i + 1].lower()]
    elif edit == "split" and len(words[i]) >= 6:
        cut = draw(st.integers(2, len(words[i]) - 2))
        words[i : i + 1] = [words[i][:cut], words[i][cut:].capitalize()]
    if draw(st.booleans()):
        words = draw(st.permutations(words))
    kind = draw(st.sampled_from([kind, kind, "person", "organisation"]))
    return " ".join(words), kind


@st.composite
def innocent_names(draw):
    rng = random.Random(draw(st.integers(0, 10**6)))
    words = [_generated_word(rng) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.5:
        words.append(rng.choice(COMMON))
    return " ".join(words), draw(st.sampled_from(["person", "organisation"]))


@st.composite
def repeated_names(draw):
    """A listed name, or common words, with words written again and again: the bound
    lets each listed word pair once, whatever the query repeats (Ali Hassan Ali Hassan)."""
    kind, name = draw(st.sampled_from(REPEATED_LISTED))
    words = (
        name.split()
        if draw(st.booleans())
        else draw(st.lists(st.sampled_from(COMMON), min_size=2, max_size=3))
    )
    repeated = words + draw(st.lists(st.sampled_from(words + COMMON[:3]), min_size=1, max_size=8))
    return " ".join(draw(st.permutations(repeated))), draw(st.sampled_from([kind, "person", "organisation"]))


@settings(max_examples=400, deadline=None)
@given(near_names())
def test_retrieval_drops_no_alias_the_full_score_passes(query):
    _same_matches(*query)


@settings(max_examples=100, deadline=None)
@given(innocent_names())
def test_retrieval_drops_no_alias_the_full_score_passes_for_innocent_names(query):
    _same_matches(*query)


@settings(max_examples=150, deadline=None)
@given(repeated_names())
def test_retrieval_drops_no_alias_the_full_score_passes_for_repeated_words(query):
    name, kind = query
    fast = FAST_REPEATED.match(NameQuery(name, kind), threshold=THRESHOLD, discounted=True)
    slow = SLOW_REPEATED.match(NameQuery(name, kind), threshold=THRESHOLD, discounted=True)
    assert [(m.entry_id, m.score) for m in fast] == [(m.entry_id, m.score) for m in slow]


# Each failed on main: the full score passes them, retrieval did not score them.
@pytest.mark.parametrize(
    ("name", "kind", "listed"),
    [
        # two edits in a long word: a letter changed and one dropped (0.84), two changed
        ("Stellaris Holding", "organisation", "Stellantis Holding"),
        ("Kristoffersen Hollsprandsson", "person", "Kristoffersen Hallstrandsson"),
        # two letters dropped at one end: a prefix or suffix form
        ("Stellant Holding", "organisation", "Stellantis Holding"),
        ("Kristoffersen Hallstrandss", "person", "Kristoffersen Hallstrandsson"),
        ("Kristoffersen Llstrandsson", "person", "Kristoffersen Hallstrandsson"),
        # written together with a typo in one half, or where one half is a common name
        ("Northgate Rlieffund Ltd", "organisation", "Northgate Relief Fund Ltd"),
        ("Alqaida Netwrk", "organisation", "Al Qaida Network"),
        ("Agnieszkaneluhazo Lewandowski", "person", "Lewandowski Agnieszka Neluhazo"),
    ],
)
def test_retrieval_scores_what_the_full_score_passes(name, kind, listed):
    slow = SLOW.match(NameQuery(name, kind), threshold=THRESHOLD)
    assert listed in [m.matched_name for m in slow]  # the score passes it
    _same_matches(name, kind)


# Found by the property test above (3 December): a listed name whose one name word is
# common, beside type words only, was retrieved by no pair of common words.
@pytest.mark.parametrize("name", ["Global Trust Trust Group", "Global Trust Group Group"])
def test_a_listed_name_of_one_common_word_and_type_words_is_retrieved(name):
    slow = SLOW_REPEATED.match(NameQuery(name, "organisation"), threshold=THRESHOLD, discounted=True)
    fast = FAST_REPEATED.match(NameQuery(name, "organisation"), threshold=THRESHOLD, discounted=True)

    assert "Global Trust Group" in [m.matched_name for m in slow]
    assert [(m.entry_id, m.score) for m in fast] == [(m.entry_id, m.score) for m in slow]
