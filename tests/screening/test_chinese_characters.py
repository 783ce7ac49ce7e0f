"""Chinese characters that read alike are different names where both names are written
in them (issue 17's false-positive class FP-han). Characters are read a syllable a word
in pinyin so that they meet Latin spellings; many read alike (张 and 章 are both
zhang, 市 and 石 both shi), so read alone 章伟明 was 张伟明 at 1.0. Names invented."""

import pytest

from screening.matching import HAN_NOTE
from screening.scripts import han_characters
from tests.screening.one_listed_name import THRESHOLD, best, flagged


@pytest.mark.parametrize(
    ("listed", "query"),
    [
        ("张伟明", "章伟明"),  # zhang wei ming: another surname
        ("王芳华", "汪芳华"),  # wang fang hua
        ("刘建国", "柳建国"),  # liu jian guo
        ("李强", "黎强"),  # li qiang: two characters, one of them another
        ("中村花子", "中邨花子"),  # Japanese in kanji: zhong cun hua zi
        ("陈晓东", "陈小东"),  # chen xiao dong: another given name
    ],
)
def test_characters_that_read_alike_are_another_name(listed, query):
    assert not flagged(listed, query)
    assert not flagged(query, listed)


@pytest.mark.parametrize(
    ("listed", "query"),
    [
        ("张伟明", "张伟明"),
        ("陳建國", "陈建国"),  # traditional and simplified forms of one name
        ("陈建国", "陳建國"),
        ("张伟明", "Zhang Weiming"),  # pinyin against the characters, both ways
        ("Zhang Weiming", "张伟明"),
        ("章伟明", "Zhang Wei Ming"),  # a Latin spelling says nothing of the characters
        ("张 伟明", "张伟明"),  # written with a space
    ],
)
def test_the_same_characters_or_a_latin_spelling_still_match(listed, query):
    assert flagged(listed, query)
    assert HAN_NOTE not in best(listed, query).explanation["notes"]


def test_the_explanation_says_the_characters_differ():
    match = best("张伟明", "章伟明")

    assert match.score < THRESHOLD
    assert match.explanation["method"] == "aligned"  # not the readings run together
    assert HAN_NOTE in match.explanation["notes"]


def test_han_characters_only_for_a_name_wholly_in_them_one_a_word():
    assert han_characters("陳建國", 3) == ("陈", "建", "国")
    assert han_characters("张 伟明", 3) == ("张", "伟", "明")
    assert han_characters("Zhang Weiming", 2) is None
    assert han_characters("张伟明 Zhang", 4) is None  # mixed with Latin letters
    assert han_characters("中村ひろし", 5) is None  # with kana
    assert han_characters("张伟明", 2) is None  # not one word a character
