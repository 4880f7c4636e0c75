"""``drqa label``, ``drqa import-generations`` and ``drqa report``: thin commands over the API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from drqa.cli_options import (
    BenchmarksDirOption,
    FlagTable,
    JsonOption,
    OldBenchmarkDirOption,
    ProgressOption,
    RecipeOption,
    SetOption,
    WorkspaceOption,
    pick_benchmarks_dir,
)
from drqa.console import console, print_table
from drqa.guidance import print_closing, require_stage
from drqa.schema import LABELS

LABEL_FLAGS = FlagTable(
    {"rule": "label.rule", "workers": "label.workers", "timeout_s": "label.timeout_s"}
)


@LABEL_FLAGS
def label(
    workspace: WorkspaceOption = None,
    recipe: RecipeOption = None,
    sets: SetOption = None,
    rule: Annotated[Optional[str], typer.Option("--rule")] = None,  # noqa: UP045
    workers: Annotated[Optional[int], typer.Option(min=1)] = None,  # noqa: UP045
    timeout_s: Annotated[Optional[float], typer.Option("--timeout", min=0.1)] = None,  # noqa: UP045
    progress: ProgressOption = True,
    as_json: JsonOption = False,
) -> None:
    """Split, verify and label every generation not labelled yet; print counts by status and label.

    Settings come from the recipe's ``label:`` section; flags override single fields. Everything
    is split and verified again when the splitter or verifier version changes; the label rule is
    applied to all chains on every run.
    """
    from drqa.cli_context import load_plan, open_workspace
    from drqa.labeling.label_stage import label_workspace, status_totals, summary_json

    config = load_plan(recipe, sets, LABEL_FLAGS.values(locals())).label
    ws = open_workspace(workspace)
    require_stage(ws, "generations")
    summary = label_workspace(
        ws,
        rule=config.rule,
        workers=config.workers,
        timeout_s=config.timeout_s,
        show_progress=progress and not as_json,
        judge=config.judge,
        split_judge=config.split_judge,
    )
    if as_json:
        typer.echo(summary_json(summary))
        return
    console.print(
        f"labelled {summary.requests_labelled} generations into {summary.chains_written} chains "
        f"with {summary.rule}; {summary.failed_generations} failed generations have no chains"
    )
    grouped: dict[tuple, int] = {}
    for row in summary.counts:  # outcome: the label, review (needs_review) or excluded
        key = (row["split_status"], row["verify_status"], row.get("outcome") or "review")
        grouped[key] = grouped.get(key, 0) + row["n"]
    rows = [(*key, n) for key, n in grouped.items()]
    totals = status_totals(summary.counts)["label"]
    rows.append(
        (
            "labels",
            "",
            ", ".join(f"{k}={v}" for k, v in sorted(totals.items())),
            sum(totals.values()),
        )
    )
    print_table(
        "chains by split status, verdict and label",
        ["split status", "verdict", "label", "chains"],
        rows,
    )
    for kind, reasons in summary.unlabelled.items():
        what = "routed to review" if kind == "review" else "never released"
        counts = ", ".join(f"{reason}={n}" for reason, n in reasons.items())
        console.print(f"no label, {kind} ({what}): {counts}")
    print_closing("label", ws.root)


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
    decontaminate: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option(
            "--decontaminate/--no-decontaminate",
            help="Flag problems overlapping evaluation benchmarks, as ingest does (default on; "
            "off leaves them unchecked and the release gate fails).",
            show_default=False,
        ),
    ] = None,
    benchmarks_dir: BenchmarksDirOption = None,
    benchmark_dir: OldBenchmarkDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import generations made elsewhere (single or batched rows) so `drqa label` can label them.

    Exit status 0 when every row was imported, 3 when some rows were rejected (see the counts).
    """
    from drqa.cli_context import global_options, load_plan, open_workspace
    from drqa.labeling.importer import ImportMapping, import_generations

    mapping = ImportMapping(
        problem=problem_field, gold=gold_field, response=response_field,
        reasoning=reasoning_field, model=model_field, id=id_field,
        problems=problems_field, golds=golds_field,
    )  # fmt: skip
    folder = pick_benchmarks_dir(benchmarks_dir, benchmark_dir)
    summary = import_generations(  # makes the workspace only once the file has rows
        file,
        workspace if workspace is not None else global_options().workspace,
        mapping=mapping,
        default_model=model,
        starts_in_thinking=starts_in_thinking,
        decontamination=load_plan(None, None, {
            "ingest.decontamination.enabled": decontaminate,
            "ingest.decontamination.benchmark_dir": str(folder) if folder else None,
        }).ingest.decontamination,
    )  # fmt: skip
    ws = open_workspace(workspace)
    if as_json:
        typer.echo(json.dumps(summary.__dict__, default=str, indent=2))
        raise typer.Exit(summary.exit_code)
    rejected = ", ".join(f"{k}={v}" for k, v in summary.rejected.items()) or "none"
    typer.echo(
        f"imported {summary.generations_added} new generations from {summary.rows} rows "
        f"({summary.problems_added} new problems, {len(summary.runs)} runs); rejected: {rejected}"
    )
    if summary.starts_in_thinking:
        typer.echo("responses start inside the thinking: rows without </think> are truncated")
    contaminated = ", ".join(f"{k}={v}" for k, v in sorted(summary.contaminated.items()))
    if not summary.contamination_checked:
        typer.echo("contamination NOT checked (--no-decontaminate): the release gate will fail")
    elif contaminated:
        typer.echo(f"problems overlapping evaluation benchmarks: {contaminated}")
    print_closing("import-generations", ws.root, [ws.catalog_path])
    raise typer.Exit(summary.exit_code)


def report(workspace: WorkspaceOption = None, as_json: JsonOption = False) -> None:
    """Per batch size: mean tokens per question, accuracy and label counts; PNG plots."""
    from drqa.cli_context import open_workspace
    from drqa.labeling.report import build_report

    ws = open_workspace(workspace)
    require_stage(ws, "chains")
    result = build_report(ws)
    if as_json:
        typer.echo(json.dumps(result.__dict__, default=str, indent=2))
        return
    columns = ("batch_size", "chains", "mean_tokens", "accuracy", *LABELS, "review")
    print_table(
        "chains by batch size",
        [c.replace("_", " ") for c in columns],
        [[row[c] for c in columns] for row in result.by_batch_size],
    )
    console.print(f"questions answered both alone and batched: {result.paired_questions}")
    if result.layout_compliance:
        layout_columns = ("model", "batch_size", "responses", "requested_share")
        print_table(
            "batched responses in the requested layout",
            [c.replace("_", " ") for c in layout_columns],
            [[row[c] for c in layout_columns] for row in result.layout_compliance],
        )
    if result.human_purity:  # reviewers' segmentation verdicts (drqa review pull)
        print_table(
            "batched chains: human-judged purity beside the splitter's confidence",
            ["model", "batch size", "judged", "human purity", "splitter confidence (judged)"],
            [[r["model"], r["batch_size"], r["judged"], round(r["human_purity"], 3),
              round(r["split_confidence_judged"] or 0.0, 3)] for r in result.human_purity],
        )  # fmt: skip
    for note in result.notes:
        console.print(note)
    print_closing("report", ws.root, [result.table_path, *result.plots])


def register(app: typer.Typer) -> None:
    """Add the labelling commands to the ``drqa`` app."""
    app.command("label")(label)
    app.command("import-generations")(import_generations_command)
    app.command("report")(report)
