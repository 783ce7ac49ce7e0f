"""Names that write two alternatives with a slash: "Al-Qa'ida/Islamic Army",
"Vexmoor/Keltrin Trading Ltd".

Read as one name, the slash a word break, the two alternatives ran together
into one long name, and neither alternative written alone met it: "Al Qaeda"
never met "Al-Qa'ida/Islamic Army". So such a name is also read as each
alternative: the word before the slash or the word after it in the slash's
place (Vexmoor Trading Ltd, Keltrin Trading Ltd), and also the text before the
slash and the text after it (Al-Qa'ida, Islamic Army), since lists write two
whole names so. Organisation names only (see `slash_alternatives`).

A slash between single letters (A/S, c/o) or digits (24/7, 2004/1) is no
alternative: legal forms with a slash are read by screening.legal_forms, and
the rest are abbreviations and numbers; nor is one of fewer than
MIN_ALTERNATIVE_LETTERS letters (AC/DC): a short name matches exactly, and two
letters are everyone's initials. The text before or after the slash is read
alone only where it is two words or more: one word alone (National of
"National/Islamic Front") is not a name the list gives, and would match exactly.
"""

import re

MIN_ALTERNATIVE_LETTERS = 3
# A name with many slashes is read in at most this many other ways.
MAX_ALTERNATIVES = 6

# word/word, each side two letters or more of which one is a letter
_SLASHED_WORDS = re.compile(r"(?<!\S)(\S*?[^\W\d_]\S*?)/(\S*?[^\W\d_]\S*?)(?!\S)")


def slash_alternatives(text: str, kind: str) -> tuple[str, ...]:
    """The name read as each alternative a slash writes (none if it writes none).
    Organisations only: in a person's name a slash between two names ("Ahmed
    Khan/Mohammed Ali") read word by word would make up names nobody has."""
    if kind != "organisation":
        return ()
    found: list[str] = []
    for match in _SLASHED_WORDS.finditer(text):
        before, after = match.group(1), match.group(2)
        if _too_short(before) or _too_short(after):
            continue
        head, tail = text[: match.start()], text[match.end() :]
        found += [head + before + tail, head + after + tail]
        found += [whole for whole in (head + before, after + tail) if _words(whole) >= 2]
    return tuple(dict.fromkeys(a.strip() for a in found if a.strip() != text))[:MAX_ALTERNATIVES]


def _too_short(word: str) -> bool:
    return sum(c.isalpha() for c in word) < MIN_ALTERNATIVE_LETTERS


def _words(text: str) -> int:
    """Words of a whole name read alone: one word alone (National of National/Islamic
    Front) is not a name the list gives."""
    return len(re.findall(r"[^\W_]+", text))
