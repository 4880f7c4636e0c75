"""The canvas every labelling plot draws on: a grid of per-model facets, axes in words (whole-number
ticks for counts, a log axis when values span more than 30x), a note under the figure, one DPI."""

from __future__ import annotations

import math
from pathlib import Path

import polars as pl

MAX_FACETS = 6
LOG_SPAN = 30.0
DPI = 100


def pyplot():
    """matplotlib's pyplot on the Agg backend (no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def facet_models(frame: pl.DataFrame) -> list[str]:
    """The models to draw one facet each for (the most frequent, at most six), or ``["all"]``."""
    if "model" not in frame.columns or frame["model"].drop_nulls().is_empty():
        return ["all"]
    counts = frame.group_by("model").len().sort("len", "model", descending=[True, False])
    return sorted(str(m) for m in counts["model"].to_list()[:MAX_FACETS])  # same order everywhere


def facet(frame: pl.DataFrame, model: str) -> pl.DataFrame:
    """The rows of one facet."""
    return frame if model == "all" else frame.filter(pl.col("model") == model)


def figure_grid(n_facets: int, width: float = 6.0, height: float = 3.8, title: str = ""):
    """A grid of facets (two columns from three facets on); spare axes hidden."""
    plt = pyplot()
    cols = 1 if n_facets < 3 else 2
    rows = math.ceil(n_facets / cols)
    fig, grid = plt.subplots(rows, cols, figsize=(width * cols, height * rows + 0.4),
                             squeeze=False)  # fmt: skip
    axes = [ax for row in grid for ax in row]
    for spare in axes[n_facets:]:
        spare.set_visible(False)
    if title:
        fig.suptitle(title, fontsize=12)
    return fig, axes[:n_facets]


def facet_title(model: str) -> str:
    """A facet title: the model without its organisation, at most 40 characters."""
    if model == "all":
        return "all models"
    name = model.rsplit("/", 1)[-1]
    return name if len(name) <= 40 else name[:37] + "..."


def log_if_wide(ax, values: list[float], axis: str = "y") -> bool:
    """Put ``axis`` on a log scale when the positive values span more than 30x."""
    positive = [v for v in values if v and v > 0]
    if positive and max(positive) / min(positive) > LOG_SPAN:
        (ax.set_yscale if axis == "y" else ax.set_xscale)("log")
        return True
    return False


def integer_axis(ax, axis: str = "y") -> None:
    """Ticks only on whole numbers (counts: no 0.25 chains, no step 1.5)."""
    from matplotlib.ticker import MaxNLocator

    (ax.yaxis if axis == "y" else ax.xaxis).set_major_locator(MaxNLocator(integer=True))


def save_figure(fig, path: Path, note: str | None = None) -> Path:
    """Write ``fig`` as a PNG at ``path`` (a one-line note under it when given) and close it."""
    plt = pyplot()
    if note:
        fig.text(0.01, 0.005, note, fontsize=7, color="#555555", ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.03 if note else 0, 1, 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path
