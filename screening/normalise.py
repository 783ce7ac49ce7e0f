"""Name normalisation: the one place that decides which strings are 'the same'."""

import re
import unicodedata

from unidecode import unidecode

# Apostrophes and similar marks join a word rather than split it: Qa'ida -> qaida.
_JOINING = re.compile(r"['’‘`´ʼʻʹ]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Fold case, accents, scripts and punctuation to space-separated ASCII words."""
    text = unicodedata.normalize("NFKC", text)
    text = unidecode(text).casefold()
    text = _JOINING.sub("", text)
    return " ".join(_NON_ALNUM.sub(" ", text).split())


def tokens(text: str) -> list[str]:
    return normalise(text).split()
