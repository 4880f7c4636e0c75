"""Label rules, named and versioned: A/B/C per chain from its verdict, batch size and split.

- ``paper@1`` (the paper's rule): single-question chain correct -> A; batched chain correct -> B;
  incorrect, no answer because of truncation, or no answer at all -> C.
- ``strict-shorter@1``: as ``paper@1``, but a correct batched chain is B only when it is shorter
  (total tokens) than the mean of the same problem's single-question chains from the same model;
  otherwise A (correct, could be more concise); unlabelled when no single chain exists.

Both: ``gold_unparseable``, ``timeout``, ``uncertain``, ``error`` and ``unsplittable`` chains
stay unlabelled (NULL) and go
to review; a batched chain with no answer found, or any chain attributed with confidence below
0.5, keeps its label and is also flagged for review. A chain whose text repeats an earlier chain
of the same response (``reasoning_hash``, when given: an uncut shared thinking with no answer
section of its own) stays unlabelled (``duplicate_chain_text``).

A rule is a function over the Polars frame of all chains (it may compare chains), so changing
the rule relabels without splitting or verifying again.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from drqa.errors import DrqaError

LOW_CONFIDENCE = 0.5
_UNLABELLED = ("gold_unparseable", "timeout", "uncertain", "error")  # to review, no label


def _base(chains: pl.DataFrame) -> pl.DataFrame:
    """The paper's labels, reasons and review flags."""
    verdict, split = pl.col("verify_status"), pl.col("split_status")
    batched = pl.col("batch_size") > 1
    review_only = (split == "unsplittable") | verdict.is_in(_UNLABELLED) | verdict.is_null()
    label = (
        pl.when(review_only)
        .then(pl.lit(None, pl.String))
        .when(verdict == "correct")
        .then(pl.when(batched).then(pl.lit("B")).otherwise(pl.lit("A")))
        .otherwise(pl.lit("C"))
    )
    reason = (
        pl.when(split == "unsplittable")
        .then(pl.lit("unsplittable"))
        .when(verdict.is_null())
        .then(pl.lit("not_verified"))
        .when(verdict.is_in(_UNLABELLED))
        .then(verdict)
        .when(verdict == "correct")
        .then(pl.when(batched).then(pl.lit("batched_correct")).otherwise(pl.lit("single_correct")))
        .when(verdict == "incorrect")
        .then(pl.lit("incorrect"))
        .when(split == "truncated")
        .then(pl.lit("truncated_no_answer"))
        .otherwise(pl.lit("no_answer"))
    )
    needs_review = (
        review_only
        | ((verdict == "no_answer") & (split == "missing") & batched)
        | (pl.col("split_confidence").fill_null(1.0) < LOW_CONFIDENCE)
    )
    labelled = chains.with_columns(label=label, label_reason=reason, needs_review=needs_review)
    if "reasoning_hash" not in labelled.columns:
        return labelled
    # A chain whose text repeats an earlier chain of the same response (a batch's uncut thinking,
    # cut off before any answer) adds nothing to train on: it stays unlabelled.
    first = pl.col("position").min().over("request_id", "reasoning_hash")
    duplicate = pl.col("reasoning_hash").is_not_null() & (pl.col("position") > first)
    return labelled.with_columns(
        label=pl.when(duplicate).then(pl.lit(None, pl.String)).otherwise(pl.col("label")),
        label_reason=pl.when(duplicate)
        .then(pl.lit("duplicate_chain_text"))
        .otherwise(pl.col("label_reason")),
    )


def paper(chains: pl.DataFrame) -> pl.DataFrame:
    """``paper@1``: A single correct, B batched correct, C otherwise; see the module doc."""
    return _base(chains)


def strict_shorter(chains: pl.DataFrame) -> pl.DataFrame:
    """``strict-shorter@1``: B only for correct batched chains shorter than the single ones."""
    labelled = _base(chains)
    single_mean = (
        labelled.filter(pl.col("batch_size") == 1)
        .group_by("problem_id", "model")
        .agg(pl.col("total_tokens").mean().alias("_single_tokens"))
    )
    labelled = labelled.join(single_mean, on=["problem_id", "model"], how="left", nulls_equal=True)
    is_b = pl.col("label") == "B"
    no_reference = is_b & pl.col("_single_tokens").is_null()
    shorter = pl.col("total_tokens") < pl.col("_single_tokens")
    return labelled.with_columns(
        label=pl.when(no_reference)
        .then(pl.lit(None, pl.String))
        .when(is_b & ~shorter)
        .then(pl.lit("A"))
        .otherwise(pl.col("label")),
        label_reason=pl.when(no_reference)
        .then(pl.lit("no_single_reference"))
        .when(is_b & ~shorter)
        .then(pl.lit("batched_correct_not_shorter"))
        .when(is_b)
        .then(pl.lit("batched_correct_shorter"))
        .otherwise(pl.col("label_reason")),
    ).drop("_single_tokens")


RULES: dict[str, tuple[str, Callable[[pl.DataFrame], pl.DataFrame]]] = {
    "paper": ("paper@1", paper),
    "strict-shorter": ("strict-shorter@1", strict_shorter),
}
DEFAULT_RULE = "paper"


def resolve_rule(name: str) -> tuple[str, Callable[[pl.DataFrame], pl.DataFrame]]:
    """(``name@version``, rule function) for ``paper``, ``paper@1``, ``strict-shorter``, ..."""
    base, _, version = name.partition("@")
    if base in RULES and (not version or RULES[base][0] == f"{base}@{version}"):
        return RULES[base]
    known = ", ".join(full for full, _ in RULES.values())
    raise DrqaError(f"unknown label rule {name!r}: pick one of {known} (--rule NAME)")


def apply_rule(chains: pl.DataFrame, name: str) -> pl.DataFrame:
    """``chains`` with label, label_reason, needs_review and label_rule set by rule ``name``."""
    full_name, rule = resolve_rule(name)
    return rule(chains).with_columns(label_rule=pl.lit(full_name))
