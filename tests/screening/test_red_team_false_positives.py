"""False positives a red team found in issue 17's rules, each kept as an attack with a
control that the real variant is still found: the Arabic q written k or g, the Irish
hard c, and a long listed name against two frequent names of any origin."""

import pytest

from screening.matching import IndexedName, MatchIndex, NameQuery
from screening.rarity import TIER_WEIGHTS, general_weights
from screening.scoring import word_similarity

THRESHOLD = 0.8


def index_of(*listed: str) -> MatchIndex:
    return MatchIndex(
        [IndexedName(n, "src", f"e-{n}", "person", name, "primary") for n, name in enumerate(listed)]
    )


def score(listed: str, query: str) -> float:
    """The best score of `query` against the one listed name, 0.0 if not retrieved."""
    found = index_of(listed).match(NameQuery(query, "person"), threshold=0.0)
    return found[0].score if found else 0.0


def flagged(listed: str, query: str) -> bool:
    return bool(index_of(listed).match(NameQuery(query, "person"), threshold=THRESHOLD))


# -- q written k or g ---------------------------------------------------------------


# g writes ghayn (Gazi is Ghazi, Garib Gharib) as often as a qaf said g; rigour lists
# Gazi and Garib as names of their own. Before: 0.93 and 0.95, flagged.
@pytest.mark.parametrize(
    ("listed", "namesake", "variant"),
    [
        ("Kemal Qazi", "Kemal Gazi", "Kemal Kazi"),  # Bengali and Turkish Kazi is Qazi
        ("Ahmed Qarib Vexmoor", "Ahmed Garib Vexmoor", "Ahmed Qareeb Vexmoor"),
        ("Qamar Vexmoor", "Gamar Vexmoor", "Kamar Vexmoor"),
    ],
)
def test_a_g_name_of_its_own_does_not_flag_a_listed_q_name(listed, namesake, variant):
    assert not flagged(listed, namesake)
    assert flagged(listed, variant)


@pytest.mark.parametrize(
    ("listed", "variant"),
    [
        ("Tariq Vexmoor", "Tarig Vexmoor"),
        ("Qasim Vexmoor", "Gasim Vexmoor"),
        ("Muammar Qaddafi", "Muammar Gaddafi"),
        ("Sadiq Vexmoor", "Sadig Vexmoor"),  # rigour lists Sadig as a name of its own
        ("Ishaq Vexmoor", "Ishag Vexmoor"),
    ],
)
def test_a_qaf_said_g_still_finds_the_listed_q_name(listed, variant):
    assert flagged(listed, variant)  # Sudanese Tarig, Gulf Gasim; Gaddafi, which rigour files with Qaddafi


# Pinyin's q is a ch sound and Vietnamese qu a kw: King, Kian, Kin, Kun are other names.
@pytest.mark.parametrize(
    ("listed", "namesake"),
    [
        ("Qing Vexmoor", "King Vexmoor"),
        ("Zhou Qian Vexmoor", "Zhou Kian Vexmoor"),  # Kian, Persian and Irish
        ("Qin Vexmoor", "Kin Vexmoor"),
        ("Li Qun Vexmoor", "Li Kun Vexmoor"),
        ("Quoc Vexmoor", "Kuoc Vexmoor"),
    ],
)
def test_a_k_name_does_not_flag_a_listed_pinyin_or_vietnamese_q_name(listed, namesake):
    assert not flagged(listed, namesake)


@pytest.mark.parametrize(
    ("listed", "variant"),
    [
        ("Qadir Vexmoor", "Kadir Vexmoor"),  # Turkish k for qaf
        ("Aqil Vexmoor", "Akil Vexmoor"),  # q before i in a word of two syllables
        ("Nabil Qureshi Vexmoor", "Nabil Kureshi Vexmoor"),
        ("Quang Vexmoor", "Kuang Vexmoor"),  # rigour files these two as one name
    ],
)
def test_an_arabic_q_written_k_still_finds_the_listed_name(listed, variant):
    assert flagged(listed, variant)


# -- the Irish hard c -----------------------------------------------------------------


def test_an_italian_c_is_not_read_as_the_irish_hard_c():
    # Before: Ciani was a spelling variant of Kiani (0.93). Now it is one letter from
    # it, as Biani is, and scores as Biani does: the c rule adds nothing (and a first
    # letter changed is no typo in a person's name: test_held_out_classes.py).
    assert word_similarity("ciani", "kiani")[1] == "different"
    assert score("Marco Kiani", "Marco Ciani") == score("Marco Kiani", "Marco Biani")
    assert score("Marco Kiani", "Marco Ciani") < 0.9


@pytest.mark.parametrize(
    ("listed", "variant"), [("Cian Vexmoor", "Kian Vexmoor"), ("Kiara Vexmoor", "Ciara Vexmoor")]
)
def test_an_irish_name_still_finds_its_english_spelling(listed, variant):
    assert word_similarity(listed.split()[0].lower(), variant.split()[0].lower())[1] == "spelling_variant"
    assert flagged(listed, variant)


# -- a long listed name against two frequent names --------------------------------------

# Mid-frequency given names and surnames of each origin (the common tier, 0.4 each), and
# two more of the same origin to fill a listed chain. Before, two of them flagged a long
# chain at 0.85-0.93 (Tariq Rahimi, Seamus Brennan, Jean Dubois), where the most common
# tier (John Smith, 0.2 each) never did.
ORIGINS = {
    "arabic": ("Tariq", "Haddad", "Hamid", "Najjar"),
    "persian": ("Omid", "Rahimi", "Farhad", "Hosseini"),
    "irish": ("Seamus", "Brennan", "Declan", "Nolan"),
    "french": ("Jean", "Dubois", "Pierre", "Durand"),
    "hispanic": ("Javier", "Alvarez", "Pablo", "Romero"),
    "turkish": ("Emre", "Ozdemir", "Burak", "Arslan"),
    "south_asian": ("Vikram", "Gupta", "Sanjay", "Mehta"),
    "west_african": ("Obinna", "Okonkwo", "Nnamdi", "Okeke"),
    "polish": ("Piotr", "Kowalczyk", "Tomasz", "Mazur"),
    "chinese": ("Ming", "Huang", "Jing", "Zhao"),
    "somali": ("Abdi", "Warsame", "Hodan", "Jama"),
    "italian": ("Marco", "Esposito", "Luca", "Bianchi"),
    # origins the list of common name parts left out until this red team: their
    # frequent names weighed as rare words and flagged long chains at 0.87
    "ethiopian_eritrean": ("Tesfaye", "Haile", "Berhane", "Tekle"),
    "albanian": ("Arben", "Krasniqi", "Besnik", "Gashi"),
    "greek": ("Giorgos", "Papadopoulos", "Nikos", "Georgiou"),
    "bulgarian": ("Georgi", "Dimitrov", "Todor", "Nikolov"),
    "sri_lankan": ("Rajan", "Perera", "Kumaran", "Bandara"),
    "afghan": ("Farhad", "Ahmadzai", "Majid", "Wardak"),
    "maghrebi": ("Rachid", "Benali", "Mourad", "Amrani"),
}


def chains(given: str, surname: str, filler_given: str, filler_surname: str) -> list[str]:
    """Listed names two or more distinctive words longer than the namesake, holding
    both its words, the given name first."""
    return [
        f"{given} {filler_given} {surname} {filler_surname} Vexmoor",  # a rare family name last
        f"{given} {filler_given} {filler_surname} {surname}",  # frequent names only
        f"{given} bin {filler_given} bin {filler_surname} {surname}",  # a patronymic chain
        f"{given} {surname} {filler_given} Drathani Vexmoor",  # two rare words the namesake lacks
        f"{given} {filler_given} {surname} Drathani",
    ]


@pytest.mark.parametrize("origin", sorted(ORIGINS))
def test_the_frequent_names_of_every_origin_weigh_alike(origin):
    # the table below is a fair test only if each origin's names sit in the same tier
    weights = general_weights()
    assert {weights[w.lower()] for w in ORIGINS[origin]} == {TIER_WEIGHTS["common"]}


@pytest.mark.parametrize("origin", sorted(ORIGINS))
def test_two_frequent_names_of_any_origin_never_flag_a_long_listed_name(origin):
    given, surname, filler_given, filler_surname = ORIGINS[origin]
    listed = chains(given, surname, filler_given, filler_surname)
    index = index_of(*listed)

    namesakes = [f"{given} {surname}", f"{surname.upper()}, {given}", f"{given} {filler_surname}"]
    found = {q: index.match(NameQuery(q, "person"), threshold=THRESHOLD) for q in namesakes}

    assert {q: [m.matched_name for m in matches] for q, matches in found.items()} == {
        q: [] for q in namesakes
    }


@pytest.mark.parametrize("origin", sorted(ORIGINS))
def test_the_rare_family_name_still_finds_the_long_listed_name(origin):
    given, surname, filler_given, filler_surname = ORIGINS[origin]
    listed = chains(given, surname, filler_given, filler_surname)

    assert flagged(listed[0], f"{given} Vexmoor")
    assert flagged(listed[3], f"{given} Drathani")
    assert flagged(listed[4], f"{given} {surname} Drathani")


def test_frequent_names_left_out_of_a_chain_cost_their_whole_weight_not_half():
    # Tariq Imran Nabil Rahimi is two frequent names with two more between, not a man
    # who dropped a middle name: 0.8 before (the middle-name discount), 1.6 / 2.4 now
    assert score("Tariq Imran Nabil Rahimi", "Tariq Rahimi") == round(1.6 / 2.4, 4)
    # one middle name dropped is still the middle-name case (a person must look)
    assert score("Tariq Imran Rahimi", "Tariq Rahimi") == round(1.6 / 1.8, 4)
