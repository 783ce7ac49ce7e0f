"""Given names rigour's list does not know, or knows apart where they are one name
(`data/given_names.txt`, see its header for why).

Each line of the file is one name, and each of its spellings gets that name's
symbol (`GIVEN:` and its first spelling), added to what rigour knows of the word
(screening.name_variants): spellings of one line share a name, names of two lines
are two names, as for rigour's own. The [told apart] pairs are different names
whatever a spelling rule says.
"""

from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "given_names.txt"
GIVEN_NAME_SYMBOL = "GIVEN:"
_TOLD_APART = "told apart"


@cache
def _load(path: Path = DATA_FILE) -> tuple[dict[str, frozenset[str]], frozenset[frozenset[str]]]:
    symbols: dict[str, set[str]] = {}
    apart: set[frozenset[str]] = set()
    section = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        spellings = line.split()
        if section is None or any(not s.isascii() or not s.isalpha() or s != s.lower() for s in spellings):
            raise ValueError(f"{path}:{number}: {line!r} is not a line of lower-case names under a heading")
        if section == _TOLD_APART:
            if len(spellings) != 2:
                raise ValueError(f"{path}:{number}: a pair told apart is two names")
            apart.add(frozenset(spellings))
            continue
        for spelling in spellings:
            symbols.setdefault(spelling, set()).add(GIVEN_NAME_SYMBOL + spellings[0])
    return {word: frozenset(s) for word, s in symbols.items()}, frozenset(apart)


def given_name_symbols(word: str) -> frozenset[str]:
    """The names of the file a word can be; empty if none."""
    return _load()[0].get(word, frozenset())


def listed_names(path: Path = DATA_FILE) -> frozenset[str]:
    """Every spelling the file holds, told-apart pairs included."""
    symbols, apart = _load(path)
    return frozenset(symbols).union(*apart)


def told_apart(a: str, b: str) -> bool:
    """Two names the file says are different, whatever their spelling."""
    return frozenset((a, b)) in _load()[1]
