"""A Korean given name written as one Latin word (Jongun), apart (Jong Un, Jong-un)
or in Hangul (정은): one name (issue 17). A Latin word pairs with two Hangul
syllables where it cuts into a spelling of each (screening.scripts), and
retrieval finds the pair from either side."""

import pytest

from screening.scripts import reads_as_syllables, syllables_joined
from tests.screening.one_listed_name import best, flagged


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("김정은", "Kim Jongun"),
        ("Kim Jongun", "김정은"),
        ("김정은", "Jongun Kim"),
        ("김정은", "Kim Jong-un"),
        ("김정은", "Kim Jong Un"),
        ("박지성", "Park Jisung"),
        ("최승현", "Choi Seunghyun"),
        ("Choi Seunghyun", "최승현"),
        ("정호연", "Jung Hoyeon"),
    ],
)
def test_a_given_name_written_as_one_word_meets_its_hangul(listed, asked):
    assert flagged(listed, asked)


def test_the_explanation_says_the_syllables_were_written_as_one_word():
    match = best("김정은", "Kim Jongun")

    pairs = {(a["query_token"], a["matched_token"], a["how"]) for a in match.explanation["alignment"]}
    assert ("jongun", "정 은", "written_as_one_word") in pairs


@pytest.mark.parametrize(
    ("listed", "asked"),
    [
        ("김정은", "Kim Jongil"),  # 정일: another given name
        ("김정일", "Kim Jongun"),
        ("박지성", "Park Jiho"),
        ("이민호", "Lee Minsu"),
        ("김정은", "Kim Jon"),  # a part of the name is not the name
        ("김정은", "Kim Jongunho"),
    ],
)
def test_another_given_name_written_as_one_word_does_not_flag(listed, asked):
    assert not flagged(listed, asked)


@pytest.mark.parametrize(
    ("latin", "first", "second", "expected"),
    [
        ("jongun", "정", "은", True),
        ("jeongeun", "정", "은", True),
        ("chongun", "정", "은", True),  # McCune-Reischauer
        ("jongil", "정", "은", False),
        ("jong", "정", "은", False),
        ("jongun", "정", "a", False),  # not two syllables
    ],
)
def test_a_latin_word_reads_as_two_syllables(latin, first, second, expected):
    assert reads_as_syllables(latin, first, second) is expected


def test_the_joined_spellings_of_two_syllables_hold_each_cut():
    assert {"jongun", "jeongeun", "jungeun"} <= syllables_joined("정", "은")
