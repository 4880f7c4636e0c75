"""What every command resolves the same way: the workspace and the recipe (file + ``--set``).

The root callback stores the global ``--workspace``, ``--recipe`` and ``--set`` (given before the
command) for the running command line; commands call :func:`load_plan` for their recipe and
:func:`open_workspace` for their workspace, passing their own options, which win. Nothing else
reads a recipe or resolves a workspace folder.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drqa.recipe import Override, Recipe, as_overrides, load_recipe
from drqa.workspace import Workspace, chosen_folder
from drqa.workspace import open_workspace as _open_workspace


@dataclass(frozen=True)
class GlobalOptions:
    """``drqa -w W -r R --set k=v COMMAND``: the options given before the command."""

    workspace: Path | None = None
    recipe: Path | None = None
    sets: tuple[str, ...] = ()


_GLOBAL: ContextVar[GlobalOptions | None] = ContextVar("drqa_global_options", default=None)


def set_global_options(options: GlobalOptions | None) -> None:
    """Called by the root callback at the start (and end) of every command line."""
    _GLOBAL.set(options)


def global_options() -> GlobalOptions:
    """The root callback's options in the running command line (empty outside one)."""
    return _GLOBAL.get() or GlobalOptions()


def load_plan(
    recipe: Path | None,
    sets: list[str] | None = None,
    flags: dict[str, Any] | list[Override] | None = None,
) -> Recipe:
    """The recipe at ``recipe`` (or the global ``--recipe``, or the defaults), with the global
    ``--set`` values, the command's ``--set`` values, then its flags, applied in that order.

    ``flags`` maps dotted field paths to flag values (``None``: not given), or is the list a
    :class:`~drqa.cli_options.FlagTable` returns (which names each flag in errors).
    """
    chosen = global_options()
    items = as_overrides([*chosen.sets, *(sets or [])])
    if isinstance(flags, dict):
        items += [
            Override(tuple(k.split(".")), v, f"flag for {k}")
            for k, v in flags.items()
            if v is not None
        ]
    else:
        items += list(flags or [])
    return load_recipe(recipe if recipe is not None else chosen.recipe, items)


def open_workspace(path: Path | str | Workspace | None, *, create: bool = False) -> Workspace:
    """The workspace a command works in: its ``--workspace``, else the global one, else
    ``$DRQA_WORKSPACE``, else ``./drqa-workspace``. Only commands that create data (``ingest``,
    ``import-generations``, ``quickstart``) pass ``create=True``; for every other command a
    missing workspace is a one-line error and nothing is created.
    """
    return _open_workspace(path if path is not None else global_options().workspace, create=create)


def workspace_missing(path: Path | str | None) -> bool:
    """True when the workspace :func:`open_workspace` would pick does not exist yet (a command
    that creates it and then fails before writing anything removes it again)."""
    return not chosen_folder(path if path is not None else global_options().workspace).exists()
