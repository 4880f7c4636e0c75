"""``drqa eval`` (evaluate a model) and ``drqa eval report`` (the paper-format table).

``eval`` is a command group whose callback evaluates when no subcommand is given, so both
``drqa eval --model M --suite gsm8k`` and ``drqa eval report --json`` work.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from drqa.cli_options import JsonOption, RecipeOption, WorkspaceOption
from drqa.console import console, print_table

EXIT_FAILED = 3
SetOption = Annotated[
    Optional[list[str]],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option("--set", help="Override any recipe field: eval.field=value (repeatable)."),
]

app = typer.Typer(
    help="Evaluate a model: accuracy and output tokens on the reasoning benchmarks.",
    invoke_without_command=True,
    no_args_is_help=False,
)


@app.callback()
def evaluate_command(
    ctx: typer.Context,
    model: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Model folder, Hub id, or the served model name (openai backend)."),
    ] = None,
    backend: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="transformers | openai | vllm | replay."),
    ] = None,
    base_url: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(help="OpenAI-compatible base URL (repeatable: several endpoints at once)."),
    ] = None,
    suite: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            help="Comma-separated suites: gsm8k,math500,aime2024,aime2025,amc2023,gpqa_diamond; "
            "quickstart is the project's own offline set (not a benchmark)."
        ),
    ] = None,
    samples: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(help="Samples per problem (default: each suite's conventional k)."),
    ] = None,
    limit: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(help="Only the first N problems of each suite."),
    ] = None,
    benchmarks_dir: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(help="Folder of <suite>.jsonl files (default: the Hub)."),
    ] = None,
    name: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="The model's row label in reports."),
    ] = None,
    temperature: Annotated[Optional[float], typer.Option()] = None,  # noqa: UP045
    top_p: Annotated[Optional[float], typer.Option()] = None,  # noqa: UP045
    max_tokens: Annotated[Optional[int], typer.Option()] = None,  # noqa: UP045
    seed: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(help="Sampling seed (sample i uses seed + i)."),
    ] = None,
    allow_contaminated: Annotated[
        bool, typer.Option(help="Score suites that overlap the model's training release.")
    ] = False,
    allow_unchecked: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            metavar="REASON",
            help="Evaluate a drqa train model whose training release cannot be verified "
            "(recorded; the report marks its rows).",
        ),
    ] = None,
    wait: Annotated[
        bool,
        typer.Option(
            "--wait",
            help="When another drqa eval is running the same evaluation, wait for it (then do "
            "what is left) instead of exiting.",
        ),
    ] = False,
    progress: Annotated[bool, typer.Option(help="Show progress bars.")] = True,
    as_json: JsonOption = False,
    recipe: RecipeOption = None,
    sets: SetOption = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Evaluate a model on the benchmarks (rerun to resume); `drqa eval report` for the table."""
    if ctx.invoked_subcommand is not None:
        return
    from drqa.cli_context import load_plan, open_workspace
    from drqa.evals.run import evaluate

    flags = {
        "eval.generate.model": model,
        "eval.generate.backend": backend,
        "eval.generate.openai.base_urls": base_url,
        "eval.generate.sampling.temperature": temperature,
        "eval.generate.sampling.top_p": top_p,
        "eval.generate.sampling.max_tokens": max_tokens,
        "eval.generate.sampling.seed": seed,
        "eval.suites": suite,
        "eval.samples": samples,
        "eval.limit": limit,
        "eval.benchmarks_dir": str(benchmarks_dir) if benchmarks_dir else None,
        "eval.name": name,
        "eval.allow_contaminated": allow_contaminated or None,
        "eval.allow_unchecked": allow_unchecked,
    }
    plan = load_plan(recipe, sets, flags)
    ws = open_workspace(workspace, create=True)
    summary = evaluate(ws, plan.eval, progress=progress and not as_json, wait=wait)
    if as_json:
        print(json.dumps(_summary_json(summary), indent=2, default=str))
    else:
        _print_summary(summary)
    if summary.failed:
        console.print(
            f"{summary.failed} samples failed (kept with their reason, left out of the "
            "figures); rerun the same command to retry them"
        )
        raise typer.Exit(EXIT_FAILED)


def _summary_json(summary) -> dict:
    return {
        "model": summary.model.label,
        "store": str(summary.store),
        "seconds": round(summary.seconds, 2),
        "tracked": summary.tracked,
        "suites": {
            o.suite: {
                "run_id": o.run_id,
                "samples": o.samples,
                "new_requests": o.new_requests,
                "generated": o.generate.done,
                "failed": o.generate.failed,
                "failures": o.generate.failures,
                "contamination": o.contamination,
                "skipped": o.skipped,
                "figures": o.figures,
            }
            for o in summary.suites
        },
    }


def _print_summary(summary) -> None:
    from drqa.evals.suites import skipped_line

    rows = []
    for o in summary.suites:
        f = o.figures
        tokens = f.get("mean_tokens")
        rows.append(
            (
                o.suite,
                f"{f.get('n_problems', 0)}x{f.get('k', 0)}",
                o.generate.done,
                o.generate.failed,
                f"{100 * f.get('pass@1', 0):.2f}",
                f"{100 * f.get('pass@1_low', 0):.1f}-{100 * f.get('pass@1_high', 0):.1f}",
                "-" if tokens is None else round(tokens),
                f"{100 * f.get('truncation_rate', 0):.0f}%",
                f"{100 * f.get('no_answer_rate', 0):.0f}%",
            )
        )
    print_table(
        f"eval {summary.model.label} ({summary.seconds:.1f}s)",
        ["suite", "problems x k", "new", "failed", "pass@1 %", "95% CI", "tokens", "cut",
         "no ans"],
        rows,
    )  # fmt: skip
    for o in summary.suites:
        skipped = skipped_line(o.skipped)
        if skipped:
            console.print(f"{o.suite}: {skipped} (source rows left out)", markup=False)
        if o.contamination:
            c = o.contamination
            overlap = f"{c['overlap']} of {c['training_problems']}" if "overlap" in c else "-"
            console.print(
                f"contamination {o.suite}: {c['status']} (training problems overlapping: "
                f"{overlap}{'; ' + c['reason'] if 'reason' in c else ''})"
            )
    if summary.tracked:
        console.print(f"figures logged to {', '.join(summary.tracked)}")
    console.print("the table of every evaluated model: drqa eval report")


@app.command()
def report(
    baseline: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="The reference model's label (default: the first evaluated)."),
    ] = None,
    with_paper: Annotated[
        bool, typer.Option(help="Add the paper's published numbers as rows.")
    ] = False,
    plots: Annotated[bool, typer.Option(help="Write the PNG plots.")] = True,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """The paper-format table (Markdown, or --json) of every evaluated model, with PNG plots."""
    from drqa.cli_context import open_workspace
    from drqa.evals.report import write_report

    ws = open_workspace(workspace)
    result, files = write_report(ws, baseline=baseline, with_paper=with_paper, plots=plots)
    if as_json:
        print(json.dumps(result, indent=2, default=str))
        return
    from drqa.evals.report import render_markdown

    console.print(render_markdown(result), markup=False)
    console.print("written: " + ", ".join(str(f) for f in files), markup=False)


@app.command()
def export(
    out: Annotated[Path, typer.Argument(help="Output file: .parquet or .jsonl.")],
    fmt: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--format", help="parquet | jsonl (default: from the file name)."),
    ] = None,
    model: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(help="Only this model label (repeatable)."),
    ] = None,
    suite: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Only these suites (comma-separated)."),
    ] = None,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Per-sample rows (problem, sample, answer, verdict, tokens, truncated, settings) of the
    evaluations `drqa eval report` shows, as Parquet or JSONL."""
    from drqa.cli_context import open_workspace
    from drqa.evals.export import export_samples

    ws = open_workspace(workspace)
    suites = [s.strip() for s in suite.split(",") if s.strip()] if suite else None
    path, rows = export_samples(ws, out, fmt=fmt, models=model, suites=suites)
    if as_json:
        print(json.dumps({"path": str(path), "rows": rows}))
    else:
        console.print(f"exported {rows} samples to {path}", markup=False)


def register(root: typer.Typer) -> None:
    """Add ``drqa eval`` (and ``drqa eval report``) to the root app."""
    root.add_typer(app, name="eval")
