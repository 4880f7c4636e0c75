"""PNGs of an eval report: accuracy vs mean tokens per suite, and token histograms per model."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from drqa.evals.suites import SUITE_TITLES


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "model"


def write_plots(report: dict, samples: pl.DataFrame, folder: Path) -> list[Path]:
    """Write ``accuracy_vs_tokens.png`` and ``tokens_<model>.png`` into ``folder``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    suites = report["suites"]
    fig, axes = plt.subplots(1, len(suites), figsize=(4 * len(suites), 3.5), squeeze=False)
    # one colour and marker per model in every panel, named once in a legend below the panels
    # (labels beside the points overlap when models land close together)
    styles = {
        m["label"]: (f"C{i % 10}", "osD^vP*Xph"[i % 10]) for i, m in enumerate(report["models"])
    }
    for ax, suite in zip(axes[0], suites, strict=True):
        base = next(
            (m["suites"].get(suite) for m in report["models"] if m["label"] == report["baseline"]),
            None,
        )
        for model in report["models"]:
            cell = model["suites"].get(suite)
            if cell is None or cell["mean_tokens"] is None:
                continue
            x, y = cell["mean_tokens"], cell["accuracy"]
            colour, marker = styles[model["label"]]
            ax.scatter([x], [y], color=colour, marker=marker, alpha=0.8, label=model["label"])
            if base is not None and cell is not base and base["mean_tokens"] is not None:
                ax.annotate(
                    "", (x, y), (base["mean_tokens"], base["accuracy"]),
                    arrowprops={"arrowstyle": "->", "color": "grey"},
                )  # fmt: skip
        ax.set(title=SUITE_TITLES[suite], xlabel="mean output tokens", ylabel="pass@1 (%)")
        ax.set_ylim(-3, 103)
    handles = {}
    for ax in axes[0]:
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            handles.setdefault(label, handle)
    if handles:
        fig.legend(handles.values(), handles.keys(), loc="lower center", fontsize=8,
                   ncol=min(len(handles), 4), frameon=False)  # fmt: skip
    fig.tight_layout(rect=(0, 0.06 * (1 + (len(handles) - 1) // 4) if handles else 0, 1, 1))
    path = folder / "accuracy_vs_tokens.png"
    fig.savefig(path, dpi=100)
    plt.close(fig)
    written.append(path)

    for model in report["models"]:
        runs = [cell["run_id"] for cell in model["suites"].values()]
        tokens = samples.filter(pl.col("run_id").is_in(runs) & (pl.col("status") != "failed"))
        fig, ax = plt.subplots(figsize=(6, 3.5))
        for suite, cell in model["suites"].items():
            values = tokens.filter(pl.col("run_id") == cell["run_id"])["output_tokens"]
            ax.hist(values.drop_nulls().to_numpy(), bins=30, alpha=0.6, label=SUITE_TITLES[suite])
        ax.set(title=f"Output tokens: {model['label']}", xlabel="tokens", ylabel="samples")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 0.25 samples
        ax.legend(fontsize=7)
        fig.tight_layout()
        path = folder / f"tokens_{_slug(model['label'])}.png"
        fig.savefig(path, dpi=100)
        plt.close(fig)
        written.append(path)
    return written
