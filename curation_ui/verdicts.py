"""The two judgements a reviewer makes, the rules' suggestions for them, and the label they imply.

The review screen asks only what a person can judge: is the final answer right
(``correctness``) and is the chain about its own question only and complete (``segmentation``).
The A/B/C label follows from those and the chain's batch size, so a batched chain can never be
labelled A:

- answer incorrect -> C;
- answer correct, asked alone -> A;
- answer correct, batched, about its own question only and complete -> B;
- answer correct, batched, but holding another question's work or missing part of its own -> C
  (a bad split is not a chain to train on as B);
- anything else (can't tell, no segmentation verdict on a batched chain) -> no label.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from drqa.curation_ui.certainty import split_certainty, verdict_certainty
from drqa.curation_ui.settings import SEGMENTATION

PURE = "own_complete"
IMPURE = ("contains_other", "incomplete")
BATCHED_VERDICTS = (PURE, *IMPURE)  # the verdicts that say something about a batched split
NOT_BATCHED = "not_batched"
assert set(BATCHED_VERDICTS) | {NOT_BATCHED} == set(SEGMENTATION)

# verify_status -> the correctness the rules suggest (others: no suggestion)
CORRECTNESS_BY_VERDICT = {"correct": "correct", "incorrect": "incorrect", "no_answer": "incorrect"}


def derived_label(
    batch_size: pl.Expr | str = "batch_size",
    correctness: pl.Expr | str = "correctness",
    segmentation: pl.Expr | str = "segmentation",
) -> pl.Expr:
    """A Polars expression: the A/B/C label the two judgements imply (NULL when they do not)."""
    size, right, split = (pl.col(c) if isinstance(c, str) else c for c in
                          (batch_size, correctness, segmentation))  # fmt: skip
    return (
        pl.when(right == "incorrect")
        .then(pl.lit("C"))
        .when((right == "correct") & (size == 1))
        .then(pl.lit("A"))
        .when((right == "correct") & (size > 1) & (split == PURE))
        .then(pl.lit("B"))
        .when((right == "correct") & (size > 1) & split.is_in(IMPURE))
        .then(pl.lit("C"))
        .otherwise(pl.lit(None, pl.Utf8))
    )


def derive_label(batch_size: int | None, correctness: str | None, segmentation: str | None):
    """The label one reviewer's two judgements imply for a chain of ``batch_size`` (or None)."""
    frame = pl.DataFrame(
        {"batch_size": [batch_size], "correctness": [correctness], "segmentation": [segmentation]},
        schema={"batch_size": pl.Int64, "correctness": pl.Utf8, "segmentation": pl.Utf8},
    )
    return frame.select(derived_label()).item()


def suggested_correctness(row: dict[str, Any]) -> tuple[str, float] | None:
    """The verifier's verdict as a correctness suggestion with its certainty, or None."""
    value = CORRECTNESS_BY_VERDICT.get(row.get("verify_status") or "")
    return None if value is None else (value, round(verdict_certainty(row), 3))


def suggested_segmentation(row: dict[str, Any]) -> tuple[str, float] | None:
    """The splitter's view of the chain as a segmentation suggestion with its confidence.

    Asked alone: not batched (certain). Batched: the whole shared thinking copied into this chain
    holds the other questions' work; a clean split is its own question only, as sure as the
    splitter's ``split_confidence``; an unsure kind of split gets no suggestion.
    """
    if (row.get("batch_size") or 1) == 1:
        return NOT_BATCHED, 1.0
    if row.get("shared_thinking"):
        return "contains_other", 0.9
    if row.get("split_status") == "ok":
        return PURE, round(split_certainty(row), 3)
    return None
