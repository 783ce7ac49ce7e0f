"""Legal forms of organisations: one word, whatever the language or the length.

"Siemens AG" and "Siemens Aktiengesellschaft", "OAO Gazprom" and "PJSC Gazprom",
"Acme Ltd", "Acme Limited", "Acme GmbH" and "Acme Sp. z o.o." differ only in how
the legal form is written. rigour (OpenSanctions) knows the legal forms of many
jurisdictions and maps each to a generic form (llc, jsc, lp, llp, coop, ngo),
which the rarity list weighs as an organisation-type word: it neither makes nor
breaks a match. Applied to organisation names only, before normalisation,
because the forms are recognised with their punctuation (S.A., Sp. z o.o.).
"""

from rigour.names import replace_org_types_compare

# rigour's generic forms, as they come out of fold_legal_forms.
GENERIC_LEGAL_FORMS = frozenset({"llc", "jsc", "lp", "llp", "coop", "ngo"})


def fold_legal_forms(text: str) -> str:
    """The name with every legal form replaced by its generic form."""
    return replace_org_types_compare(str(text), generic=True)
