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
