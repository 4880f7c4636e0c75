"""``drqa decontaminate``: check every problem whose benchmark contamination was never checked
(ingested with ``--no-decontaminate``, or by an older drqa), so the release gate can pass."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from drqa.cli_options import RecipeOption, SetOption, WorkspaceOption
from drqa.console import console, print_table


def decontaminate(
    benchmark_dir: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(help="Folder of <benchmark>.jsonl files (offline decontamination)."),
    ] = None,
    recipe: RecipeOption = None,
    sets: SetOption = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Check the problems never checked against the evaluation benchmarks (the recipe's
    ``ingest.decontamination`` settings); print how many overlap each benchmark."""
    from drqa.builders.ingest.contamination import decontaminate_workspace
    from drqa.cli_context import load_plan, open_workspace

    flags = {"ingest.decontamination.benchmark_dir": str(benchmark_dir) if benchmark_dir else None}
    settings = load_plan(recipe, sets, flags).ingest.decontamination.model_copy(
        update={"enabled": True}
    )
    ws = open_workspace(workspace)
    summary = decontaminate_workspace(ws, settings)
    rows = [("problems checked", summary.checked)]
    rows += [(f"contaminated: {name}", n) for name, n in sorted(summary.contaminated.items())]
    print_table("decontaminate", ["", "count"], rows)
    if not summary.checked:
        console.print("every problem had been checked already")


def register(app: typer.Typer) -> None:
    app.command("decontaminate")(decontaminate)
