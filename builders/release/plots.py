"""PNG plots of a release: label counts by batch size, and token distributions by batch size."""

from __future__ import annotations

from pathlib import Path

import polars as pl


def write_plots(labels: pl.DataFrame, folder: Path, token_column: str) -> list[str]:
    """Write the plots into ``folder``; return their file names."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    names = []
    counts = labels.group_by("batch_size", "label").len().sort("batch_size", "label")
    sizes = sorted(counts["batch_size"].unique().to_list())
    fig, ax = plt.subplots(figsize=(6, 3.5))
    bottom = [0] * len(sizes)
    for label, colour in (("A", "#4C72B0"), ("B", "#55A868"), ("C", "#C44E52")):
        part = dict(counts.filter(pl.col("label") == label).select("batch_size", "len").iter_rows())
        heights = [part.get(size, 0) for size in sizes]
        ax.bar([str(s) for s in sizes], heights, bottom=bottom, label=label, color=colour)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set(xlabel="batch size", ylabel="chains", title="Labels by batch size")
    ax.legend()
    fig.tight_layout()
    fig.savefig(folder / "labels_by_batch_size.png", dpi=100)
    plt.close(fig)
    names.append("labels_by_batch_size.png")

    fig, ax = plt.subplots(figsize=(6, 3.5))
    data = [
        labels.filter(pl.col("batch_size") == s)[token_column].drop_nulls().to_numpy()
        for s in sizes
    ]
    ax.boxplot(data, tick_labels=[str(s) for s in sizes], showfliers=False)
    ax.set(xlabel="batch size", ylabel=token_column, title="Tokens per chain by batch size")
    fig.tight_layout()
    fig.savefig(folder / "tokens_by_batch_size.png", dpi=100)
    plt.close(fig)
    names.append("tokens_by_batch_size.png")
    return names
