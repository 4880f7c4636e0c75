"""The labelling report: per batch size, tokens per question, accuracy and labels, with plots.

Accuracy counts chains that were judged (correct / (correct + incorrect + no_answer)); chains
routed to review (gold_unparseable, timeout, unsplittable) are left out and counted apart.
PNGs (matplotlib, Agg) go to ``ws.reports_dir``: token distributions by batch size and label,
the same questions answered alone vs in a batch, and accuracy by batch size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from drqa.catalog import fetch_frame
from drqa.errors import DrqaError
from drqa.schema import LABELS
from drqa.workspace import Workspace, open_workspace

_JUDGED = ("correct", "incorrect", "no_answer")


@dataclass
class LabelReport:
    """Per-batch-size figures and the files written."""

    by_batch_size: list[dict] = field(default_factory=list)
    paired_questions: int = 0
    plots: list[Path] = field(default_factory=list)
    table_path: Path | None = None


def report_table(chains: pl.DataFrame) -> pl.DataFrame:
    """Per batch size: chains, mean tokens per question, accuracy, label counts, review count."""
    judged = pl.col("verify_status").is_in(_JUDGED)
    return (
        chains.group_by("batch_size")
        .agg(
            chains=pl.len(),
            mean_tokens=pl.col("total_tokens").mean().round(1),
            mean_thinking_tokens=pl.col("thinking_tokens").mean().round(1),
            judged=judged.sum(),
            accuracy=((pl.col("verify_status") == "correct").sum() / judged.sum()).round(4),
            A=(pl.col("label") == "A").sum(),
            B=(pl.col("label") == "B").sum(),
            C=(pl.col("label") == "C").sum(),
            review=pl.col("needs_review").sum(),
        )
        .sort("batch_size")
    )


def paired_tokens(chains: pl.DataFrame) -> pl.DataFrame:
    """Problems answered both alone and in a batch by the same model: mean tokens of each."""
    per = chains.group_by("problem_id", "model", pl.col("batch_size") > 1).agg(
        pl.col("total_tokens").mean().alias("tokens")
    )
    single = per.filter(~pl.col("batch_size")).select("problem_id", "model", single="tokens")
    batched = per.filter(pl.col("batch_size")).select("problem_id", "model", batched="tokens")
    return single.join(batched, on=["problem_id", "model"], how="inner")


def _plots(chains: pl.DataFrame, table: pl.DataFrame, pairs: pl.DataFrame, out: Path) -> list:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    written = []
    sizes = table["batch_size"].to_list()
    fig, ax = plt.subplots(figsize=(8, 4.5))
    groups, names = [], []
    for size in sizes:
        for label in LABELS:
            tokens = chains.filter((pl.col("batch_size") == size) & (pl.col("label") == label))[
                "total_tokens"
            ]
            if tokens.len():
                groups.append(tokens.drop_nulls().to_list())
                names.append(f"k={size}\n{label}")
    if groups:
        ax.boxplot(groups, tick_labels=names, showfliers=False)
    ax.set_ylabel("tokens per question")
    ax.set_title("Token distribution by batch size and label")
    written.append(_save(fig, out / "tokens_by_batch_size_and_label.png"))

    fig, ax = plt.subplots(figsize=(5.5, 5.5))
    if pairs.height:
        ax.scatter(pairs["single"], pairs["batched"], s=8, alpha=0.5)
        top = float(max(pairs["single"].max(), pairs["batched"].max()))
        ax.plot([0, top], [0, top], color="grey", linewidth=1)
    ax.set_xlabel("tokens, question alone")
    ax.set_ylabel("tokens, same question in a batch (mean)")
    ax.set_title(f"Same questions, single vs batched (n={pairs.height})")
    written.append(_save(fig, out / "single_vs_batched_tokens.png"))

    fig, ax = plt.subplots(figsize=(6, 4))
    ax.bar([str(s) for s in sizes], table["accuracy"].fill_null(0).to_list())
    ax.set_xlabel("batch size")
    ax.set_ylabel("accuracy (judged chains)")
    ax.set_ylim(0, 1)
    ax.set_title("Accuracy by batch size")
    written.append(_save(fig, out / "accuracy_by_batch_size.png"))
    return written


def _save(fig, path: Path) -> Path:
    import matplotlib.pyplot as plt

    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def build_report(ws: Workspace | str | None = None, *, plots: bool = True) -> LabelReport:
    """Figures per batch size and PNG plots of the workspace's chains (``drqa report``)."""
    ws = open_workspace(ws)
    with ws.read() as con:
        chains = fetch_frame(
            con,
            "SELECT problem_id, model, batch_size, verify_status, label, needs_review, "
            "total_tokens, thinking_tokens FROM chains",
        )
    if chains.is_empty():
        raise DrqaError(f"no chains in {ws.root}: run `drqa label` first")
    table = report_table(chains)
    pairs = paired_tokens(chains)
    report = LabelReport(by_batch_size=table.to_dicts(), paired_questions=pairs.height)
    out = ws.reports_dir / "labels"
    out.mkdir(parents=True, exist_ok=True)
    report.table_path = out / "by_batch_size.csv"
    table.write_csv(report.table_path)
    if plots:
        report.plots = _plots(chains, table, pairs, out)
    return report
