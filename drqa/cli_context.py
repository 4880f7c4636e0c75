"""What every command resolves the same way: the workspace and the recipe (file + ``--set``).

Commands call :func:`load_plan` for their recipe and :func:`open_workspace` for their workspace;
nothing else reads a recipe or resolves a workspace folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drqa.recipe import Recipe, load_recipe, parse_override
from drqa.workspace import Workspace


def load_plan(
    recipe: Path | None, sets: list[str] | None = None, flags: dict[str, Any] | None = None
) -> Recipe:
    """The recipe at ``recipe`` (or the defaults), with ``--set`` values, then flags, applied.

    ``flags`` maps dotted field paths to flag values; ``None`` means the flag was not given.
    """
    overrides: dict[str, Any] = {}
    for text in sets or []:
        path, value = parse_override(text)
        overrides[".".join(path)] = value
    overrides.update({k: v for k, v in (flags or {}).items() if v is not None})
    return load_recipe(recipe, overrides)


def open_workspace(path: Path | str | None, *, create: bool = False) -> Workspace:
    """The workspace a command works in; only commands that create data pass ``create=True``."""
    return Workspace.resolve(path, create=create)
