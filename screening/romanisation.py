"""Chinese names in Wade-Giles, read as pinyin: Hsiao-ming is Xiaoming, Chien-kuo Jianguo.

Taiwanese passports, older lists and the press write Chinese names in
Wade-Giles; the mainland and most sources in pinyin. The two systems spell
the same syllables differently: hs is x, ch is j or q (before i) and zh or ch
(elsewhere), k is g or k, p is b or p, t is d or t, ts and tz are z or c, j is
r, -ien is -ian, -ieh is -ie, -ih is -i, -ung is -ong. The aspiration mark
that tells k' from k is usually dropped, so one Wade-Giles spelling has a few
pinyin readings; a name is read through them all.

Only a name with a mark no pinyin spelling has (hs, ien, ieh, a final ih, tzu;
ts in a name of one-syllable words) is read this way: pinyin's own k, p, t and ch are letters of their own
(Ding and Ting are two names), so a name without the mark stays as written.

Pure functions; the readings of a name are capped, in a fixed order.
"""

import itertools
import re

# Letters no pinyin syllable has: the name is in Wade-Giles. Wade-Giles writes tz only
# before u (Tzu, Tz'u, pinyin zi and ci); a tz elsewhere is German or Yiddish (Lutz,
# Moritz, Seitz), and "Lutz Ombrecht" was read as Luz Ombrecht at 0.95.
_MARK = re.compile(r"hs|ien|ieh|ih(?![aeiou])|tz(?=u)")
# ts is a mark too (pinyin writes z and c, and no pinyin syllable ends in t), but one
# that other languages write (Mongolian Tseren, Georgian Tsira, Japanese Tsubasa): it
# marks a name only when every word of it is one syllable, as Wade-Giles writes a
# Chinese name (Mao Tse-tung, Tsai Ing-wen; the hyphen is a word break).
_ONE_SYLLABLE = re.compile(r"(?:ch|ts|tz|hs|sh|ss|sz|[pmftnlkhjsyw])?[aeiou]{1,3}(?:ng|n|rh|h)?")
_MAX_READINGS = 64

# Finals first (they decide which initials apply), then the initials of each syllable.
_FINALS = (("ieh", "ie"), ("ien", "ian"), ("ung", "ong"), ("tzu", "zi"), ("szu", "si"), ("ssu", "si"))
# An initial is at the start of the word or after a vowel, n or ng (a syllable's end).
_INITIAL = re.compile(r"(?:(?<=^)|(?<=[aeiou])|(?<=ng)|(?<=[aeiou]n))(hs|chih|ch|ts|tz|sz|k|p|t|j)")
_INITIAL_READINGS = {
    "hs": ("x",),
    "chih": ("zhi", "chi"),
    "ts": ("z", "c"),
    "tz": ("z", "c"),
    "sz": ("s",),
    "k": ("g", "k"),
    "p": ("b", "p"),
    "t": ("d", "t"),
    "j": ("r",),
}


def is_wade_giles(words: list[str]) -> bool:
    if any(_MARK.search(word) for word in words):
        return True
    return any("ts" in word for word in words) and all(_ONE_SYLLABLE.fullmatch(word) for word in words)


def pinyin_readings(words: list[str]) -> list[str]:
    """The name's words run together, in each pinyin reading (empty if not Wade-Giles)."""
    if not is_wade_giles(words):
        return []
    # each word also as written: a Korean surname beside a Chinese given name (Namgung)
    per_word = [list(dict.fromkeys([*_word_readings(word), word])) for word in words]
    joined = ("".join(parts) for parts in itertools.product(*per_word))
    return list(itertools.islice(joined, _MAX_READINGS))


def _word_readings(word: str) -> list[str]:
    for old, new in _FINALS:
        word = word.replace(old, new)
    word = re.sub(r"(?:(?<=sh)|(?<=^j))ih(?![aeiou])", "i", word)  # shih is shi, jih ri
    pieces: list[tuple[str, ...]] = []
    done = 0
    for initial in _INITIAL.finditer(word):
        pieces.append((word[done : initial.start()],))
        pieces.append(_initial_readings(initial.group(), word[initial.end() :]))
        done = initial.end()
    pieces.append((word[done:],))
    return ["".join(parts) for parts in itertools.product(*pieces)]


def _initial_readings(initial: str, rest: str) -> tuple[str, ...]:
    if initial == "ch":
        return ("j", "q") if rest[:1] in ("i", "u") and rest[:2] != "ua" else ("zh", "ch")
    return _INITIAL_READINGS[initial]
