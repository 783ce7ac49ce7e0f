"""How organisations write what they are: registration words, abbreviations,
acronyms written with dots, legal forms run together, Roman numerals.

Each class: the variants that must meet, and the look-alike names that must not
(issue 17, nomenklatura's name_bench classes O-abbrev, O-acronym-dots,
FP-initials, FP-number-eaten). Invented names only.
"""

import pytest

from screening.legal_forms import fold_legal_forms, organisation_words
from screening.matching import FORMS_NOTE, IndexedName, MatchIndex, NameQuery

THRESHOLD = 0.8


def _match(listed: str, asked: str, kind: str = "organisation"):
    index = MatchIndex([IndexedName(1, "src", "e-1", kind, listed, "primary")])
    return index.match(NameQuery(asked, kind), threshold=THRESHOLD)


def _aligned(match) -> list[tuple[str, str, str]]:
    return [(a["query_token"], a["matched_token"], a["how"]) for a in match.explanation["alignment"]]


# -- registration words: Corporation, Corp., Company, Co. -------------------------


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("Quenby Tarvello Corporation", "Quenby Tarvello Corp."),
        ("Quenby Tarvello Corp", "Quenby Tarvello Corporation"),
        ("Drossway Refining Company", "Drossway Refining Co."),
        # a company is not another company for calling itself a corporation
        ("The Drossway Refining Company", "Drossway Refining Corporation"),
        ("Keltrin Optics Corporation Joint Stock Company", "JSC Keltrin Optics Corp."),
    ],
)
def test_registration_words_written_another_way_meet(listed, asked):
    [match] = _match(listed, asked)

    assert match.score >= 0.95
    assert FORMS_NOTE in match.explanation["notes"]


def test_a_registration_word_against_a_legal_form_is_how_it_is_registered_twice():
    [match] = _match("Keltrin Optics Ltd", "Keltrin Optics Corporation")

    assert match.score >= 0.95


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("Quenby Tarvello Corporation", "Olvasse Tarvello Corporation"),
        ("Drossway Holdings Company", "Drossway Shipping Company"),
        ("Drossway Holdings Corp.", "Drossway Shipping Corporation"),
        ("Keltrin Company", "Keltrino Marine Company"),
        # against a type noun a registration word is still a word of its own
        ("Keltrin Optics Group", "Keltrin Optics Corporation"),
        ("Keltrin Optics Corp.", "Keltrin Optics Trust"),
    ],
)
def test_a_shared_registration_word_does_not_make_two_companies_one(listed, asked):
    assert _match(listed, asked) == []


def test_registration_words_are_one_generic_form():
    assert (
        organisation_words(["quenby", "corp"])
        == organisation_words(["quenby", "company"])
        == [
            "quenby",
            "corp",
        ]
    )


def test_a_persons_name_keeps_a_word_spelled_like_a_registration_word():
    [match] = _match("Minh Co Tarvello", "Minh Co Tarvello", kind="person")

    assert match.explanation["matched_normalised"] == "minh co tarvello"


# -- abbreviations of the words of company names ---------------------------------------


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("Olvasse International Bank", "Olvasse Bank Int'l"),
        ("Olvasse International Bank", "Olvasse Bank Int\u2019l"),
        ("Tarvello Brothers Shipping", "Tarvello Bros. Shipping"),
        ("Keltrin Manufacturing Ltd", "Keltrin Mfg Ltd"),
        ("National Drossway Association", "Natl Drossway Assn"),
    ],
)
def test_abbreviated_words_meet_the_word(listed, asked):
    [match] = _match(listed, asked)

    assert match.score >= 0.95
    assert FORMS_NOTE in match.explanation["notes"]


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("Olvasse National Bank", "Olvasse Bank Int'l"),
        ("Tarvello Brothers Shipping", "Tarvello Mfg Shipping"),
    ],
)
def test_an_abbreviation_is_only_its_own_word(listed, asked):
    assert _match(listed, asked) == []


def test_the_same_names_written_alike_need_no_note():
    [match] = _match("Olvasse Bank Int'l", "Olvasse Bank Int'l")

    assert FORMS_NOTE not in match.explanation["notes"]


# -- acronyms written with dots or spaces -----------------------------------------------


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("QRS Drossway Ltd", "Q.R.S. Drossway Limited"),
        ("Q. R. S. Drossway", "QRS Drossway"),
        ("JKT Olvasse Holdings", "J K T Olvasse Holdings"),
    ],
)
def test_an_acronym_written_with_dots_meets_it_run_together(listed, asked):
    [match] = _match(listed, asked)

    assert match.score >= 0.95
    assert ("acronym" in {how for _, _, how in _aligned(match)}) or match.explanation["method"] == "exact"


def test_letters_written_apart_pair_as_an_acronym_in_the_explanation():
    [match] = _match("JKT Olvasse Keltrin", "J.K.T. Olvasse Keltrin Group")

    assert ("j k t", "jkt", "acronym") in _aligned(match)


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        # one letter is Lau's initial, the other two nothing: another company
        ("Lau Keltrin Aviation", "L.X.C. Keltrin Aviation"),
        ("LXC Keltrin Aviation", "L.X.T. Keltrin Aviation"),
        ("QRS Drossway", "Q.R.T. Drossway"),
    ],
)
def test_an_acronym_needs_all_its_letters(listed, asked):
    assert _match(listed, asked) == []


def test_letters_that_are_the_initials_of_words_still_pair_with_them():
    [match] = _match("United Tarvello Department of Keltrin", "U.T. Department of Keltrin")

    assert [how for _, _, how in _aligned(match)][:2] == ["initial", "initial"]


# -- a legal form run together with the name -------------------------------------------


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("OlvasseAG", "Olvasse AG"),
        ("OlvasseAG", "Olvasse Aktiengesellschaft"),
        ("Olvasse AG", "OlvasseAG."),
        ("KeltrinGmbH", "Keltrin GmbH"),
    ],
)
def test_a_legal_form_run_together_with_the_name_is_the_legal_form(listed, asked):
    [match] = _match(listed, asked)

    assert match.score == 1.0


@pytest.mark.parametrize(
    "asked",
    ["OlvasseLtd", "OLVASSELTD", "olvasseltd", "OlvasseLimited", "Olvasseplc", "OlvasseInc.", "OLVASSEGMBH"],
)
def test_a_british_form_run_together_in_any_case_is_the_legal_form(asked):
    [match] = _match("Olvasse", asked)

    assert match.explanation["unmatched_query_tokens"][0]["token"] in {"llc", "jsc"}


@pytest.mark.parametrize("asked", ["OlvasseLtd", "OLVASSELTD", "OlvasseLimited"])
def test_a_british_form_run_together_is_seen_when_the_name_is_sent_as_a_person(asked):
    [match] = _match("Olvasse", asked.replace("Olvasse", "Olvasse "), kind="organisation")
    [as_person] = MatchIndex([IndexedName(1, "src", "e-1", "organisation", "Olvasse", "primary")]).match(
        NameQuery(asked, "person"), threshold=THRESHOLD
    )

    assert as_person.score == match.score


@pytest.mark.parametrize("name", ["Drossway Delimited", "Drossway Zinc", "Drossway Unlimited", "Ltd Keltrin"])
def test_words_that_end_like_a_form_are_not_split(name):
    assert len(fold_legal_forms(name).split()) == 2


@pytest.mark.parametrize(("name", "read"), [("LT", "LT"), ("ANO CIC", "ANO ngo"), ("LT GmbH", "LT llc")])
def test_a_name_is_never_all_legal_form(name, read):
    assert fold_legal_forms(name) == read


@pytest.mark.parametrize(("listed", "asked"), [("ANO", "ANO CIC"), ("LT", "LT GmbH"), ("ANO", "ANO Limited")])
def test_a_listed_acronym_spelled_like_a_form_is_found_registered(listed, asked):
    [match] = _match(listed, asked)

    assert match.score >= THRESHOLD


@pytest.mark.parametrize("name", ["LaSa Keltrin", "McDrossway Holdings", "DeSouza Tarvello"])
def test_capitals_inside_a_name_are_not_a_legal_form(name):
    assert fold_legal_forms(name) == name


def test_a_legal_form_run_together_does_not_join_two_companies():
    assert _match("Olvasse AG", "DrosswayAG") == []


# -- Roman numerals are numbers, never legal forms -------------------------------------


def test_a_roman_numeral_is_not_read_as_a_legal_form():
    assert fold_legal_forms("Tarvello Capital Partners II, Inc.") == "Tarvello Capital Partners II, llc"


def test_a_roman_numeral_meets_its_number():
    [match] = _match("Tarvello Capital Partners 2", "Tarvello Capital Partners II")

    assert match.score == 1.0


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("Tarvello Capital Partners II", "Tarvello Capital Partners III"),
        ("Tarvello Capital Partners II L.P.", "Tarvello Capital Partners IV L.P."),
        ("Keltrin Trust II", "Keltrin Trust 3"),
    ],
)
def test_two_numbers_in_roman_numerals_are_two_funds(listed, asked):
    assert _match(listed, asked) == []


# -- legal forms written with dots, and rigour's other generic forms ---------------------


@pytest.mark.parametrize(
    ("dotted", "undotted"),
    [
        ("Olvasse L.L.P.", "Olvasse LLP"),
        ("Olvasse O.O.O.", "Olvasse OOO"),
        ("Olvasse P.J.S.C.", "Olvasse PJSC"),
        ("Olvasse S. A.", "Olvasse SA"),
        ("Olvasse S.A. de C.V.", "Olvasse SA de CV"),
        ("A.O. Olvasse", "AO Olvasse"),
    ],
)
def test_a_legal_form_with_dots_is_read_as_without_them(dotted, undotted):
    assert fold_legal_forms(dotted).casefold() == fold_legal_forms(undotted).casefold()


def test_initials_that_open_a_company_name_are_not_a_legal_form():
    # rigour reads S.C. as a Romanian company form (societate comercială), SC as nothing
    [match] = _match("SC Olvasse & Son, Inc.", "S.C. Olvasse & Son, Inc.")

    assert match.score >= 0.95
    assert _match("Olvasse & Son, Inc.", "S.C. Keltrin & Son, Inc.") == []


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        # N.A. (a US national bank), e.K. (a German sole trader): rigour's generic
        # forms fin and sp weighed as a distinctive word (0.5), not as a legal form
        ("Drossway Keltrin Bank", "Drossway Keltrin Bank, N.A."),
        ("Olvasse Tarvello GmbH", "Olvasse Tarvello e.K."),
    ],
)
def test_every_generic_form_of_rigour_is_a_legal_form(listed, asked):
    [match] = _match(listed, asked)

    assert match.score >= 0.95


def test_a_word_spelled_like_a_generic_form_stays_a_word():
    assert fold_legal_forms("Fin Keltrin Holdings") == "Fin Keltrin Holdings"
    assert _match("Fin Keltrin Holdings", "Sp Keltrin Holdings") == []


# -- Co-operative, the British spelling ---------------------------------------------


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("Keltrin Coop", "Keltrin Co-operative"),
        ("Keltrin Cooperative Society", "Keltrin Co operative Society"),
        ("Organization for Tarvello Cooperation", "Organisation for Tarvello Co-operation"),
    ],
)
def test_co_operative_with_a_hyphen_is_a_cooperative(listed, asked):
    [match] = _match(listed, asked)

    assert match.score >= 0.95


def test_two_co_operatives_are_not_one():
    assert _match("Keltrin Co-operative", "Drossway Co-operative") == []


# -- a name run together, a legal form beside it ---------------------------------------


@pytest.mark.parametrize(
    "asked",
    [
        "OlvasseKeltrinTradingLtd",
        "OLVASSEKELTRINTRADINGLTD",
        "olvassekeltrintrading ltd",
        "OOO OlvasseKeltrinTrading",
    ],
)
def test_a_name_run_together_with_a_legal_form_is_the_name_registered(asked):
    [match] = _match("Olvasse Keltrin Trading", asked)

    assert match.score == 0.95
    assert match.explanation["method"] == "letters_with_form"
    assert any("run together" in note for note in match.explanation["notes"])


def test_a_name_run_together_with_one_form_does_not_meet_another_form():
    assert _match("Olvasse Keltrin Trading Ltd", "OlvasseKeltrinTradingJSC") == []


def test_a_name_run_together_with_a_form_meets_no_person_listed():
    assert (
        MatchIndex([IndexedName(1, "src", "e-1", "person", "Olvasse Keltrin", "primary")]).match(
            NameQuery("OlvasseKeltrin Ltd", "organisation"), threshold=THRESHOLD
        )
        == []
    )


def test_the_name_with_its_words_and_a_form_keeps_its_aligned_score():
    [match] = _match("Olvasse Keltrin Trading", "Olvasse Keltrin Trading Ltd")

    assert match.explanation["method"] == "aligned"
    assert match.score > 0.95
