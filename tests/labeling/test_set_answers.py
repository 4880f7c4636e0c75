"""Lists of values that may be a set (a problem's roots or solutions, in any order) are never
called wrong for their order: only item numbers 1..k listed unsorted read as a ranking."""

from __future__ import annotations

import pytest

from drqa.labeling.verifier import VerifierPool


@pytest.fixture(scope="module")
def pool():
    with VerifierPool(workers=1) as verifier:
        yield verifier


@pytest.mark.parametrize(
    ("gold", "answer"),
    [
        ("5, 1, 3", "1, 3, 5"),  # "enter all the solutions": a gold listed unsorted
        ("0, 3, -1, 4", "-1, 0, 3, 4"),
        ("7, 2, 11", "2, 11, 7"),
    ],
)
def test_solutions_in_another_order_are_never_incorrect(pool, gold, answer):
    assert pool.verify_many([(gold, answer)])[0].status != "incorrect"


def test_item_numbers_in_another_order_are_another_ranking(pool):
    assert pool.verify_many([("3, 1, 4, 2", "1, 2, 3, 4")])[0].status == "incorrect"
