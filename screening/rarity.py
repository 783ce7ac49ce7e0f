"""How much a matching word says about identity: rare words a lot, common ones little.

Two views are combined and the lower weight wins:

- in general: `data/common_name_parts.txt`, a hand-written list of frequent
  given names, surnames and generic words of group names, in tiers;
- across the sources: a word carried by many aliases of the index (Muhammad
  in a sanctions list of 1,000,000 names) weighs less, by inverse document
  frequency.

A word in neither view weighs 1.0; a word of two or three letters at most 0.5.
"""

import math
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from .name_variants import name_symbols
from .normalise import PARTICLES, normalise
from .numbers import read_numbers
from .scripts import is_hangul_syllable, is_kept_script, letter_count

DATA_FILE = Path(__file__).parent / "data" / "common_name_parts.txt"

TIER_WEIGHTS = {
    "stopword": 0.02,  # the, of, and: carry no identity
    "org_type": 0.05,  # Ltd, CIC, Trust, Group, UK: neither create nor hide a match
    "generic": 0.15,  # Islamic, Community, National, Action, Youth, Palestine...
    "very_common": 0.2,  # Muhammad, Singh, Smith, Khan, Patel, Nguyen...
    "common": 0.4,  # frequent given names and surnames of every origin
}
PARTICLE_WEIGHT = 0.05  # al, bin, abu, abd: structure of a name, not identity
# A single letter is an initial (I. Haldorsen, Y. Tanaka), even one the stopword tier
# lists (the Spanish y, the Catalan i): it weighs this, as the scorer caps initials.
INITIAL_WEIGHT = 0.2
UNKNOWN_WEIGHT = 1.0
# A word of two or three letters (Ji, Hye, Yun, Min) has few possible spellings, so
# many different people share it: it weighs at most this, listed or not.
SHORT_WORD_MAX_LETTERS = 3
SHORT_WORD_MAX_WEIGHT = 0.5
# Below this many aliases a word is rare in the sources; above, weight falls with log(df).
SOURCE_RARE_DF = 20
SOURCE_MIN_WEIGHT = 0.1


@cache
def general_weights(path: Path = DATA_FILE) -> Mapping[str, float]:
    """Word -> weight from the shipped list (the lowest tier a word appears in)."""
    weights: dict[str, float] = {}
    tier: float | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            tier = TIER_WEIGHTS[line[1:-1]]
            continue
        if tier is None:
            raise ValueError(f"{path}: {line!r} comes before any [tier] heading")
        for word in normalise(line).split():
            # and as a name's words read it: "first" and "1st" are "1" (screening.numbers)
            for key in {word, *read_numbers([word], "organisation")}:
                weights[key] = min(weights.get(key, UNKNOWN_WEIGHT), tier)
    return weights


def source_weight(document_frequency: int) -> float:
    """Inverse document frequency over the index's aliases, 1.0 for rare words."""
    if document_frequency <= SOURCE_RARE_DF:
        return 1.0
    return max(SOURCE_MIN_WEIGHT, 1.0 / (1.0 + math.log(document_frequency / SOURCE_RARE_DF)))


def word_weight(word: str, document_frequency: int, general: Mapping[str, float]) -> float:
    if word in PARTICLES:
        return PARTICLE_WEIGHT
    if len(word) == 1 and word.isascii() and word.isalpha():
        return INITIAL_WEIGHT
    in_general = general.get(word, UNKNOWN_WEIGHT)
    if is_kept_script(word) and general is general_weights():
        in_general = min(in_general, _weight_by_name(word))
    weight = min(in_general, source_weight(document_frequency))
    if letter_count(word) <= SHORT_WORD_MAX_LETTERS or is_hangul_syllable(word[0]):
        weight = min(weight, SHORT_WORD_MAX_WEIGHT)  # a Hangul syllable is as short as Ji or Min
    return weight


def _weight_by_name(word: str) -> float:
    """A name written in Arabic letters weighs what it weighs in Latin letters: محمد as
    Muhammad. The lowest weight of the listed words rigour files under one of its names."""
    by_symbol = _general_weight_by_symbol()
    return min((by_symbol[s] for s in name_symbols(word) if s in by_symbol), default=UNKNOWN_WEIGHT)


@cache
def _general_weight_by_symbol() -> Mapping[str, float]:
    by_symbol: dict[str, float] = {}
    for word, weight in general_weights().items():
        for symbol in name_symbols(word):
            by_symbol[symbol] = min(by_symbol.get(symbol, UNKNOWN_WEIGHT), weight)
    return by_symbol
