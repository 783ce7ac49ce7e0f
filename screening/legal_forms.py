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

A legal form run together with the name (SiemensAG) is split off first. A
Roman numeral is never read as a legal form (rigour files II as one): "Fund
II" is fund 2, not a fund of some company form, so the numbers rule still sees
it (screening/numbers.py).
"""

import re

from rigour.names import replace_org_types_compare

from .numbers import roman_value

# rigour's generic forms, as they come out of fold_legal_forms, and ours (`corp`).
REGISTRATION_FORM = "corp"
GENERIC_LEGAL_FORMS = frozenset({"llc", "jsc", "lp", "llp", "coop", "ngo", REGISTRATION_FORM})

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

# Words a legal form could swallow: candidates for Roman numerals (checked below).
_ROMAN_CANDIDATE = re.compile(r"\b[ivxIVX]{2,}\b")


# A legal form run together with the name before it, capitals after a small letter
# (SiemensAG, VexmoorLLC, AcmeGmbH): split off when rigour knows it as a legal form
# and it has two capitals at least (LaSa is a name).
_JOINED_FORM = re.compile(r"(?<=[a-z])([A-Z][A-Za-z]{1,3}\.?)(?=\W|$)")


def fold_legal_forms(text: str) -> str:
    """The name with every legal form replaced by its generic form, Roman
    numerals kept as written."""
    text = _JOINED_FORM.sub(_split_joined_form, str(text))
    out: list[str] = []
    start = 0
    for numeral in _ROMAN_CANDIDATE.finditer(text):
        if roman_value(numeral.group().lower()) is None:
            continue
        out.append(_fold(text[start : numeral.start()]))
        out.append(numeral.group())
        start = numeral.end()
    out.append(_fold(text[start:]))
    return "".join(out)


def _split_joined_form(joined: re.Match) -> str:
    tail = joined.group(1)
    capitals = sum(c.isupper() for c in tail)
    known = _fold(tail.rstrip(".")).lower() in GENERIC_LEGAL_FORMS
    return " " + tail if capitals > 1 and known else tail


def _fold(text: str) -> str:
    return replace_org_types_compare(text, generic=True) if text.strip() else text


def organisation_words(words: list[str]) -> list[str]:
    """An organisation's words with registration words and abbreviations read as above."""
    return [
        REGISTRATION_FORM if word in REGISTRATION_WORDS else ABBREVIATIONS.get(word, word) for word in words
    ]
