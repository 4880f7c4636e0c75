"""Problem commands: ``ingest`` (sources -> problems, with rejects kept), ``rejects`` (the
rows left out, with their reason) and ``decontaminate`` (check every problem whose benchmark
contamination was never checked, so the release gate can pass)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Annotated, Optional

import typer

from drqa import exit_codes
from drqa.cli_options import (
    BenchmarksDirOption,
    FlagTable,
    JsonOption,
    OldBenchmarkDirOption,
    RecipeOption,
    SetOption,
    WorkspaceOption,
    pick_benchmarks_dir,
)
from drqa.console import console, print_table
from drqa.errors import DrqaError
from drqa.guidance import closing, print_closing, print_json
from drqa.model_names import is_hub_id

OptStr = Optional[str]  # noqa: UP045 - typer needs Optional on Python 3.10
OptInt = Optional[int]  # noqa: UP045
OptFloat = Optional[float]  # noqa: UP045
OptBool = Optional[bool]  # noqa: UP045

# The one-source flags of `drqa ingest SOURCE`: fields of SourceConfig (defaults live there).
SOURCE_FLAGS = (
    "hf_config", "split", "revision", "problem_field", "answer_field", "answer_format",
    "id_field", "difficulty_field", "subject_field", "limit",
)  # fmt: skip
INGEST_FLAGS = FlagTable(
    {
        "decontaminate": "ingest.decontamination.enabled",
        "benchmarks_dir": "ingest.decontamination.benchmark_dir",
    },
    convert={"benchmarks_dir": str},
)


@INGEST_FLAGS
def ingest(
    source: Annotated[
        OptStr,
        typer.Argument(help="File path or Hub dataset id; default: the recipe's sources."),
    ] = None,
    hub: Annotated[bool, typer.Option("--hub", help="Treat SOURCE as a Hub dataset id.")] = False,
    hf_config: Annotated[OptStr, typer.Option(help="Hub dataset config name.")] = None,
    split: Annotated[OptStr, typer.Option(help="Hub dataset split (default train).")] = None,
    revision: Annotated[OptStr, typer.Option(help="Hub dataset revision.")] = None,
    problem_field: Annotated[
        OptStr, typer.Option(help="Column holding the problem text (default problem).")
    ] = None,
    answer_field: Annotated[
        OptStr, typer.Option(help="Column holding the gold answer (default answer).")
    ] = None,
    answer_format: Annotated[
        OptStr, typer.Option(help="plain (default) | gsm8k ('#### 18') | boxed.")
    ] = None,
    id_field: Annotated[OptStr, typer.Option(help="Column with the source's own id.")] = None,
    difficulty_field: Annotated[
        OptStr, typer.Option(help="Column with a numeric difficulty.")
    ] = None,
    subject_field: Annotated[OptStr, typer.Option(help="Column with a subject or type.")] = None,
    limit: Annotated[OptInt, typer.Option(help="Read at most this many rows.")] = None,
    decontaminate: Annotated[
        OptBool,
        typer.Option(
            "--decontaminate/--no-decontaminate",
            help="Flag problems overlapping evaluation benchmarks (default on).",
        ),
    ] = None,
    benchmarks_dir: BenchmarksDirOption = None,
    benchmark_dir: OldBenchmarkDirOption = None,
    force: Annotated[
        bool, typer.Option(help="Read a source again even if it was ingested.")
    ] = False,
    recipe: RecipeOption = None,
    sets: SetOption = None,
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
) -> None:
    """Ingest problems from a file (JSONL/JSON/Parquet/CSV) or a Hub dataset into the catalog.

    Exit status 0 when every row went in, 3 when some rows were rejected (see `drqa rejects`).
    """
    from pydantic import ValidationError

    from drqa.builders.ingest.config import SourceConfig
    from drqa.builders.ingest.pipeline import ingest_source
    from drqa.cli_context import load_plan, open_workspace, workspace_missing

    benchmarks_dir = pick_benchmarks_dir(benchmarks_dir, benchmark_dir)
    plan = load_plan(recipe, sets, INGEST_FLAGS.values(locals()))
    sources = list(plan.ingest.sources)
    if source is not None:
        location = (
            {"hub": source}
            if hub or (not Path(source).exists() and (is_hub_id(source) and "/" in source))
            else {"path": source}
        )
        given = {name: value for name, value in locals().items() if name in SOURCE_FLAGS}
        fields = {name: value for name, value in given.items() if value is not None}
        try:
            sources = [SourceConfig(**location, **fields)]
        except ValidationError as exc:
            first = exc.errors()[0]
            raise DrqaError(f"--{first['loc'][0]}: {first['msg']}".replace("_", "-")) from None
    if not sources:
        raise DrqaError(
            "nothing to ingest: give a SOURCE (file or Hub id) or a --recipe with ingest.sources"
        )
    fresh = workspace_missing(workspace)
    ws = open_workspace(workspace, create=True)
    rejected, summaries = 0, []
    for item in sources:
        try:
            summary = ingest_source(ws, item, plan.ingest, force=force)
        except BaseException:
            if fresh and not summaries:  # nothing went in: leave no empty workspace behind
                shutil.rmtree(ws.root, ignore_errors=True)
            raise
        summaries.append(summary)
        rejected += summary.n_rejected
        if as_json:
            continue
        note = " (already ingested; --force reads it again)" if summary.already_ingested else ""
        rows = [("rows read", summary.rows), ("accepted (clean)", summary.accepted)]
        rows += [(f"rejected: {reason}", n) for reason, n in sorted(summary.rejected.items())]
        rows += [(f"contaminated: {name}", n) for name, n in sorted(summary.contaminated.items())]
        print_table(f"ingest {summary.uri}{note}", ["", "count"], rows)
        if summary.benchmarks_checked:
            missing = ", ".join(summary.benchmarks_unchecked)
            console.print(
                f"decontaminated against {', '.join(summary.benchmarks_checked)}"
                + (
                    f"; not checked (absent from the benchmarks folder): {missing}"
                    if missing
                    else ""
                )
            )
        if summary.seconds:
            console.print(f"{summary.rows / summary.seconds:,.0f} rows/s, {summary.seconds:.1f}s")
    if as_json:
        print_json({"sources": summaries, **closing("ingest", ws.root, [ws.catalog_path])})
    else:
        console.print(f"workspace {ws.root}")
        if rejected:
            console.print(
                f"{rejected} rows rejected, each kept with its reason and row: `drqa rejects`"
            )
        print_closing("ingest", ws.root, [ws.catalog_path])
    if rejected:
        raise typer.Exit(exit_codes.REJECTS)


def rejects(
    reason: Annotated[str | None, typer.Option(help="Only this reason.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 20,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """List rejected source rows with their reason and row number."""
    from drqa.catalog import fetch_frame
    from drqa.cli_context import open_workspace

    ws = open_workspace(workspace)
    with ws.read() as con:
        counts = con.execute(
            "SELECT reason, count(*) FROM rejects GROUP BY 1 ORDER BY 2 DESC"
        ).fetchall()
        frame = fetch_frame(
            con,
            "SELECT s.uri, r.source_row, r.reason, r.detail"
            " FROM rejects r JOIN sources s USING (source_id)"
            " WHERE ? IS NULL OR r.reason = ? ORDER BY s.uri, r.source_row LIMIT ?",
            [reason, reason, limit],
        )
    if as_json:
        typer.echo(json.dumps({"counts": dict(counts), "rows": frame.to_dicts()}, indent=2))
        return
    print_table("rejects by reason", ["reason", "rows"], counts)
    print_table("rejected rows", ["source", "row", "reason", "detail"], frame.iter_rows())


def decontaminate(
    benchmarks_dir: BenchmarksDirOption = None,
    benchmark_dir: OldBenchmarkDirOption = None,
    recipe: RecipeOption = None,
    sets: SetOption = None,
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check the problems never checked against the evaluation benchmarks (the recipe's
    ``ingest.decontamination`` settings); print how many overlap each benchmark."""
    from drqa.builders.ingest.contamination import decontaminate_workspace
    from drqa.cli_context import load_plan, open_workspace

    folder = pick_benchmarks_dir(benchmarks_dir, benchmark_dir)
    flags = {"ingest.decontamination.benchmark_dir": str(folder) if folder else None}
    settings = load_plan(recipe, sets, flags).ingest.decontamination.model_copy(
        update={"enabled": True}
    )
    ws = open_workspace(workspace)
    summary = decontaminate_workspace(ws, settings)
    if as_json:
        from drqa.guidance import print_json

        print_json(
            {
                "checked": summary.checked,
                "benchmarks_checked": summary.benchmarks_checked,
                "contaminated": dict(summary.contaminated),
            }
        )
        return
    rows = [("problems checked", summary.checked)]
    rows += [(f"contaminated: {name}", n) for name, n in sorted(summary.contaminated.items())]
    print_table("decontaminate", ["", "count"], rows)
    if summary.benchmarks_checked:
        console.print(f"checked against {', '.join(summary.benchmarks_checked)}")
    if not summary.checked:
        console.print("every problem had been checked already")


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(rejects)
    app.command("decontaminate")(decontaminate)
