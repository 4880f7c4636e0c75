"""The answer-matching benchmark's audit (issue 17 point 2): reason codes counted per rule, per
question fold and on the studied blind sets; the held-out blind set is never printed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from drqa.labeling.verifier import Verdict

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "answer_matching.py"
_SPEC = importlib.util.spec_from_file_location("answer_matching", _PATH)
benchmark = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(benchmark)


def test_audit_counts_each_rule_per_fold_and_on_the_blind_set():
    rows = [
        {"question_id": "q1", "human_match": True},
        {"question_id": "q1", "human_match": False},
        {"question_id": "q2", "human_match": False},
        {"question_id": "q3", "human_match": True},
    ]
    verdicts = [
        Verdict("correct", "same number"),
        Verdict("correct", "within the gold's precision"),  # a false positive
        Verdict("incorrect", "different systematic names"),
        Verdict("uncertain", "prose"),  # abstains: not counted
    ]
    unseen = ([{"id": "u", "human_match": True}], [Verdict("incorrect", "different numbers")])
    table = benchmark.audit(rows, verdicts, unseen)
    assert table["number-equal"]["n"] == 1 and table["number-equal"]["right"] == 1
    assert table["number-precision"]["right"] == 0
    assert table["names-systematic"]["questions"] == 1
    assert table["number-apart"]["unseen_n"] == 1 and table["number-apart"]["unseen_right"] == 0
    assert "prose" not in table
    folds = {benchmark._fold(q) for q in ("q1", "q2")}
    for code in ("number-equal", "names-systematic"):
        assert sum(table[code].get(f"fold{k}_n", 0) for k in folds | {0, 1}) == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["--show-set", benchmark.HIDDEN[0]],
        ["--show-unseen", "--unseen", str(benchmark.BLIND[benchmark.HIDDEN[0]])],
        ["--show-set", "unseen2", "--unseen2", str(benchmark.BLIND[benchmark.HIDDEN[0]])],
    ],
)
def test_the_held_out_blind_set_is_never_shown(monkeypatch, argv):
    monkeypatch.setattr(sys, "argv", ["answer_matching.py", *argv])
    with pytest.raises(SystemExit) as refused:
        benchmark.main()
    assert f"never printed: the blind set {benchmark.HIDDEN[0]}" in str(refused.value)
