"""Kappa and confusion matrices against hand-computed values."""

from __future__ import annotations

import pytest

from drqa.curation_ui.agreement import cohen_kappa, confusion_matrix, fleiss_kappa
from drqa.curation_ui.status import human_vs_auto, inter_annotator


def test_cohen_kappa_matches_hand_computation():
    # 10 items, 8 agree; marginals: both raters 5 A, 3 B, 2 C
    a = list("AAAAABBBCC")
    b = list("AAAABBBACC")
    observed, expected = 8 / 10, (5 * 5 + 3 * 3 + 2 * 2) / 100
    assert cohen_kappa(a, b) == pytest.approx((observed - expected) / (1 - expected))
    assert cohen_kappa(a, b) == pytest.approx(0.6774, abs=1e-4)


def test_cohen_kappa_edge_cases():
    assert cohen_kappa([], []) is None
    assert cohen_kappa(list("AAA"), list("AAA")) == 1.0
    assert cohen_kappa(list("AB"), list("BA")) == pytest.approx(-1.0)
    with pytest.raises(ValueError):
        cohen_kappa(["A"], [])


def test_fleiss_kappa_known_example():
    # Wikipedia's worked example (10 items, 14 raters, 5 categories) gives kappa = 0.210
    table = [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ]  # fmt: skip
    items = [[str(cat) for cat, n in enumerate(row) for _ in range(n)] for row in table]
    assert fleiss_kappa(items) == pytest.approx(0.210, abs=0.001)


def test_fleiss_equals_scotts_pi_shape_and_ignores_single_ratings():
    assert fleiss_kappa([["A"]]) is None
    assert fleiss_kappa([["A", "A"], ["B", "B"]]) == pytest.approx(1.0)


def test_confusion_matrix_counts_truth_by_prediction():
    matrix = confusion_matrix(list("AABC"), list("ABBA"))
    assert matrix["A"] == {"A": 1, "B": 1, "C": 0}
    assert matrix["C"]["A"] == 1 and matrix["B"]["B"] == 1


def test_inter_annotator_picks_cohen_for_two_and_fleiss_for_three():
    two = [("c1", "alice", "A"), ("c1", "bob", "A"), ("c2", "alice", "B"), ("c2", "bob", "C")]
    assert inter_annotator(two)["method"] == "cohen"
    three = [*two, ("c1", "carl", "A")]
    report = inter_annotator(three)
    assert report["method"] == "fleiss" and report["items_rated_by_2_or_more"] == 2


def test_human_vs_auto_reports_agreement_and_confusion():
    report = human_vs_auto([("A", "A"), ("B", "C"), ("C", "C")])
    assert report["agreement"] == pytest.approx(2 / 3, abs=1e-4)
    assert report["confusion_auto_x_human"]["B"]["C"] == 1
