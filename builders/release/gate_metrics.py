"""Aggregates the gate validates as a one-row frame: shares, B-vs-A tokens, Cohen's kappa,
human-judged purity of batched chains per model and batch size.

Computed with Polars; :mod:`drqa.builders.release.gate_suite` turns each into a GX expectation on
this frame, so every gate check is a real Great Expectations result.
"""

from __future__ import annotations

import math

import polars as pl

from drqa.builders.release.config import GateConfig
from drqa.builders.release.gate_data import GateInput
from drqa.curation_ui.agreement import cohen_kappa
from drqa.model_names import display_model
from drqa.schema import LABELS


def _share(part: int, whole: int) -> float:
    return part / whole if whole else math.nan


def token_comparison(candidates: pl.DataFrame, token_column: str) -> dict[str, float]:
    """Mean tokens of A and B chains on the problems that have both."""
    ab = candidates.filter(pl.col("label").is_in(["A", "B"]) & pl.col(token_column).is_not_null())
    per_problem = ab.group_by("problem_id").agg(pl.col("label").n_unique().alias("n_labels"))
    shared = per_problem.filter(pl.col("n_labels") == 2).select("problem_id")
    rows = ab.join(shared, on="problem_id", how="semi")
    means = {
        label: rows.filter(pl.col("label") == label)[token_column].mean() for label in ("A", "B")
    }
    mean_a = float(means["A"]) if means["A"] is not None else math.nan
    mean_b = float(means["B"]) if means["B"] is not None else math.nan
    ratio = mean_b / mean_a if mean_a and not math.isnan(mean_a) else math.nan
    return {
        "shared_problems": float(shared.height),
        "mean_tokens_a": mean_a,
        "mean_tokens_b": mean_b,
        "b_over_a_tokens": ratio,
    }


def gate_metrics(data: GateInput, config: GateConfig) -> pl.DataFrame:
    """The one-row metrics frame (NaN where a metric cannot be computed: the check then fails)."""
    counts = data.status_counts
    candidates = data.candidates
    n = candidates.height
    metrics: dict[str, float] = {
        "unsplittable_share": _share(counts["n_unsplittable"], counts["n_chains"]),
        "unverifiable_share": _share(counts["n_unverifiable"], counts["n_split"]),
        "timeout_share": _share(counts["n_timeout"], counts["n_split"]),
    }
    if "n_distinct_chain_texts" in counts:  # counted in DuckDB (gate_data): bounded memory
        duplicates = counts["n_chain_texts"] - counts["n_distinct_chain_texts"]
    else:  # a GateInput built in memory, with its texts
        texts = candidates["chain"].drop_nulls()
        duplicates = texts.len() - texts.n_unique()
    metrics["duplicate_chain_share"] = _share(duplicates, n)
    label_counts = dict(candidates.group_by("label").len().iter_rows())
    for label in LABELS:
        metrics[f"share_{label}"] = _share(int(label_counts.get(label, 0)), n)
    metrics.update(token_comparison(candidates, config.token_column))
    reviewed = candidates.filter(
        (pl.col("label_source") == "review") & pl.col("auto_label").is_not_null()
    )
    metrics["n_reviewed"] = float(reviewed.height)
    # The one kappa (drqa.curation_ui.agreement) says None when undefined; in this float frame
    # that is NaN, which fails the kappa expectation.
    kappa = cohen_kappa(reviewed["label"].to_list(), reviewed["auto_label"].to_list())
    metrics["kappa"] = math.nan if kappa is None else kappa
    metrics.update(human_purity(candidates))
    metrics.update(layout_compliance(counts))
    return pl.DataFrame({k: [float(v)] for k, v in metrics.items()})


def layout_compliance(counts: dict[str, int]) -> dict[str, float]:
    """``requested_layout[m x3]``: per model and batch size, the share of batched responses in
    the layout the compose prompt asked for (from ``layout_responses[...]`` and
    ``layout_requested[...]`` counts, :func:`drqa.labeling.split.compliance.layout_counts`)."""
    metrics: dict[str, float] = {}
    for key, responses in counts.items():
        if key.startswith("layout_responses[") and responses:
            group = key[len("layout_responses[") : -1]
            requested = counts.get(f"layout_requested[{group}]", 0)
            metrics[f"requested_layout[{group}]"] = requested / responses
            metrics[f"layout_responses[{group}]"] = float(responses)
    return metrics


def purity_key(model: str | None, batch_size: int) -> str:
    """The metric name of one group's human-judged purity, e.g. ``human_purity[m x3]``."""
    return f"human_purity[{display_model(model)} x{batch_size}]"


def human_purity(candidates: pl.DataFrame) -> dict[str, float]:
    """Human-judged purity of batched chains (reviewers' segmentation verdicts, column
    ``human_pure``) overall and per model and batch size, beside the splitter's own mean
    ``split_confidence`` on the same chains; empty when no chain has a verdict."""
    if "human_pure" not in candidates.columns:
        return {}
    judged = candidates.filter((pl.col("batch_size") > 1) & pl.col("human_pure").is_not_null())
    if judged.is_empty():
        return {}
    pure = pl.col("human_pure").cast(pl.Float64)
    metrics = {
        "human_purity": float(judged.select(pure.mean()).item()),
        "purity_judged": float(judged.height),
    }
    groups = judged.group_by("model", "batch_size").agg(
        purity=pure.mean(), n=pl.len(), confidence=pl.col("split_confidence").mean()
    )
    for row in groups.sort("model", "batch_size", nulls_last=True).iter_rows(named=True):
        key = purity_key(row["model"], row["batch_size"])
        metrics[key] = row["purity"]
        metrics[key.replace("human_purity", "purity_judged", 1)] = float(row["n"])
        confidence = row["confidence"]
        metrics[key.replace("human_purity", "split_confidence", 1)] = (
            math.nan if confidence is None else confidence
        )
    return metrics
