"""Metric functions against hand-computed tables (NeMo-Skills' definitions)."""

from __future__ import annotations

import math

import pytest

from drqa.evals.metrics import (
    majority_at_k,
    majority_vote,
    mean_pass_at_k,
    paired_bootstrap,
    pass_at_1,
    pass_at_k_unbiased,
    suite_figures,
    token_stats,
)


@pytest.mark.parametrize(
    ("n", "c", "k", "expected"),
    [
        (4, 0, 1, 0.0),
        (4, 4, 1, 1.0),
        (4, 1, 1, 0.25),  # pass@1 = c / n
        (4, 1, 2, 0.5),  # 1 - C(3,2)/C(4,2) = 1 - 3/6
        (5, 2, 3, 0.9),  # 1 - C(3,3)/C(5,3) = 1 - 1/10
        (10, 3, 5, 1 - 21 / 252),  # C(7,5)=21, C(10,5)=252
        (3, 2, 2, 1.0),  # n - c < k: a correct one is always drawn
        (64, 16, 8, 1 - math.comb(48, 8) / math.comb(64, 8)),
    ],
)
def test_unbiased_pass_at_k(n, c, k, expected):
    assert pass_at_k_unbiased(n, c, k) == pytest.approx(expected)


def test_pass_at_k_needs_enough_samples():
    with pytest.raises(ValueError, match="1 <= k <= n"):
        pass_at_k_unbiased(2, 1, 3)
    assert mean_pass_at_k([[True, False], [False]], 2) is None
    assert mean_pass_at_k([[True, False], [False, False]], 2) == pytest.approx(0.5)


def test_pass_at_1_averages_samples_then_problems():
    est = pass_at_1([[True, False, False, False], [True, True, True, True], [False] * 4])
    # per problem 0.25, 1.0, 0.0 -> mean 0.4167; sd (ddof=1) 0.5204; se = sd / sqrt(3)
    assert est.mean == pytest.approx(5 / 12)
    assert est.se == pytest.approx(0.520416 / math.sqrt(3), rel=1e-5)
    assert est.low == pytest.approx(max(0.0, 5 / 12 - 1.959964 * est.se))
    assert est.high == pytest.approx(min(1.0, 5 / 12 + 1.959964 * est.se))


def test_standard_error_with_one_sample_per_problem():
    # k=1, 3 of 5 correct: sd (ddof=1) = sqrt(0.3), se = sqrt(0.3/5) = sqrt(p(1-p)/(n-1))
    est = pass_at_1([[True], [True], [True], [False], [False]])
    assert est.mean == pytest.approx(0.6)
    assert est.se == pytest.approx(math.sqrt(0.6 * 0.4 / 4))
    assert est.low == pytest.approx(0.6 - 1.959964 * est.se)
    assert est.high == 1.0  # 0.6 + 1.96 se is above 1: clipped
    one = pass_at_1([[True]])
    assert (one.mean, one.se, one.low, one.high) == (1.0, 0.0, 1.0, 1.0)
    assert pass_at_1([]).mean == 0.0


@pytest.mark.parametrize(
    ("samples", "expected"),
    [
        ([("4", True), ("4", True), ("5", False)], 1.0),  # clear majority, right
        ([("4", True), ("5", False), ("5", False)], 0.0),  # clear majority, wrong
        ([("4", True), ("5", False)], 0.5),  # tie between a right and a wrong answer
        ([("4", True), ("5", False), ("6", False)], 1 / 3),  # three-way tie
        ([("4", True), ("4", True), ("5", False), ("5", False), (None, False)], 0.5),
        ([(None, False), (None, False), ("4", True)], 1.0),  # no answer does not vote
        ([(None, False), (None, False)], 0.0),  # nobody answered
    ],
)
def test_majority_vote_table(samples, expected):
    assert majority_vote(samples) == pytest.approx(expected)


def test_majority_at_k_averages_problems():
    assert majority_at_k([[("1", True)], [("2", True), ("3", False)], []]) == pytest.approx(0.75)


def test_token_stats_all_and_correct_only():
    stats = token_stats([10, 20, 30, None], [True, False, True, True])
    assert stats == {
        "mean_tokens": 20.0,
        "median_tokens": 20.0,
        "mean_tokens_correct": 20.0,
        "median_tokens_correct": 20.0,
    }
    stats = token_stats([1, 2, 9], [False, False, True])
    assert stats["mean_tokens"] == 4.0 and stats["median_tokens"] == 2.0
    assert stats["mean_tokens_correct"] == 9.0
    assert token_stats([], [])["mean_tokens"] is None


def test_suite_figures_leave_failed_samples_out():
    def s(correct, key, status="correct", tokens=10, truncated=False):
        return {"correct": correct, "answer_key": key, "status": status,
                "output_tokens": tokens, "truncated": truncated}  # fmt: skip

    problems = {
        "p1": [s(True, "4"), s(False, "5", "incorrect", 30)],
        "p2": [s(False, None, "truncated", 100, True), s(False, None, "failed", None)],
    }
    f = suite_figures(problems)
    assert (f["n_problems"], f["n_samples"], f["k"]) == (2, 3, 1)
    assert f["pass@1"] == pytest.approx(0.25)  # p1: 1/2, p2: 0/1
    assert f["majority@k"] == pytest.approx(0.25)  # p1 tie -> 0.5, p2 no vote -> 0
    assert f["mean_tokens"] == pytest.approx(140 / 3)
    assert f["truncation_rate"] == pytest.approx(1 / 3)
    assert f["no_answer_rate"] == pytest.approx(1 / 3)


def test_paired_bootstrap():
    base = {f"p{i}": 0.0 for i in range(40)}
    better = {f"p{i}": 1.0 if i < 30 else 0.0 for i in range(40)}
    result = paired_bootstrap(better, base, resamples=500)
    assert result.n_problems == 40 and result.delta == pytest.approx(0.75)
    assert result.significant and result.p_value < 0.01
    same = paired_bootstrap(base, base, resamples=500)
    assert same.delta == 0 and not same.significant and same.p_value == 1.0
    noisy = {f"p{i}": 1.0 if i in (0, 1) else 0.0 for i in range(40)}
    other = {f"p{i}": 1.0 if i in (2,) else 0.0 for i in range(40)}
    assert not paired_bootstrap(noisy, other, resamples=500).significant
    assert paired_bootstrap({"a": 1.0}, {"b": 1.0}) is None
