"""``drqa review users add|list|remove``: thin commands over :mod:`drqa.curation_ui.users`."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer

from drqa.cli_options import JsonOption, WorkspaceOption

users_app = typer.Typer(
    help="People who review: add annotators and reviewers to the Argilla server, list, remove.",
    no_args_is_help=True,
)
UrlOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option("--api-url", envvar="ARGILLA_API_URL", help="An external Argilla."),
]
KeyOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--api-key", envvar="ARGILLA_API_KEY", help="Owner API key for --api-url."),
]


@users_app.command("add")
def add_command(
    name: Annotated[str, typer.Argument(help="User name (lower-case letters, digits, - and _).")],
    role: Annotated[
        str, typer.Option("--role", help="annotator (labels) or reviewer (also sees others').")
    ] = "annotator",
    password: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--password", help="At least 8 characters (default: generated, printed)."),
    ] = None,
    workspace: WorkspaceOption = None,
    api_url: UrlOption = None,
    api_key: KeyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add an annotator or reviewer to the review server's drqa workspace."""
    from drqa.cli_context import open_workspace
    from drqa.curation_ui.users import add_user

    user = add_user(
        open_workspace(workspace), name, role, password=password, api_url=api_url,
        api_key=api_key,
    )  # fmt: skip
    if as_json:
        typer.echo(json.dumps(user.as_dict(), indent=2))
        return
    typer.echo(f"added {user.role} {user.username!r}; password: {user.password}")
    typer.echo("next: they sign in to the review server's URL (see `drqa review serve`)")


@users_app.command("list")
def list_command(
    workspace: WorkspaceOption = None,
    api_url: UrlOption = None,
    api_key: KeyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every user of the review server, its role and whether it sees drqa's rounds."""
    from drqa.cli_context import open_workspace
    from drqa.console import print_table
    from drqa.curation_ui.users import list_users

    users = list_users(open_workspace(workspace), api_url=api_url, api_key=api_key)
    if as_json:
        typer.echo(json.dumps([u.as_dict() for u in users], indent=2))
        return
    print_table(
        "review users",
        ["user", "role", "in drqa workspace"],
        [[u.username, u.role, "yes" if u.in_workspace else "no"] for u in users],
    )


@users_app.command("remove")
def remove_command(
    name: Annotated[str, typer.Argument(help="The user to delete.")],
    workspace: WorkspaceOption = None,
    api_url: UrlOption = None,
    api_key: KeyOption = None,
) -> None:
    """Delete a user from the review server (pull its responses first)."""
    from drqa.cli_context import open_workspace
    from drqa.curation_ui.users import remove_user

    remove_user(open_workspace(workspace), name, api_url=api_url, api_key=api_key)
    typer.echo(f"removed {name!r}")
