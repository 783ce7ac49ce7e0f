"""Small-number suppression, so that no report reveals a count from 1 to 4.

Method (see docs/reports.md):

1. Primary: every count from 1 to 4 is shown as "fewer than 5". Zero is shown.
2. Complementary: the report declares which shown figures add up to which
   (a table's rows add up to its total row; a row's outcomes add up to its
   bookings screened). A reader who knows these sums, that a "fewer than 5"
   cell is 1-4 and that a "withheld" cell is 5 or more, can narrow a hidden
   cell down. `protect` works out the range each hidden cell could take from
   those sums alone (interval propagation over every relation together, so
   a chain of sums is covered too) and, while any "fewer than 5" cell is
   pinned to a single value, withholds one more cell: the nearest, smallest
   shown part whose withholding frees it (see `_complement_for`), or a total
   when no part is left.

Rates (percentages) are withheld whenever their numerator or denominator is
hidden, since rate x denominator gives the numerator back.
"""

import enum
from dataclasses import dataclass, field

SMALL_NUMBER_LIMIT = 5
SMALL_LABEL = f"fewer than {SMALL_NUMBER_LIMIT}"
WITHHELD_LABEL = "withheld"
NOT_RECORDED_LABEL = "not recorded"
# Upper bound for a withheld count; any figure in this service is far below it.
_UNBOUNDED = 10**12
_MAX_PROPAGATION_ROUNDS = 100
# Trial withholdings per exposed cell before falling back to a heuristic choice.
_MAX_TRIALS = 12


class Visibility(enum.Enum):
    SHOWN = "shown"
    SMALL = "small"  # a count from 1 to 4: shown as "fewer than 5"
    WITHHELD = "withheld"  # a larger count hidden so a small one cannot be worked out


@dataclass(eq=False)
class Cell:
    """One published count. Identity matters: the same cell can sit in several sums."""

    value: int
    visibility: Visibility = Visibility.SHOWN

    def __post_init__(self) -> None:
        if 0 < self.value < SMALL_NUMBER_LIMIT:
            self.visibility = Visibility.SMALL

    @property
    def hidden(self) -> bool:
        return self.visibility is not Visibility.SHOWN

    def bounds(self) -> tuple[int, int]:
        """What a reader of the published report knows about this cell's value."""
        if self.visibility is Visibility.SMALL:
            return 1, SMALL_NUMBER_LIMIT - 1
        if self.visibility is Visibility.WITHHELD:
            return SMALL_NUMBER_LIMIT, _UNBOUNDED
        return self.value, self.value


@dataclass(eq=False)
class Relation:
    """`whole` is exactly the sum of `parts`, and the reader knows it."""

    whole: Cell
    parts: list[Cell] = field(default_factory=list)


def protect(relations: list[Relation]) -> None:
    """Withhold cells until no "fewer than 5" cell can be worked out from the sums.

    Each pass audits every sum, then withholds one complement per exposed cell,
    except where a sum it is in already got a new complement in this pass (that
    may have covered it: the next audit tells).
    """
    while True:
        exposed = _pinned_small_cells(relations)
        if not exposed:
            return
        touched: set[int] = set()
        progressed = False
        for cell in exposed:
            if any(id(r) in touched for r in _containing(cell, relations)):
                continue
            complement = _complement_for((cell, None), relations)
            if complement is None:
                continue  # everything around it is hidden already
            complement.visibility = Visibility.WITHHELD
            touched.update(id(r) for r in _containing(complement, relations))
            progressed = True
        if not progressed:
            return


def _containing(cell: Cell, relations: list[Relation]) -> list[Relation]:
    return [r for r in relations if cell is r.whole or any(cell is p for p in r.parts)]


def _first_pinned_small_cell(relations: list[Relation]) -> tuple[Cell, Relation] | None:
    """The first "fewer than 5" cell a reader could work out exactly, if any (for audits)."""
    pinned = _pinned_small_cells(relations)
    return (pinned[0], _containing(pinned[0], relations)[0]) if pinned else None


def _pinned_small_cells(relations: list[Relation]) -> list[Cell]:
    # A sum whose cells are all shown teaches the reader nothing new: leave it out.
    relations = [r for r in relations if r.whole.hidden or any(p.hidden for p in r.parts)]
    ranges = _reader_ranges(relations)
    return [
        cell for cell, low, high in ranges.values() if cell.visibility is Visibility.SMALL and low == high
    ]


def _reader_ranges(relations: list[Relation]) -> dict[int, list]:
    """Tighten every cell's known range using every sum, until nothing changes."""
    ranges: dict[int, list] = {}
    for relation in relations:
        for cell in [relation.whole, *relation.parts]:
            ranges.setdefault(id(cell), [cell, *cell.bounds()])
    for _ in range(_MAX_PROPAGATION_ROUNDS):
        if not any([_tighten(relation, ranges) for relation in relations]):
            break
    return ranges


def _tighten(relation: Relation, ranges: dict[int, list]) -> bool:
    whole = ranges[id(relation.whole)]
    parts = [ranges[id(p)] for p in relation.parts]
    low_sum, high_sum = sum(p[1] for p in parts), sum(p[2] for p in parts)
    changed = _narrow(whole, low_sum, high_sum)
    for part in parts:
        others_low, others_high = low_sum - part[1], high_sum - part[2]
        changed |= _narrow(part, whole[1] - others_high, whole[2] - others_low)
    return changed


def _narrow(known: list, low: int, high: int) -> bool:
    new_low, new_high = max(known[1], low), min(known[2], high)
    if (new_low, new_high) == (known[1], known[2]):
        return False
    known[1], known[2] = new_low, new_high
    return True


def _complement_for(exposed: tuple[Cell, object], relations: list[Relation]) -> Cell | None:
    """The cell to withhold next so that the exposed cell stops being pinned.

    Candidates are the shown non-zero parts of the sums the exposed cell is in,
    then of sums reached through hidden cells, nearest first and smallest first.
    The first whose withholding frees the exposed cell wins. When no single cell
    does (a small count in a table of rows and columns needs a rectangle of four),
    take the smallest candidate that extends a chain through another hidden cell
    along a different sum, so the next pass can close the rectangle rather than
    hide a whole column; failing that, the smallest candidate, then a total.
    """
    cell, _ = exposed
    candidates, touched = _candidates(cell, relations)
    for candidate in candidates[:_MAX_TRIALS]:
        candidate.visibility = Visibility.WITHHELD
        still_pinned = _is_pinned(cell, relations)
        candidate.visibility = Visibility.SHOWN
        if not still_pinned:
            return candidate
    own = _containing(cell, relations)
    chaining = [
        c
        for c in candidates
        if any(
            r not in own and any(o.hidden and o is not cell for o in [r.whole, *r.parts])
            for r in _containing(c, relations)
        )
    ]
    if chaining or candidates:
        return min(chaining or candidates, key=lambda c: c.value)
    totals = [r.whole for r in touched if not r.whole.hidden]
    return min(totals, key=lambda c: c.value) if totals else None


def _candidates(cell: Cell, relations: list[Relation]) -> tuple[list[Cell], list[Relation]]:
    """Shown non-zero parts near the cell: ring by ring through hidden cells."""
    frontier, reached, touched, candidates, seen = [cell], {id(cell)}, [], [], set()
    while frontier:
        sums = [r for r in relations if r not in touched and _contains_any(r, frontier)]
        touched += sums
        ring = [p for r in sums for p in r.parts if not p.hidden and p.value > 0 and id(p) not in seen]
        for part in sorted(ring, key=lambda p: p.value):
            if id(part) not in seen:
                seen.add(id(part))
                candidates.append(part)
        frontier = [c for r in sums for c in [r.whole, *r.parts] if c.hidden and id(c) not in reached]
        reached.update(id(c) for c in frontier)
    return candidates, touched


def _is_pinned(cell: Cell, relations: list[Relation]) -> bool:
    return any(c is cell for c in _pinned_small_cells(relations))


def _contains_any(relation: Relation, cells: list[Cell]) -> bool:
    members = {id(relation.whole), *(id(p) for p in relation.parts)}
    return any(id(c) in members for c in cells)


@dataclass(frozen=True)
class Rate:
    """A percentage: numerator / denominator, withheld when either is hidden."""

    numerator: Cell
    denominator: Cell

    @property
    def hidden(self) -> bool:
        return self.numerator.hidden or self.denominator.hidden

    @property
    def percent(self) -> float | None:
        """One decimal place; None when there is nothing to divide by."""
        if self.denominator.value == 0:
            return None
        return round(100 * self.numerator.value / self.denominator.value, 1)
