"""Options shared by every command, defined once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

WorkspaceOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option(
        "--workspace",
        "-w",
        envvar="DRQA_WORKSPACE",
        help="Workspace folder (default ./drqa-workspace).",
        show_default=False,
    ),
]

RecipeOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--recipe", "-r", help="YAML recipe; flags given on the command line override it."
    ),
]

JsonOption = Annotated[
    bool, typer.Option("--json", help="Print machine-readable JSON instead of a table.")
]
