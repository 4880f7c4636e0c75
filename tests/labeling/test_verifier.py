"""Verdicts on the normalisations real outputs need, timeouts that hold, the verdict cache."""

from __future__ import annotations

import time

import pytest

from drqa.labeling import VerifierPool, normalise_answer, verify_answer

CASES = [
    ("18", "18 \\text{ dollars}", "correct"),
    ("245000", "\\$245,\\!000", "correct"),
    ("10,\\!080", "10080", "correct"),
    ("1000", "1{,}000", "correct"),
    ("12", "12\\%", "correct"),
    ("106^\\circ", "106", "correct"),
    ("\\frac{33}{100}", "\\dfrac{33}{100}", "correct"),
    ("16", "016", "correct"),
    ("(-\\infty, 0]", "\\left(-\\infty,0\\right]", "correct"),
    ("\\left( \\frac{3}{2}, -13 \\right)", "(1.5, -13)", "correct"),
    ("x \\in [-2,7]", "[-2, 7]", "correct"),
    ("\\text{(B)}", "B", "correct"),
    ("\\text{(B)}", "\\textbf{(C)}", "incorrect"),
    ("77", "€77", "correct"),
    ("7", "Billy sold 7 DVDs on Tuesday", "correct"),  # a numeric gold: the only number
    ("7", "Billy sold 7 DVDs and 3 CDs", "uncertain"),  # several numbers: rules cannot tell
    ("5", "6", "incorrect"),
    ("5", None, "no_answer"),
    ("", "5", "gold_unparseable"),
]


@pytest.mark.parametrize(("gold", "answer", "expected"), CASES)
def test_normalised_verdicts(pool, gold, answer, expected):
    assert pool.verify_many([(gold, answer)])[0].status == expected


def test_verify_answer_single_call():
    assert verify_answer("\\frac{1}{2}", "0.5").status == "correct"


def test_unparseable_gold_goes_to_review(pool):
    assert pool.verify_many([("\\frac{", "3")])[0].status == "gold_unparseable"


def test_cache_by_normalised_pair(pool):
    pool.verify_many([("\\frac{2}{4}", "\\dfrac{1}{2}")])
    assert ("\\frac{2}{4}", "\\frac{1}{2}") in pool.cache
    assert normalise_answer("\\$1,000") == "1000"


def test_timeout_is_honoured_and_the_run_goes_on():
    with VerifierPool(workers=1, timeout_s=1.0, hard_margin_s=1.0) as pool:
        start = time.monotonic()
        verdicts = pool.verify_many([("2", "10^{10^{10^{10}}}"), ("\\frac{1}{2}", "0.5")])
        elapsed = time.monotonic() - start
    assert [v.status for v in verdicts] == ["timeout", "correct"]
    assert elapsed < 30  # worker start-up plus the 1 s limit, never a stall


def test_stalled_worker_is_killed_and_replaced():
    # hard limit below the worker's own alarm: the parent must kill it
    with VerifierPool(workers=1, timeout_s=20.0, hard_margin_s=-19.5) as pool:
        verdicts = pool.verify_many([("2", "10^{10^{10^{10}}}"), ("3", "3.0")])
        assert pool.killed == 1
    assert verdicts[0].status == "timeout" and "killed" in verdicts[0].detail
    assert verdicts[1].status == "correct"
