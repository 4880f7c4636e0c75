"""``drqa label``, ``drqa import-generations`` and ``drqa report``: thin commands over the API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from drqa.cli_options import JsonOption, WorkspaceOption


def label(
    workspace: WorkspaceOption = None,
    rule: Annotated[
        str, typer.Option("--rule", help="Label rule: paper (paper@1) or strict-shorter.")
    ] = "paper",
    workers: Annotated[int, typer.Option(help="Verifier worker processes.", min=1)] = 2,
    timeout_s: Annotated[
        float, typer.Option("--timeout", help="Seconds allowed to verify one answer.", min=0.1)
    ] = 5.0,
    as_json: JsonOption = False,
) -> None:
    """Split, verify and label every generation not labelled yet; print counts by status and label.

    Everything is split and verified again when the splitter or verifier version changes; the
    label rule is applied to all chains on every run.
    """
    from rich.console import Console
    from rich.table import Table

    from drqa.labeling.label_stage import label_workspace, status_totals, summary_json
    from drqa.workspace import Workspace

    summary = label_workspace(
        Workspace.resolve(workspace, create=False),
        rule=rule,
        workers=workers,
        timeout_s=timeout_s,
        show_progress=not as_json,
    )
    if as_json:
        typer.echo(summary_json(summary))
        return
    console = Console()
    console.print(
        f"labelled {summary.requests_labelled} generations into {summary.chains_written} chains "
        f"with {summary.rule}; {summary.failed_generations} failed generations have no chains"
    )
    table = Table(title="chains by split status, verdict and label")
    for column in ("split status", "verdict", "label", "chains"):
        table.add_column(column, justify="right" if column == "chains" else "left")
    for row in summary.counts:
        table.add_row(
            row["split_status"],
            row["verify_status"] or "-",
            row["label"] or "review",
            str(row["n"]),
        )
    totals = status_totals(summary.counts)
    table.add_section()
    table.add_row("labels", "", ", ".join(f"{k}={v}" for k, v in sorted(totals["label"].items())),
                  str(sum(totals["label"].values())))  # fmt: skip
    console.print(table)


def import_generations_command(
    file: Annotated[Path, typer.Argument(help="JSONL or Parquet file of generations.")],
    workspace: WorkspaceOption = None,
    problem_field: Annotated[str, typer.Option(help="Field with the problem text.")] = "problem",
    gold_field: Annotated[str, typer.Option(help="Field with the gold answer.")] = "gold",
    response_field: Annotated[str, typer.Option(help="Field with the response.")] = "response",
    reasoning_field: Annotated[
        str, typer.Option(help="Field with separately delivered thinking.")
    ] = "reasoning",
    model_field: Annotated[str, typer.Option(help="Field with the model name.")] = "model",
    id_field: Annotated[str, typer.Option(help="Field with the row's own id.")] = "id",
    problems_field: Annotated[
        str, typer.Option(help="Field with the problem list of a batched row.")
    ] = "problems",
    golds_field: Annotated[
        str, typer.Option(help="Field with the gold list of a batched row.")
    ] = "golds",
    model: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option("--model", help="Model name for rows that carry none."),
    ] = None,
    starts_in_thinking: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option(
            "--starts-in-thinking/--no-starts-in-thinking",
            help="Responses begin inside <think> (default: decided from the file).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Import generations made elsewhere (single or batched rows) so `drqa label` can label them."""
    from drqa.labeling.importer import ImportMapping, import_generations

    mapping = ImportMapping(
        problem=problem_field, gold=gold_field, response=response_field,
        reasoning=reasoning_field, model=model_field, id=id_field,
        problems=problems_field, golds=golds_field,
    )  # fmt: skip
    summary = import_generations(
        file, workspace, mapping=mapping, default_model=model, starts_in_thinking=starts_in_thinking
    )
    if as_json:
        typer.echo(json.dumps(summary.__dict__, default=str, indent=2))
        return
    rejected = ", ".join(f"{k}={v}" for k, v in summary.rejected.items()) or "none"
    typer.echo(
        f"imported {summary.generations_added} new generations from {summary.rows} rows "
        f"({summary.problems_added} new problems, {len(summary.runs)} runs); rejected: {rejected}"
    )
    if summary.starts_in_thinking:
        typer.echo("responses start inside the thinking: rows without </think> are truncated")


def report(workspace: WorkspaceOption = None, as_json: JsonOption = False) -> None:
    """Per batch size: mean tokens per question, accuracy and label counts; PNG plots."""
    from rich.console import Console
    from rich.table import Table

    from drqa.labeling.report import build_report

    result = build_report(workspace)
    if as_json:
        typer.echo(json.dumps(result.__dict__, default=str, indent=2))
        return
    table = Table(title="chains by batch size")
    columns = ("batch_size", "chains", "mean_tokens", "accuracy", "A", "B", "C", "review")
    for column in columns:
        table.add_column(column.replace("_", " "), justify="right")
    for row in result.by_batch_size:
        table.add_row(*("-" if row[c] is None else str(row[c]) for c in columns))
    console = Console()
    console.print(table)
    console.print(f"questions answered both alone and batched: {result.paired_questions}")
    for path in [result.table_path, *result.plots]:
        console.print(f"wrote {path}")


def register(app: typer.Typer) -> None:
    """Add the labelling commands to the ``drqa`` app."""
    app.command("label")(label)
    app.command("import-generations")(import_generations_command)
    app.command("report")(report)
