"""Legal forms of organisations: one word, whatever the language or the length.

"Siemens AG" and "Siemens Aktiengesellschaft", "OAO Gazprom" and "PJSC Gazprom",
"Acme Ltd", "Acme Limited", "Acme GmbH" and "Acme Sp. z o.o." differ only in how
the legal form is written. rigour (OpenSanctions) knows the legal forms of many
jurisdictions and maps each to a generic form (llc, jsc, lp, llp, coop, ngo),
which the rarity list weighs as an organisation-type word: it neither makes nor
breaks a match. Applied to organisation names only, before normalisation,
because the forms are recognised with their punctuation (S.A., Sp. z o.o.).

Then, on the words (`organisation_words`), what rigour leaves as written:

- the registration words Corporation, Corp., Company and Co., one generic word
  (`corp`): "Microsoft Corp." is "Microsoft Corporation", "Homs Refinery
  Company" is "Homs Refinery Corporation";
- the usual abbreviations of the words of company names (Int'l, Natl, Assn,
  Bros, Mfg...), read as the word: "First Bank Int'l" is "First International
  Bank".

(Letters written apart, A.B.C. against ABC, are paired as an acronym by the
score: screening.scoring, `acronym`.)

Before rigour reads the name: Co-operative and Co-operation are written as one
word, as rigour knows them (a cooperative, coop); a legal form run together with the name
(SiemensAG) is split off; letters with dots are read as rigour reads them
without dots where it knows them so (L.L.P. came out "L.lp", O.O.O. as
written), and letters with dots that open the name and are no legal form
without them are the initials of a name (S.C. Johnson is SC Johnson: rigour
reads S.C. as a Romanian form); a Roman numeral is never read as a legal form
(rigour files II as one): "Fund II" is fund 2, not a fund of some company form,
so the numbers rule still sees it (screening/numbers.py). rigour's generic
forms for partnerships, sole traders, state enterprises and banks (gp, sp,
soe, fin: S.C., e.K., Empresa Pública, N.A.) are words of names too (Fin, SP),
so where rigour found such a form they are read as the registration form.
"""

import re

from rigour.names import extract_org_types, replace_org_types_compare

from .numbers import roman_value

# rigour's generic forms, as they come out of fold_legal_forms, and ours (`corp`).
REGISTRATION_FORM = "corp"
GENERIC_LEGAL_FORMS = frozenset({"llc", "jsc", "lp", "llp", "coop", "ngo", REGISTRATION_FORM})
# The forms that say how a company's members are liable and hold it: a company
# limited by shares (jsc: AG, S.A., PLC), a limited liability company (llc: GmbH,
# Ltd, Sp. z o.o.), a partnership (lp, llp). Two of them are two companies. A
# non-profit form (ngo: a charity, a CIC, an e.V.) and a co-operative say what the
# organisation is for, and in the UK most charities, CICs and co-operatives are also
# companies limited by guarantee or registered societies "Ltd": they meet any form.
SPECIFIC_LEGAL_FORMS = frozenset({"llc", "jsc", "lp", "llp"})

# Words that say a company is registered, which rigour leaves as written (they are
# also words of names: The Walt Disney Company), folded to one generic form.
REGISTRATION_WORDS = frozenset({"corporation", "corp", "company", "co"})

# Abbreviations of the words of company names, as they normalise (Int'l -> intl).
ABBREVIATIONS = {
    "intl": "international",
    "natl": "national",
    "assn": "association",
    "assoc": "association",
    "bros": "brothers",
    "mfg": "manufacturing",
    "mgmt": "management",
    "dept": "department",
    "univ": "university",
    "govt": "government",
    "svcs": "services",
}

# rigour's other generic forms (general partnership, sole proprietor, state-owned,
# financial: S.C., e.K., Empresa Pública, N.A.): words of names too (Fin, SP), so
# read as our registration form, and only where rigour found such a form.
_OTHER_GENERIC = frozenset({"gp", "sp", "soe", "fin"})
_OTHER_GENERIC_WORD = re.compile(r"(?<!\w)(?:gp|sp|soe|fin)(?!\w)")
_ALL_GENERIC = GENERIC_LEGAL_FORMS | _OTHER_GENERIC

# Words a legal form could swallow: candidates for Roman numerals (checked below).
_ROMAN_CANDIDATE = re.compile(r"\b[ivxIVX]{2,}\b")
# Capitals joined by an ampersand or "and" (AT&T, L & H, AT and T, P&O): the
# initials of a name, not a legal form (rigour reads AT as one, so AT&T came out
# "jsc t" and never met ATT).
_JOINED_LETTERS = re.compile(r"(?<![\w&])[A-Z]{1,3}(?:\s*&\s*|\s+and\s+)[A-Z]{1,3}(?![\w&])")
# Letters with dots (S.A., N.V., L.L.P., O.O.O.): read as rigour reads them without
# the dots, which it knows better (L.L.P. came out "L.lp", O.O.O. as written).
_DOTTED = re.compile(r"(?<![\w.])[A-Za-z]\.(?: ?[A-Za-z]\.)+(?!\w)")


# A legal form run together with the name before it, capitals after a small letter
# (SiemensAG, VexmoorLLC, AcmeGmbH): split off when rigour knows it as a legal form
# and it has two capitals at least (LaSa is a name).
_JOINED_FORM = re.compile(r"(?<=[a-z])([A-Z][A-Za-z]{1,3}\.?)(?=\W|$)")
# The British and German forms no word ends with, run together in any case (HamasLtd,
# HAMASLTD, Hamasplc), and Limited or Inc. with its capital (HamasLimited, PKKLimited: unlimited
# is a word): a name registered so is still the name. At least two letters or digits
# before (BKLtd, NS131Ltd).
JOINED_COMPANY_FORM = re.compile(r"(?<=[^\W_]{2})(?:(?i:ltd|plc|llc|llp|gmbh)|Limited|Inc)\.?(?=\W|$)")


# An apostrophe inside a word, as normalising drops it: rigour's forms match at any
# word boundary, and an apostrophe is one, so Jama'at came out "jama'jsc" (AT, an
# Austrian form) and never met Jamaat, nor Sa'ad Saad.
_APOSTROPHE_INSIDE = re.compile(r"(?<=\w)['\u2019\u02bc\u02bb`\u00b4](?=\w)")

# Co-operative and Co-operation, the British spellings, written as rigour knows them
# (Cooperative, Cooperation: coop); with a hyphen they were two words, co and operative.
_CO_OPERATIVE = re.compile(r"\b(co)[-\s]+(operati(?:ve|on))\b", re.IGNORECASE)


# Forms rigour does not know written short: the Swedish and Finnish-Swedish AB
# (aktiebolag, a company limited by shares: jsc, as rigour reads the Danish A/S and
# the Norwegian AS), last in the name and in capitals (Ab is a name word); the Russian
# ANO (an autonomous non-profit organisation: ngo, as rigour reads it written out),
# first in the name as Russian forms are written.
_AB = re.compile(r"(?<=\w[\s,])\s*AB(?:\s*\(publ\))?\s*$")
_ANO = re.compile(r"^\s*(?:ANO|АНО)\s+(?=\w)")
# Letters with a slash (A/S, K/S, I/S: Danish and Norwegian forms): read without it
# where rigour knows them so; the slash otherwise split A/S into two initials.
_SLASHED = re.compile(r"(?<![\w/])[A-Za-z]/[A-Za-z](?![\w/])")


def fold_legal_forms(text: str, *, keep_a_name: bool = True) -> str:
    """The name with every legal form replaced by its generic form, Roman
    numerals kept as written. A name is never all legal form: where nothing else
    would be left, the first word is the name (a listed LT, and ANO CIC: the Abu
    Nidal Organisation registered, not a Russian non-profit registered as one).
    Without `keep_a_name`, a word alone is folded as the form it would be in a name."""
    folded = _folded(text)
    words = _WORDS.findall(folded)
    if keep_a_name and words and all(w.lower() in _ALL_GENERIC for w in words):
        first, _, rest = _forms_split_off(str(text)).strip().partition(" ")
        return first + (" " + _folded(rest) if rest.strip() else "")
    return folded


_WORDS = re.compile(r"\w+")


def _folded(text: str) -> str:
    # an underscore breaks words as normalising reads them (Hamas_Ltd), not for \w
    text = str(text).replace("_", " ")
    text = _CO_OPERATIVE.sub(r"\1\2", _APOSTROPHE_INSIDE.sub("", text))
    text = _ANO.sub("ngo ", _AB.sub(" jsc", _SLASHED.sub(_unslashed_form, text)))
    text = _DOTTED.sub(_undotted_form, _forms_split_off(text))
    out: list[str] = []
    start = 0
    for kept in _kept_as_written(text):
        out.append(_fold(text[start : kept.start()]))
        out.append(kept.group())
        start = kept.end()
    out.append(_fold(text[start:]))
    return "".join(out)


def _forms_split_off(text: str) -> str:
    """Legal forms run together with the name written apart (SiemensAG, HamasLtd)."""
    return JOINED_COMPANY_FORM.sub(lambda m: " " + m.group(), _JOINED_FORM.sub(_split_joined_form, text))


def _kept_as_written(text: str) -> list[re.Match]:
    """Roman numerals, and letters with dots that open the name and are no legal form
    without their dots: the initials of whoever it is named after (S.C. Johnson is
    SC Johnson; rigour reads S.C. as a Romanian form, SC as nothing)."""
    numerals = [m for m in _ROMAN_CANDIDATE.finditer(text) if roman_value(m.group().lower()) is not None]
    dotted = [m for m in _DOTTED.finditer(text) if _opens(text, m)]
    joined = list(_JOINED_LETTERS.finditer(text))
    return _apart(sorted(numerals + dotted + joined, key=lambda m: m.start()))


def _apart(spans: list[re.Match]) -> list[re.Match]:
    """The spans kept as written, without one that overlaps an earlier one."""
    kept: list[re.Match] = []
    for span in spans:
        if not kept or span.start() >= kept[-1].end():
            kept.append(span)
    return kept


def _opens(text: str, match: re.Match) -> bool:
    return not text[: match.start()].strip() and bool(text[match.end() :].strip())


def _undotted_form(dotted: re.Match) -> str:
    """A.G. as AG where rigour knows AG, then folded in its context (S.A. de C.V.)."""
    undotted = dotted.group().replace(".", "").replace(" ", "")
    return undotted if _is_legal_form(undotted) else dotted.group()


def _unslashed_form(slashed: re.Match) -> str:
    unslashed = slashed.group().replace("/", "")
    return unslashed if _is_legal_form(unslashed) else slashed.group()


def _is_legal_form(text: str) -> bool:
    return bool(extract_org_types(text, generic=True))


def _split_joined_form(joined: re.Match) -> str:
    tail = joined.group(1)
    capitals = sum(c.isupper() for c in tail)
    known = _fold(tail.rstrip(".")).lower() in GENERIC_LEGAL_FORMS
    return " " + tail if capitals > 1 and known else tail


def _fold(text: str) -> str:
    if not text.strip():
        return text
    folded = replace_org_types_compare(text, generic=True)
    if _OTHER_GENERIC_WORD.search(folded):
        found = {generic for _, generic in extract_org_types(text, generic=True)} & _OTHER_GENERIC
        if found:
            folded = _OTHER_GENERIC_WORD.sub(
                lambda m: REGISTRATION_FORM if m.group() in found else m.group(), folded
            )
    return folded


def organisation_words(words: list[str]) -> list[str]:
    """An organisation's words with registration words and abbreviations read as above."""
    return [
        REGISTRATION_FORM if word in REGISTRATION_WORDS else ABBREVIATIONS.get(word, word) for word in words
    ]
