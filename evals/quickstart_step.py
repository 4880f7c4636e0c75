"""The quickstart's eval step: the tiny base model (and the trained one) on a few problems of
each suite, on CPU in seconds, then the report table. With no benchmark copies on this machine
it evaluates on the project's own ``quickstart`` suite (package data, not a benchmark) and says
so, so the step (and ``drqa eval report`` after it) always runs offline."""

from __future__ import annotations

from pathlib import Path

from drqa.console import console
from drqa.errors import DrqaError
from drqa.workspace import Workspace

QUICK_SETTINGS = {
    "suites": ["gsm8k", "math500", "aime2024", "aime2025", "amc2023", "gpqa_diamond"],
    "samples": 1,
    "limit": 2,
}
QUICK_SAMPLING = {"temperature": 0.6, "top_p": 0.95, "max_tokens": 16, "seed": 0}
OFFLINE_SETTINGS = {"suites": ["quickstart"], "samples": 1, "limit": 8}


def quickstart_eval(
    ws: Workspace,
    base_model: str | Path,
    trained_model: str | Path | None = None,
    *,
    benchmarks_dir: str | Path | None = None,
    progress: bool = False,
) -> dict:
    """Evaluate ``base_model`` and, when given, ``trained_model`` (a ``drqa train`` output) on
    two problems per suite (or, with no benchmark copies on this machine, eight problems of the
    project's own ``quickstart`` suite); print the report table and return its JSON."""
    from drqa.builders.ingest.benchmark_sets import default_benchmark_dir
    from drqa.evals.config import EvalConfig
    from drqa.evals.report import render_markdown, write_report
    from drqa.evals.run import evaluate

    folder = benchmarks_dir or default_benchmark_dir()
    settings = {**QUICK_SETTINGS, "benchmarks_dir": str(folder)} if folder else OFFLINE_SETTINGS
    if folder is None:
        console.print(
            "  no benchmark copies on this machine: evaluating on the project's own quickstart "
            "suite (drqa/data/quickstart_eval.jsonl, not a benchmark); pass --benchmarks-dir "
            "to `drqa eval` for the real suites"
        )
    models = [("tiny-qwen2 (base)", base_model)]
    if trained_model is not None:
        models.append(("tiny-qwen2 (trained)", trained_model))
    for label, model in models:
        config = EvalConfig.model_validate(
            {
                **settings,
                "name": label,
                "generate": {
                    "backend": "transformers",
                    "model": str(model),
                    "sampling": QUICK_SAMPLING,
                    "transformers": {"device": "cpu"},
                },
            }
        )
        try:
            evaluate(ws, config, progress=progress)
        except DrqaError as exc:  # e.g. the contamination guard: say so, keep the quickstart
            console.print(f"  {label}: not evaluated: {exc}")
    report, files = write_report(ws, plots=True)
    console.print(render_markdown(report), markup=False)
    console.print(
        "  A random tiny model scores zero: these numbers exercise the eval machinery, not the "
        f"method. Report files: {files[0].parent}"
    )
    return report
