"""Ways a hirer might try to get a listed name past the screening (issue 13).

Each trick turns a listed name into a booking request (the API's body): the
name in a field nobody screened, with the wrong kind, in look-alike letters of
another script, with invisible characters, reversed under a bidi override, or
mentioned in the event text. `tests/api/test_evasion.py` sends every trick for
several listed names through the API; `benchmarks/evasion.py` applies them to
every name of the development watch list and prints the share caught per class.
A trick is caught when the booking is not let through: its status is `flagged`.
"""

import string
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from confusable_homoglyphs.categories import alias as script_of
from confusable_homoglyphs.confusables import confusables_data
from django.utils import timezone

# The scripts whose look-alikes of Latin letters are swapped in.
LOOK_ALIKE_SCRIPTS = ("CYRILLIC", "GREEK", "LISU", "CHEROKEE", "ARMENIAN", "COPTIC")


@dataclass(frozen=True)
class Listed:
    name: str
    kind: str  # "person" | "organisation"


@dataclass(frozen=True)
class Trick:
    klass: str
    name: str
    applies_to: tuple[str, ...]  # kinds of listed name it is tried on
    build: Callable[[Listed], dict]  # -> booking request body
    # Writes the name in lower case in text: by design only distinctive names are
    # found that way ("a national action plan" is prose, not National Action).
    lower_case_text: bool = False


def base_request(ref: str = "EV-1") -> dict:
    starts = (timezone.now() + timedelta(days=30)).replace(hour=18, minute=0, second=0, microsecond=0)
    return {
        "external_ref": ref,
        "event": {
            "title": "Members' meeting",
            "description": "An evening meeting, 120 expected.",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=3)).isoformat(),
            "expected_attendance": 120,
            "is_public": True,
        },
        "hirer": {
            "name": "Riverside Residents Association",
            "kind": "organisation",
            "contact_name": "Jo Bloggs",
            "contact_email": "jo@example.org",
        },
        "parties": [],
    }


# -- name tricks: the listed name, disguised, as a speaker or organiser ---------


def as_party(name: str, kind: str, **extra) -> dict:
    body = base_request()
    role = "speaker" if kind == "person" else "organiser"
    body["parties"] = [{"name": name, "kind": kind, "role": role, **extra}]
    return body


def _other_kind(kind: str) -> str:
    return "organisation" if kind == "person" else "person"


def look_alike_table(script: str) -> dict[str, str]:
    """Latin letter -> a letter of `script` that looks the same (TR39 confusables)."""
    table = {}
    for letter in string.ascii_letters:
        found = [
            h["c"]
            for h in confusables_data.get(letter, [])
            if len(h["c"]) == 1 and script_of(h["c"]) == script
        ]
        if found:
            table[letter] = found[0]
    return table


def swap_look_alikes(name: str, script: str) -> str:
    """Every letter that has a look-alike in `script` swapped for it. Scripts with
    capitals only (Lisu, Cherokee) get the name in capitals first, as a spoofer would."""
    table = look_alike_table(script)
    lower = sum(c in table for c in name if c.islower())
    upper = sum(c in table for c in name.upper() if c.isupper())
    text = name.upper() if upper > lower else name
    return "".join(table.get(c, c) for c in text)


def swap_one_look_alike(name: str, script: str) -> str:
    """Only the first letter that has a look-alike swapped: a word of mixed scripts."""
    table = look_alike_table(script)
    for i, c in enumerate(name):
        if c in table:
            return name[:i] + table[c] + name[i + 1 :]
    return name


def inside_each_word(name: str, mark: str) -> str:
    return " ".join(w[:1] + mark + w[1:] if len(w) > 1 else w for w in name.split(" "))


def reversed_under_override(name: str) -> str:
    return "\u202e" + name[::-1] + "\u202c"


def _name_tricks() -> list[Trick]:
    tricks = [
        Trick(
            "wrong_kind",
            "sent as the other kind",
            ("person", "organisation"),
            lambda x: as_party(x.name, _other_kind(x.kind)),
        ),
        Trick(
            "private_booking",
            "a private booking by the listed hirer alone",
            ("person", "organisation"),
            lambda x: _private_hirer(x),
        ),
        Trick(
            "unscreened_field",
            "a party's organisation",
            ("organisation",),
            lambda x: as_party("Sam Okafor", "person", organisation=x.name),
        ),
        Trick("unscreened_field", "the hirer's contact", ("person",), lambda x: _contact(x)),
        Trick(
            "unscreened_field",
            "the promotion text",
            ("person", "organisation"),
            lambda x: _text(x, "promotion", f"Posters: hear {x.name} speak"),
        ),
    ]
    # the listed name registered as a company or charity: a legal form is not a name
    for form in ("Ltd", "Limited", "CIC", "GmbH", "Лтд"):  # (Лтд: Ltd in Cyrillic)
        tricks.append(
            Trick(
                "legal_form_added",
                f"registered with the legal form {form}",
                ("organisation", "acronym"),
                lambda x, f=form: as_party(f"{x.name} {f}", x.kind),
            )
        )
    # run together with the name, every word joined (camel case), or with its last
    # word in capitals (a name run together in capitals and a form is left alone:
    # docs/benchmarks.md)
    for label, joined in (("Ltd", "{}Ltd"), ("Limited", "{}Limited")):
        tricks.append(
            Trick(
                "legal_form_added",
                f"registered with the legal form {label} run together with the name",
                ("organisation", "acronym"),
                lambda x, j=joined: as_party(j.format(x.name.replace(" ", "")), x.kind),
            )
        )
    tricks.append(
        Trick(
            "legal_form_added",
            "registered with the legal form LTD run together with the name in capitals",
            ("organisation", "acronym"),
            lambda x: as_party(f"{x.name.upper()}LTD", x.kind),
        )
    )
    tricks.append(
        Trick(
            "legal_form_added",
            "registered with the legal form Ltd and sent as a person",
            ("organisation", "acronym"),
            lambda x: as_party(f"{x.name} Ltd", "person"),
        )
    )
    for script in LOOK_ALIKE_SCRIPTS:
        tricks.append(
            Trick(
                "look_alikes",
                f"every look-alike letter in {script.title()}",
                ("person", "organisation"),
                lambda x, s=script: as_party(swap_look_alikes(x.name, s), x.kind),
            )
        )
    for script in ("CYRILLIC", "GREEK"):
        tricks.append(
            Trick(
                "look_alikes",
                f"one {script.title()} look-alike letter",
                ("person", "organisation"),
                lambda x, s=script: as_party(swap_one_look_alike(x.name, s), x.kind),
            )
        )
    invisible = {
        "zero-width space": "\u200b",
        "zero-width joiner": "\u200d",
        "soft hyphen": "\u00ad",
        "word joiner": "\u2060",
        "left-to-right mark": "\u200e",
        "byte order mark": "\ufeff",
    }
    for label, mark in invisible.items():
        tricks.append(
            Trick(
                "invisible_characters",
                f"a {label} inside each word",
                ("person", "organisation"),
                lambda x, m=mark: as_party(inside_each_word(x.name, m), x.kind),
            )
        )
    tricks.append(
        Trick(
            "bidi_reversal",
            "written backwards under a right-to-left override",
            ("person", "organisation"),
            lambda x: as_party(reversed_under_override(x.name), x.kind),
        )
    )
    return tricks


def _private_hirer(listed: Listed) -> dict:
    body = base_request()
    body["event"]["is_public"] = False
    body["hirer"] = {"name": listed.name, "kind": listed.kind, "contact_email": "hirer@example.org"}
    return body


def _contact(listed: Listed) -> dict:
    body = base_request()
    body["hirer"]["contact_name"] = listed.name
    return body


def _text(listed: Listed, field: str, text: str) -> dict:
    body = base_request()
    body["event"][field] = text
    return body


# -- event text tricks: the listed name mentioned in the description ----------


def camel_case(name: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in _letters_words(name))


def _letters_words(name: str) -> list[str]:
    return "".join(c if c.isalnum() or c == "'" else " " for c in name).replace("'", "").split()


def _text_tricks() -> list[Trick]:
    def described(text_of: Callable[[Listed], str]) -> Callable[[Listed], dict]:
        return lambda x: _text(x, "description", text_of(x))

    return [
        Trick(
            "event_text",
            "in lower case",
            ("organisation", "person"),
            described(lambda x: f"a talk on {x.name.lower()} tonight"),
            lower_case_text=True,
        ),
        Trick(
            "event_text",
            "run together",
            ("organisation", "person"),
            described(lambda x: f"meet {''.join(_letters_words(x.name)).lower()} here"),
            lower_case_text=True,
        ),
        Trick(
            "event_text",
            "as a hashtag",
            ("organisation", "person"),
            described(lambda x: f"Share with #{camel_case(x.name)}"),
        ),
        Trick(
            "event_text",
            "as a lower-case hashtag",
            ("organisation", "person"),
            described(lambda x: f"share #{''.join(_letters_words(x.name)).lower()}"),
            lower_case_text=True,
        ),
        Trick(
            "event_text",
            "in camelCase",
            ("organisation", "person"),
            described(lambda x: f"Hosted by {camel_case(x.name)}"),
        ),
        Trick(
            "event_text",
            "with a possessive",
            ("organisation", "person"),
            described(lambda x: f"{x.name}'s history and future"),
        ),
        Trick(
            "event_text",
            "with an invisible character inside",
            ("organisation", "person"),
            described(lambda x: f"Welcome {inside_each_word(x.name, chr(0x200B))}"),
        ),
        Trick(
            "event_text",
            "in look-alike letters",
            ("organisation", "person"),
            described(lambda x: f"Guests: {swap_look_alikes(x.name, 'CYRILLIC')}"),
        ),
        Trick(
            "event_text",
            "in the title",
            ("organisation", "person"),
            lambda x: _text(x, "title", f"{x.name} evening"),
        ),
    ]


def acronym_tricks() -> list[Trick]:
    """A listed acronym (the Listed name is the acronym itself) as a whole word."""
    return [
        Trick(
            "event_text",
            "an acronym as a whole word",
            ("acronym",),
            lambda x: _text(x, "description", f"Join the {x.name} rally"),
        ),
        Trick(
            "event_text",
            "an acronym in a hashtag",
            ("acronym",),
            lambda x: _text(x, "description", f"#Stop{x.name} now"),
        ),
    ]


TRICKS: list[Trick] = _name_tricks() + _text_tricks() + acronym_tricks()

# Ordinary sentences of common words: none of these may flag.
ORDINARY_TEXTS = [
    "A national action plan for community safety",
    "The islamic path to peace: an interfaith evening",
    "Call to submission of forms by Friday",
    "Meet at the base of the hill, ETA 7pm",
    "Palestine solidarity coffee morning",
    "Sikh heritage walk and langar",
    "Muhammad Khan and Singh family reunion",
    "Community trust AGM: the party of liberation from loneliness",
    "Boat trip on the Isis, Oxford",
    "Hum a tune: community choir",
]
