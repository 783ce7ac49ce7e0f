"""Chinese names in Wade-Giles meet their pinyin spellings, and nothing else does."""

import pytest

from screening.matching import ROMANISED_NOTE, IndexedName, MatchIndex, NameQuery
from screening.romanisation import is_wade_giles, pinyin_readings


@pytest.mark.parametrize(
    ("words", "reading"),
    [
        (["hsiao", "ming"], "xiaoming"),
        (["chien", "kuo"], "jianguo"),
        (["chih", "chiang"], "zhiqiang"),
        (["shih", "hsien"], "shixian"),
        (["tzu", "hsi"], "zixi"),
    ],
)
def test_a_wade_giles_name_has_its_pinyin_reading(words, reading):
    assert reading in pinyin_readings(words)


@pytest.mark.parametrize("words", [["ting", "ming"], ["kang", "wei"], ["xiao", "ming"], ["mahmoud", "abbas"]])
def test_a_name_without_a_wade_giles_mark_is_not_read_again(words):
    # pinyin's own t and k are letters of their own: Ting is not Ding
    assert pinyin_readings(words) == []


def _matches(listed: str, asked: str) -> list:
    index = MatchIndex([IndexedName(1, "src", "e-1", "person", listed, "primary")])
    return index.match(NameQuery(asked, "person"), threshold=0.8)


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("Xiaoming Wang", "Hsiao-ming Wang"),
        ("Hsiao-ming Wang", "Xiaoming Wang"),
        ("Jianguo Namgung", "Chien-kuo Namgung"),  # a surname as written beside it
        ("Chih-chiang Ouyang", "Zhiqiang Ouyang"),
    ],
)
def test_a_name_matches_itself_in_the_other_romanisation_and_says_so(listed, asked):
    (match,) = _matches(listed, asked)

    assert (match.score, match.explanation["method"]) == (0.95, "romanised")
    assert ROMANISED_NOTE in match.explanation["notes"]


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("Xiaoling Wang", "Hsiao-ming Wang"),  # another given name
        ("Jianhua Kim", "Chien-kuo Kim"),
    ],
)
def test_another_name_in_either_romanisation_does_not_flag(listed, asked):
    assert _matches(listed, asked) == []


def test_a_german_tz_is_no_wade_giles_mark_though_tzu_is():
    assert not is_wade_giles(["lutz", "ombrecht"])
    assert not is_wade_giles(["moritz", "seitz"])
    assert is_wade_giles(["sun", "tzu"])


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("Luz Ombrecht", "Lutz Ombrecht"),  # German: was read Luz at 0.95
        ("Moriz Seiz", "Moritz Seitz"),
    ],
)
def test_a_german_name_with_tz_is_not_read_as_pinyin(listed, asked):
    assert all(m.explanation["method"] != "romanised" for m in _matches(listed, asked))
