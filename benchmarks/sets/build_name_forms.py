"""Build benchmarks/sets/name_forms/ (run it again after editing name_forms_names.py).

    /work/main/.venv/bin/python benchmarks/sets/build_name_forms.py

The same format and loading as the other sets (build_sets.py). Six classes of
one name written another way, each with the look-alike that is another name;
the category says which (`flag` rows first, then `no_flag`, then `either`):

- numbers: an organisation listed with a number in one spelling (First, 1st;
  Forty-Four, 44, Forty Four; Roman numerals for people's generations) is asked
  in its other spellings (`number_spelling`, flag), and with a look-alike
  number in every spelling (`number_different`: the 2nd Brigade is not the
  1st, Column 18 not Column 88). A person's other generation (II against III)
  is `either`.
- joined: a name part written apart (Abu Bakr, De Souza, Jong Un, Hizb Allah)
  asked written together and the reverse (`joined_words`), with the family
  name first or a typo elsewhere so the run-together letters alone cannot
  decide; a different name one letter or two from the joined form
  (Maryam for Mary Ann, Jongil for Jong Un) is `joined_lookalike`, no_flag.
- long_name: chains of given, father's, grandfather's and family names asked
  as given + family, family + given and given + father's name
  (`long_listed_name`), but a given + father's name of two common name parts
  (both in the common tiers of screening/data/common_name_parts.txt: Ahmed
  Ghassan, Hodan Ali, Maria Jose) is `either`
  (`long_name_common_given_and_father`): it may be the man, but it is what a great
  many people are called, the same evidence as the given + second name of
  `long_name_common_words` below (no_flag), and the development set labels a name
  with words left out `either` (dropped_middle); the same chain's father asked by his own name
  (`long_name_father`, no_flag: "Yusuf bin Hamdan" is the father of "Marwan
  bin Yusuf bin Hamdan"); chains of common words only, asked as given +
  family (`long_name_common_words`, no_flag). Without a particle the father's
  name is ambiguous (people are called by a middle name): `either`.
- order: "X bin Y" listed, "Y bin X" asked (`patronymic_swapped`, no_flag);
  the family name or the patronymic first with a comma, the particle spelt
  another way or dropped (`patronymic_same_order`, flag).
- org_type: one invented word with type nouns (Liberation Army) listed; the
  same word with other type nouns (Cultural Society) asked
  (`type_nouns_differ`, no_flag), sharing some type nouns but not all
  `either`; a typo, a legal form added, the words reordered around "of"
  (`type_nouns_same`, flag).
- initials: "K. Surname", "Surname, K." and run-together "JC Surname" against
  the full given names (`initials_rare_surname`, flag); an initial that does
  not fit (`initial_does_not_fit`), and initials with a common surname
  (`initials_common_surname`), no_flag.

Deterministic: the rows are a function of the name lists only.
"""

import functools
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import name_forms_names as N  # noqa: E402
from build_sets import write_set  # noqa: E402


class NameForms:
    def __init__(self) -> None:
        self.entries: list[dict] = []
        self.queries: list[dict] = []

    def listed(self, name: str, kind: str = "person") -> str:
        entry_id = f"nf-{len(self.entries):04d}"
        schema = "Person" if kind == "person" else "Organization"
        self.entries.append(
            {
                "id": entry_id,
                "schema": schema,
                "properties": {"name": [name], "topics": ["sanction"]},
                "datasets": ["name_forms"],
            }
        )
        return entry_id

    def ask(self, name: str, expect: str, category: str, target: str, *, kind: str = "person", group=None):
        query = {"name": name, "kind": kind, "expect": expect, "category": category, "target": target}
        if group:
            query["group"] = group
        self.queries.append(query)


def main() -> int:
    forms = NameForms()
    for add in (numbers, joined, long_names, patronymic_order, type_nouns, initials):
        add(forms)
    order = {"flag": 0, "no_flag": 1, "either": 2}
    forms.queries.sort(key=lambda q: order[q["expect"]])
    write_set("name_forms", forms.entries, forms.queries)
    return 0


def typo(word: str) -> str:
    """One letter doubled in the middle of the word: a typo, not another name."""
    middle = len(word) // 2
    return word[:middle] + word[middle] + word[middle:]


# -- 1. numbers ------------------------------------------------------------------


def numbers(forms: NameForms) -> None:
    values = list(N.NUMBERS)
    for i, word in enumerate(N.NUMBER_ORG_WORDS):
        for k, (spelling, template) in enumerate(N.NUMBER_ORG_TEMPLATES.items()):
            value = values[(2 * i + k) % len(values)]
            written = N.NUMBERS[value][spelling]
            shown = written[i % len(written)]  # which spelling is listed alternates
            target = forms.listed(template.format(n=shown, word=word), "organisation")
            for other in written:
                if other != shown:
                    name = template.format(n=other, word=word)
                    forms.ask(name, "flag", "number_spelling", target, kind="organisation")
            for lookalike in N.NUMBER_LOOKALIKES[value]:
                for other in N.NUMBERS[lookalike][spelling]:
                    name = template.format(n=other, word=word)
                    forms.ask(name, "no_flag", "number_different", target, kind="organisation")
    romans = [v for v in values if "roman" in N.NUMBERS[v]]
    for j, (given, family) in enumerate(N.NUMBER_PEOPLE):
        value = romans[j % len(romans)]
        spellings = _generations(value)
        shown = spellings[j % len(spellings)]
        target = forms.listed(f"{given} {family} {shown}")
        for other in spellings:
            if other != shown:
                forms.ask(f"{given} {family} {other}", "flag", "number_spelling", target)
        other_generation = N.NUMBER_LOOKALIKES[value][0]
        if "roman" in N.NUMBERS[other_generation]:
            for other in _generations(other_generation):
                forms.ask(f"{given} {family} {other}", "either", "number_other_generation", target)


def _generations(value: int) -> list[str]:
    """II, 2nd, the Second: how a person's generation is written after the name."""
    spelled = N.NUMBERS[value]
    return [spelled["roman"][0], spelled["ordinal"][1], f"the {spelled['ordinal'][0]}"]


# -- 2. joined ---------------------------------------------------------------------


def joined(forms: NameForms) -> None:
    targets: dict[str, tuple[str, str, str]] = {}  # apart -> (target, other word, position)
    surnames = N.RARE_SURNAMES
    for i, (apart, together) in enumerate(N.JOINED_GIVEN):
        surname, other_surname = surnames[i % len(surnames)], surnames[(i + 5) % len(surnames)]
        target = forms.listed(f"{apart} {surname}")
        targets[apart] = (target, surname, "given")
        forms.ask(f"{surname}, {together}", "flag", "joined_words", target)
        forms.ask(f"{together} {typo(surname)}", "flag", "joined_words", target)
        reverse = forms.listed(f"{together} {other_surname}")
        forms.ask(f"{other_surname}, {apart}", "flag", "joined_words", reverse)
        forms.ask(f"{apart} {typo(other_surname)}", "flag", "joined_words", reverse)
    givens = N.JOINED_FAMILY_GIVEN
    for i, (apart, together) in enumerate(N.JOINED_FAMILY):
        given, other_given = givens[i % len(givens)], givens[(i + 3) % len(givens)]
        target = forms.listed(f"{given} {apart}")
        targets[apart] = (target, given, "family")
        forms.ask(f"{together}, {given}", "flag", "joined_words", target)
        forms.ask(f"{typo(given)} {together}", "flag", "joined_words", target)
        reverse = forms.listed(f"{other_given} {together}")
        forms.ask(f"{apart}, {other_given}", "flag", "joined_words", reverse)
        forms.ask(f"{typo(other_given)} {apart}", "flag", "joined_words", reverse)
    for apart, other in N.JOINED_LOOKALIKES:
        target, word, position = targets[apart]
        if position == "given":
            asked = [f"{word}, {other}", f"{other} {word}"]
        else:
            asked = [f"{other}, {word}", f"{word} {other}"]
        for name in asked:
            forms.ask(name, "no_flag", "joined_lookalike", target)
    for i, (apart, together) in enumerate(N.JOINED_ORGS):
        word = N.JOINED_ORG_WORDS[i % len(N.JOINED_ORG_WORDS)]
        target = forms.listed(f"{apart} {word} Front", "organisation")
        forms.ask(f"{together} {word} Front", "flag", "joined_words", target, kind="organisation")
        forms.ask(f"{together} {typo(word)} Front", "flag", "joined_words", target, kind="organisation")


# -- 3. a much longer listed name ---------------------------------------------------------

_PARTICLES = {"bin", "bint", "ibn", "ben", "de", "la", "de la", "dos", "da", "al"}
# The project's list of common name parts (general knowledge, in tiers), read here
# as data: a given name and a father's name both in its common tiers are what a great
# many people are called.
_COMMON_NAME_PARTS_FILE = HERE.parents[1] / "screening" / "data" / "common_name_parts.txt"
_COMMON_TIERS = ("[very_common]", "[common]")


def _common_name_part(word: str) -> bool:
    folded = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    return folded in _common_name_parts()


@functools.cache
def _common_name_parts() -> frozenset[str]:
    words: set[str] = set()
    tier = None
    for line in _COMMON_NAME_PARTS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("["):
            tier = line
        elif line and not line.startswith("#") and tier in _COMMON_TIERS:
            words.update(line.split())
    return frozenset(words)


def long_names(forms: NameForms) -> None:
    for group, chains in N.LONG_CHAINS.items():
        for chain in chains:
            target = forms.listed(" ".join(chain))
            words = [w for w in chain if w.lower() not in _PARTICLES]
            given, father, family = words[0], words[1], words[-1]
            for name in (f"{given} {family}", f"{family.upper()}, {given}"):
                forms.ask(name, "flag", "long_listed_name", target, group=group)
            if _common_name_part(given) and _common_name_part(father):
                category = "long_name_common_given_and_father"
                forms.ask(f"{given} {father}", "either", category, target, group=group)
            else:
                forms.ask(f"{given} {father}", "flag", "long_listed_name", target, group=group)
            if "bin" in chain:
                at = chain.index("bin")
                fathers_name = " ".join(chain[at + 1 :])  # Yusuf bin Hamdan al-Tamrawi
                forms.ask(fathers_name, "no_flag", "long_name_father", target, group=group)
                forms.ask(" ".join(chain[at + 1 : -1]), "no_flag", "long_name_father", target, group=group)
            else:
                forms.ask(" ".join(words[1:]), "either", "long_name_suffix", target, group=group)
    given, family = N.COMMON_GIVEN, N.COMMON_SURNAMES
    for i in range(len(given)):
        chain = [given[i], given[(i + 1) % len(given)], given[(i + 2) % len(given)], family[i % len(family)]]
        target = forms.listed(" ".join(chain))
        for name in (f"{chain[0]} {chain[-1]}", f"{chain[-1]}, {chain[0]}", f"{chain[0]} {chain[1]}"):
            forms.ask(name, "no_flag", "long_name_common_words", target)


# -- 4. word order where it carries identity -----------------------------------------

_OTHER_SPELLING = {"bin": "ibn", "ibn": "bin"}


def patronymic_order(forms: NameForms) -> None:
    for i, (son, particle, father) in enumerate(N.PATRONYMICS):
        family = N.PATRONYMIC_FAMILIES[i % len(N.PATRONYMIC_FAMILIES)]
        short = forms.listed(f"{son} {particle} {father}")
        full = forms.listed(f"{son} {particle} {father} {family}")
        forms.ask(f"{father} {particle} {son}", "no_flag", "patronymic_swapped", short)
        forms.ask(f"{father} {particle} {son} {family}", "no_flag", "patronymic_swapped", full)
        forms.ask(f"{particle.upper()} {father}, {son}", "flag", "patronymic_same_order", short)
        forms.ask(f"{family.upper()}, {son} {particle} {father}", "flag", "patronymic_same_order", full)
        forms.ask(f"{son} {father} {family}", "flag", "patronymic_same_order", full)
        if particle in _OTHER_SPELLING:
            other = f"{son} {_OTHER_SPELLING[particle]} {father}"
        elif particle == "ben":
            other = f"{son} Ben-{father}"
        else:
            other = f"{son} {father}"
        forms.ask(other, "flag", "patronymic_same_order", short)


# -- 5. one rare word and generic type nouns -------------------------------------------


def type_nouns(forms: NameForms) -> None:
    phrases = N.TYPE_PHRASES
    for i, word in enumerate(N.TYPE_ORG_WORDS):
        phrase = phrases[i % len(phrases)]
        target = forms.listed(f"{word} {phrase}", "organisation")

        def ask(name: str, expect: str, category: str, target=target) -> None:
            forms.ask(name, expect, category, target, kind="organisation")

        ask(f"{typo(word)} {phrase}", "flag", "type_nouns_same")
        *rest, last = phrase.split()
        ask(" ".join([word, *rest, typo(last)]), "flag", "type_nouns_same")
        listed_form, asked_form = N.TYPE_LEGAL_FORMS[i % len(N.TYPE_LEGAL_FORMS)]
        if listed_form:
            target = forms.listed(f"{word} {phrase} {listed_form}", "organisation")
        ask(f"{word} {phrase} {asked_form}".strip(), "flag", "type_nouns_same", target)
        ask(f"{phrase} of {word}", "flag", "type_nouns_same")
        own = set(phrase.split())
        for other in phrases:
            if other == phrase:
                continue
            shared = own & set(other.split())
            expect, category = (
                ("either", "type_nouns_overlap") if shared else ("no_flag", "type_nouns_differ")
            )
            ask(f"{word} {other}", expect, category)


# -- 6. initials -------------------------------------------------------------------------


def initials(forms: NameForms) -> None:
    surnames = iter(N.INITIAL_SURNAMES)
    for i, given in enumerate(N.INITIAL_GIVEN):
        surname, common = next(surnames), N.COMMON_SURNAMES[i % len(N.COMMON_SURNAMES)]
        initial = given[0]
        target = forms.listed(f"{given} {surname}")
        for name in (f"{initial}. {surname}", f"{surname}, {initial}.", f"{initial} {surname}"):
            forms.ask(name, "flag", "initials_rare_surname", target)
        wrong = _other_initial(initial)
        for name in (f"{wrong}. {surname}", f"{surname}, {wrong}."):
            forms.ask(name, "no_flag", "initial_does_not_fit", target)
        target = forms.listed(f"{given} {common}")
        for name in (f"{initial}. {common}", f"{common}, {initial}.", f"{initial} {common}"):
            forms.ask(name, "no_flag", "initials_common_surname", target)
    for j, (first, second) in enumerate(N.INITIAL_DOUBLE_GIVEN):
        surname, common = next(surnames), N.COMMON_SURNAMES[(j + 3) % len(N.COMMON_SURNAMES)]
        a, b = first[0], second[0]
        written = (f"{a}{b} {{s}}", f"{a}. {b}. {{s}}", f"{a}.{b}. {{s}}", f"{{s}}, {a}{b}")
        target = forms.listed(f"{first} {second} {surname}")
        for name in written:
            forms.ask(name.format(s=surname), "flag", "initials_rare_surname", target)
        target = forms.listed(f"{first} {second} {common}")
        for name in written:
            forms.ask(name.format(s=common), "no_flag", "initials_common_surname", target)
        forms.ask(f"{first} {b}. {common}", "either", "initial_and_given_name_common_surname", target)


def _other_initial(initial: str) -> str:
    return chr((ord(initial) - ord("A") + 7) % 26 + ord("A"))


if __name__ == "__main__":
    raise SystemExit(main())
