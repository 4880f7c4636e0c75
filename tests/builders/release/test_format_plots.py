"""Plots on real edge cases: all-zero accuracy, no single/batched pairs, several models (one
facet each, case-insensitive names), the generation cap; and the release's two plots."""

from __future__ import annotations

import matplotlib.image
import polars as pl
import pytest

from drqa.labeling.plots import (
    accuracy_bars,
    canonical_models,
    single_vs_batched,
    token_histogram,
    write_report_plots,
)


def _chains(models=("m1",), n=40, verdict="correct") -> pl.DataFrame:
    rows = []
    for m, model in enumerate(models):
        for i in range(n):
            size = (1, 2, 3)[i % 3]
            rows.append({
                "problem_id": f"p{i // 3}", "model": model, "batch_size": size,
                "verify_status": verdict, "label": "C" if verdict != "correct" else "AB"[size > 1],
                "needs_review": False, "total_tokens": 50 + 40 * i + 3000 * (i == 7) + m,
                "thinking_tokens": 40, "split_status": "truncated" if i % 5 == 0 else "ok",
            })  # fmt: skip
    return pl.DataFrame(rows)


def _height(path) -> int:
    return matplotlib.image.imread(str(path)).shape[0]


def test_all_zero_accuracy_still_draws_bars(tmp_path):
    path = accuracy_bars(_chains(verdict="incorrect"), tmp_path / "acc.png")
    assert path == tmp_path / "acc.png" and path.stat().st_size > 5_000


def test_no_judged_chain_or_no_pair_is_skipped_with_a_note(tmp_path):
    unjudged = _chains().with_columns(verify_status=pl.lit("timeout"))
    note = accuracy_bars(unjudged, tmp_path / "acc.png")
    assert note.startswith("skipped acc.png") and not (tmp_path / "acc.png").exists()
    empty = pl.DataFrame(schema={"problem_id": pl.String, "model": pl.String,
                                 "single": pl.Float64, "batched": pl.Float64})  # fmt: skip
    note = single_vs_batched(empty, tmp_path / "pairs.png")
    assert "no problem was answered both alone and in a batch" in note
    assert not (tmp_path / "pairs.png").exists()


def test_report_plots_facet_per_model_and_note_what_was_skipped(tmp_path):
    one = tmp_path / "one"
    paths, notes = write_report_plots(_chains(), _pairs(), one, {"m1": 2000})
    names = {p.name for p in paths}
    assert names == {
        "tokens_by_batch_size_and_label.png", "token_histogram.png",
        "single_vs_batched_tokens.png", "accuracy_by_batch_size.png",
        "truncation_by_batch_size.png",
    } and notes == []  # fmt: skip
    three = tmp_path / "three"
    chains = _chains(models=("Org/M-1", "org/m-1", "Org/M-2", "other/M-3"))
    paths, notes = write_report_plots(chains, _pairs().head(0), three)
    assert notes and "single_vs_batched" in notes[0]
    assert not (three / "single_vs_batched_tokens.png").exists()
    # Org/M-1 and org/m-1 are one model: 3 facets -> a 2 x 2 grid, taller than one facet
    assert _height(three / "token_histogram.png") > 1.6 * _height(one / "token_histogram.png")


def _pairs() -> pl.DataFrame:
    return pl.DataFrame(
        {"problem_id": ["p1", "p2", "p3"], "model": ["m1"] * 3,
         "single": [900.0, 1500.0, 2000.0], "batched": [600.0, 1400.0, 2100.0]}
    )  # fmt: skip


def test_token_histogram_with_and_without_cap(tmp_path):
    assert token_histogram(_chains(), tmp_path / "h.png", {"m1": 4000}).exists()
    none = _chains().with_columns(total_tokens=pl.lit(None, pl.Int64))
    assert token_histogram(none, tmp_path / "x.png").startswith("skipped")


@pytest.mark.parametrize(
    ("models", "expected"),
    [
        (["qwen/QwQ-32B", "Qwen/QwQ-32B", "Qwen/QwQ-32B"], {"Qwen/QwQ-32B"}),
        (["/tmp/w/models/tiny-qwen2", "drqa-workspace/models/tiny-qwen2"], {"tiny-qwen2"}),
        (["a/b", "a/c"], {"a/b", "a/c"}),
    ],
)
def test_model_names_are_counted_once(models, expected):
    assert set(canonical_models(models).values()) == expected
