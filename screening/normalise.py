"""Name normalisation: the one place that decides which strings are 'the same'.

Three layers, each pure and total (never raises, whatever the Unicode):

- `normalise(text)`: NFKC, transliteration to ASCII (Arabic, Cyrillic, Greek and
  every other script Unidecode knows), case folding, apostrophes joined
  (Qa'ida -> qaida), every other punctuation mark a word break
  (Hizb-ut-Tahrir -> hizb ut tahrir). Idempotent.
- `name_tokens(text, kind)`: the words the scorer compares. Honorifics and
  titles of people are dropped, Arabic particles are folded to one spelling
  (el-/ul-/ad-/ash- -> al, ibn/ben -> bin, abdul/abdel -> abd), and
  "abdulrahman" is split like "abdul rahman".
- `skeleton(token)`: a crude consonant key for spelling families
  (Mohammed/Muhammad/Mohamed -> mhmd, Osama/Usama -> asm, Yusuf/Yousef -> ysf).
"""

import re
import unicodedata

from unidecode import unidecode

# Apostrophes and similar marks join a word rather than split it: Qa'ida -> qaida.
_JOINING = re.compile(r"['’‘`´ʼʻʹ′ʾʿ]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")

# Forms of the Arabic article, written before a word (al-Qaida, el-Din, ut-Tahrir).
ARTICLES = frozenset({"al", "el", "ul", "il", "ad", "ud", "ar", "ur", "ash", "ush", "az", "uz", "ut"})
# Other particles, folded to one spelling each.
PARTICLE_SPELLINGS = {
    "ibn": "bin",
    "ben": "bin",
    "bin": "bin",
    "bint": "bint",
    "abu": "abu",
    "abou": "abu",
    "abo": "abu",
    "abd": "abd",
    "abdul": "abd",
    "abdel": "abd",
    "abdal": "abd",
    "abdol": "abd",
    "abdur": "abd",
    "abdus": "abd",
    "abdil": "abd",
}
PARTICLES = frozenset({"al", *PARTICLE_SPELLINGS.values()})
# Joined particles split off when what follows is a name of its own: abdulrahman.
_JOINED_PREFIXES = ("abdul", "abdel", "abdur", "abdus")

# Titles and honorifics of people: never evidence of identity.
HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "doctor",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "revd",
        "reverend",
        "fr",
        "father",
        "pastor",
        "rabbi",
        "imam",
        "sheikh",
        "shaikh",
        "shaykh",
        "sheik",
        "mufti",
        "maulana",
        "mawlana",
        "moulana",
        "maulvi",
        "hafiz",
        "haji",
        "hajji",
        "alhaji",
        "ustadh",
        "ustaz",
        "cllr",
        "councillor",
        "mp",
        "mbe",
        "obe",
        "cbe",
        "kc",
        "qc",
        "phd",
        "jr",
        "jnr",
        "sr",
        "snr",
        "hon",
        "rt",
        "chief",
        "elder",
        "bishop",
        "canon",
    }
)


def normalise(text: str) -> str:
    """Fold case, accents, scripts and punctuation to space-separated ASCII words."""
    text = unicodedata.normalize("NFKC", str(text))
    text = unidecode(text).casefold()
    text = _JOINING.sub("", text)
    return " ".join(_NON_ALNUM.sub(" ", text).split())


def tokens(text: str) -> list[str]:
    return normalise(text).split()


def name_tokens(text: str, kind: str = "person") -> list[str]:
    """The comparable words of a name: particles folded, people's titles dropped."""
    return words_of(normalise(text), kind)


def words_of(normalised: str, kind: str = "person") -> list[str]:
    """`name_tokens` of text already through `normalise`."""
    words = _split_joined(normalised.split())
    folded = [_fold_particle(word, followed=i + 1 < len(words)) for i, word in enumerate(words)]
    if kind == "person":
        kept = [w for w in folded if w not in HONORIFICS]
        folded = kept or folded  # a name that is only a title stays as written
    return folded


def _split_joined(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        prefix = next((p for p in _JOINED_PREFIXES if word.startswith(p)), None)
        if prefix and len(word) - len(prefix) >= 4:
            out.extend((prefix, word[len(prefix) :]))
        else:
            out.append(word)
    return out


def _fold_particle(word: str, *, followed: bool) -> str:
    if followed and word in ARTICLES:
        return "al"
    return PARTICLE_SPELLINGS.get(word, word)


def compact(words: list[str]) -> str:
    """The words run together: Hizbut Tahrir and Hizb-ut-Tahrir meet here."""
    return "".join(words)


_SKELETON_RULES = (
    ("ph", "f"),
    ("ch", "x"),
    ("sh", "x"),
    ("kh", "k"),
    ("gh", "g"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("z", "s"),
    ("w", "v"),
    ("dh", "d"),
    ("th", "t"),
)
_VOWELS = frozenset("aeiouy")


def skeleton(token: str) -> str:
    """Consonant key: first letter (any vowel as 'a'), then consonants, doubles merged."""
    if not token:
        return ""
    for old, new in _SKELETON_RULES:
        token = token.replace(old, new)
    head = "a" if token[0] in _VOWELS - {"y"} else token[0]
    out = [head]
    for ch in token[1:]:
        if ch in _VOWELS:
            continue
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)
