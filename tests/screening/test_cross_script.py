"""A name matches itself written in another script that ICU can transliterate."""

import icu
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening.matching import IndexedName, MatchIndex, NameQuery

# Latin letters each script writes with one letter of its own that comes back the same.
SCRIPTS = {
    "Latin-Cyrillic": "abdefgiklmnoprstuvz",
    "Latin-Greek": "adeilmoprstz",  # not g, k, n, b: "ng", "nk" are written γγ, γκ
    "Latin-Armenian": "abdefghiklmnoprstvz",
}


def _word(letters: str):
    return st.text(alphabet=letters, min_size=4, max_size=9)


@pytest.mark.parametrize("system", sorted(SCRIPTS))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_name_matches_itself_written_in_another_script(system, data):
    letters = SCRIPTS[system]
    latin = f"{data.draw(_word(letters)).capitalize()} {data.draw(_word(letters)).capitalize()}"
    written = icu.Transliterator.createInstance(system).transliterate(latin)
    index = MatchIndex([IndexedName(1, "src", "e-1", "person", latin, "primary")])
    back = MatchIndex([IndexedName(1, "src", "e-1", "person", written, "primary")])

    assert [m.entry_id for m in index.match(NameQuery(written, "person"), threshold=0.8)] == ["e-1"]
    assert [m.entry_id for m in back.match(NameQuery(latin, "person"), threshold=0.8)] == ["e-1"]
