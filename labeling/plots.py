"""Plots a researcher keeps, from a frame of chains (``drqa report`` and release cards).

Every plot: titles and axis labels in words, one facet per model when several models are there,
n on every box and bar, outliers visible, log token axes when the values span more than 30x.
A plot with nothing to show is skipped with a note (never an empty axes). Each function takes
the chains frame (catalog column names) and the output path; it returns the path written, or a
one-line note saying why it was skipped.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import polars as pl

from drqa.labeling.plot_canvas import (
    LOG_SPAN,
    facet,
    facet_models,
    facet_title,
    figure_grid,
    integer_axis,
    log_if_wide,
    save_figure,
)
from drqa.model_names import display_model
from drqa.schema import LABELS

LABEL_COLOURS = {"A": "#4C72B0", "B": "#55A868", "C": "#C44E52"}
JUDGED = ("correct", "incorrect", "no_answer")


def canonical_models(models: Iterable[str | None]) -> dict[str, str]:
    """Each model spelling -> one name per model: case-insensitive (``qwen/QwQ-32B`` is
    ``Qwen/QwQ-32B``), a local folder by its last part, the most frequent spelling winning."""
    return _canonical_from_counts(Counter(m for m in models if m is not None))


def _canonical_from_counts(counts: dict[str, int]) -> dict[str, str]:
    """:func:`canonical_models` from each spelling's count, spellings in first-seen order."""
    spellings: dict[str, Counter] = {}
    for model, n in counts.items():  # each distinct spelling named once
        name = display_model(model)
        spellings.setdefault(name.casefold(), Counter())[model, name] += n
    mapping = {}
    for counter in spellings.values():
        best = Counter()
        for (_, name), n in counter.items():
            best[name] += n
        for model, _ in counter:
            mapping[model] = best.most_common(1)[0][0]
    return mapping


def with_canonical_models(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with each model under one name (see :func:`canonical_models`)."""
    if "model" not in frame.columns:
        return frame
    # spellings counted in Polars, in first-seen order (a frame has a model per row)
    counts = (
        frame.select(pl.col("model").cast(pl.String)).drop_nulls()
        .group_by("model", maintain_order=True).len()
    )  # fmt: skip
    mapping = _canonical_from_counts(dict(counts.iter_rows()))
    return frame.with_columns(pl.col("model").cast(pl.String).replace(mapping))


def token_boxes(chains: pl.DataFrame, path: Path, token_column: str = "total_tokens"):
    """Tokens per question by batch size and label: boxes with outliers and n, per model."""
    data = chains.filter(pl.col(token_column).is_not_null() & pl.col("label").is_not_null())
    if data.is_empty():
        return f"skipped {path.name}: no labelled chain has a token count"
    models = facet_models(data)
    fig, axes = figure_grid(len(models), width=max(6.0, 0.55 * data["batch_size"].n_unique() * 3),
                        title="Tokens per question by batch size and label")  # fmt: skip
    for ax, model in zip(axes, models, strict=True):
        part = facet(data, model)
        by_group = part.select("batch_size", "label", token_column).partition_by(
            "batch_size", "label", as_dict=True
        )  # one pass, over the three columns drawn
        groups, names, colours = [], [], []
        for size in sorted(part["batch_size"].unique().to_list()):
            for label in LABELS:
                values = by_group.get((size, label))
                if values is not None and values.height:
                    groups.append(values[token_column].to_numpy())
                    names.append(f"{size} / {label}\nn={values.height}")
                    colours.append(LABEL_COLOURS[label])
        boxes = ax.boxplot(
            groups, tick_labels=names, showfliers=True, patch_artist=True,
            flierprops={"marker": ".", "markersize": 3, "alpha": 0.5},
        )  # fmt: skip
        for patch, colour in zip(boxes["boxes"], colours, strict=True):
            patch.set_facecolor(colour)
            patch.set_alpha(0.6)
        scale = " (log scale)" if log_if_wide(ax, _positive_extremes(groups)) else ""
        ax.set_xlabel("batch size / label")
        ax.set_ylabel(f"tokens per question{scale}")
        ax.tick_params(axis="x", labelsize=7)
        ax.set_title(facet_title(model), fontsize=10)
    return save_figure(fig, path, "A: alone, correct   B: batched, correct   C: incorrect")


def _positive_extremes(groups: list) -> list[float]:
    """The smallest and largest positive value of the groups (what :func:`log_if_wide` reads)."""
    import numpy as np

    values = np.concatenate(groups) if groups else np.empty(0)
    positive = values[values > 0]
    return [float(positive.min()), float(positive.max())] if positive.size else []


def label_bars(chains: pl.DataFrame, path: Path):
    """Chains per batch size, stacked by label, with counts, per model."""
    data = chains.filter(pl.col("label").is_not_null())
    if data.is_empty():
        return f"skipped {path.name}: no labelled chain"
    models = facet_models(data)
    fig, axes = figure_grid(len(models), height=3.6, title="Labels by batch size")
    for ax, model in zip(axes, models, strict=True):
        part = facet(data, model)
        sizes = sorted(part["batch_size"].unique().to_list())
        grouped = part.group_by("batch_size", "label").len()
        counts = {(size, lab): n for size, lab, n in grouped.iter_rows()}
        bottom = [0] * len(sizes)
        for label, colour in LABEL_COLOURS.items():
            heights = [counts.get((s, label), 0) for s in sizes]
            bars = ax.bar([str(s) for s in sizes], heights, bottom=bottom, label=label,
                          color=colour)  # fmt: skip
            ax.bar_label(bars, labels=[str(h) if h else "" for h in heights],
                         label_type="center", fontsize=7, color="white")  # fmt: skip
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        ax.set(xlabel="batch size (questions per prompt)", ylabel="chains")
        integer_axis(ax)
        ax.set_title(facet_title(model), fontsize=10)
    handles, names = axes[0].get_legend_handles_labels()
    fig.legend(handles, names, loc="upper right", ncol=3, fontsize=8, frameon=False)
    return save_figure(fig, path)


def _wilson(correct: int, n: int) -> tuple[float, float]:
    if n == 0:
        return 0.0, 0.0
    z, p = 1.96, correct / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _rate_bars(chains, path: Path, hit: pl.Expr, among: pl.Expr, what: str, title: str):
    data = chains.filter(among)
    if data.is_empty():
        return None
    models = facet_models(data)
    sizes = sorted(data["batch_size"].unique().to_list())
    if len(models) == 1 and models[0] != "all":
        title = f"{title} — {facet_title(models[0])}"
    fig, axes = figure_grid(1, width=max(6.5, 1.1 * len(sizes) * max(1, len(models))), title=title)
    ax = axes[0]
    width = 0.8 / len(models)
    for i, model in enumerate(models):
        part = facet(data, model)
        stats = [(part.filter((pl.col("batch_size") == s) & hit).height,
                  part.filter(pl.col("batch_size") == s).height) for s in sizes]  # fmt: skip
        rates = [h / n if n else 0.0 for h, n in stats]
        low = [r - _wilson(h, n)[0] for r, (h, n) in zip(rates, stats, strict=True)]
        high = [_wilson(h, n)[1] - r for r, (h, n) in zip(rates, stats, strict=True)]
        xs = [j + (i - (len(models) - 1) / 2) * width for j in range(len(sizes))]
        ax.bar(xs, rates, width=width, yerr=[low, high], capsize=3, label=facet_title(model),
               alpha=0.85)  # fmt: skip
        for x, rate, (_, n), top in zip(xs, rates, stats, high, strict=True):
            ax.text(x, rate + top + 0.02, f"{rate:.0%}\nn={n}", ha="center", va="bottom",
                    fontsize=7)  # fmt: skip
    ax.set_xticks(range(len(sizes)), [str(s) for s in sizes])
    ax.set_ylim(0, 1.2)
    ax.set(xlabel="batch size (questions per prompt)", ylabel=what)
    if len(models) > 1:
        ax.legend(fontsize=7, title="model", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return save_figure(fig, path, "error bars: 95% Wilson interval")


def accuracy_bars(chains: pl.DataFrame, path: Path):
    """Accuracy of judged chains per batch size (and model), with 95% intervals and values."""
    written = _rate_bars(
        chains, path, pl.col("verify_status") == "correct", pl.col("verify_status").is_in(JUDGED),
        "accuracy (judged chains)", "Accuracy by batch size",
    )  # fmt: skip
    return written or f"skipped {path.name}: no chain was judged correct or incorrect"


def truncation_bars(chains: pl.DataFrame, path: Path):
    """Share of chains cut off (token limit) per batch size (and model)."""
    if "split_status" not in chains.columns:
        return f"skipped {path.name}: chains carry no split status"
    written = _rate_bars(
        chains, path, pl.col("split_status") == "truncated", pl.lit(True),
        "share of chains cut off", "Truncation rate by batch size",
    )  # fmt: skip
    return written or f"skipped {path.name}: no chains"


def token_histogram(chains: pl.DataFrame, path: Path, caps: dict[str, int] | None = None,
                    token_column: str = "total_tokens"):  # fmt: skip
    """Distribution of tokens per question, per model, with the generation cap marked."""
    data = chains.filter(pl.col(token_column).is_not_null())
    if data.is_empty():
        return f"skipped {path.name}: no chain has a token count"
    import numpy as np

    models = facet_models(data)
    fig, axes = figure_grid(len(models), height=3.4, title="Tokens per question")
    caps = caps or {}
    for ax, model in zip(axes, models, strict=True):
        values = np.asarray(facet(data, model)[token_column].to_list(), dtype=float)
        positive = values[values > 0]
        wide = positive.size and positive.max() / max(positive.min(), 1) > LOG_SPAN
        if wide:
            bins = np.geomspace(max(positive.min(), 1), positive.max() + 1, 40)
        elif values.max() - values.min() < 40:  # few distinct counts: one bar per count
            bins = np.arange(values.min(), values.max() + 2) - 0.5
        else:
            bins = 40
        ax.hist(values if not wide else positive, bins=bins, color="#4C72B0", alpha=0.8)
        if wide:
            ax.set_xscale("log")
        else:
            integer_axis(ax, "x")  # token counts are whole numbers
        integer_axis(ax)
        cap = caps.get(model) or (max(caps.values()) if model == "all" and caps else None)
        if cap:
            ax.axvline(cap, color="#C44E52", linestyle="--", linewidth=1.2)
            side = "right" if values.max() >= cap else "left"
            ax.text(cap, ax.get_ylim()[1] * 0.95, f" cap {cap:,} ", color="#C44E52",
                    fontsize=7, va="top", ha=side)  # fmt: skip
        ax.set(xlabel=f"tokens per question{' (log scale)' if wide else ''}", ylabel="chains")
        ax.set_title(f"{facet_title(model)} (n={values.size})", fontsize=10)
    return save_figure(fig, path, "dashed line: the generation's max_tokens" if caps else None)


def single_vs_batched(pairs: pl.DataFrame, path: Path):
    """Mean tokens of each problem alone vs in a batch (same model), on the data's own range."""
    if pairs.is_empty():
        return (
            f"skipped {path.name}: no problem was answered both alone and in a batch by the "
            "same model"
        )
    models = facet_models(pairs)
    fig, axes = figure_grid(len(models), width=5.0, height=4.8,
                        title="Same question: alone vs in a batch")  # fmt: skip
    for ax, model in zip(axes, models, strict=True):
        part = facet(pairs, model)
        xs, ys = part["single"].to_list(), part["batched"].to_list()
        ax.scatter(xs, ys, s=10, alpha=0.5)
        low, high = min(xs + ys), max(xs + ys)
        log = low > 0 and high / low > LOG_SPAN
        if log:
            ax.set_xscale("log")
            ax.set_yscale("log")
        pad = (high / low) ** 0.05 if log else (high - low) * 0.05 or 1.0
        lo, hi = (low / pad, high * pad) if log else (low - pad, high + pad)
        ax.plot([lo, hi], [lo, hi], color="grey", linewidth=1, label="same length")
        ax.set_xlim(lo, hi)
        ax.set_ylim(lo, hi)
        shorter = sum(y < x for x, y in zip(xs, ys, strict=True))
        ax.set(xlabel="tokens, question asked alone",
               ylabel="tokens, same question in a batch (mean)")  # fmt: skip
        ax.set_title(
            f"{facet_title(model)}: {shorter} of {len(xs)} shorter in a batch", fontsize=10
        )
        ax.legend(fontsize=7)
    return save_figure(fig, path)


def write_report_plots(
    chains: pl.DataFrame, pairs: pl.DataFrame, out: Path, caps: dict[str, int] | None = None
) -> tuple[list[Path], list[str]]:
    """Every plot of ``drqa report`` into ``out``: (paths written, notes on plots skipped)."""
    chains, pairs = with_canonical_models(chains), with_canonical_models(pairs)
    if caps:
        mapping = canonical_models(caps)
        merged: dict[str, int] = {}
        for model, cap in caps.items():
            merged[mapping[model]] = max(cap, merged.get(mapping[model], 0))
        caps = merged
    results = [
        token_boxes(chains, out / "tokens_by_batch_size_and_label.png"),
        token_histogram(chains, out / "token_histogram.png", caps),
        single_vs_batched(pairs, out / "single_vs_batched_tokens.png"),
        accuracy_bars(chains, out / "accuracy_by_batch_size.png"),
        truncation_bars(chains, out / "truncation_by_batch_size.png"),
    ]
    for stale in (r for r in results if isinstance(r, str)):
        (out / stale.split(":")[0].removeprefix("skipped ")).unlink(missing_ok=True)
    return [r for r in results if isinstance(r, Path)], [r for r in results if isinstance(r, str)]
