"""Every way the matcher pairs two words reads as words on the officer's page."""

import re
from pathlib import Path

import pytest

import screening.scoring
from bookings.review.presentation import HOW_WORDS, how_label

SCORING = Path(screening.scoring.__file__).read_text(encoding="utf-8")


def _hows_written_by_the_scorer() -> set[str]:
    """The `how` strings scoring.py returns or puts in pairs (literals after a similarity)."""
    returned = re.findall(r'return \(?[^\n]*?, "([a-z_]+)"\)?', SCORING)
    in_options = re.findall(r'\), "([a-z_]+)"\)\)', SCORING)
    return set(returned) | set(in_options)


def test_the_scorer_writes_the_new_hows():
    assert {"written_as_one_word", "initials", "different_numbers"} <= _hows_written_by_the_scorer()


@pytest.mark.parametrize("how", sorted(_hows_written_by_the_scorer()))
def test_every_how_has_words_for_the_officer(how):
    assert how in HOW_WORDS
    assert how_label(how) != "similar"
