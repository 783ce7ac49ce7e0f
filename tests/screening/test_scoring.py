import pytest

from screening.scoring import compare_birth_dates, score_names, word_similarity


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("marsh", "marsh", (1.0, "exact")),
        ("muhammad", "mohammed", (0.9, "spelling_family")),
        ("osama", "usama", (0.9, "spelling_family")),
        ("thompson", "thmpson", (0.9333, "spelling_family")),
        ("d", "dorian", (0.8, "initial")),
        ("p", "dorian", (0.0, "different")),
        ("amin", "amina", (0.8889, "fuzzy")),
        ("omar", "amir", (0.0, "different")),
        ("ama", "amy", (0.0, "different")),
        ("khalid", "khalil", (0.8333, "fuzzy")),
        ("solidarity", "action", (0.0, "different")),
    ],
)
def test_word_similarity(a, b, expected):
    similarity, how = word_similarity(a, b)

    assert (round(similarity, 4), how) == expected


@pytest.mark.parametrize(
    ("query", "entry", "outcome"),
    [
        (None, ("1980",), "unknown"),
        ("1980", (), "unknown"),
        ("1980-04-01", ("1980-04-01",), "same"),
        ("1980-04", ("1980-04-01",), "same"),
        ("1980", ("1980-04-01",), "close"),
        ("1981-04-01", ("1980-04-01",), "close"),
        ("1980-05-01", ("1980-04-01",), "close"),
        ("1986-04-01", ("1980-04-01",), "different"),
        ("1986", ("1980-04-01", "1986-01-01"), "close"),
        ("unknown", ("1980",), "unknown"),
    ],
)
def test_compare_birth_dates(query, entry, outcome):
    assert compare_birth_dates(query, entry) == outcome


def test_score_is_one_for_the_same_words_in_another_order():
    scored = score_names(["marsh", "dorian"], [1.0, 1.0], ["dorian", "marsh"], [1.0, 1.0], kind="person")

    assert (scored.score, scored.gate) == (1.0, None)


def test_a_shared_common_word_scores_low_and_is_gated():
    scored = score_names(
        ["palestine", "solidarity", "campaign"],
        [0.15, 1.0, 1.0],
        ["palestine", "action"],
        [0.15, 0.15],
        kind="organisation",
    )

    assert scored.score == 0.1224
    assert scored.gate == "partial_match_of_common_words"


def test_missing_middle_name_costs_half_its_weight():
    scored = score_names(
        ["usama", "tellfort"], [0.4, 1.0], ["usama", "qarshani", "tellfort"], [0.4, 1.0, 1.0], kind="person"
    )

    assert scored.score == round(2.8 / (2.8 + 0.5), 4)
