"""``drqa check``, ``drqa release``, ``drqa diff`` and ``drqa publish``: thin commands over
:mod:`.gate`, :mod:`.snapshot`, :mod:`.diff` and :mod:`.publish`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from drqa.cli_options import JsonOption, RecipeOption, SetOption, WorkspaceOption
from drqa.console import print_table
from drqa.guidance import closing, print_closing, print_json

OverrideOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option(
        "--override", help="Release although the gate fails; the reason goes into card+manifest."
    ),
]


def _gate_config(recipe: Path | None, sets: list[str] | None):
    """The recipe's ``gate:`` section (the global --recipe/--set apply too)."""
    from drqa.cli_context import load_plan

    return load_plan(recipe, sets).gate


def _status_style(row) -> str | None:
    return {"pass": "green", "fail": "bold red", "skipped": "yellow"}.get(row[1])


def check(
    workspace: WorkspaceOption = None,
    recipe: RecipeOption = None,
    sets: SetOption = None,
    as_json: JsonOption = False,
) -> None:
    """Run the quality gate over the labelled chains: one line per expectation; exit 1 on a fail.

    Thresholds come from the recipe's ``gate:`` section.
    """
    from drqa.builders.release.gate import run_gate
    from drqa.builders.release.gate_page import write_gate_page
    from drqa.cli_context import open_workspace

    config = _gate_config(recipe, sets)
    ws = open_workspace(workspace)
    result = run_gate(ws, config, docs_dir=ws.reports_dir / "gate_docs")
    if as_json:
        typer.echo(json.dumps(result.summary(), indent=2))
    else:
        print_table(
            f"quality gate: {result.n_candidates} labelled chains",
            ["expectation", "status", "observed", "threshold"],
            [[c.name, c.status, c.observed, c.threshold] for c in result.checks],
            row_style=_status_style,
        )
        verdict = "passed" if result.passed else f"FAILED: {len(result.failed)} expectations"
        if result.pending_line():
            typer.echo(result.pending_line())
        page = write_gate_page(result, ws.reports_dir / "gate_docs", "drqa check: quality gate")
        typer.echo(f"gate {verdict}; report: {page} (Data Docs: {page.parent / 'index.html'})")
        print_closing("check", ws.root)
    if not result.passed:
        raise typer.Exit(1)


def release(
    version: Annotated[str, typer.Argument(help="Semantic version, e.g. 1.0.0.")],
    workspace: WorkspaceOption = None,
    recipe: RecipeOption = None,
    sets: SetOption = None,
    override: OverrideOption = None,
    license: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Licence id for the card (default: derived from the sources' licences)."),
    ] = None,
    repo: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--repo", help="Hub repo ORG/NAME it will be published to (card snippet)."),
    ] = None,
    card_extra: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--card-extra", help="Markdown file added to the card (it is hashed)."),
    ] = None,
    sign: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--sign", help="Sign the manifest with this ed25519 private key (PEM)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Gate, then write an immutable release (Parquet configs, card, plots, manifest).

    Gate thresholds come from the recipe's ``gate:`` section.
    """
    from drqa.builders.release.manifest import manifest_digest, read_manifest
    from drqa.builders.release.snapshot import make_release
    from drqa.cli_context import open_workspace

    config = _gate_config(recipe, sets)
    ws = open_workspace(workspace)
    folder = make_release(
        ws, version, override=override, config=config, license=license,
        repo=repo, card_extra=card_extra, sign_key=sign,
    )  # fmt: skip
    manifest = read_manifest(folder)
    gate = manifest["gate"]
    wrote = [folder, folder / "README.md", *sorted(folder.glob("*.png"))]
    if as_json:
        print_json({"version": version, "folder": folder, "digest": manifest_digest(folder),
                    "row_counts": manifest["row_counts"], "label_counts": manifest["label_counts"],
                    "gate_passed": gate["passed"], "override": manifest["override"],
                    **closing("release", ws.root, wrote, version=version)})  # fmt: skip
        return
    rows = [[name, n] for name, n in manifest["row_counts"].items()]
    rows += [[f"label {k}", v] for k, v in manifest["label_counts"].items()]
    print_table(f"release {version}", ["config", "rows"], rows)
    if gate.get("pending_generations"):
        typer.echo(f"{gate['pending_generations']} generations were not labelled yet: not released")
    if not gate["passed"]:
        typer.echo(
            f"the gate failed ({', '.join(gate['failed'])}); released with override: "
            f"{manifest['override']['reason']}"
        )
    typer.echo(f"release {version} written to {folder}")
    typer.echo(f"digest {manifest_digest(folder)}  (pin it: load_release(..., digest=...))")
    print_closing("release", ws.root, wrote[1:], version=version)


def diff(
    old: Annotated[str, typer.Argument(help="The older release version.")],
    new: Annotated[str, typer.Argument(help="The newer release version.")],
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
) -> None:
    """Chains added, removed and relabelled between two releases, with the cause."""
    from drqa.builders.release.diff import diff_releases
    from drqa.cli_context import open_workspace

    result = diff_releases(open_workspace(workspace), old, new)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=2, default=str))
        return
    totals = result.to_dict()["totals"]
    print_table(
        f"{old} -> {new}: " + ", ".join(f"{n} {k}" for k, n in totals.items()),
        ["change", "cause", "chains"],
        result.counts().iter_rows(),
    )


def publish(
    version: Annotated[str, typer.Argument(help="The release version to publish.")],
    repo: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--repo", help="Hub dataset repo ORG/NAME (token from $HF_TOKEN)."),
    ] = None,
    to: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--to", help="Write the same Hub layout to this new folder instead."),
    ] = None,
    private: Annotated[
        bool, typer.Option("--private", help="Create the Hub repo private (with --repo).")
    ] = False,
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
) -> None:
    """Upload a release to the Hub as a commit tagged VERSION, or copy it to a folder (--to)."""
    from drqa.builders.release.publish import (
        publish_to_folder,
        publish_to_hub,
        release_digest,
        release_folder,
    )
    from drqa.cli_context import open_workspace
    from drqa.errors import DrqaError

    if (repo is None) == (to is None):
        raise DrqaError("give exactly one of --repo ORG/NAME or --to DIR")
    if private and repo is None:
        raise DrqaError("--private applies to a Hub repo: give --repo ORG/NAME")
    workspace = open_workspace(workspace)
    if to is not None:
        folder = publish_to_folder(workspace, version, to)
        where, commit = str(folder), None
    else:
        commit = publish_to_hub(workspace, version, repo, private=private or None)
        where = repo
    digest = release_digest(workspace, version)
    if as_json:
        print_json({"version": version, "to": where, "commit": commit, "digest": digest,
                    "private": private if repo else None,
                    **closing("publish", workspace.root, [where], where=where)})  # fmt: skip
        return
    if commit is None:
        typer.echo(
            f"release {version} written to {where} (datasets.load_dataset({where!r}, 'labels'))"
        )
    else:
        visibility = "private, " if private else ""
        typer.echo(f"release {version} published to https://huggingface.co/datasets/{repo} "
                   f"({visibility}commit {commit[:12]}, tag {version})")  # fmt: skip
    typer.echo(f"digest {digest}")
    card = (release_folder(workspace, version) / "README.md").read_text(encoding="utf-8")
    if repo and f'load_dataset("{repo}"' not in card:
        typer.echo(
            f"note: the card's usage snippet does not name {repo} (the card is immutable); "
            f"give `drqa release VERSION --repo {repo}` to the next release to have it there"
        )
    print_closing("publish", workspace.root, where=where)


def register(app: typer.Typer) -> None:
    app.command("check")(check)
    app.command("release")(release)
    app.command("diff")(diff)
    app.command("publish")(publish)
