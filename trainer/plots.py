"""The run's curves from TRL's log history: reward and completion length per step (GRPO), loss
per step (SFT)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

CURVES_PNG = "training_curves.png"
_PANELS = {
    "grpo": (("reward", "mean reward"), ("completions/mean_length", "mean completion tokens")),
    "sft": (("loss", "training loss"), ("mean_token_accuracy", "token accuracy")),
}


def series(history: list[dict[str, Any]], key: str) -> tuple[list[int], list[float]]:
    """(steps, values) of one logged metric, skipping entries without it."""
    points = [(h["step"], h[key]) for h in history if h.get(key) is not None and "step" in h]
    return [p[0] for p in points], [float(p[1]) for p in points]


def write_curves(history: list[dict[str, Any]], output: Path, method: str) -> Path | None:
    """Write ``training_curves.png`` in ``output``; None when nothing was logged."""
    panels = [(key, title, *series(history, key)) for key, title in _PANELS[method]]
    panels = [p for p in panels if p[2]]
    if not panels:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(panels), figsize=(5 * len(panels), 3.5), squeeze=False)
    for ax, (_, title, steps, values) in zip(axes[0], panels, strict=True):
        ax.plot(steps, values, marker="o", markersize=3)
        ax.set_title(title)
        ax.set_xlabel("step")
        ax.grid(alpha=0.3)
    fig.suptitle(f"drqa train ({method})")
    fig.tight_layout()
    path = output / CURVES_PNG
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


TRANSFER_PNG = "transfer.png"
CONFUSION_PNG = "judge_confusion.png"


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def write_transfer(table: dict[str, list[dict[str, Any]]], output: Path) -> Path | None:
    """``transfer.png``: accuracy and mean output tokens per suite against the training step;
    None when nothing was measured."""
    if not table:
        return None
    plt = _pyplot()
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    for suite, points in sorted(table.items()):
        steps = [p["step"] for p in points]
        axes[0].plot(steps, [100 * p.get("accuracy", 0.0) for p in points], marker="o",
                     label=suite)  # fmt: skip
        axes[1].plot(steps, [p.get("mean_output_tokens", 0.0) for p in points], marker="o",
                     label=suite)  # fmt: skip
    for ax, title in zip(axes, ("accuracy (%)", "mean output tokens"), strict=True):
        ax.set_title(title)
        ax.set_xlabel("step")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    axes[0].set_ylim(-2, 102)
    fig.suptitle("transfer: single questions during training (drqa eval prompt and scorer)")
    fig.tight_layout()
    path = output / TRANSFER_PNG
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def write_confusion(result: dict[str, Any] | None, output: Path) -> Path | None:
    """``judge_confusion.png``: the judge's A/B/C confusion matrix on the validation split."""
    if not result:
        return None
    matrix = result["confusion"]
    golds = list(matrix)
    picks = list(next(iter(matrix.values())))
    values = [[matrix[g][p] for p in picks] for g in golds]
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(4.6, 3.8))
    ax.imshow(values, cmap="Blues")
    for i, row in enumerate(values):
        for j, count in enumerate(row):
            ax.text(j, i, str(count), ha="center", va="center")
    ax.set_xticks(range(len(picks)), picks)
    ax.set_yticks(range(len(golds)), golds)
    ax.set_xlabel("judge picked")
    ax.set_ylabel("gold label")
    ax.set_title(f"validation: {result['rows']} rows, accuracy {100 * result['accuracy']:.1f}%")
    fig.tight_layout()
    path = output / CONFUSION_PNG
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
