"""The ``drqa`` command line: one typer app; each stage registers its own thin commands."""

from __future__ import annotations

import importlib
import sys

import typer

from drqa.cli_context import GlobalOptions, set_global_options
from drqa.cli_options import RecipeOption, SetOption, WorkspaceOption
from drqa.errors import DrqaError

app = typer.Typer(
    name="drqa",
    help="Build, audit, version and publish batched chain-of-thought corpora for DRQA.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Each module defines ``register(app)``; commands import heavy libraries inside their bodies.
COMMAND_MODULES = (
    "drqa.env_command",
    "drqa.quickstart",
    "drqa.builders.ingest.cli",
    "drqa.builders.cli",
    "drqa.labeling.cli",
    "drqa.builders.release.cli",
    "drqa.curation_ui.cli",
    "drqa.trainer.cli",
    "drqa.evals.cli",
)


def _register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that stage is not part of this build
                continue
            raise
        module.register(app)


def _print_version(value: bool) -> None:
    if value:
        from drqa.code_version import code_version

        typer.echo(code_version())
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    workspace: WorkspaceOption = None,
    recipe: RecipeOption = None,
    sets: SetOption = None,
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Print drqa's version."
    ),
) -> None:
    """Build, audit, version and publish batched chain-of-thought corpora for DRQA.

    --workspace, --recipe and --set given here apply to the command; the command's own win.
    """
    set_global_options(GlobalOptions(workspace=workspace, recipe=recipe, sets=tuple(sets or ())))
    ctx.call_on_close(lambda: set_global_options(None))


def _quiet_flag_types() -> None:
    """No ``<bool>`` type column for plain flags in ``--help`` (typer's rich help prints one;
    its plain help and click's never do). Kept out when typer's internals differ."""
    from typer import core

    option = getattr(core, "TyperOption", None)
    original = getattr(option, "display_type_rich", None)
    if original is None or getattr(original, "_drqa_quiet", False):
        return

    def display_type_rich(self, ctx):
        if getattr(self, "is_flag", False) and not getattr(self, "count", False):
            return None
        return original(self, ctx)

    display_type_rich._drqa_quiet = True
    option.display_type_rich = display_type_rich


_quiet_flag_types()
_register_all()


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app, turning ``DrqaError`` into one line on stderr, and a
    full disk, a permission problem or a damaged catalog into one line naming the root cause."""
    from drqa.redact import redact
    from drqa.root_cause import explain

    try:
        app(args=argv)  # standalone: usage errors print their own line and exit 2
    except DrqaError as exc:
        typer.secho(f"error: {redact(str(exc))}", fg="red", err=True)  # no credential printed
        sys.exit(exc.exit_code)
    except Exception as exc:  # noqa: BLE001 - known system failures become one line
        explained = explain(exc)
        if explained is None:
            raise
        typer.secho(f"error: {redact(str(explained))}", fg="red", err=True)
        sys.exit(explained.exit_code)


if __name__ == "__main__":  # pragma: no cover
    main()
