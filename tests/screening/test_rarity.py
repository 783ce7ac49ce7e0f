import pytest

from screening.rarity import PARTICLE_WEIGHT, general_weights, source_weight, word_weight


@pytest.mark.parametrize(
    ("word", "weight"),
    [
        ("the", 0.02),
        ("ltd", 0.05),
        ("trust", 0.05),
        ("islamic", 0.15),
        ("community", 0.15),
        ("action", 0.15),
        ("muhammad", 0.2),
        ("singh", 0.2),
        ("smith", 0.2),
        ("khan", 0.2),
        ("nowak", 0.2),
        ("siobhan", 0.4),
        ("adebayo", 0.2),
        ("okonkwo", 0.4),
    ],
)
def test_general_weights_put_common_words_of_every_origin_low(word, weight):
    assert general_weights()[word] == pytest.approx(weight)


def test_words_not_in_the_list_are_unknown_and_weigh_one():
    assert word_weight("vexley", 1, general_weights()) == 1.0


@pytest.mark.parametrize(("df", "weight"), [(1, 1.0), (20, 1.0), (200, 0.3028), (10_000_000, 0.1)])
def test_source_weight_falls_with_the_number_of_aliases_holding_the_word(df, weight):
    assert source_weight(df) == pytest.approx(weight, abs=1e-4)


def test_word_weight_is_the_lower_of_general_and_source_views():
    assert word_weight("vexley", 200, general_weights()) == pytest.approx(0.3028, abs=1e-4)
    assert word_weight("smith", 1, general_weights()) == pytest.approx(0.2)


def test_particles_weigh_little():
    assert word_weight("al", 1, general_weights()) == PARTICLE_WEIGHT
    assert word_weight("bin", 1, general_weights()) == PARTICLE_WEIGHT


def test_a_word_of_two_or_three_letters_weighs_at_most_half():
    from screening.rarity import SHORT_WORD_MAX_WEIGHT, word_weight

    assert word_weight("hye", 1, {}) == SHORT_WORD_MAX_WEIGHT
    assert word_weight("ji", 1, {}) == SHORT_WORD_MAX_WEIGHT
    assert word_weight("vexley", 1, {}) == 1.0
