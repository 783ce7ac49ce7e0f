"""Red-team pass over issue 17's rules: a long listed name of common words of any
origin is not found by a common given name and surname of that origin, and a joined
particle written any of its ways splits like Abdul."""

import pytest

from screening.matching import IndexedName, MatchIndex, NameQuery

THRESHOLD = 0.8


def flagged(listed: str, query: str) -> bool:
    index = MatchIndex([IndexedName(1, "src", "e-1", "person", listed, "primary")])
    return bool(index.match(NameQuery(query, "person"), threshold=THRESHOLD))


# A listed chain of common names ending in a rare one, and a namesake with the given
# name and one common surname of the same origin. Before, names of the origins the
# list of common name parts left out weighed as rare words, so the long-name rule
# (a fifth for each left-out word) flagged Juan Garcia and Joao Silva while John
# Smith and Mehmet Kaya never flagged.
@pytest.mark.parametrize(
    ("listed", "namesake"),
    [
        ("John Michael Smith Jones Vexmoor", "John Smith"),  # Anglo: held before
        ("Mehmet Ali Kaya Yilmaz Vexmoor", "Mehmet Kaya"),  # Turkish: held before
        ("Juan Carlos Garcia Lopez Vexmoor", "Juan Garcia"),  # Hispanic
        ("Jose Luis Rodriguez Hernandez Vexmoor", "Jose Rodriguez"),
        ("Maria Jose Martinez Gonzalez Vexmoor", "Maria Gonzalez"),
        ("Joao Pedro Silva Santos Vexmoor", "Joao Silva"),  # Portuguese, Brazilian
        ("Giuseppe Marco Rossi Russo Vexmoor", "Giuseppe Rossi"),  # Italian
        ("Hans Peter Muller Schmidt Vexmoor", "Hans Muller"),  # German
        ("Jean Pierre Martin Bernard Vexmoor", "Jean Martin"),  # French
        ("Mark Anthony Reyes Cruz Vexmoor", "Mark Reyes"),  # Filipino
        ("Hiroshi Kenji Sato Suzuki Vexmoor", "Hiroshi Sato"),  # Japanese
        ("Min Jun Choi Jung Vexmoor", "Min Choi"),  # Korean
    ],
)
def test_a_common_given_name_and_surname_of_any_origin_never_flag_a_long_name(listed, namesake):
    assert not flagged(listed, namesake)


def test_the_long_name_rule_still_finds_the_rare_name():
    assert flagged("Juan Carlos Garcia Lopez Vexmoor", "Juan Vexmoor")


# Abdul, Abdel, Abdur and Abdus joined to a name were split (Abdulrahman is abd
# rahman); Abdal, Abdol, Abdil and Abdoul were not, so writing them together hid
# the listed name: nothing paired "abdalrahman" with "abd rahman".
@pytest.mark.parametrize(
    "joined", ["Abdalrahman", "Abdolrahman", "Abdilrahman", "Abdoulrahman", "Abdulrahman"]
)
def test_a_particle_joined_to_a_name_is_split_however_it_is_spelled(joined):
    assert flagged("Abdul Rahman Vexmoor", f"{joined} Vexmoor")
    assert flagged(f"{joined} Vexmoor", "Abd al-Rahman Vexmoor")


def test_abdoulaye_is_a_name_not_a_particle_and_a_name():
    assert not flagged("Abdoulaye Vexmoor", "Abd Aye Vexmoor")
