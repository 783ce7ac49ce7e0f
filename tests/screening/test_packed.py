"""Packed lists: the same answers as the lists they replace, and nothing for the
garbage collector to scan."""

import gc

from hypothesis import given
from hypothesis import strategies as st

from screening.packed import ListsBuilder, PackedLists, PackedRows

LISTS = st.dictionaries(st.text(max_size=5), st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=6))


@given(LISTS)
def test_packed_lists_give_back_every_list(lists):
    packed = PackedLists(lists)

    assert {key: list(packed.get(key)) for key in packed} == lists
    assert len(packed) == len(lists)
    assert packed.get("not a key of any list" * 2) == ()


@given(st.lists(st.lists(st.integers(0, 2**32 - 1), max_size=6), max_size=20))
def test_packed_rows_give_back_every_row(rows):
    packed = PackedRows(rows)

    assert [list(packed[i]) for i in range(len(packed))] == rows
    assert [packed.length(i) for i in range(len(packed))] == [len(row) for row in rows]


def test_packed_lists_hold_no_object_the_collector_tracks():
    packed = PackedLists({f"key{i}": [i] if i % 2 else [i, i + 1] for i in range(1000)})

    assert not gc.is_tracked(packed._where)
    assert packed.get("key7") == (7,)
    assert list(packed.get("key8")) == [8, 9]


def test_a_value_too_large_for_32_bits_is_refused():
    try:
        PackedLists({"k": [2**32, 1]})
    except OverflowError:
        return
    raise AssertionError("a value of 33 bits was packed")


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 2**32 - 1)), max_size=30))
def test_lists_built_one_value_at_a_time_pack_as_the_lists_would(appended):
    builder = ListsBuilder()
    lists: dict[int, list[int]] = {}
    for key, value in appended:
        builder.append(key, value)
        lists.setdefault(key, []).append(value)

    packed = builder.packed()

    assert {key: list(packed.get(key)) for key in packed} == lists
