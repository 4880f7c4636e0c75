"""The batched splitter on its evaluation set (benchmarks/batched_split_eval.py): hand-written
responses of every form, and responses stitched from the shared real traces."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "batched_split_eval.py"
_SPEC = importlib.util.spec_from_file_location("batched_split_eval", _PATH)
evaluation = importlib.util.module_from_spec(_SPEC)
sys.modules["batched_split_eval"] = evaluation  # dataclasses look their module up there
_SPEC.loader.exec_module(evaluation)


def test_hand_written_set_scores():
    items = evaluation.load_hand_written()
    assert len(items) >= 50
    table, failures = evaluation.score(items)
    assert table["all"]["answer_accuracy"] >= 0.99, failures
    assert table["all"]["purity"] >= 0.9, failures


def test_stitched_set_scores(shared_traces):
    items = evaluation.load_stitched()
    assert len(items) + len(evaluation.load_hand_written()) >= 150
    table, failures = evaluation.score(items)
    assert table["all"]["answer_accuracy"] >= 0.99, failures[:10]
    assert table["all"]["purity"] >= 0.9, failures[:10]


@pytest.mark.parametrize(
    "form", ["hand:skipped-middle", "hand:cut-off-last", "hand:prose-answer-middle"]
)
def test_one_unanswered_question_leaves_the_others(form):
    items = [i for i in evaluation.load_hand_written() if i.form == form]
    table, failures = evaluation.score(items)
    assert table[form]["answer_accuracy"] == 1.0, failures


def test_fresh_set_scores():
    """A second hand-written set (batched_eval_fresh.txt), written apart from the first without
    reading it, in the forms R1-style models answer batches in."""
    items = evaluation.load_hand_written(evaluation.FRESH, prefix="fresh")
    assert len(items) >= 100
    table, failures = evaluation.score(items)
    assert table["all"]["answer_accuracy"] >= 0.99, failures
    assert table["all"]["purity"] >= 0.99, failures
