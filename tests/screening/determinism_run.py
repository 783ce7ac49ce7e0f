"""Run by tests/screening/test_determinism.py in a subprocess of its own hash seed:
screens generated names and texts against a generated watch list and prints every
result (scores and explanations) as JSON lines.

A name near several listed spellings at once (a typo of Luke that is as close to
Luka), or listed under two aliases that score the same, is where an order taken
from a set (whose order changes with PYTHONHASHSEED) would decide the outcome, so
the list is dense in near spellings: common given names and surnames from
screening/data/common_name_parts.txt beside invented words made of few syllables.
"""

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from screening.matching import IndexedName, MatchIndex, NameQuery  # noqa: E402
from screening.rarity import DATA_FILE  # noqa: E402

SYLLABLES = ["ka", "ri", "mo", "ta", "lu", "sa", "ha", "be"]
GENERIC = ["Trust", "Society", "Front", "Brigade", "Islamic", "Youth", "Action", "Relief", "Group"]
TEXT_LETTERS = "aeiouknrzlmsdh"


def common_words() -> list[str]:
    words: list[str] = []
    tier = None
    for line in DATA_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            tier = line.strip("[]")
        elif line and not line.startswith("#") and tier in {"very_common", "common"}:
            words.extend(w for w in line.split() if w.isalpha() and len(w) >= 3)
    return sorted(set(words))


def watch_list(rng: random.Random, size: int) -> list[IndexedName]:
    common = common_words()[:400]  # fewer, so they repeat and their weights differ
    invented = sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))) for _ in range(size)})
    # Zipf-like: some invented words are on many aliases, so near spellings weigh differently
    frequency = [1 / (rank + 1) for rank in range(len(invented))]
    names: list[IndexedName] = []
    entry = 0
    while len(names) < size:
        entry += 1
        person = rng.random() < 0.75
        dob = (f"{rng.randint(1950, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",)
        for alias in range(rng.randint(1, 3)):
            if person:
                parts = [rng.choice(common) for _ in range(rng.randint(1, 2))]
                parts += rng.choices(invented, frequency)
            else:
                parts = rng.choices(invented, frequency) + rng.sample(GENERIC, rng.randint(1, 2))
            names.append(
                IndexedName(
                    entry,
                    "gen",
                    f"g-{entry}",
                    "person" if person else "organisation",
                    " ".join(p.capitalize() for p in parts),
                    "primary" if alias == 0 else "alias",
                    dob if person else (),
                )
            )
    return names


def misspelt(rng: random.Random, name: str) -> str:
    """One to three edits (a letter added, dropped, changed, two swapped), maybe reordered."""
    words = name.split()
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(words))
        word, at, letter = words[i], rng.randrange(len(words[i]) + 1), rng.choice(TEXT_LETTERS)
        edit = rng.randrange(4)
        if edit == 0:
            word = word[:at] + letter + word[at:]
        elif edit == 1 and len(word) > 3:
            word = word[:at] + word[at + 1 :]
        elif edit == 2:
            word = word[:at] + letter + word[at + 1 :]
        else:
            word = word[:at] + word[at : at + 2][::-1] + word[at + 2 :]
        words[i] = word
    if rng.random() < 0.3:
        rng.shuffle(words)
    return " ".join(words)


def main() -> None:
    size, queries = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(17)
    names = watch_list(rng, size)
    index = MatchIndex(names)
    for _ in range(queries):
        listed = rng.choice(names)
        kind = rng.choice([listed.kind, listed.kind, "person", "organisation"])
        dob = rng.choice([None, None, listed.birth_dates[0] if listed.birth_dates else None, "1990"])
        query = NameQuery(misspelt(rng, listed.name), kind, dob)
        found = index.match(query, threshold=0.7, discounted=True)
        print(json.dumps([query.name, [(m.entry_id, m.score, m.explanation) for m in found]]))
    for _ in range(queries // 10):
        first, second = (n.name for n in rng.sample(names, 2))
        text = f"A talk on {first} and {second.replace(' ', '-')}, #{first.replace(' ', '')}"
        found = index.mentions(text, threshold=0.8)
        print(json.dumps([text, [(m.entry_id, m.score, m.explanation) for m in found]]))


if __name__ == "__main__":
    main()
