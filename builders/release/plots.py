"""PNG plots of a release (shown in its card): labels by batch size and tokens per question by
batch size and label, per model when the release holds several (:mod:`drqa.labeling.plots`)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from drqa.labeling.plots import label_bars, token_boxes, with_canonical_models

PLOTS = ("labels_by_batch_size.png", "tokens_by_batch_size.png")


def write_plots(labels: pl.DataFrame, folder: Path, token_column: str) -> list[str]:
    """Write the plots into ``folder``; return the file names written (a plot with nothing to
    show is left out)."""
    labels = with_canonical_models(labels)
    written = [
        label_bars(labels, folder / PLOTS[0]),
        token_boxes(labels, folder / PLOTS[1], token_column),
    ]
    return [path.name for path in written if isinstance(path, Path)]
