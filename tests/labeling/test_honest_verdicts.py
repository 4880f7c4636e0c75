"""Honest verdicts: an abstaining status, the normalisation bugs of issue 9, a verifier that never
lies (warm workers before clocks, errors as their own status, versions in the version string)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from drqa.labeling import VerifierPool, extract_answer, normalise_answer
from drqa.labeling.answer_kinds import text_verdict

THOUSAND_ONES = "+".join(["1"] * 1000)
CASES = [
    # (gold, answer, expected): one row per bug in issue 9, then the abstaining forms
    ("Statement 2 is true", "Statement 2 is false", "uncertain"),
    ("f \\rightarrow g", "f \\leftarrow g", "not correct"),
    ("0.83", "~0.83", "correct"),
    ("~ 33.5", "33.5", "correct"),
    ("\\approx 0.83", "0.83", "correct"),
    ("44%", "0.44", "correct"),
    ("0.44", "44\\%", "correct"),
    ("1000", THOUSAND_ONES, "correct"),
    ("999", THOUSAND_ONES, "incorrect"),
    ("3-bromo-4'-methoxy-1,1'-biphenyl", "2-fluoro-4-methoxybiphenyl", "incorrect"),
    ("ethyl 4-aminobenzoate", "Ethyl 4-aminobenzoate", "correct"),
    ("C11H12O2", "C₁₁H₁₂O₂", "correct"),
    ("A = 4-methylhexan-2-one, B = 5-ol", "A: 4-methylhexan-2-one; B: 5-ol", "correct"),
    ("A = 4-methylhexan-2-one, B = 2-ol", "A = 4-methylhexan-2-one, B = 3-ol", "incorrect"),
    ("The theory is renormalizable", "Yes, it can be renormalized at one loop", "uncertain"),
    ("54", "54.2", "uncertain"),  # close but unequal: rules cannot tell rounding from error
    ("30", "31", "incorrect"),  # integers are exact
    ("5 MeV.", "5 MeV", "correct"),
    ("2.6*1e5 GeV", "261 TeV", "correct"),  # TeV converts; 2.61e5 is within 2.6e5's precision
    ("\\lambda_2 < \\lambda_1", "\\lambda_2 > \\lambda_1", "not correct"),
    ("18", "18 \\text{ dollars}", "correct"),
    ("864 \\mbox{ inches}^2", "864", "correct"),
    ("0.01 (10^-2).", "0.9", "incorrect"),  # an aside restating the gold
    ("Red", "Green", "incorrect"),  # single words are names
    ("3.14", "314", "incorrect"),  # same characters, other numbers: digit runs stay apart
    ("1.5 m", "15 m", "incorrect"),
    ("1, 2, 3", "1,2,3", "correct"),
    ("5 peaks in chiral HPLC and 4 in normal HPLC", "3 peaks", "incorrect"),  # no number shared
    (  # a long explanation may say a short gold in other words: no shared word proves nothing
        "The increased pH of the solution",
        "The added base neutralised the acid, so fewer hydrogen ions remained in the mixture and "
        "the reaction that needs them slowed down considerably",
        "uncertain",
    ),
    ("triplet of triplets", "doublet of doublets", "incorrect"),  # short phrases, no shared word
    (
        "2 peaks in standard HPLC and 3 in chiral HPLC",
        "2 peaks on achiral, 3 on chiral",
        "uncertain",
    ),
]


@pytest.mark.parametrize(("gold", "answer", "expected"), CASES)
def test_verdicts(pool, gold, answer, expected):
    status = pool.verify_many([(gold, answer)])[0].status
    if expected == "not correct":
        assert status != "correct"
    else:
        assert status == expected


def test_text_groups_keep_the_enclosing_brace():
    normalised = normalise_answer("\\frac{1}{\\text{m}^2}")
    assert normalised.count("{") == normalised.count("}")
    assert normalise_answer("\\frac{3}{\\text{s}^{2}}").startswith("\\frac{3}{")


def test_arrows_survive_normalisation():
    assert normalise_answer("f \\rightarrow g") != normalise_answer("f \\leftarrow g")
    assert normalise_answer("\\left( 1, 2 \\right)") == "( 1, 2 )"


def test_unclosed_box_at_the_end_is_no_answer():
    assert extract_answer("The answer is \\boxed{") is None
    assert extract_answer("Final answer: \\boxed{") is None


def test_a_sentence_is_never_reduced_to_its_number():
    assert normalise_answer("Statement 2 is true") == "Statement 2 is true"
    assert text_verdict("Statement 2 is true", "Statement 2 is false")[0] == "uncertain"
    assert text_verdict("2", "Statement 2 is not true")[0] == "uncertain"  # negated


def test_version_names_math_verify_and_sympy():
    from drqa.labeling.verifier import VERIFIER_VERSION

    assert "math-verify-" in VERIFIER_VERSION and "sympy-" in VERIFIER_VERSION


def test_alarm_during_first_import_does_not_poison_the_process():
    code = (
        "from drqa.labeling.judge import judge_with_alarm\n"
        "print(judge_with_alarm('\\\\frac{1}{2}+x', '0.5 + x', 0.05)[0])\n"
        "print(judge_with_alarm('\\\\frac{1}{3}', '0.3333333333', 5.0)[0])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.split()[-1] == "correct", out.stdout + out.stderr


def test_an_exception_is_its_own_status(monkeypatch):
    from drqa.labeling import judge

    judge.warm_up()

    def broken(gold, answer):
        raise RuntimeError("sympy bug")

    monkeypatch.setattr(judge, "math_verify_judge", broken)
    status, detail = judge.judge_with_alarm("x^2", "x*x + y", 5.0)
    assert status == "error" and "sympy bug" in detail


@pytest.mark.slow
def test_many_workers_with_a_short_timeout_never_fail_on_warm_up():
    pairs = [(f"\\frac{{1}}{{{k}}}", f"{1 / k:.10f}") for k in range(3, 43)]
    with VerifierPool(workers=4, timeout_s=0.5, hard_margin_s=1.0) as pool:
        statuses = [v.status for v in pool.verify_many(pairs)]
    assert "gold_unparseable" not in statuses
    assert statuses.count("correct") >= len(pairs) - 2  # a loaded machine may time one out


def test_a_worker_that_dies_is_replaced_and_its_pair_is_an_error_not_incorrect():
    import time

    from drqa.labeling.verify_worker import WorkerProcess

    with VerifierPool(workers=1, timeout_s=20.0) as pool:
        pool._workers.append(WorkerProcess(20.0))
        deadline = time.monotonic() + 120
        while not pool._workers[0].ready and time.monotonic() < deadline:
            pool._read(pool._workers[0])  # wait for "ready" (imports done)
        pool.submit([("2", "10^{10^{10^{10}}}")])  # sent at once: keeps the worker on sympy
        assert pool._workers[0].in_flight
        pool._workers[0].process.kill()
        verdicts = pool.verify_many([("2", "10^{10^{10^{10}}}"), ("\\frac{1}{3}", "0.3333333333")])
        assert pool.killed == 1
    assert verdicts[0].status == "error" and "exited" in verdicts[0].detail
    assert verdicts[1].status == "correct"
