"""Options shared by every command, defined once, and the table that maps flags to recipe fields.

``--workspace``, ``--recipe`` and ``--set`` are accepted both before the command (``drqa -w W
label``, resolved once by the root callback) and after it (``drqa label -w W``); the command's own
value wins. A flag that mirrors a recipe field is declared once in the command's signature with
default ``None`` and mapped to its field path in one :class:`FlagTable`; its default lives only in
the config model and its help comes from the field's description.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.models import OptionInfo

WorkspaceOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option(
        "--workspace",
        "-w",
        help="Workspace folder (else $DRQA_WORKSPACE, else ./drqa-workspace).",
        show_default=False,
    ),
]

RecipeOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--recipe", "-r", help="YAML recipe; flags given on the command line override it."
    ),
]

SetOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--set",
        help="Override any recipe field: section.field=value (repeatable).",
        show_default=False,
    ),
]

JsonOption = Annotated[
    bool, typer.Option("--json", help="Print machine-readable JSON instead of a table.")
]

ProgressOption = Annotated[
    bool,
    typer.Option("--progress/--no-progress", help="Show progress bars (--no-progress for logs)."),
]

BENCHMARKS_DIR_HELP = (
    "Folder of <benchmark>.jsonl files (offline); the suites found there are the ones checked."
)
BenchmarksDirOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--benchmarks-dir", help=BENCHMARKS_DIR_HELP, show_default=False),
]
# the spelling before one vocabulary (ingest, decontaminate, import-generations): still accepted
OldBenchmarkDirOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--benchmark-dir", hidden=True, help="Deprecated: --benchmarks-dir."),
]


def pick_benchmarks_dir(new: Path | None, old: Path | None) -> Path | None:
    """``--benchmarks-dir``, else the deprecated ``--benchmark-dir`` (with a one-line note)."""
    if old is not None and new is None:
        typer.secho("note: --benchmark-dir is now spelled --benchmarks-dir", err=True)
        return old
    return new


class FlagTable:
    """The flags of one command that mirror recipe fields: parameter name -> dotted field path.

    Used as a decorator on the command, it checks every mapped flag defaults to ``None`` (defaults
    live in the config models) and fills a missing help text from the field's description.
    ``values(locals())`` gives the flags that were given, as overrides for ``load_plan``.
    """

    def __init__(
        self, fields: dict[str, str], convert: dict[str, Callable[[Any], Any]] | None = None
    ) -> None:
        self.fields = dict(fields)
        self.convert = dict(convert or {})
        self.names: dict[str, str] = {name: "--" + name.replace("_", "-") for name in fields}

    def __call__(self, command: Callable) -> Callable:
        from drqa.recipe import field_info

        signature = inspect.signature(command, eval_str=True)
        missing = set(self.fields) - set(signature.parameters)
        if missing:
            raise TypeError(f"{command.__name__}: FlagTable names unknown flags {sorted(missing)}")
        params = []
        for param in signature.parameters.values():
            path = self.fields.get(param.name)
            if path is not None:
                if param.default is not None:
                    raise TypeError(f"{command.__name__} --{param.name}: default must be None")
                description = field_info(path).description
                for info in typing.get_args(param.annotation)[1:]:
                    if isinstance(info, OptionInfo):
                        if isinstance(info.default, str) and info.default.startswith("-"):
                            self.names[param.name] = info.default
                        if info.help is None and description:
                            info.help = description
                        info.show_default = False
            params.append(param)
        command.__signature__ = signature.replace(parameters=params)
        return command

    def values(self, given: dict[str, Any]) -> list:
        """Overrides for the flags in ``given`` (a command's ``locals()``) that are not None."""
        from drqa.recipe import Override

        found = []
        for name, path in self.fields.items():
            value = given.get(name)
            if value is None:
                continue
            if name in self.convert:
                value = self.convert[name](value)
            found.append(Override(tuple(path.split(".")), value, self.names[name]))
        return found


def comma_ints(text: str) -> list[int]:
    """``"1,2,3"`` -> ``[1, 2, 3]`` (a one-line error for anything else)."""
    from drqa.errors import DrqaError

    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise DrqaError(f"{text!r}: expected comma-separated integers, e.g. 1,2,3,5") from None
