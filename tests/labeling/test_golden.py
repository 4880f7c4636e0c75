"""Golden table from real outputs: extracted answer and verdict per shared trace row (by id)."""

from __future__ import annotations

import csv
from pathlib import Path

from drqa.labeling import split_batched_response

GOLDEN = Path(__file__).with_name("golden_traces.csv")


def _golden_rows() -> list[dict]:
    with GOLDEN.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_golden_table_is_big_enough():
    rows = _golden_rows()
    assert len(rows) >= 60
    assert {r["expected_verdict"] for r in rows} >= {"correct", "incorrect", "no_answer"}


def test_golden_answers_and_verdicts(shared_traces, pool):
    rows = _golden_rows()
    chains = []
    for row in rows:
        record = shared_traces[row["id"]]
        from_r1 = row["file"] == "reasoning_traces"
        chains.append(split_batched_response(record["response"], 1, starts_in_thinking=from_r1)[0])
    verdicts = pool.verify_many(
        [(shared_traces[r["id"]]["gold"], c.answer) for r, c in zip(rows, chains, strict=True)]
    )
    wrong = []
    for row, chain, verdict in zip(rows, chains, verdicts, strict=True):
        got = (chain.answer or "", verdict.status)
        if got != (row["expected_answer"], row["expected_verdict"]):
            wrong.append((row["id"], got, (row["expected_answer"], row["expected_verdict"])))
    assert not wrong, wrong[:5]


def test_unfinished_thinking_is_truncated_never_guessed(shared_traces):
    unfinished = [r for r in shared_traces.values() if r.get("has_think_close") is False][:50]
    assert unfinished
    for record in unfinished:
        chain = split_batched_response(record["response"], 1, starts_in_thinking=True)[0]
        assert chain.status == "truncated" and chain.answer is None
