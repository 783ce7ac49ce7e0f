"""Small-number protection: primary "fewer than 5" and complementary withholding."""

from bookings.reports.disclosure import Cell, Rate, Relation, Visibility, protect

SHOWN, SMALL, WITHHELD = Visibility.SHOWN, Visibility.SMALL, Visibility.WITHHELD


def states(*cells: Cell) -> list[Visibility]:
    return [cell.visibility for cell in cells]


def test_counts_from_one_to_four_are_small_and_zero_and_five_are_shown():
    assert states(Cell(0), Cell(1), Cell(4), Cell(5)) == [SHOWN, SMALL, SMALL, SHOWN]


def test_a_lone_small_cell_in_a_sum_gets_the_next_smallest_part_withheld():
    parts = [Cell(20), Cell(3), Cell(9), Cell(0), Cell(12)]
    total = Cell(44)

    protect([Relation(total, parts)])

    assert states(total, *parts) == [SHOWN, SHOWN, SMALL, WITHHELD, SHOWN, SHOWN]


def test_two_small_cells_whose_sum_leaves_them_ambiguous_need_nothing_more():
    parts = [Cell(20), Cell(3), Cell(4)]
    total = Cell(27)

    protect([Relation(total, parts)])

    assert states(total, *parts) == [SHOWN, SHOWN, SMALL, SMALL]


def test_two_ones_are_pinned_by_their_sum_so_another_cell_is_withheld():
    # 1 + 1 = 2 leaves each exactly 1: "fewer than 5" alone would not protect them.
    parts = [Cell(30), Cell(1), Cell(1), Cell(8)]
    total = Cell(40)

    protect([Relation(total, parts)])

    assert states(total, *parts) == [SHOWN, SHOWN, SMALL, SMALL, WITHHELD]


def test_a_complement_of_exactly_five_next_to_a_one_is_passed_over():
    # Withholding the 5 would leave "1-4" + "5 or more" = 6: only 1 + 5 fits.
    parts = [Cell(1), Cell(5), Cell(7), Cell(20)]
    total = Cell(33)

    protect([Relation(total, parts)])

    assert states(total, *parts) == [SHOWN, SMALL, SHOWN, WITHHELD, SHOWN]


def test_when_every_other_part_is_zero_the_total_is_withheld():
    parts = [Cell(0), Cell(3), Cell(0)]
    total = Cell(3)

    protect([Relation(total, parts)])

    # The total is itself fewer than 5; with nothing else to hide, it stays "fewer than 5".
    assert states(total, *parts) == [SMALL, SHOWN, SMALL, SHOWN]


def test_a_total_of_five_or_more_is_withheld_when_it_is_the_only_complement():
    row_parts = [Cell(3), Cell(0)]
    row_total = Cell(3)
    other_parts = [Cell(6), Cell(0)]
    other_total = Cell(6)
    grand_parts = [row_total, other_total]
    grand_total = Cell(9)

    protect(
        [
            Relation(row_total, row_parts),
            Relation(other_total, other_parts),
            Relation(grand_total, grand_parts),
        ]
    )

    # 9 - 6 recovers the row total 3; the 6 is withheld, and then 6 = 6 + 0 pins nothing small.
    assert states(grand_total, row_total, other_total) == [SHOWN, SMALL, WITHHELD]
    assert states(*other_parts) == [WITHHELD, SHOWN]


def test_protection_follows_a_chain_of_sums_across_rows_and_columns():
    # A 2x2 table with row and column totals: hiding one small cell needs a
    # complement in its row and in its column, and then one more to close the square.
    a, b, c, d = Cell(2), Cell(10), Cell(7), Cell(11)
    row1, row2, col1, col2, grand = Cell(12), Cell(18), Cell(9), Cell(21), Cell(30)
    relations = [
        Relation(row1, [a, b]),
        Relation(row2, [c, d]),
        Relation(col1, [a, c]),
        Relation(col2, [b, d]),
        Relation(grand, [row1, row2]),
    ]

    protect(relations)

    assert states(a, b, c, d) == [SMALL, WITHHELD, WITHHELD, WITHHELD]
    assert states(row1, row2, col1, col2, grand) == [SHOWN] * 5


def test_a_rate_is_withheld_when_its_numerator_or_denominator_is_hidden():
    assert Rate(Cell(3), Cell(40)).hidden is True
    assert Rate(Cell(10), Cell(40)).hidden is False
    assert Rate(Cell(10), Cell(40)).percent == 25.0
    assert Rate(Cell(0), Cell(0)).percent is None
