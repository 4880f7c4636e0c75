"""``drqa decontaminate``: check every problem whose benchmark contamination was never checked
(ingested with ``--no-decontaminate``, or by an older drqa), so the release gate can pass."""

from __future__ import annotations

import typer

from drqa.cli_options import (
    BenchmarksDirOption,
    JsonOption,
    OldBenchmarkDirOption,
    RecipeOption,
    SetOption,
    WorkspaceOption,
    pick_benchmarks_dir,
)
from drqa.console import console, print_table


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
    app.command("decontaminate")(decontaminate)
