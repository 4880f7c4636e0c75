"""The closing lines of every command: what it wrote and the command to run next, and the hint
when a stage finds nothing to work on because an earlier stage has not run.

The messages live here, not in the commands, so each command adds one call and every message
reads the same way.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from drqa.console import console
from drqa.errors import DrqaError

DEFAULT_WORKSPACE = "drqa-workspace"

# What to run after each command; {ws} is the workspace flag when it is not the default one.
NEXT = {
    "ingest": "drqa generate --recipe RECIPE{ws}   (composes the requests, then generates)",
    "compose": "drqa generate --recipe RECIPE{ws}",
    "generate": "drqa label{ws}",
    "import-generations": "drqa label{ws}",
    "label": "drqa report{ws}   (plots), then drqa check{ws}   (the release gate)",
    "report": "drqa check{ws}   (the release gate), or drqa review push{ws}   (audit labels)",
    "check": "drqa release VERSION{ws}   (e.g. 1.0.0; --override REASON past a failing gate)",
    "release": "drqa publish {version}{ws} --to FOLDER   (or --repo ORG/NAME [--private])",
    "publish": "drqa train --release {where}   (or share {where})",
    "review push": "annotators label in the web UI; then drqa review pull{ws}",
    "review pull": "drqa review status{ws}, then drqa release VERSION{ws}",
}

# Rows a stage needs, in pipeline order, and the command that makes them.
STAGES = (
    ("problems", "drqa ingest FILE{ws}   (or --recipe RECIPE)"),
    ("requests", "drqa generate --recipe RECIPE{ws}   (composes the requests, then generates)"),
    ("generations", "drqa generate --recipe RECIPE{ws}   (or drqa import-generations FILE{ws})"),
    ("chains", "drqa label{ws}"),
)


def ws_flag(root: Path | str | None) -> str:
    """`` -w PATH`` unless ``root`` is the workspace drqa would pick anyway."""
    if root is None:
        return ""
    root = Path(root).resolve()
    chosen = os.environ.get("DRQA_WORKSPACE") or DEFAULT_WORKSPACE
    return "" if root == Path(chosen).resolve() else f" -w {root}"


def next_command(command: str, root: Path | str | None = None, **facts: Any) -> str:
    """The command to run after ``command``, with this workspace filled in."""
    facts.setdefault("version", "VERSION")
    facts.setdefault("where", "FOLDER")
    return NEXT[command].format(ws=ws_flag(root), **facts)


def closing(
    command: str, root: Path | str | None, wrote: list[Any] | tuple = (), **facts: Any
) -> dict[str, Any]:
    """``{"wrote": [...], "next": "..."}``: the end of a command, for ``--json`` output."""
    return {"wrote": [str(w) for w in wrote], "next": next_command(command, root, **facts)}


def print_closing(
    command: str, root: Path | str | None, wrote: list[Any] | tuple = (), **facts: Any
) -> None:
    """Print what the command wrote and the next command to run."""
    for item in wrote:
        console.print(f"wrote {item}")
    console.print(f"next: {next_command(command, root, **facts)}")


def missing_stage(con, needed: str, root: Path | str | None = None) -> str | None:
    """When the catalog has no ``needed`` rows (``problems``, ``requests``, ``generations``,
    ``chains``): one line naming the first stage that has not run and its command; else None."""
    names = [name for name, _ in STAGES]
    for table, command in STAGES[: names.index(needed) + 1]:
        if not con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:
            where = f" in {Path(root).resolve()}" if root is not None else ""
            return f"no {table}{where} yet: run `{command.format(ws=ws_flag(root))}` first"
    return None


def require_stage(ws, needed: str) -> None:
    """Raise one ``DrqaError`` (exit 2, bad state) naming the stage to run when ``needed`` rows
    are absent."""
    with ws.read() as con:
        hint = missing_stage(con, needed, ws.root)
    if hint:
        raise DrqaError(hint, exit_code=2)


def json_ready(value: Any) -> Any:
    """A summary object (dataclass, pydantic model, dict) as plain JSON-ready data."""
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: json_ready(v) for k, v in dataclasses.asdict(value).items()}
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [json_ready(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def print_json(payload: Any) -> None:
    """Print ``payload`` as indented JSON on stdout (for ``--json``)."""
    import json

    import typer

    typer.echo(json.dumps(json_ready(payload), indent=2))
