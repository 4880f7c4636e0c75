"""``drqa eval export``: the per-sample rows behind every figure, as Parquet or JSONL.

One row per (model, suite, problem, sample) of the runs ``drqa eval report`` shows (each model
x suite evaluated last, over the problems x samples that call asked for): the answer as
written, its verdict, output tokens, whether it was truncated, and the run's settings, so any
figure can be recomputed or analysed elsewhere (Polars, pandas, ``datasets``).
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from drqa.catalog import fetch_frame
from drqa.errors import DrqaError
from drqa.evals.report import latest_runs
from drqa.evals.requests import eval_store
from drqa.workspace import Workspace

FORMATS = ("parquet", "jsonl")
_ROWS = """
SELECT s.run_id, s.problem_key, p.position, s.sample_index, s.status AS verdict, s.correct,
       s.answer, s.answer_key, s.truncated, s.output_tokens, s.token_method, s.detail,
       p.answer AS gold, s.scorer_version, s.verifier_version
FROM eval_samples s
JOIN eval_problems p ON p.run_id = s.run_id AND p.problem_key = s.problem_key
LEFT JOIN eval_results r ON r.run_id = s.run_id
WHERE list_contains(?, s.run_id)
  AND (r.asked_problems IS NULL OR p.position < r.asked_problems)
  AND (r.asked_samples IS NULL OR s.sample_index < r.asked_samples)
ORDER BY s.run_id, p.position, s.sample_index
"""


def export_frame(
    ws: Workspace, *, models: list[str] | None = None, suites: list[str] | None = None
) -> pl.DataFrame:
    """The per-sample rows (with each run's model, suite and settings) as a Polars frame."""
    with eval_store(ws, create=False).read() as con:
        runs = latest_runs(con)
        if models:
            runs = runs.filter(pl.col("model_label").is_in(models))
        if suites:
            runs = runs.filter(pl.col("suite").is_in(suites))
        if runs.is_empty():
            raise DrqaError(
                "no scored evaluations match: check --model / --suite (drqa eval report)"
            )
        rows = fetch_frame(con, _ROWS, [runs["run_id"].to_list()])
    settings = []
    for run in runs.iter_rows(named=True):
        sampling = json.loads(run["sampling"])
        contamination = json.loads(run["contamination"]) if run["contamination"] else {}
        settings.append(
            {
                "run_id": run["run_id"],
                "model": run["model_label"],
                "model_path": run["model"],
                "suite": run["suite"],
                "backend": run["backend"],
                "temperature": sampling.get("temperature"),
                "top_p": sampling.get("top_p"),
                "max_tokens": sampling.get("max_tokens"),
                "seed": sampling.get("seed"),
                "prompt": f"{run['prompt_name']}@{run['prompt_hash']}",
                "benchmark_sha256": run["benchmark_sha256"],
                "contamination": contamination.get("status"),
            }
        )
    frame = rows.join(pl.DataFrame(settings), on="run_id", how="left")
    first = ["model", "suite", "problem_key", "sample_index", "answer", "verdict", "correct"]
    return frame.select(first + [c for c in frame.columns if c not in first])


def export_samples(
    ws: Workspace,
    out: str | Path,
    *,
    fmt: str | None = None,
    models: list[str] | None = None,
    suites: list[str] | None = None,
) -> tuple[Path, int]:
    """Write the per-sample rows to ``out`` (format from ``fmt`` or the file's suffix:
    ``.parquet`` or ``.jsonl``); return the path and the number of rows."""
    out = Path(out)
    fmt = fmt or out.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise DrqaError(f"export format {fmt!r}: use --format parquet or jsonl (or a .parquet / "
                        ".jsonl file name)")  # fmt: skip
    frame = export_frame(ws, models=models, suites=suites)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    if fmt == "parquet":
        frame.write_parquet(tmp)
    else:
        frame.write_ndjson(tmp)
    tmp.replace(out)
    return out, frame.height
