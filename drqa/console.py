"""Terminal output shared by the commands: summary tables and one-line notices."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence

from rich.console import Console
from rich.table import Table

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def print_table(
    title: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    row_style: Callable[[Sequence[object]], str | None] | None = None,
    show_header: bool = True,
) -> None:
    """The one table printer of every command: a titled table, numbers right-aligned,
    ``None`` shown as ``-``; ``row_style(row)`` may colour a row (e.g. a failed check)."""
    table = Table(
        title=title,
        title_justify="left",
        show_edge=False,
        pad_edge=False,
        show_header=show_header,
    )
    rows = [list(r) for r in rows]
    needed = 0
    for index, name in enumerate(columns):
        numeric = rows and all(isinstance(r[index], int | float | None) for r in rows)
        cells = [_cell(r[index]) for r in rows]
        # ids, paths and numbers (no spaces) are never wrapped or cut; prose may wrap
        solid = all(" " not in cell for cell in cells)
        width = max([len(str(name)), *(len(cell) for cell in cells)])
        table.add_column(
            name, justify="right" if numeric else "left", no_wrap=solid,
            min_width=width if solid else None,
        )  # fmt: skip
        needed += (width if solid else min(width, 24)) + 3
    for row in rows:
        table.add_row(*(_cell(v) for v in row), style=row_style(row) if row_style else None)
    measured = console.measure(table, options=console.options.update_width(10_000)).minimum
    width = max(console.width, needed, measured)
    if width == console.width:
        console.print(table)
    else:  # wider than the terminal: the terminal wraps lines, nothing is cut
        wide = Console(highlight=False, soft_wrap=True, width=width, file=console.file)
        wide.print(table, crop=False)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return "-" if value is None else str(value)


@contextlib.contextmanager
def console_to_stderr() -> Iterator[None]:
    """Send the shared console's lines to stderr for a while (``--json`` keeps stdout for the
    JSON alone)."""
    import sys

    previous = console.file
    console.file = sys.stderr
    try:
        yield
    finally:
        console.file = previous
