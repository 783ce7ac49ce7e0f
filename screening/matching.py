"""The matcher: pure functions over names and an in-memory index.

No database access here. `MatchIndex` is built from `IndexedName`s (one per
name or alias of a source entry) and answers `NameQuery`s with `NameMatch`es,
each carrying an explanation a reviewer can read. Anything implementing this
interface can replace it without touching the API or the services.

How a query is answered (docs/matching.md has the reasoning):

1. exact look-up of the name's letters run together (acronyms, weak aliases,
   Hizbut Tahrir / Hizb-ut-Tahrir), the only way short names and weak aliases match;
2. candidate retrieval: each query word is expanded to the listed words within
   one edit of it, or another spelling of the same name, and only aliases carrying those
   words are considered; words so common that their alias lists are long are
   only used to confirm candidates other words found (or intersected together);
3. an upper bound on the score prunes candidates before the full alignment;
4. the full rarity-weighted alignment (screening.scoring), gates, and the
   date-of-birth check.
"""

import functools
import gc
import itertools
import math
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .alternatives import slash_alternatives
from .legal_forms import (
    ABBREVIATIONS,
    GENERIC_LEGAL_FORMS,
    JOINED_COMPANY_FORM,
    fold_legal_forms,
    organisation_words,
)
from .mentions import mentions as find_mentions
from .name_variants import name_symbols, nickname_symbols, respelled_consonants
from .normalise import (
    PARTICLE_LOOK_ALIKES,
    PARTICLE_SPELLINGS,
    PARTICLES,
    compact,
    digits_read_as_letters,
    digraph_readings,
    look_alikes_folded,
    normalise,
    particle_reading,
    reads_numbers,
    regnal_title_dropped,
    skeleton,
    symbols_read_as_letters,
    words_of,
)
from .packed import ListsBuilder, PackedLists, PackedRows
from .rarity import UNKNOWN_WEIGHT, general_weights, word_weight
from .reach import listed_far_keys, query_far_keys
from .romanisation import pinyin_readings
from .scoring import (
    CONTENT_WORD_WEIGHT,
    DOB_SAME_BONUS,
    INITIAL_MAX_WEIGHT,
    INITIAL_SIMILARITY,
    JOINED_SIMILARITY,
    LONG_NAME_EXTRA_WORDS,
    LONG_NAME_FACTOR,
    MIN_FUZZY_LENGTH,
    MONONYM_TYPO_MIN_LETTERS,
    NAME_ELEMENT_PARTICLES,
    SCRIPT_READING_SIMILARITY,
    SUBSTITUTED_WORD_MIN_WEIGHT,
    SURE_PAIRS,
    TOKEN_MIN_SIMILARITY,
    UNSHARED_MIDDLE_FACTOR,
    NameScore,
    compare_birth_dates,
    content_word_count,
    could_pass_gates,
    has_initials,
    initial_letters,
    initials_weight,
    is_initial,
    joined_forms,
    joined_similarity,
    score_names,
    word_similarity,
)
from .scripts import (
    arabic_consonants,
    han_characters,
    hangul_keys,
    is_arabic_letter,
    is_hangul_syllable,
    reads_as_syllables,
    syllables_joined,
)

MATCHER_NAME = "rarity-align-v2"
# Query words whose listed neighbours are remembered (a dict; cleared when full).
EXPANSION_CACHE_SIZE = 50_000
# Query words weighing no more than this (common names, generic words) do not
# retrieve candidates on their own (see MatchIndex._candidates).
COMMON_WORD_WEIGHT = 0.4


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
        # while building: lists, packed by _freeze (screening.packed)
        self._posting_lists: list[list[int]] = []
        self._letters_lists: ListsBuilder[str] = ListsBuilder()
        # Names in Wade-Giles, by their pinyin readings run together (screening.romanisation).
        self._romanised_lists: ListsBuilder[str] = ListsBuilder()
        # Alias positions that are a listed name read with sh, ch, zh (few: a set).
        self._digraph_positions: set[int] = set()
        # Alias positions that are one alternative of a name written with a slash (few).
        self._alternative_positions: set[int] = set()
        for indexed in names:
            self._add(indexed)
        self._freeze()
        # The index is millions of long-lived objects without reference cycles:
        # move them out of the cyclic collector's sight, or every full collection
        # rescans them all and a request that triggers one waits tens of ms.
        # Reference counting still frees them when the index is replaced. Collect
        # first so no cyclic garbage of the moment is frozen with them.
        gc.collect()
        gc.freeze()

    # -- building -------------------------------------------------------

    def _add(self, indexed: IndexedName) -> None:
        self._add_reading(indexed, indexed.name)
        for reading in digraph_readings(indexed.name):
            if self._add_reading(indexed, reading):
                # one more alias position, for the name read with sh, ch, zh (Şivan as Shivan)
                self._digraph_positions.add(len(self._aliases) - 1)
        for alternative in slash_alternatives(indexed.name, indexed.kind):
            if self._add_reading(indexed, alternative):
                # and for each alternative a slash writes (Al-Qa'ida/Islamic Army)
                self._alternative_positions.add(len(self._aliases) - 1)

    def _add_reading(self, indexed: IndexedName, text: str) -> bool:
        normalised, words = _read(text, indexed.kind)
        if not words:
            return False
        position = len(self._aliases)
        self._aliases.append(indexed)
        ids = tuple(self._intern(word) for word in words)
        self._alias_words.append(ids)
        for word_id in set(ids):
            self._posting_lists[word_id].append(position)
        keys = _letter_keys(normalised, words)
        if indexed.kind == "organisation":
            # and as written, legal form and all: free text names it that way (mentions)
            as_written = normalise(indexed.name)
            keys |= _letter_keys(as_written, words_of(as_written, indexed.kind))
        for key in keys:
            self._letters_lists.append(key, position)
        for key in pinyin_readings(words):
            self._romanised_lists.append(key, position)
        return True

    def _intern(self, word: str) -> int:
        word_id = self._word_id.get(word)
        if word_id is None:
            word_id = self._word_id[word] = len(self._words)
            self._words.append(word)
            self._posting_lists.append([])
        return word_id

    def _freeze(self) -> None:
        self._postings = PackedRows(self._posting_lists)
        del self._posting_lists
        # Single letters (initials) weigh at most INITIAL_MAX_WEIGHT, as in the score.
        self._weights = array(
            "d",
            (
                min(
                    word_weight(w, self._postings.length(i), self._general),
                    INITIAL_MAX_WEIGHT if is_initial(w) else 1.0,
                )
                for i, w in enumerate(self._words)
            ),
        )
        self._by_letters = self._letters_lists.packed()
        self._by_romanised = self._romanised_lists.packed()
        del self._letters_lists, self._romanised_lists
        neighbours: ListsBuilder[int] = ListsBuilder()
        # listed words further than a typo (screening.reach): a table of their own, so
        # the query weights read from the near ones stay as they were
        far: ListsBuilder[int] = ListsBuilder()
        # How many distinctive words of an alias may pair as a particle (Ben, Il: see
        # _may_pass_as_particles); only aliases that have one.
        self._alias_look_alikes: dict[int, int] = defaultdict(int)
        for word_id, word in enumerate(self._words):
            for key in _word_keys(word):
                neighbours.append(hash(key), word_id)
            for key in listed_far_keys(word):
                far.append(hash(key), word_id)
            if self._weights[word_id] >= CONTENT_WORD_WEIGHT and particle_reading(word) is not None:
                for position in set(self._postings[word_id]):
                    self._alias_look_alikes[position] += self._alias_words[position].count(word_id)
        self._alias_look_alikes = dict(self._alias_look_alikes)
        self._neighbours = neighbours.packed()
        self._far_neighbours = far.packed()
        del neighbours, far
        self._common_pairs = self._index_common_pairs()
        self._lone_common = self._index_lone_common()
        self._expansions: dict[tuple[str, bool], list[tuple[int, float]]] = {}
        self._reaches: dict[tuple[str, bool], list[tuple[int, float]]] = {}
        self._splits: dict[tuple[str, bool], list[tuple[int, float]]] = {}
        self._joins: dict[tuple[str, str, bool], list[tuple[int, float]]] = {}
        # as low as the score may weigh them (initials run together may weigh less), for the bound
        self._alias_totals = array(
            "d",
            (
                sum(initials_weight(self._weights[i], self._words[i]) for i in ids)
                for ids in self._alias_words
            ),
        )
        self._alias_initials = array(
            "B", (min(255, sum(initial_letters(self._words[i]) for i in ids)) for ids in self._alias_words)
        )
        self._alias_content = array(
            "B",
            (min(255, content_word_count(*self._listed_of(ids))) for ids in self._alias_words),
        )

    def __len__(self) -> int:
        # names, not their readings
        return len(self._aliases) - len(self._digraph_positions) - len(self._alternative_positions)

    # -- matching -------------------------------------------------------

    def match(self, query: NameQuery, *, threshold: float, discounted: bool = False) -> list[NameMatch]:
        """Matches at or above threshold, the best per entry, best first. With
        `discounted`, also the names that matched but whose date of birth shows
        another person (score 0.0, date_of_birth outcome "different"), so the
        caller can leave a trace of what was considered.

        A name written with ş, ș, š, ç, č or ž is also read with the letters English
        writes for their sounds (sh, ch, zh: `digraph_readings`), and the better match
        per entry is kept."""
        found = self._match_text(query, query.name, threshold, discounted)
        by_entry = {m.entry_pk: m for m in found}
        if query.kind == "person" and carries_a_legal_form(query.name):
            # a name with a legal form is a company's or a charity's, whatever kind it
            # was sent as: read so, Hamas Ltd sent as a person is still Hamas registered
            # and against organisations only: a form set aside beside a person listed
            # would let one word less meet them (Park Se Jin, "se" a European company)
            as_organisation = replace(query, kind="organisation")
            read_so = self._match_text(
                as_organisation, query.name, threshold, discounted, only_organisations=True
            )
            _keep_better(by_entry, read_so, LEGAL_FORM_KIND_NOTE)
        for alternative in slash_alternatives(query.name, query.kind):
            _keep_better(
                by_entry, self._match_text(query, alternative, threshold, discounted), ALTERNATIVE_NOTE
            )
        readings = digraph_readings(query.name)
        plain = frozenset(self._words_of(query.name, query.kind)) if readings else frozenset()
        for reading in readings:
            read = frozenset(self._words_of(reading, query.kind)) - plain
            _keep_better(
                by_entry, self._match_text(query, reading, threshold, discounted, read=read), DIGRAPH_NOTE
            )
        return sorted(by_entry.values(), key=lambda m: (-m.score, m.source, m.entry_id))

    @staticmethod
    def _words_of(text: str, kind: str) -> list[str]:
        return _read(text, kind)[1]

    def _read_words_paired_alike(self, position: int, scored: NameScore, words: list[str], read) -> bool:
        """A word read with sh, ch, zh (on either side) pairs only as the same name
        (exact, a spelling rule, the name list), never as a typo: Şeker read Sheker is
        not Shaker, one vowel away."""
        listed = self._listed(position)[0]
        listed_read: frozenset[str] = frozenset()
        if position in self._digraph_positions:
            indexed = self._aliases[position]
            listed_read = frozenset(listed) - frozenset(self._words_of(indexed.name, indexed.kind))
        for p in scored.pairs:
            if p.how in SURE_PAIRS:
                continue
            if any(words[i] in read for i in p.query_indices) or any(
                listed[i] in listed_read for i in p.listed_indices
            ):
                return False
        return True

    def _match_text(
        self,
        query: NameQuery,
        text: str,
        threshold: float,
        discounted: bool,
        read=frozenset(),
        *,
        only_organisations: bool = False,
    ) -> list[NameMatch]:
        """`match` for one reading of the query's name; `read`: its words that only
        this reading has (sh, ch, zh for ş, ç, ž...); `only_organisations`: against
        the organisations listed alone."""
        normalised, words = _read(text, query.kind)
        if not words:
            return []
        person = query.kind == "person"
        near = [[] if is_initial(w) else self._expand(w, person) for w in words]
        weights = self._query_weights(words, near)
        # retrieval also reaches listed words further away, which the weights never read
        reach = [[] if is_initial(w) else self._reach(w, person) for w in words]
        exact = self._exact_positions(query, normalised, words)
        romanised = self._romanised_positions(query, normalised, words) - exact
        with_form = self._letters_with_form_positions(query, words) - exact - romanised
        joined = self._joined_expansions(words, person)
        # words written together or apart are tried in the score only where a query word
        # meets listed words so (or may be initials run together): found once per query
        may_join = self._may_join(words, joined)
        positions = (
            exact | romanised | with_form | self._candidates(query, words, reach, weights, threshold, joined)
        )
        # a name in Chinese characters: against another so written, characters that
        # read alike are not the same (screening.scripts.han_characters)
        query_han = han_characters(text, len(words))
        by_words: dict[tuple, NameScore] = {}  # many aliases share one spelling
        best: dict[int, tuple[float, int, str, NameScore, str]] = {}
        # in alias order: of two aliases of one entry that score the same, the first is shown
        for position in sorted(positions):
            if only_organisations and self._aliases[position].kind != "organisation":
                continue
            kind = scoring_kind(query.kind, self._aliases[position].kind)
            ids = self._alias_words[position]
            written = self._han_differs(query_han, position) if query_han else None
            key = (ids, kind) if written is None else (ids, kind, written[1])
            scored = by_words.get(key)
            if scored is None:
                listed, listed_weights = self._listed(position)
                scored = by_words[key] = score_names(
                    words, weights, listed, listed_weights, kind=kind, joins=may_join, written=written
                )
            method = "exact" if position in exact else "romanised" if position in romanised else "aligned"
            if position in with_form and (scored.gate or scored.score < LETTERS_WITH_FORM_SCORE):
                method = "letters_with_form"  # AbuNidalOrganisationLtd: the words run together
            if written is not None:
                method = "aligned"  # the readings run together alike, the characters do not
            if method == "aligned" and scored.gate:
                continue
            if (
                method == "aligned"
                and (read or position in self._digraph_positions)
                and not self._read_words_paired_alike(position, scored, words, read)
            ):
                continue
            name_score = _WHOLE_NAME_SCORES.get(method, scored.score)
            if name_score + DOB_SAME_BONUS < threshold:
                continue
            dob = compare_birth_dates(query.date_of_birth, self._aliases[position].birth_dates)
            score = _apply_birth_dates(name_score, dob)
            entry_pk = self._aliases[position].entry_pk
            if score >= threshold and score > best.get(entry_pk, (-1.0,))[0]:
                best[entry_pk] = (score, position, method, scored, dob)
            elif discounted and dob == "different" and name_score >= threshold and entry_pk not in best:
                best[entry_pk] = (score, position, method, scored, dob)
        explained: dict[int, dict] = {}  # the word alignment, once per spelling
        found = [self._build(query, words, threshold, explained, *kept) for kept in best.values()]
        return sorted(found, key=lambda m: (-m.score, m.source, m.entry_id))

    def _build(self, query, words, threshold, explained, score, position, method, scored, dob) -> NameMatch:
        indexed = self._aliases[position]
        alignment = explained.get(id(scored))
        if alignment is None:
            listed, _ = self._listed(position)
            alignment = explained[id(scored)] = _explain_alignment(words, listed, scored)
        return NameMatch(
            entry_pk=indexed.entry_pk,
            source=indexed.source,
            entry_id=indexed.entry_id,
            matched_name=indexed.name,
            score=score,
            explanation={
                "matcher": MATCHER_NAME,
                "method": method,
                "matched_name": indexed.name,
                "matched_strength": indexed.strength,
                **alignment,
                "notes": alignment["notes"]
                + ([ROMANISED_NOTE] if method == "romanised" else [])
                + ([LETTERS_WITH_FORM_NOTE] if method == "letters_with_form" else [])
                + ([HAN_NOTE] if self._han_differs_for(query, words, position) else [])
                + ([NUMBER_NOTE] if _numbers_read(query, indexed, alignment) else [])
                + ([DIGITS_NOTE] if _digits_read(query, indexed) else [])
                + ([SYMBOLS_NOTE] if symbols_read_as_letters(query.name) else [])
                + ([DIGRAPH_NOTE] if position in self._digraph_positions else [])
                + ([ALTERNATIVE_NOTE] if position in self._alternative_positions else [])
                + ([FORMS_NOTE] if _forms_read(query, indexed, alignment) else [])
                + ([AMPERSAND_NOTE] if method == "exact" and _ampersand_read(query, indexed) else [])
                + ([REGNAL_NOTE] if _regnal_read(query, indexed) else []),
                "name_score": _WHOLE_NAME_SCORES.get(method, scored.score),
                "date_of_birth": {
                    "outcome": dob,
                    "query": query.date_of_birth,
                    "entry": list(indexed.birth_dates),
                    "effect": _DOB_EFFECT[dob],
                },
                "score": score,
                "threshold": threshold,
            },
        )

    def _han_differs_for(self, query: NameQuery, words: list[str], position: int) -> bool:
        query_han = han_characters(query.name, len(words))
        return query_han is not None and self._han_differs(query_han, position) is not None

    def _han_differs(self, query_han: tuple[str, ...], position: int):
        """Both names' Chinese characters, where the listed name is written in them too
        and they are not the query's; else None."""
        listed_han = han_characters(self._aliases[position].name, len(self._alias_words[position]))
        if listed_han is None or listed_han == query_han:
            return None
        return query_han, listed_han

    def _exact_positions(self, query: NameQuery, normalised: str, words: list[str]) -> set[int]:
        positions: set[int] = set()
        for key in _query_letter_keys(normalised, words):
            positions.update(self._by_letters.get(key, ()))
        # Either kind: a listed organisation sent as a person is still that organisation.
        # A weak alias (a nickname) is evidence only for the kind it was listed as.
        return {
            p for p in positions if self._aliases[p].kind == query.kind or self._aliases[p].strength != "weak"
        }

    def _letters_with_form_positions(self, query: NameQuery, words: list[str]) -> set[int]:
        """An organisation's name run together, a legal form beside it: the organisations
        listed with its letters (AbuNidalOrganisationLtd is the Abu Nidal Organisation
        registered). A listed name with a form of its own has other letters, so a form
        does not meet another (HamasJSC, a listed Hamas Ltd)."""
        if query.kind != "organisation" or len(words) < 2:
            return set()
        name = words[1:] if words[0] in GENERIC_LEGAL_FORMS else words
        name = name[:-1] if name and name[-1] in GENERIC_LEGAL_FORMS else name
        if not name or len(name) == len(words):
            return set()
        return {p for p in self._by_letters.get(compact(name), ()) if self._aliases[p].kind == "organisation"}

    def _romanised_positions(self, query: NameQuery, normalised: str, words: list[str]) -> set[int]:
        """The name in Wade-Giles against a listed pinyin spelling, or the reverse."""
        positions: set[int] = set()
        for key in pinyin_readings(words):
            positions.update(self._by_letters.get(key, ()))
        for key in _letter_keys(normalised, words):
            positions.update(self._by_romanised.get(key, ()))
        return {
            p for p in positions if self._aliases[p].kind == query.kind or self._aliases[p].strength != "weak"
        }

    @staticmethod
    def _may_join(words: list[str], joined: tuple[list, list]) -> bool:
        return bool(joined[0] or joined[1]) or has_initials(words)

    def _query_weight(self, word: str) -> float:
        word_id = self._word_id.get(word)
        if word_id is not None:
            return self._weights[word_id]
        return word_weight(word, 0, self._general)

    def _expand(self, word: str, person: bool) -> list[tuple[int, float]]:
        """Listed words close enough to pair with this query word (cached: names repeat)."""
        cached = self._expansions.get((word, person))
        if cached is None:
            if len(self._expansions) >= EXPANSION_CACHE_SIZE:
                self._expansions.clear()
            cached = self._expansions[(word, person)] = self._expand_uncached(word, person)
        return cached

    def _expand_uncached(self, word: str, person: bool) -> list[tuple[int, float]]:
        found: dict[int, float] = {}
        for key in _word_keys(word) | _two_deletion_keys(word):
            for word_id in self._neighbours.get(hash(key), ()):
                if word_id not in found:
                    found[word_id] = word_similarity(word, self._words[word_id], person)[0]
        # by word id: the keys are a set of strings, whose order changes with the hash seed
        return sorted((i, s) for i, s in found.items() if s > 0)

    def _reach(self, word: str, person: bool) -> list[tuple[int, float]]:
        """`_expand`, and the listed words further away that the score still pairs
        (screening.reach), by word id."""
        return self._cached(self._reaches, (word, person), self._reach_uncached)

    def _reach_uncached(self, word: str, person: bool) -> list[tuple[int, float]]:
        near = self._expand(word, person)
        found = dict(near)
        added = False
        for key in query_far_keys(word):
            for word_id in self._far_neighbours.get(hash(key), ()):
                if word_id not in found:
                    found[word_id] = similarity = word_similarity(word, self._words[word_id], person)[0]
                    added = added or similarity > 0
        if not added:
            return near
        return sorted((i, s) for i, s in found.items() if s > 0)

    def _joined_expansions(self, words: list[str], person: bool) -> tuple[list, list]:
        """For the bound: the pairs of listed words a query word may be written apart as
        (Abubakr: abu, bakr), and the listed words two adjacent query words may be
        written together as (Abu Bakr: abubakr)."""
        splits = []
        for qi, word in enumerate(words):
            halves = self._cached(self._splits, (word, person), self._split_uncached)
            if halves:
                splits.append((qi, halves))
        joins = []
        for qi in range(len(words) - 1):
            first, second = words[qi], words[qi + 1]
            if is_hangul_syllable(first[0]) and is_hangul_syllable(second[0]):
                # 정 은 against a listed Jongun: their spellings run together, looked up
                together = self._syllables_listed_joined(first, second)
                if together:
                    joins.append(((qi, qi + 1), together))
                continue
            if min(len(first), len(second)) < 2:
                continue
            together = self._cached(self._joins, (first, second, person), self._join_uncached)
            if together:
                joins.append(((qi, qi + 1), together))
        return splits, joins

    def _syllables_listed_joined(self, first: str, second: str) -> list[tuple[int, float]]:
        if len(first) != 1 or len(second) != 1:
            return []
        ids = (self._word_id.get(spelling) for spelling in sorted(syllables_joined(first, second)))
        return [(i, SCRIPT_READING_SIMILARITY) for i in ids if i is not None]

    def _cached(self, cache: dict, key: tuple, compute) -> list:
        found = cache.get(key)
        if found is None:
            if len(cache) >= EXPANSION_CACHE_SIZE:
                cache.clear()
            found = cache[key] = compute(*key)
        return found

    def _split_uncached(self, word: str, person: bool) -> list[tuple[int, int]]:
        """Pairs of listed words that, run together, may be this word: both halves listed,
        or, for a word not itself within a typo of a listed word, one half listed and
        the other within a typo of one (Rlieffund: relief fund)."""
        if len(word) < MIN_SPLIT_LENGTH or not (word.isascii() and word.isalpha()):
            return []
        found: set[tuple[int, int]] = set()
        # a half within a typo only for a word not itself near a listed word (a cut of
        # every near word costs the booking ~15%: docs/benchmarks.md), and in a person's
        # word shorter than two names run together only beside a particle or Allah
        fuzzy = not self._expand(word, person)  # cached: the word's own expansion
        joining = _JOINING_WORDS if person and len(word) < MIN_PERSON_SPLIT_TYPO_LENGTH else None
        for form in joined_forms(word):
            for cut in range(2, len(form) - 1):
                head, tail = PARTICLE_SPELLINGS.get(form[:cut], form[:cut]), form[cut:]  # Benali: bin ali
                head_id, tail_id = self._word_id.get(head), self._word_id.get(tail)
                if head_id is not None and tail_id is not None:
                    found.add((head_id, tail_id))
                elif not fuzzy:
                    continue
                elif head_id is not None and len(tail) >= MIN_SPLIT_TYPO_LENGTH and _joins_at(head, joining):
                    found.update((head_id, i) for i, _ in self._expand(tail, person))
                elif tail_id is not None and len(head) >= MIN_SPLIT_TYPO_LENGTH and _joins_at(tail, joining):
                    found.update((i, tail_id) for i, _ in self._expand(head, person))
        # only where the score would pair them (more aliases scored cost more than this)
        words = self._words
        paired = {p for p in found if joined_similarity(word, words[p[0]], words[p[1]], person) > 0}
        # and the Hangul syllables it is written as (the score reads them: reads_as_syllables)
        return sorted(paired | set(self._syllable_splits(word)))

    def _syllable_splits(self, word: str) -> list[tuple[int, int]]:
        """Pairs of listed Hangul syllables this Latin word may be written as together
        (Jongun: 정 은), through the keys their spellings share with Latin words."""
        found = []
        for cut in range(1, len(word)):
            heads = self._syllables_spelled(word[:cut])
            if heads:
                tails = self._syllables_spelled(word[cut:])
                found += [
                    (h, t) for h in heads for t in tails if reads_as_syllables(word, *self._pair_words(h, t))
                ]
        return found

    def _syllables_spelled(self, spelling: str) -> list[int]:
        ids = self._neighbours.get(hash("w:" + spelling), ())
        return [i for i in ids if is_hangul_syllable(self._words[i][0]) and len(self._words[i]) == 1]

    def _pair_words(self, first: int, second: int) -> tuple[str, str]:
        return self._words[first], self._words[second]

    def _join_uncached(self, first: str, second: str, person: bool) -> list[tuple[int, float]]:
        """Listed words two query words run together may be, as the score pairs them:
        found within a typo where a part is short (Abu, Un, De, Ann, Ali) or Allah, and
        for an organisation (Relief Fund); a person's longer parts only as written (the
        score wants them spelled alike: Jean Pierre, Maria Elena). Kept only where the
        score would pair them (`joined_similarity`): a looser key lets more aliases be
        scored, which costs more than the check."""
        together = first + second
        if len(together) < MIN_SPLIT_LENGTH or not (together.isascii() and together.isalpha()):
            return []
        if person and min(len(first), len(second)) > MAX_APART_PART_LENGTH and second != "allah":
            word_id = self._word_id.get(together)  # the common case: a look-up, no keys
            return [] if word_id is None else [(word_id, JOINED_SIMILARITY)]
        found: set[int] = set()
        for key in _one_typo_keys(together):
            found.update(self._neighbours.get(hash(key), ()))
        return [
            (i, JOINED_SIMILARITY)
            for i in sorted(found)
            if joined_similarity(self._words[i], first, second, person) > 0
        ]

    def _candidates(self, query, words, near, weights, threshold, joined) -> set[int]:
        """Aliases worth scoring in full: their upper-bound score can reach the threshold.

        Distinctive listed words retrieve aliases through their (short) alias
        lists. Common words only add to the bound of aliases found that way,
        unless common words alone could reach the threshold (the query is
        "Muhammad Khan"): then the aliases holding a pair of them are looked up.
        Each pair adds similarity x (query word's weight + listed word's weight),
        as in the score itself (screening.scoring), so the bound never drops an
        alias the full score would pass.
        """
        bound = max(0.0, threshold - DOB_SAME_BONUS)
        top: dict[int, float] = defaultdict(float)
        evidence: dict[int, float] = defaultdict(float)
        for qi, expansions in enumerate(near):
            for word_id, similarity in expansions:
                listed_weight = self._weights[word_id]
                if listed_weight <= COMMON_WORD_WEIGHT:
                    continue
                pair_top = similarity * (weights[qi] + listed_weight)
                pair_evidence = similarity * min(weights[qi], listed_weight)
                for position in self._postings[word_id]:
                    top[position] += pair_top
                    evidence[position] += pair_evidence
        splits, joins = joined
        joined_confirming = [self._split_bound(weights[qi], halves, top, evidence) for qi, halves in splits]
        for indices, expansions in joins:
            query_weight = sum(weights[i] for i in indices)
            for word_id, similarity in expansions:
                listed_weight = self._weights[word_id]
                if listed_weight <= COMMON_WORD_WEIGHT:
                    continue
                for position in self._postings[word_id]:
                    top[position] += similarity * (query_weight + listed_weight)
                    evidence[position] += similarity * min(query_weight, listed_weight)
            joined_confirming.append(self._confirming(query_weight, expansions))
        common = [[(i, s) for i, s in n if self._is_common_content(i)] for n in near]
        if self._common_words_may_suffice(weights, near, bound):
            for position in self._common_pair_positions([c for c in common if c]):
                top.setdefault(position, 0.0)
        for expansions in common:
            for word_id, _ in expansions:
                for position in self._lone_common.get(word_id, ()):
                    top.setdefault(position, 0.0)
        confirming = [self._confirming(weights[qi], expansions) for qi, expansions in enumerate(near)]
        confirming = [c for c in confirming + joined_confirming if c]
        joined_words = {i for _, halves in splits for pair in halves for i in pair}
        joined_words.update(i for _, expansions in joins for i, _ in expansions)
        partners = self._partners(near, weights)
        return self._prune(query, words, weights, top, evidence, confirming, bound, joined_words, partners)

    def _partners(self, near, weights) -> dict[int, int]:
        """For each distinctive listed word, the distinctive query words (a bit each) that
        may pair with it one to one: an alias's words then bound how many words the
        gates can see aligned, without aligning them."""
        partners: dict[int, int] = defaultdict(int)
        for qi, expansions in enumerate(near):
            if weights[qi] < CONTENT_WORD_WEIGHT:
                continue
            for word_id, _ in expansions:
                if self._weights[word_id] >= CONTENT_WORD_WEIGHT:
                    partners[word_id] |= 1 << qi
        return partners

    def _split_bound(self, query_weight: float, halves, top, evidence) -> dict[int, tuple[float, float]]:
        """What a query word written apart as two listed words adds to the bound: to the
        aliases holding both (found through the rarer), or, where both are common, to
        aliases found otherwise (the returned confirming words)."""
        confirming: dict[int, tuple[float, float]] = {}
        for head, tail in halves:
            listed_weight = self._weights[head] + self._weights[tail]
            pair = (
                JOINED_SIMILARITY * (query_weight + listed_weight),
                JOINED_SIMILARITY * min(query_weight, listed_weight),
            )
            # through the rarer distinctive half: Agnieszka may be common where Neluhazo is not
            distinctive = [i for i in (head, tail) if self._weights[i] > COMMON_WORD_WEIGHT]
            if not distinctive:
                for word_id in (head, tail):
                    confirming[word_id] = max(pair, confirming.get(word_id, pair))
                continue
            rarer = min(distinctive, key=self._postings.length)
            other = tail if rarer == head else head
            for position in self._postings[rarer]:
                if other in self._alias_words[position]:
                    top[position] += pair[0]
                    evidence[position] += pair[1]
        return confirming

    def _confirming(self, query_weight: float, expansions) -> dict[int, tuple[float, float]]:
        """Common listed words (and particles) a query word may pair with, and what each
        pair would add to the score's top and to the paired evidence."""
        return {
            word_id: (
                similarity * (query_weight + self._weights[word_id]),
                similarity * min(query_weight, self._weights[word_id]),
            )
            for word_id, similarity in expansions
            if self._weights[word_id] <= COMMON_WORD_WEIGHT
        }

    def _common_words_may_suffice(self, weights, near, bound) -> bool:
        """Could an alias sharing no distinctive word with the query reach the threshold?
        Every query word with a common listed neighbour may pair; the others may not.
        With T the pairs' top and R the query words left over, the score is at most
        2T / (2T + R) (see _prune)."""
        shared = rest = 0.0
        sharing = 0
        for qi, expansions in enumerate(near):
            pairs = [
                s * (weights[qi] + self._weights[i]) for i, s in expansions if self._is_common_content(i)
            ]
            if pairs:
                shared += max(pairs)
                sharing += 1
            else:
                rest += weights[qi]
        return sharing >= 2 and 2 * shared >= bound * (2 * shared + rest)

    def _query_weights(self, words: list[str], near: list[list[tuple[int, float]]]) -> list[float]:
        """A word's own weight, or for a word not listed anywhere (a typo of a listed
        word, Orgganisation) the weight of its closest listed spelling."""
        weights = []
        for word, expansions in zip(words, near, strict=True):
            weight = self._query_weight(word)
            # (a particle look-alike is a name of its own: Kim Il Sung's Il is not "al")
            if word not in self._word_id and expansions and word not in PARTICLE_LOOK_ALIKES:
                # equally close spellings: the commonest, whatever order they were found in
                closest = max(similarity for _, similarity in expansions)
                weight = min(weight, *(self._weights[i] for i, s in expansions if s == closest))
            weights.append(weight)
        return weights

    def _is_common_content(self, word_id: int) -> bool:
        """Common, but a name word all the same (not a particle, stopword or Ltd)."""
        return CONTENT_WORD_WEIGHT <= self._weights[word_id] <= COMMON_WORD_WEIGHT

    def _common_pair_positions(self, common_expansions: list[list[tuple[int, float]]]) -> set[int]:
        """Aliases holding two of the query's common words (or their near spellings)."""
        # each pair looked up once: a query of one word written many times (Ali Ali Ali...)
        # would otherwise read the same long list once per pair of its words
        keys = {
            _pair_key(word_a, word_b)
            for a in range(len(common_expansions))
            for b in range(a + 1, len(common_expansions))
            for word_a, _ in common_expansions[a]
            for word_b, _ in common_expansions[b]
        }
        found: set[int] = set()
        for key in keys:
            found.update(self._common_pairs.get(key, ()))
        return found

    def _index_lone_common(self) -> PackedLists[int]:
        """Aliases whose one name word is a common word, beside type words and stopwords
        only (Global Trust Group): no pair of common words finds them."""
        lone: ListsBuilder[int] = ListsBuilder()
        for position, ids in enumerate(self._alias_words):
            content = {i for i in ids if self._weights[i] >= CONTENT_WORD_WEIGHT}
            if len(content) == 1:
                (word_id,) = content
                if self._is_common_content(word_id):
                    lone.append(word_id, position)
        return lone.packed()

    def _index_common_pairs(self) -> PackedLists[int]:
        pairs: ListsBuilder[int] = ListsBuilder()
        for position, ids in enumerate(self._alias_words):
            listed = [i for i in ids if self._is_common_content(i)]
            common = sorted(set(listed))
            for a in range(len(common)):
                for b in range(a + 1, len(common)):
                    pairs.append(_pair_key(common[a], common[b]), position)
            # a word written twice is a pair of its own (Ali Ali): a query of those two
            # words looks it up as one, written in any script
            for word_id in common:
                if listed.count(word_id) > 1:
                    pairs.append(_pair_key(word_id, word_id), position)
        return pairs.packed()

    def _prune(
        self, query, words_of_query, weights, top, evidence, confirming, bound, joined_words, partners
    ) -> set[int]:
        """Keep aliases whose score bound can reach the threshold.

        With T the sum of similarity x (w_query + w_listed) over pairs, P >= T the
        weights of the paired words, and Q, L the two names' total weights, the score
        is T / (P + c (Q + L - P)) with c the least share an unpaired word costs, so at
        most T / ((1 - c) T + c (Q + L)): an alias is kept only if an upper bound of T
        reaches bound x c (Q + L) / (1 - (1 - c) bound). c is UNSHARED_MIDDLE_FACTOR
        (0.5), or LONG_NAME_FACTOR for a listed person's name much longer than the
        query. The cheap optimistic check comes first."""
        query_total = sum(initials_weight(w, t) for w, t in zip(weights, words_of_query, strict=True))
        query_content = content_word_count(words_of_query, weights)
        heaviest = max(weights, default=0.0)
        # Initials are never expanded: what they can add is added here, both ways.
        query_initials = sum(initial_letters(w) for w in words_of_query)
        initials_top = query_initials * INITIAL_SIMILARITY * (INITIAL_MAX_WEIGHT + UNKNOWN_WEIGHT)
        initials_evidence = query_initials * INITIAL_MAX_WEIGHT
        # each listed word pairs once: an alias of n words gains from n of the query's at most
        # (the query's best n pairs of common words)
        optimistic = list(
            itertools.accumulate(sorted((max(t for t, _ in c.values()) for c in confirming), reverse=True))
        )
        query_look_alikes = sum(
            w >= CONTENT_WORD_WEIGHT and particle_reading(t) is not None
            for t, w in zip(words_of_query, weights, strict=True)
        )
        kept = set()
        usual, long_name = (
            bound * c / (1 - (1 - c) * bound) for c in (UNSHARED_MIDDLE_FACTOR, LONG_NAME_FACTOR)
        )
        # A long listed name's left-out words cost less only when every query word pairs
        # (at 0.8 at least): aliases whose pairs cannot cover the query keep the usual bound.
        long_min_content = query_content + LONG_NAME_EXTRA_WORDS if query.kind == "person" else 256
        covering = TOKEN_MIN_SIMILARITY * sum(w for w in weights if w >= CONTENT_WORD_WEIGHT)
        confirmable = optimistic[-1] if optimistic else 0.0
        # (most queries have fewer common words than an alias has words: one bound for all)
        by_alias_words = len(optimistic) > ALIAS_WORDS_USUAL
        for position, matched in top.items():
            if by_alias_words:
                confirmable = optimistic[min(len(self._alias_words[position]), len(optimistic)) - 1]
            listed_initials = self._alias_initials[position]
            extra = initials_top + listed_initials * INITIAL_SIMILARITY * (heaviest + INITIAL_MAX_WEIGHT)
            share = usual
            if (
                self._alias_content[position] >= long_min_content
                and matched + confirmable + extra >= covering
            ):
                share = long_name
            needed = share * (query_total + self._alias_totals[position])
            if matched + confirmable + extra < needed:
                continue
            indexed = self._aliases[position]
            if indexed.strength == "weak":
                continue
            words = self._alias_words[position]
            partnered = 0
            for w in words:
                partnered |= partners.get(w, 0)
            # initials are never expanded: each of their letters may pair (JC: Jean Claude)
            aligned = partnered.bit_count() + query_initials + listed_initials
            counts = (
                scoring_kind(query.kind, indexed.kind),
                (query_content, query_look_alikes),
                self._alias_content[position],
                position,
                aligned,
                bool(joined_words) and not joined_words.isdisjoint(words),
            )
            # the word counts first: they refuse most aliases, before the evidence is added up
            if not self._gates_may_pass(*counts, evidence=math.inf):
                continue
            paired_evidence = evidence.get(position, 0.0)
            if by_alias_words:
                confirmed_top, confirmed_evidence = _confirmed(confirming, words)
                matched += confirmed_top
                paired_evidence += confirmed_evidence
            else:
                for candidates in confirming:
                    best = None
                    for w in words:
                        pair = candidates.get(w)
                        if pair is not None and (best is None or pair > best):
                            best = pair
                    if best is not None:
                        matched += best[0]
                        paired_evidence += best[1]
            if matched + extra < needed:
                continue
            paired_evidence += initials_evidence + listed_initials * INITIAL_MAX_WEIGHT
            if self._gates_may_pass(*counts, evidence=paired_evidence):
                kept.add(position)
        return kept

    def _gates_may_pass(
        self, kind, query_counts, listed_content, position, aligned, joined, *, evidence
    ) -> bool:
        """`could_pass_gates`, and again as particles where words may pair as one."""
        query_content, _ = query_counts
        if could_pass_gates(kind, query_content, listed_content, evidence, aligned, joined=joined):
            return True
        return self._may_pass_as_particles(kind, query_counts, listed_content, position, evidence, aligned)

    def _may_pass_as_particles(self, kind, query_counts, listed_content, position, evidence, aligned) -> bool:
        """`could_pass_gates` again, with the words that may pair as a particle (Ben,
        Il, Abudl: screening.scoring.PARTICLE_PAIRS) no longer counted as
        distinctive, as the score counts them when they do pair."""
        query_content, query_look_alikes = query_counts
        listed_look_alikes = self._alias_look_alikes.get(position, 0)
        if not query_look_alikes and not listed_look_alikes:
            return False
        return any(
            could_pass_gates(kind, q, c, evidence, aligned)
            for q in {query_content, query_content - query_look_alikes}
            for c in {listed_content, listed_content - listed_look_alikes}
        )

    def _listed(self, position: int) -> tuple[list[str], list[float]]:
        return self._listed_of(self._alias_words[position])

    def _listed_of(self, ids: tuple[int, ...]) -> tuple[list[str], list[float]]:
        return [self._words[i] for i in ids], [self._weights[i] for i in ids]

    # -- mentions in free text -------------------------------------------

    def mentions(self, text: str, *, threshold: float) -> list[NameMatch]:
        """Listed names mentioned in free text, however written (screening.mentions)."""
        found = [self._mention(m, threshold) for m in find_mentions(self, text)]
        return sorted(found, key=lambda m: (m.source, m.entry_id))

    def _mention(self, mention, threshold: float) -> NameMatch:
        indexed = self._aliases[mention.position]
        listed, weights = self._listed(mention.position)
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
                "as_written": mention.as_written,
                "position_in_text": mention.start,
                "score": 1.0,
                "threshold": threshold,
            },
        )


# A whole name that is another romanisation of the listed one (Hsiao-ming Wang,
# Xiaoming Wang) scores this: the same name, though not the same letters.
ROMANISED_NAME_SCORE = 0.95
# An organisation's letters exactly, a legal form beside them (Hamas Ltd scores 0.976 aligned).
LETTERS_WITH_FORM_SCORE = 0.95
_WHOLE_NAME_SCORES = {
    "exact": 1.0,
    "romanised": ROMANISED_NAME_SCORE,
    "letters_with_form": LETTERS_WITH_FORM_SCORE,
}
LETTERS_WITH_FORM_NOTE = "the name's words run together, with a legal form beside them: the name registered"
ROMANISED_NOTE = "the same Chinese name in another romanisation (Wade-Giles read as pinyin)"
NUMBER_NOTE = (
    "numbers compared by their value: Forty-Four and 44, First and 1st, III and 3rd are the same number"
)


DIGRAPH_NOTE = "ş, š, ç, č and ž also read as sh, ch and zh, the letters English writes for their sounds"
DIGITS_NOTE = "digits in a person's name read as the letters they look like (Ig0r as Igor, Sech1n as Sechin)"
SYMBOLS_NOTE = "@, $ or ! inside a word read as the letters they look like (H@mas as Hamas)"


# Aliases have about this many words: a query with no more common words than this is
# bounded by all of them at once, without counting the alias's words.
ALIAS_WORDS_USUAL = 3


def _confirmed(
    confirming: list[dict[int, tuple[float, float]]], words: tuple[int, ...]
) -> tuple[float, float]:
    """What the alias's common words may add to the top and to the paired evidence.

    Each query word pairs with one listed word at most, and each listed word with one
    query word: the sum of each query word's best pair bounds it, and so does the sum
    of each listed word's. The smaller counts: a query of one common pair written many
    times (Ali Hassan Ali Hassan...) adds two pairs to an alias holding them once, not
    one per query word, so its many namesakes are not all scored in full."""
    query_top = query_evidence = 0.0
    listed_top = [0.0] * len(words)
    listed_evidence = [0.0] * len(words)
    for candidates in confirming:
        best = None
        for place, w in enumerate(words):
            pair = candidates.get(w)
            if pair is None:
                continue
            if best is None or pair > best:
                best = pair
            if pair[0] > listed_top[place]:
                listed_top[place] = pair[0]
            if pair[1] > listed_evidence[place]:
                listed_evidence[place] = pair[1]
        if best is not None:
            query_top += best[0]
            query_evidence += best[1]
    return min(query_top, sum(listed_top)), min(query_evidence, sum(listed_evidence))


def _digits_read(query: NameQuery, indexed: IndexedName) -> bool:
    """A person's name on either side wrote digits for letters."""
    return digits_read_as_letters(query.name, query.kind) or digits_read_as_letters(
        indexed.name, indexed.kind
    )


def _numbers_read(query: NameQuery, indexed: IndexedName, alignment: dict) -> bool:
    """A number shared by the two names was written another way on one side."""
    if not any(a["query_token"].isdigit() for a in alignment["alignment"]):
        return False
    return reads_numbers(query.name, query.kind) or reads_numbers(indexed.name, indexed.kind)


FORMS_NOTE = (
    "legal forms, registration words and abbreviations compared by meaning: AG and "
    "Aktiengesellschaft, Corp. and Company, Int'l and International are the same"
)
_READ_FORMS = GENERIC_LEGAL_FORMS | frozenset(ABBREVIATIONS.values())


def _forms_read(query: NameQuery, indexed: IndexedName, alignment: dict) -> bool:
    """A legal form, registration word or abbreviation paired the two names, and one
    of them writes it another way than the other."""
    if not any(a["query_token"] in _READ_FORMS for a in alignment["alignment"]):
        return False
    return sorted(_as_written(query.name, query.kind)) != sorted(_as_written(indexed.name, indexed.kind))


LEGAL_FORM_KIND_NOTE = (
    "read as an organisation's name, whatever kind it was sent as: it carries a legal form "
    "(Ltd, GmbH, CIC), and an organisation's legal form is set aside"
)
ALTERNATIVE_NOTE = (
    "a name written with a slash is read as each alternative it gives: Al-Qa'ida/Islamic Army "
    "as Al-Qa'ida and as Islamic Army"
)
REGNAL_NOTE = (
    "a title before a regnal name with its number (Pope, King, Queen, Sultan...) is left out: "
    "Pope Benedict XVI is Benedict the Sixteenth"
)


def _regnal_read(query: NameQuery, indexed: IndexedName) -> bool:
    return regnal_title_dropped(query.name, query.kind) or regnal_title_dropped(indexed.name, indexed.kind)


AMPERSAND_NOTE = "letters joined by & or by and, or run together, are one name: AT&T, AT and T and ATT"


def _ampersand_read(query: NameQuery, indexed: IndexedName) -> bool:
    """The two names met exactly with & or "and" on one side only."""
    return _joins_with_ampersand(query.name) != _joins_with_ampersand(indexed.name)


def _joins_with_ampersand(name: str) -> bool:
    words = normalise(name).split()
    return "&" in name or AMPERSAND_WORD in words[1:-1]


def _as_written(name: str, kind: str) -> list[str]:
    return words_of(normalise(name), kind)


def _read(name: str, kind: str) -> tuple[str, list[str]]:
    """A name normalised and its comparable words; an organisation's with its legal
    forms, registration words and abbreviations read (screening.legal_forms)."""
    if kind != "organisation":
        normalised = normalise(name)
        return normalised, words_of(normalised, kind)
    return _read_as_organisation(name)


def _read_as_organisation(name: str, *, keep_a_name: bool = True) -> tuple[str, list[str]]:
    normalised = normalise(fold_legal_forms(name, keep_a_name=keep_a_name))
    return normalised, organisation_words(words_of(normalised, "organisation"))


def _keep_better(by_entry: dict[int, NameMatch], found: list[NameMatch], note: str) -> None:
    """A match of another reading of the query takes its entry's place where it scores
    higher, its note saying which reading it was (once: the alias may carry it too)."""
    for m in found:
        if m.entry_pk not in by_entry or m.score > by_entry[m.entry_pk].score:
            if note not in m.explanation["notes"]:
                m.explanation["notes"].append(note)
            by_entry[m.entry_pk] = m


def carries_a_legal_form(name: str) -> bool:
    """The name's first or last word is a legal form as an organisation's name is read
    (Ltd read llc, GmbH, CIC read ngo; Russian forms come first), or its last word ends
    with one run together (HamasLtd). Word by word, so a person's name costs two
    lookups; a form of several words (Sp. z o.o.) is not seen."""
    words = _WORD.findall(name)
    if not words:
        return False
    first, last = words[0].casefold(), words[-1].casefold()
    return (
        _reads_as_legal_form(last)
        or _reads_as_legal_form(first)
        or bool(JOINED_COMPANY_FORM.search(words[-1]))
    )


_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=1 << 16)
def _reads_as_legal_form(word: str) -> bool:
    """Read as an organisation's words are (rigour's forms, registration words), the
    word is one generic legal form."""
    read = _read_as_organisation(word, keep_a_name=False)[1]
    return len(read) == 1 and read[0] in GENERIC_LEGAL_FORMS


def scoring_kind(query_kind: str, listed_kind: str) -> str:
    """Kind is a hint, never a gate: entries of either kind are scored. Across kinds
    the stricter rules for people apply (two words aligned, one spelled alike)."""
    return query_kind if query_kind == listed_kind else "person"


def _pair_key(a: int, b: int) -> int:
    low, high = (a, b) if a < b else (b, a)
    return (low << 32) | high


def _letter_keys(normalised: str, words: list[str]) -> set[str]:
    """Run-together letters as written, and with particles folded (look-alikes too:
    Ben Salem as bin salem): the exact keys; and without an "and" between two words,
    which an ampersand writes as nothing (AT and T, AT&T and ATT are all att)."""
    keys = {compact(normalised.split()), compact(words), compact(look_alikes_folded(words))}
    if AMPERSAND_WORD in words[1:-1]:
        keys.add(compact(_without_ampersand_word(words)))
    return {k for k in keys if k}


# The word an ampersand stands for ("&" itself is a word break, as other punctuation).
AMPERSAND_WORD = "and"


def _without_ampersand_word(words: list[str]) -> list[str]:
    last = len(words) - 1
    return [w for i, w in enumerate(words) if not (w == AMPERSAND_WORD and 0 < i < last)]


def _query_letter_keys(normalised: str, words: list[str]) -> set[str]:
    """A query's exact keys, and without a leading "The" (The PKK is PKK). Only the
    query's: a listed "The Base" must not be mentioned by every "Base" in a text."""
    keys = _letter_keys(normalised, words)
    if len(words) > 1 and words[0] == "the":
        keys.add(compact(words[1:]))
    return keys


MAX_FUZZY_WORD_LENGTH = 40


def _word_keys(word: str) -> set[str]:
    """Fuzzy keys: the word, its one-letter deletions (typos), its consonant skeleton
    (spellings of one name share it), and the names and nicknames rigour knows it as
    (Chang and Zhang, Jim and James)."""
    keys = {"w:" + word}
    # No name word is this long; an absurd one must not cost its length squared.
    if 4 <= len(word) <= MAX_FUZZY_WORD_LENGTH:
        keys.update("w:" + word[:i] + word[i + 1 :] for i in range(len(word)))
    if len(word) >= 3:
        keys.add("s:" + skeleton(word))
        respelled = respelled_consonants(word)
        if respelled:
            keys.add("s:" + skeleton(respelled))
    if is_arabic_letter(word[0]):
        # its Latin spellings share its consonants (محمد and Muhammad: mhmd)
        keys.update("s:" + skeleton(consonants) for consonants in arabic_consonants(word))
    keys |= hangul_keys(word)
    keys.update("n:" + symbol for symbol in name_symbols(word))
    keys.update("k:" + symbol for symbol in nickname_symbols(word))
    particle = particle_reading(word)
    if particle:
        keys.add("w:" + particle)  # Ben meets bin, Abudl abd (screening.normalise.particle_pair)
    return keys


def _one_typo_keys(word: str) -> set[str]:
    """The word and its one-letter deletions, as `_word_keys` indexes listed words."""
    keys = {"w:" + word}
    if 4 <= len(word) <= MAX_FUZZY_WORD_LENGTH:
        keys.update("w:" + word[:i] + word[i + 1 :] for i in range(len(word)))
    return keys


# Listed words a split of a person's word may meet as written while the rest has a
# typo (Alshabab: al shabaab); any listed word for an organisation (Rlieffund) and in
# a person's word this long (Smithatade: smith tatade; most given names are shorter).
MIN_PERSON_SPLIT_TYPO_LENGTH = 10
_JOINING_WORDS = PARTICLES | {"allah"}


def _joins_at(half: str, joining: frozenset[str] | None) -> bool:
    return joining is None or half in joining


# Two words of a person's name are looked up run together within a typo only if one
# is this short (or is Allah); longer, spelled alike.
MAX_APART_PART_LENGTH = 3
# A word is split into two listed words (Abubakr: abu bakr) only from this length.
MIN_SPLIT_LENGTH = 5
# A split meets one listed half as written and the other within a typo (Alshabab: al
# shabaab, Rlieffund: relief fund) where the other is this long (a typo needs four letters).
MIN_SPLIT_TYPO_LENGTH = 4


# Two edits keep the Indel ratio at 0.8 or more only in long words.
TWO_EDIT_MIN_LENGTH = 8


def _two_deletion_keys(word: str) -> set[str]:
    """A query word less two letters: meets a listed word less one (or none), so a
    listed word two edits away is found without indexing every two-letter deletion."""
    if not TWO_EDIT_MIN_LENGTH <= len(word) <= MAX_FUZZY_WORD_LENGTH:
        return set()
    return {
        "w:" + word[:i] + word[i + 1 : j] + word[j + 1 :]
        for i in range(len(word))
        for j in range(i + 1, len(word))
    }


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


def _explain_alignment(words: list[str], listed: list[str], scored: NameScore) -> dict:
    """Which query word met which listed word, how alike, and what each weighs."""
    paired_q = {i for p in scored.pairs for i in p.query_indices}
    paired_l = {i for p in scored.pairs for i in p.listed_indices}
    return {
        "query_normalised": " ".join(words),
        "matched_normalised": " ".join(listed),
        "alignment": [
            {
                "query_token": " ".join(words[i] for i in p.query_indices),
                "matched_token": " ".join(listed[i] for i in p.listed_indices),
                "similarity": round(p.similarity, 3),
                "how": p.how,
                "query_weight": round(sum(scored.query_weights[i] for i in p.query_indices), 3),
                "matched_weight": round(sum(scored.listed_weights[i] for i in p.listed_indices), 3),
            }
            for p in scored.pairs
        ],
        "unmatched_query_tokens": _unpaired(words, scored.query_weights, paired_q),
        "unmatched_matched_tokens": _unpaired(listed, scored.listed_weights, paired_l),
        "matched_tokens": sorted({words[i] for i in paired_q}),
        "gate": scored.gate,
        "notes": ([SUBSTITUTION_NOTE] if scored.substituted else [])
        + ([NAME_ELEMENT_NOTE] if scored.substituted and _name_element_left(words, listed, scored) else [])
        + ([LONG_NAME_NOTE] if scored.long_name else [])
        + ([REPEATED_WORD_NOTE] if scored.repeated else [])
        + ([MONONYM_NOTE] if scored.mononym else []),
    }


def _name_element_left(words: list[str], listed: list[str], scored: NameScore) -> bool:
    paired_q = {i for p in scored.pairs for i in p.query_indices}
    paired_l = {i for p in scored.pairs for i in p.listed_indices}
    return any(w in NAME_ELEMENT_PARTICLES for i, w in enumerate(words) if i not in paired_q) or any(
        w in NAME_ELEMENT_PARTICLES for i, w in enumerate(listed) if i not in paired_l
    )


SUBSTITUTION_NOTE = (
    "each name has a word the other does not: counted as a difference, not a word left out, "
    f"each costing what a distinctive word costs ({SUBSTITUTED_WORD_MIN_WEIGHT}) however common it is"
)
HAN_NOTE = (
    "both names are written in Chinese characters: words that read alike but are other "
    "characters (市 and 石, both shi) are different words"
)
NAME_ELEMENT_NOTE = (
    "Abdul or Abu left over against a word of the other name is a name word of its own "
    "(Abdul Jan, Abu Bakr), not a particle: counted as a different word"
)


LONG_NAME_NOTE = (
    "the listed name is much longer (given, father's, grandfather's or family names): "
    f"each of its words the query leaves out costs {LONG_NAME_FACTOR} of its weight"
)


REPEATED_WORD_NOTE = (
    "a word left over is written twice in its name (Shoigu Shoigu Sergey): the second "
    f"says nothing new and costs {UNSHARED_MIDDLE_FACTOR} of its weight, "
    "as a middle name given on one side does"
)


MONONYM_NOTE = (
    f"a person known by one word, found with one typo: the word is long ({MONONYM_TYPO_MIN_LETTERS} letters "
    "or more) and rarer than every common name, so few others carry the other spelling"
)


def _unpaired(words: list[str], weights: list[float], paired: set[int]) -> list[dict]:
    return [{"token": w, "weight": round(weights[i], 3)} for i, w in enumerate(words) if i not in paired]


__all__ = [
    "MATCHER_NAME",
    "IndexedName",
    "NameQuery",
    "NameMatch",
    "MatchIndex",
    "MIN_FUZZY_LENGTH",
    "UNKNOWN_WEIGHT",
]
