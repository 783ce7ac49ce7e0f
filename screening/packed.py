"""Many short lists of integers (alias positions, word ids) under keys, packed.

The match index holds millions of such lists. As Python lists (or arrays) each is
an object of about 100 bytes that the cyclic garbage collector must scan, and
the collection that ends an index build held the GIL for about a second at
1,000,000 aliases. Packed, a list of one (most of them) is the integer itself in
a dict, and longer lists are runs in one shared array: a dict holding only str
or int keys and int values is not tracked by the collector at all.
"""

from array import array
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class PackedLists(Generic[K]):
    """A read-only mapping of key -> sequence of unsigned 32-bit ints."""

    __slots__ = ("_where", "_runs")

    def __init__(self, lists: Mapping[K, Sequence[int]]):
        # key -> the one value (>= 0), or -1 - the start of its run in _runs,
        # where a run is its length followed by its values
        self._where: dict[K, int] = {}
        self._runs = array("I")
        for key, values in lists.items():
            if len(values) == 1:
                self._where[key] = values[0]
            else:
                self._where[key] = -1 - len(self._runs)
                self._runs.append(len(values))
                self._runs.extend(values)

    @classmethod
    def from_parts(cls, one: dict[K, int], more: Mapping[K, Sequence[int]]) -> "PackedLists[K]":
        """From a dict of the lists of one value (taken over as it is) and the rest."""
        packed = cls({})
        packed._where = one
        for key, values in more.items():
            one[key] = -1 - len(packed._runs)
            packed._runs.append(len(values))
            packed._runs.extend(values)
        return packed

    def get(self, key: K, default: Sequence[int] = ()) -> Sequence[int]:
        found = self._where.get(key)
        if found is None:
            return default
        if found >= 0:
            return (found,)
        start = -found
        return self._runs[start : start + self._runs[start - 1]]

    def __contains__(self, key: object) -> bool:
        return key in self._where

    def __iter__(self) -> Iterator[K]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


class ListsBuilder(Generic[K]):
    """Lists appended to while an index is built, packed as they grow: a list of one
    is its value in a dict, and only a second value makes a list. Building with a
    list per key leaves, once they are packed and freed, holes all over the memory
    the index's other objects live in; the next build's objects fill them, and the
    index before can then never give its memory back."""

    __slots__ = ("_one", "_more")

    def __init__(self) -> None:
        self._one: dict[K, int] = {}
        self._more: dict[K, list[int]] = {}

    def append(self, key: K, value: int) -> None:
        more = self._more.get(key)
        if more is not None:
            more.append(value)
        elif key in self._one:
            self._more[key] = [self._one.pop(key), value]
        else:
            self._one[key] = value

    def packed(self) -> "PackedLists[K]":
        return PackedLists.from_parts(self._one, self._more)


class PackedRows:
    """Rows 0..n-1 of unsigned 32-bit ints (a word's alias positions), in two arrays."""

    __slots__ = ("_starts", "_values")

    def __init__(self, rows: Iterable[Sequence[int]]):
        self._starts = array("L", [0])
        self._values = array("I")
        for row in rows:
            self._values.extend(row)
            self._starts.append(len(self._values))

    def __getitem__(self, row: int) -> array:
        return self._values[self._starts[row] : self._starts[row + 1]]

    def length(self, row: int) -> int:
        return self._starts[row + 1] - self._starts[row]

    def __len__(self) -> int:
        return len(self._starts) - 1
