"""Synthetic problems and labelled chains written straight into a catalog (tests, benchmarks)."""

from __future__ import annotations

import random
from datetime import datetime, timezone

import polars as pl

from drqa.workspace import Workspace

_BATCH_SIZES = (1, 2, 3, 5)
_VERIFY = ("correct", "correct", "correct", "incorrect", "no_answer")


def synthetic_chains(n: int, *, seed: int = 0, needs_review_share: float = 0.05) -> pl.DataFrame:
    """``n`` chains over ``n`` arithmetic problems, each with its gold answer and an A/B/C label."""
    rng = random.Random(seed)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = []
    for i in range(n):
        a, b = rng.randint(2, 99), rng.randint(2, 99)
        batch_size = rng.choice(_BATCH_SIZES)
        verify = rng.choice(_VERIFY)
        answer = str(a * b) if verify == "correct" else (None if verify == "no_answer" else "7")
        needs_review = rng.random() < needs_review_share
        label = None if needs_review else ("C" if verify != "correct" else "AB"[batch_size > 1])
        rows.append(
            {
                "chain_id": f"req{seed:03d}{i:07d}-q{i % batch_size}",
                "problem_id": f"prob{seed:03d}{i:07d}",
                "problem": f"What is {a} times {b}?",
                "gold": str(a * b),
                "batch_size": batch_size,
                "position": i % batch_size,
                "reasoning": f"We need {a} x {b}.\n{a} x {b} = {a * b}."
                + (f"\n\nSo the answer is {answer}." if answer else ""),
                "answer": answer,
                "verify_status": "timeout" if needs_review else verify,
                "label": label,
                "needs_review": needs_review,
                "split_confidence": round(rng.uniform(0.5, 1.0), 3),
                "total_tokens": rng.randint(40, 4000),
                "created_at": now,
            }
        )
    return pl.DataFrame(rows)


def insert_synthetic_chains(ws: Workspace, frame: pl.DataFrame) -> int:
    """Insert the problems and chains of ``synthetic_chains`` into the workspace catalog."""
    with ws.write("insert synthetic chains", wait_s=30) as con:
        con.register("synthetic", frame.to_arrow())
        con.execute(
            """
            INSERT OR IGNORE INTO problems (problem_id, source_id, source_row, problem, answer,
                                            created_at)
            SELECT problem_id, 'synthetic', row_number() OVER (), problem, gold, created_at
            FROM synthetic
            """
        )
        con.execute(
            """
            INSERT OR IGNORE INTO chains (chain_id, request_id, run_id, problem_id, batch_size,
                position, sample_index, reasoning, answer, split_status, split_confidence,
                verify_status, label, label_reason, needs_review, label_rule, verifier_version,
                splitter_version, total_tokens, token_method, model, labelled_at)
            SELECT chain_id, split_part(chain_id, '-q', 1), 'synthetic-run', problem_id,
                batch_size, position, 0, reasoning, answer, 'ok', split_confidence,
                verify_status, label, NULL, needs_review, 'abc-rules@1', 'mv@0.9', 'split@1',
                total_tokens, 'approx:chars/4', 'tiny-qwen2', created_at
            FROM synthetic
            """
        )
    return frame.height
