"""Chains that share an uncut thinking are flagged; duplicate chain texts are not labelled twice,
and the release gate measures their share."""

from __future__ import annotations

import polars as pl

from drqa.labeling import split_batched_response
from drqa.labeling.rules import apply_rule


def test_uncut_thinking_is_flagged_shared():
    text = "<think>Let me think about all of these at once, 3+4 and 3*4 and"
    chains = split_batched_response(text, 3)
    assert all(c.shared_thinking and c.status == "truncated" for c in chains)
    assert all(c.truncation == "in_thinking" for c in chains)


def test_cut_thinking_is_not_shared():
    text = "Question 1: 3+4=7. Question 2: 3*4=12.</think>"
    text += "Question 1: \\boxed{7}\nQuestion 2: \\boxed{12}"
    assert not any(c.shared_thinking for c in split_batched_response(text, 2))


def test_repeated_chain_text_is_labelled_once():
    chains = pl.DataFrame(
        {
            "chain_id": ["r1-q0", "r1-q1", "r1-q2", "r2-q0"],
            "request_id": ["r1", "r1", "r1", "r2"],
            "position": [0, 1, 2, 0],
            "reasoning_hash": [7, 7, 7, 7],
            "problem_id": ["p1", "p2", "p3", "p1"],
            "batch_size": [3, 3, 3, 1],
            "split_status": ["truncated"] * 3 + ["ok"],
            "split_confidence": [0.5, 0.5, 0.5, 1.0],
            "verify_status": ["no_answer"] * 3 + ["correct"],
            "total_tokens": [10, 10, 10, 5],
            "model": ["m"] * 4,
        }
    )
    labelled = apply_rule(chains, "paper")
    assert labelled["label"].to_list() == ["C", None, None, "A"]
    assert labelled["label_reason"].to_list()[1] == "duplicate_chain_text"


def test_gate_measures_duplicate_chain_text():
    from drqa.builders.release.config import GateConfig
    from drqa.builders.release.gate_data import GateInput
    from drqa.builders.release.gate_metrics import gate_metrics

    candidates = pl.DataFrame(
        {
            "problem_id": ["p1", "p2", "p3", "p1"],
            "chain": ["same text", "same text", "other", "fourth"],
            "label": ["C", "C", "B", "A"],
            "auto_label": ["C", "C", "B", "A"],
            "label_source": ["auto"] * 4,
            "total_tokens": [10, 10, 4, 8],
            "thinking_tokens": [10, 10, 4, 8],
        }
    )
    counts = {"n_chains": 4, "n_unsplittable": 0, "n_split": 4, "n_unverifiable": 0, "n_timeout": 0}
    metrics = gate_metrics(GateInput(candidates, counts, has_reviews=False), GateConfig())
    assert metrics["duplicate_chain_share"][0] == 0.25
