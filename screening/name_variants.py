"""Which two differently spelled words are one name, and which are two names.

The old rule ("same consonant skeleton") put Mahmud with Mohamed, Hassan with
Hussein, Hisham with Hashim and Salman with Sulaiman. In Arabic, and in every
language whose names grow from consonant roots, the vowels are what tell those
names apart, so a consonant key merges different names most often in exactly
the communities whose names are built that way. Two sources of knowledge
replace it:

- `rigour` (OpenSanctions): a list of person names drawn from Wikidata, each
  spelling tagged with the names it can be. Two spellings that share one are
  variants of one name (Mohammed/Muhammad, Yusuf/Yousef, Osama/Usama,
  Khalid/Khaled); two known names that share none are different names
  (Mahmud/Mohamed, Paul/Paula, John/Joan), and no edit-distance rule may
  bring them together. rigour also knows nicknames (Jim/James, Bob/Robert).
- `screening.given_names`: given names of our own where rigour's list is thin
  (West African, Kurdish, Turkish, Punjabi, Irish) or files one name apart
  (Laurence, Lawrence), read as if rigour listed them.
- `same_spelling`: a rule for orthography alone, for the many spellings the
  list does not know: doubled letters (Hassan/Hasan, Phillip/Philip), ph/f,
  a silent final h (Fatimah/Fatima), and vowels written in a different but
  equivalent way (ou/oo/o/u, ee/ie/i, ai/ay/ei/ey, and an "e" that stands for
  an a or an i: Mohamed/Muhammad, Hamed/Hamid). The vowels must still sit in
  the same places and mean the same sound: Hisham and Hashim, Jamal and
  Jamil, Mahmud and Mohamed stay apart.

Pure functions; results are cached because names repeat.
"""

import re
from functools import lru_cache

from rapidfuzz import fuzz
from rigour.names import NameTypeTag, analyze_names

from .given_names import GIVEN_NAME_SYMBOL, given_name_symbols

_CACHE = 500_000
_VOWELS = frozenset("aeiouy")
# Vowel runs that spell one sound, as they are transliterated.
_VOWEL_SOUNDS = {
    "a": "A",
    "aa": "A",
    "i": "I",
    "ii": "I",
    "ee": "I",
    "ie": "I",
    "y": "I",
    "o": "U",
    "u": "U",
    "uu": "U",
    "ou": "U",
    "oo": "U",
    "uo": "U",
    "ai": "AI",
    "ay": "AI",
    "ei": "AI",
    "ey": "AI",
    "aie": "AI",  # aye, y read as i: Ayesha/Aisha, Abdoulaye/Abdulai (French and English spellings)
    "e": "E",  # in transliteration "e" writes a short a (Mohamed) or i (Hamed)
    "ae": "E",  # Rachael/Rachel, Raphael/Raphel: an a written before the e or not
}
_E_STANDS_FOR = frozenset({"A", "I", "E"})
_RUNS = re.compile(r"[aeiouy]+|[^aeiouy]+")
# Spelling-only consonant equivalences (no sound changes: c/k and z/s are not
# here, because Cemal/Kemal and Zaid/Said are different names).
_CONSONANT_SPELLINGS = (
    ("sch", "sh"),
    ("tch", "ch"),
    ("ph", "f"),
    ("gh", "g"),  # Ghulam/Golam, Ghazi/Gazi, Fearghal/Fergal: ghayn, and Irish gh, written g
    ("ck", "k"),
    ("th", "t"),
    ("w", "v"),  # Pawel/Pavel
)
# The Arabic letter qaf is written q or k (Qadir/Kadir, Tariq/Tarik), and g where it
# is said g (Gaddafi, Sudanese Tarig, Gulf Gasim; Azerbaijani writes that sound q).
# So q stays a letter of its own in the spelling key and meets k or g
# (`_consonants_alike`), while k and g stay two letters (Kamal is not Gamal).
# But g also writes other letters: ghayn in Turkish and often in English (Gazi is
# Ghazi, not Qazi; Garib is Gharib, not Qarib) and jim in Egyptian (Gamal is Jamal).
# So q meets g only where the g-word is no name rigour knows on its own
# (`_q_written_g_may_join`): Tarig and Gasim are not in its list, Gazi and Garib are.
# Before u or i q is k only: pinyin's qi, qu (Gu and Qu are two surnames) and
# Spanish or French qu. And in a word of one syllable, q before u or i is not k
# either (`_ONE_SYLLABLE_Q`): that is pinyin's q, a ch sound (Qing, Qin, Qian, Qun),
# or Vietnamese qu, a kw (Quoc, Quynh), and King, Kin, Kian and Kun are names of
# other origins. Arabic q before u or i sits in longer words (Qureshi, Aqil, Siddiqi).
_Q_BEFORE_U_OR_I = re.compile(r"q(?=[ui])")
_ONE_SYLLABLE_Q = "Q"  # a letter of its own in the spelling key: it meets no other
_VOWEL_RUN = re.compile(r"[aeiouy]+")
# A hard c at the start of a word (Catherine/Katherine, Carl/Karl); not elsewhere,
# because in Turkish c is the sound j (Sercan and Serkan are two names).
_INITIAL_HARD_C = re.compile(r"^c(?=[aou])")
# Irish spelling writes a hard c before an i that marks the next vowel (Ciara/Kiara,
# Cian/Kian, Ciaran), but Italian and Romanian write the sound ch so (Ciani, Ciampi,
# Ciobanu): Marco Ciani is not Marco Kiani. Only in a word rigour knows as a name, and
# only before "ia", as the Irish names are written (`_irish_hard_c`).
_IRISH_HARD_C = re.compile(r"^c(?=ia)")
# Irish final -aig written -aic in English spelling (Padraig/Padraic), in words long
# enough to be more than the ending (not Craig).
_IRISH_FINAL_AIG = re.compile(r"(?<=[a-z]{3})ai[gc]$")
MIN_SPELLING_KEY_LETTERS = 3
# Spanish wrote the sound j as x before its spelling reform (Ximena/Jimena,
# Xavier/Javier, Ximenez/Jimenez): an initial x before one vowel and a consonant.
# Not before two vowels, where pinyin's x (Xiao, Xian) is another letter than j.
_SPANISH_X = re.compile(r"^x(?=[aeiou][^aeiouy])")
# A k before a final a (with a silent h or not) after a vowel is written c too
# (Rebekah/Rebecca/Rebeca, Erika/Erica, Monika/Monica, Mekka/Mecca); a c elsewhere
# inside a word is not read as k, because Turkish c is the sound j (Sercan/Serkan).
_FINAL_KA = re.compile(r"(?<=[aeiou])k+(?=ah?$)")
# The Greek ch, a k, written c or ch inside a word before o or u (Nicholas/Nicolas,
# Nicodemus); not before a or e (Rachael, Rachel), nor at the start (Charles, Cherif).
_GREEK_CH = re.compile(r"(?<=.)ch(?=[ou])")
# English ew before an a says u (Stewart/Stuart, Steward): read before w is folded into
# v (Pawel/Pavel). Not before i: Lewis and Luis are two names.
_EW_FOR_U = re.compile(r"(?<=[^aeiou])ew(?=a)|^ew(?=a)")
# -iya and -ia, written with a y or not (Zakariya/Zakaria, Mariya/Maria, Ziyad/Ziad,
# Sofiya/Sofia: the Arabic and Cyrillic y after i).
_IYA = re.compile(r"(?<=.)iya")
# A final voiced consonant written voiceless (Turkish, and German and Russian
# spellings): Mehmed/Mehmet, Ahmed/Ahmet, Murad/Murat, Eyub/Eyup.
_FINAL_VOICED = re.compile(r"(?<=[aeiouy])[db]$")
_DEVOICED = {"d": "t", "b": "p"}
# Hindi drops the final vowel a Sanskrit spelling writes (the schwa), and the Punjabi
# and Hindi spellings of -endra and -indra names write -ender and -inder: Narender is
# Narendra, Ravinder Ravindra, Jitender Jitendra. Only after e or i: -andra and -ander
# are Alexandra and Alexander, Sandra and Sander, two names each.
_HINDI_FINAL_DRA = re.compile(r"(?<=[ei]n)dra$")
# German and Yiddish write the sound ts as tz or z alike (Mertz/Merz, Schwartz/Schwarz,
# Heintz/Heinz, Tzvi/Zvi), in words of five letters or more: Lutz and Luz are two names
# (a German man's and a Spanish woman's).
MIN_TZ_LETTERS = 5


@lru_cache(maxsize=_CACHE)
def name_symbols(word: str) -> frozenset[str]:
    """The names (rigour NAME symbols) a person-name word can be; empty if unknown."""
    if word.endswith(_FOLDED_FINAL_YA):
        # the Arabic word as normalised, final ى folded into ي: it may be either
        return _symbols(word)[0] | _symbols(word[:-1] + _ALIF_MAQSURA)[0]
    return _symbols(word)[0]


# Arabic normalisation (screening.normalise) folds a final alif maqsura, ى, into ya,
# ي, as much writing does; but ى says a (ليلى Layla, مصطفى Mustafa, موسى Musa), and
# rigour's list files the names under ى: both are looked up.
_FOLDED_FINAL_YA = "\u064a"
_ALIF_MAQSURA = "\u0649"


@lru_cache(maxsize=_CACHE)
def nickname_symbols(word: str) -> frozenset[str]:
    """The nickname groups a word belongs to (Jim and James share JIM)."""
    return _symbols(word)[1]


# What a word rigour does not know has: one shared value, not a new pair of empty
# sets per word in the cache (each an object the garbage collector scans; a
# million-alias index has hundreds of thousands of such words).
_NO_SYMBOLS: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


@lru_cache(maxsize=_CACHE)
def _symbols(word: str) -> tuple[frozenset[str], frozenset[str]]:
    if len(word) < 2 or not word.isalpha():
        return _NO_SYMBOLS
    names: set[str] = set()
    nicks: set[str] = set()
    for name in analyze_names(NameTypeTag.PER, [word], consolidate=False, phonetics=False, numerics=False):
        for span in name.spans:
            if len(span.parts) != 1:
                continue
            category = span.symbol.category.value
            if category == "NAME":
                names.add(span.symbol.id)
            elif category == "NICK":
                nicks.add(span.symbol.id)
    names.update(given_name_symbols(word))  # what our own list adds (screening.given_names)
    if not names and not nicks:
        return _NO_SYMBOLS
    return frozenset(names) or _NO_SYMBOLS[0], frozenset(nicks) or _NO_SYMBOLS[1]


# Syllables shorter than this (Wei, Hui, Yun) are romanised so many ways that a
# shared entry in the name list says little: they must be spelled alike.
MIN_LISTED_NAME_LETTERS = 4


# The name list also files some parts of double names under one entry (Juan and
# Pablo, of Juan Pablo): two spellings of one name still look alike.
MIN_LISTED_NAME_RATIO = 0.5


def same_name(a: str, b: str) -> bool:
    """rigour lists both spellings as one name, and they look like one name."""
    if min(len(a), len(b)) < MIN_LISTED_NAME_LETTERS:
        return False
    shared = name_symbols(a) & name_symbols(b)
    if not shared:
        return False
    if any(symbol.startswith(GIVEN_NAME_SYMBOL) for symbol in shared):
        return True  # a line of our own list is one name, however far apart (Niamh, Neeve)
    if _one_syllable(a) and _one_syllable(b) and _vowels(a) != _vowels(b) and not _ends_unlike_pinyin(a, b):
        return False  # Meng/Ming: romanisations of many characters; the vowel decides
    return fuzz.ratio(a, b) / 100 >= MIN_LISTED_NAME_RATIO


@lru_cache(maxsize=_CACHE)
def _vowels(word: str) -> tuple[str, ...]:
    return tuple(r for r in spelling_key(word) if r.startswith("="))


def _one_syllable(word: str) -> bool:
    return len(_vowels(word)) == 1


# A pinyin syllable ends in a vowel, n, ng or er; a word of one syllable that ends
# otherwise (Petr, Pyotr, Piotr: the Russian and Polish spellings of Peter) is no
# romanisation of a Chinese character, and rigour's shared name counts.
_PINYIN_ENDINGS = re.compile(r"(?:[aeiouy]|n|ng|er)$")


def _ends_unlike_pinyin(*words: str) -> bool:
    return any(not _PINYIN_ENDINGS.search(w) for w in words)


def same_nickname(a: str, b: str) -> bool:
    return not nickname_symbols(a).isdisjoint(nickname_symbols(b))


def is_known_name(word: str) -> bool:
    return bool(name_symbols(word))


def known_different_names(a: str, b: str) -> bool:
    """Both words are person names rigour knows, and it knows them as different names."""
    sa, sb = name_symbols(a), name_symbols(b)
    return bool(sa) and bool(sb) and sa.isdisjoint(sb)


def gendered_pair(a: str, b: str) -> bool:
    """Paul/Paula, Ivan/Ivana, Sergio/Sergia, Ivanov/Ivanova: the same stem with a
    final vowel added or changed is another name (often another sex), not a typo.
    Also when the stem is written with a doubled letter: Imraan is Imran, so Imrana
    is another name (see `_stem_with_a_vowel_added`)."""
    if _gendered(a, b):
        return True
    if (a[-1] in _GENDERED_ENDINGS) == (b[-1] in _GENDERED_ENDINGS) or a[0] != b[0]:
        return False  # (cheap first: a vowel added to one stem, and the stem's first letter)
    return _stem_with_a_vowel_added(a, b)


def _stem_with_a_vowel_added(a: str, b: str) -> bool:
    """Imraan/Imrana: with doubled letters written once (and ee as i, oo as u, as
    South Asian spellings write long vowels), one is the other with a final vowel
    added, and the shorter is a name rigour knows. Where the stem is no name
    (Oksaan, Oksan), the longer word is the name and the other a typo of it."""
    short, long_ = sorted((_undoubled(a), _undoubled(b)), key=len)
    if (short, long_) in ((a, b), (b, a)) or len(long_) != len(short) + 1:
        return False
    return _gendered(short, long_) and is_known_name(short)


_DOUBLED = re.compile(r"ee|oo|([a-z])\1")


@lru_cache(maxsize=_CACHE)
def _undoubled(word: str) -> str:
    return _DOUBLED.sub(lambda m: {"ee": "i", "oo": "u"}.get(m.group(), m.group()[0]), word)


# The shortest word in which a letter doubled or written once is read as a typo.
LETTER_DOUBLED_MIN_LETTERS = 4


def letter_doubled(a: str, b: str) -> bool:
    """One word is the other with one of its letters doubled (Hammas, Hamas), in
    words of LETTER_DOUBLED_MIN_LETTERS letters or more."""
    short, long_ = sorted((a, b), key=len)
    if len(long_) != len(short) + 1 or len(short) < LETTER_DOUBLED_MIN_LETTERS:
        return False
    return any(long_[i] == long_[i - 1] and long_[:i] + long_[i + 1 :] == short for i in range(1, len(long_)))


_GENDERED_ENDINGS = frozenset("aeio")


def _gendered(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    if len(short) < 3:
        return False
    if len(long_) == len(short) + 1 and long_.startswith(short) and long_[-1] in _GENDERED_ENDINGS:
        return True
    return len(a) == len(b) and a[:-1] == b[:-1] and a[-1] != b[-1] and {a[-1], b[-1]} <= _GENDERED_ENDINGS


def transposed_letters(a: str, b: str) -> bool:
    """Oamr for Omar, Ail for Ali: in a word of three or four letters, the second and
    third letters swapped, one a vowel and the other a consonant, and not both words
    names rigour knows. Stricter than edit distance on purpose: short words are
    where different names sit one letter apart. Two vowels swapped make another name
    (Mia/Mai, Lina/Lian), and so do the last two letters of a longer word
    (Sami/Saim, Amir/Amri); the first letter is rarely mistyped that way."""
    if len(a) != len(b) or not SHORT_TYPO_LETTERS[0] <= len(a) <= SHORT_TYPO_LETTERS[1]:
        return False
    if a[0] != b[0] or a[3:] != b[3:] or (a[1], a[2]) != (b[2], b[1]) or a[1] == a[2]:
        return False
    if (a[1] in _VOWELS) == (a[2] in _VOWELS):
        return False
    return not (is_known_name(a) and is_known_name(b))


# Word lengths `transposed_letters` applies to (longer words pair by edit distance).
SHORT_TYPO_LETTERS = (3, 4)


def last_letter_tells_apart(a: str, b: str) -> bool:
    """The same name but for its last letter, added, dropped or changed (Selim/Selin,
    Ayse/Aysel, Zeynep/Zeynel): used where one of the two is a known name."""
    short, long_ = sorted((a, b), key=len)
    if len(short) < 3:
        return False
    if len(long_) == len(short) + 1:
        return long_.startswith(short)
    return len(a) == len(b) and a[:-1] == b[:-1]


def vowels_tell_apart(a: str, b: str) -> bool:
    """Same consonants in the same places, but a vowel of another sound (Jamal/Jamil,
    Rashid/Rashad, Aydin/Aydan): in names built on consonant roots the vowels are
    what makes the name."""
    ka, kb = spelling_key(a), spelling_key(b)
    if len(ka) != len(kb) or same_spelling(a, b):
        return False
    differs = False
    for x, y in zip(ka, kb, strict=True):
        if _consonants_alike(x, y):
            continue
        if x[1:] not in _PLAIN_SOUNDS or y[1:] not in _PLAIN_SOUNDS or not x.startswith("="):
            return False  # a consonant differs, or a run that may be a typo (Andrie/Andrei)
        differs = True
    return differs


_PLAIN_SOUNDS = frozenset({"A", "I", "U"})


@lru_cache(maxsize=_CACHE)
def spelling_key(word: str) -> tuple[str, ...]:
    """The word as runs of consonants and of vowel sounds ("=A", "=U"...)."""
    # Each rule of one letter is tried only where the word has that letter where the
    # rule looks: most words have none, and every word compared is keyed here once.
    if word.startswith("c"):
        word = _INITIAL_HARD_C.sub("k", word)
        if _irish_hard_c(word):
            word = "k" + word[1:]
    if word.endswith(("aig", "aic")):
        word = _IRISH_FINAL_AIG.sub("aik", word)
    if "q" in word:
        one_syllable = len(_VOWEL_RUN.findall(word)) == 1
        word = _Q_BEFORE_U_OR_I.sub(_ONE_SYLLABLE_Q if one_syllable else "k", word)
    if word.startswith("x"):
        word = _SPANISH_X.sub("j", word)
    if "c" in word:
        word = _GREEK_CH.sub("c", word)
    if "k" in word:
        word = _FINAL_KA.sub("c", word)
    if "ew" in word:
        word = _EW_FOR_U.sub("u", word)
    if "iy" in word:
        word = _IYA.sub("ia", word.replace("yy", "y"))
    if word.endswith(("d", "b")):
        word = _FINAL_VOICED.sub(lambda m: _DEVOICED[m.group()], word)
    word = _HINDI_FINAL_DRA.sub("der", word)
    if len(word) >= MIN_TZ_LETTERS:
        word = word.replace("tz", "z")
    for old, new in _CONSONANT_SPELLINGS:
        word = word.replace(old, new)
    word = _merge_double_consonants(word).replace("yy", "y")  # Zakariyya, Sayyid, Ayyub: y doubled
    if len(word) > 2 and word.endswith("h") and word[-2] in _VOWELS:
        word = word[:-1]  # Fatimah, Hamzah, Sarah: a silent final h
    runs: list[str] = []
    for run in _RUNS.findall(word):
        if run[0] == "y" and len(run) > 1 and not runs:
            runs.extend(("y", "=" + _VOWEL_SOUNDS.get(run[1:], run[1:])))  # Yusuf: y is a consonant
        elif run[0] in _VOWELS:
            run = run if len(run) == 1 else _undoubled_in_a_run(run).replace("y", "i")  # Bryan/Brian
            runs.append("=" + _VOWEL_SOUNDS.get(run, run))
        else:
            runs.append(run)
    return tuple(runs)


# Words whose spelling writes a consonant the skeleton reads otherwise (Stewart/Stuart,
# Nicholas/Nicolas, Rebekah/Rebecca with its silent final h). Only these: the
# consonants of every word's spelling key (a final d read t) would meet long lists of
# other names and cost every query, and so would Abdullah's (every Abdul), so a final
# h after ll is left out.
_RESPELLED_CONSONANTS = re.compile(r"ewa|.ch[ou]|(?<!ll)[aeiou]h$")


def respelled_consonants(word: str) -> str | None:
    """For retrieval: the word's first letter and the consonants of its spelling key,
    which spellings of one name that write a consonant two ways share (Stewart and
    Stuart: strt), or None where the word writes none of the consonants the skeleton
    reads otherwise."""
    if not _RESPELLED_CONSONANTS.search(word):
        return None
    return word[0] + "".join(run for run in spelling_key(word) if run[0] != "=")


# A vowel run of three letters or more holds no sound that a doubled letter in it
# makes its own (Adriian, Naeeem: a key pressed twice, or Ukrainian Адріан written
# with ii): the letter is read once. A run of two keeps its doubled letter as a long
# sound (Aideen is not Aiden: ee is i, e is e).
_DOUBLED_IN_A_RUN = re.compile(r"([aeiou])\1+")
MIN_RUN_WITH_A_DOUBLED_LETTER = 3


def _undoubled_in_a_run(run: str) -> str:
    if len(run) < MIN_RUN_WITH_A_DOUBLED_LETTER:
        return run
    return _DOUBLED_IN_A_RUN.sub(r"\1", run)


def _irish_hard_c(word: str) -> bool:
    """Cian, Ciara: c before "ia" in a name rigour knows (see `_IRISH_HARD_C`)."""
    return bool(_IRISH_HARD_C.match(word)) and is_known_name(word)


def same_spelling(a: str, b: str) -> bool:
    """One name written two ways: same consonants, vowels of the same sound in the same places."""
    if not _same_spelling_key(a, b):
        return False
    return _q_written_g_may_join(a, b)


def _q_written_g_may_join(a: str, b: str) -> bool:
    """Where the two words are alike only because a q meets a g (Tariq/Tarig), the
    g-word is no name rigour knows on its own: g also writes ghayn (Gazi is Ghazi, not
    Qazi) and jim (Gamal is Jamal). Where rigour files both under one name (Gaddafi,
    Qaddafi) they are one, and so where the g is the word's last letter, after a
    vowel: the Sudanese qaf of Sadig, Ishag, Siddig (rigour lists Sadig and Ishag
    apart), where ghayn and jim end no name written so. Checked last: most pairs
    have no q."""
    if "q" not in a and "q" not in b:
        return True
    if _consonants_as_k(a) == _consonants_as_k(b):
        return True  # q met k, or q met q
    g_word, q_word = (a, b) if a.count("g") > b.count("g") else (b, a)
    if _FINAL_G_AFTER_A_VOWEL.search(g_word) and _consonants_as_k(g_word[:-1] + "q") == _consonants_as_k(
        q_word
    ):
        return True  # Sadig/Sadiq: only the last letter is g for q
    return not is_known_name(g_word) or not name_symbols(a).isdisjoint(name_symbols(b))


_FINAL_G_AFTER_A_VOWEL = re.compile(r"[aeiou]g$")


def _consonants_as_k(word: str) -> str:
    """The consonants of the spelling key, q read as k (Tarik and Tariq: trk; Tarig: trg)."""
    return "".join(r for r in spelling_key(word) if r[0] != "=").lower().replace("q", "k")


def _same_spelling_key(a: str, b: str) -> bool:
    ka, kb = spelling_key(a), spelling_key(b)
    if (
        min(len(a), len(b)) >= MIN_FINAL_CLUSTER_LETTERS
        and abs(len(ka) - len(kb)) == 2  # (cheap first: the keys of most pairs do not differ so)
        and _final_vowel_written_or_not(ka, kb)
    ):
        return True
    if len(ka) != len(kb):
        return False
    # Run by run, cheapest first: most look-alike pairs differ in a consonant.
    # "e" stands for an a or an i only beside a spelling without e (Mohamed/Muhammad,
    # Hamed/Hamid): where both write e (Kerem/Kerim, Turkish) e and i are two vowels;
    # and not in words under four letters, where e and a are two names (Eva/Ava, Eli/Ali).
    e_stands_in = None
    for x, y in zip(ka, kb, strict=True):
        if x == y:
            continue
        if x[0] != "=":  # consonants: only q meets another letter
            if ("q" in x or "q" in y) and _consonants_alike(x, y):  # (Q meets q: "q" in the other)
                continue
            return False
        if e_stands_in is None:
            e_stands_in = (
                sum(r[0] == "=" for r in ka) >= 2
                and not ("e" in a and "e" in b)
                and min(len(a), len(b)) >= MIN_E_FOR_A_OR_I_LETTERS
            )
        if not (e_stands_in and _e_for_a_or_i(x, y)):
            return False
    if sum(len(r.lstrip("=")) for r in ka) < MIN_SPELLING_KEY_LETTERS:
        return False
    # In a word of one syllable the vowel is the whole difference (Zheng/Zhang, Meng/Ming;
    # those differ run by run already), and a final vowel is the whole name: Lei/Lai,
    # Mei/Mai, Ray/Rai (ei and ai, ay spell one sound elsewhere: Hussein/Husain).
    return not (_one_syllable(a) and _final_vowels(a) != _final_vowels(b))


MIN_E_FOR_A_OR_I_LETTERS = 4


def _final_vowels(word: str) -> str:
    """The vowel letters a word ends with, a silent final h aside (Leah is Lea)."""
    if len(word) > 2 and word.endswith("h") and word[-2] in _VOWELS:
        word = word[:-1]
    return word[len(word.rstrip("aeiouy")) :]


def _consonants_alike(x: str, y: str) -> bool:
    """Two runs of the spelling key written alike; q meets k and g, and the q of a word
    of one syllable before i or u meets q only (Quds/Qods; see `spelling_key`)."""
    if x == y:
        return True
    if _ONE_SYLLABLE_Q in x or _ONE_SYLLABLE_Q in y:
        return x.replace(_ONE_SYLLABLE_Q, "q") == y.replace(_ONE_SYLLABLE_Q, "q")
    if "q" not in x and "q" not in y or x[0] == "=":
        return False
    return x.replace("q", "k") == y.replace("q", "k") or x.replace("q", "g") == y.replace("q", "g")


def _keys_alike(ka: tuple[str, ...], kb: tuple[str, ...]) -> bool:
    return len(ka) == len(kb) and all(_consonants_alike(x, y) for x, y in zip(ka, kb, strict=True))


# Words this long may drop the vowel of their last syllable (see `same_spelling`).
MIN_FINAL_CLUSTER_LETTERS = 6


def _final_vowel_written_or_not(ka: tuple[str, ...], kb: tuple[str, ...]) -> bool:
    """Abubakr/Abubakar: an Arabic final consonant pair (Bakr, Saqr) is written with a
    vowel between or without one; the rest of the word the same."""
    short, long_ = sorted((ka, kb), key=len)
    if len(long_) != len(short) + 2 or len(short[-1]) != 2 or short[-1].startswith("="):
        return False
    return (
        _keys_alike(short[:-1], long_[:-3])
        and _consonants_alike(long_[-3] + long_[-1], short[-1])
        and long_[-2] in {"=A", "=E", "=U", "=I"}
    )


def _e_for_a_or_i(x: str, y: str) -> bool:
    if not (x.startswith("=") and y.startswith("=")):
        return False  # consonants must be the same letters
    x, y = x[1:], y[1:]
    return (x == "E" and y in _E_STANDS_FOR) or (y == "E" and x in _E_STANDS_FOR)


def _merge_double_consonants(word: str) -> str:
    """Hassan -> hasan; a doubled vowel is a sound of its own (Aideen is not Aiden)."""
    return _DOUBLED_CONSONANT.sub(r"\1", word)


_DOUBLED_CONSONANT = re.compile(r"([^aeiouy])\1+")
