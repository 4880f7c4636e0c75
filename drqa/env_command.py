"""``drqa env``: versions, workspace and available backends, for bug reports; ``drqa status``:
one screen of a workspace (the data comes from :mod:`drqa.status`)."""

from __future__ import annotations

import json
import platform
from importlib import metadata

import typer

from drqa.cli_options import JsonOption, WorkspaceOption

PACKAGES = (
    "drqa",
    "duckdb",
    "polars",
    "pyarrow",
    "datasets",
    "huggingface-hub",
    "math-verify",
    "sympy",
    "great-expectations",
    "torch",
    "transformers",
    "trl",
    "accelerate",
    "vllm",
    "argilla",
    "openai",
)


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def environment_report(workspace=None) -> dict:
    """Python, package versions, workspace and backends, without importing torch or vllm."""
    from drqa.cli_context import open_workspace
    from drqa.errors import DrqaError
    from drqa.optional import is_available

    try:
        ws = open_workspace(workspace)
    except DrqaError:  # no catalog there yet: report the folder that would be used
        ws = None
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": {name: _version(name) for name in PACKAGES},
        "workspace": str(ws.root) if ws else None,
        "schema_version": ws.schema_version() if ws else None,
        "backends": {
            "transformers": is_available("torch") and is_available("transformers"),
            "openai": True,
            "vllm": is_available("vllm"),
        },
    }


def env(workspace: WorkspaceOption = None, as_json: JsonOption = False) -> None:
    """Print versions, the workspace and which generation backends are available."""
    report = environment_report(workspace)
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    typer.echo(f"python        {report['python']} ({report['platform']})")
    for name, version in report["packages"].items():
        typer.echo(f"{name:<20}{version or '-'}")
    typer.echo(f"workspace     {report['workspace'] or '- (none yet)'}")
    typer.echo(
        f"schema        {report['schema_version'] if report['schema_version'] is not None else '-'}"
    )
    typer.echo(
        "backends      "
        + ", ".join(f"{k}={'yes' if v else 'no'}" for k, v in report["backends"].items())
    )


def status(workspace: WorkspaceOption = None, as_json: JsonOption = False) -> None:
    """One screen of a workspace: runs (done/failed), labels (A/B/C, unlabelled by reason),
    releases with their manifest sha256, trainings and evals."""
    from dataclasses import asdict

    from drqa.cli_context import open_workspace
    from drqa.guidance import print_json
    from drqa.status import print_status, workspace_status

    result = workspace_status(open_workspace(workspace))
    if as_json:
        print_json(asdict(result))
        return
    print_status(result)


def register(app: typer.Typer) -> None:
    app.command("env")(env)
    app.command("status")(status)
