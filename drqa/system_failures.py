"""Recognising system failures along an exception's chain (core: the workspace and stages use
it; :mod:`drqa.root_cause` turns them into the entry point's one-line errors).

A full disk or a damaged DuckDB file is named even when a later ``Current transaction is
aborted`` or failed rollback is what surfaced.
"""

from __future__ import annotations

import errno
import re

NO_SPACE_MARKERS = ("no space left on device", "disk full", "disk quota exceeded")
PERMISSION_MARKERS = ("permission denied", "operation not permitted", "read-only file system")
DAMAGED_MARKERS = (
    "not a valid duckdb database",
    "corrupt",
    "checksum",
    "serialization error",
    "failed to read database header",
    "invalid magic",
    "could not read enough bytes",
    "block checksum",
    "invalid block",
    "database file is truncated",
)
_PATH = re.compile(r"""["']?(/[^"'\s:]+)["']?""")


def chain_of(exc: BaseException) -> list[BaseException]:
    """``exc`` and its causes/contexts (at most 20, no loops)."""
    seen: list[BaseException] = []
    while exc is not None and exc not in seen and len(seen) < 20:
        seen.append(exc)
        exc = exc.__cause__ or exc.__context__
    return seen


def where_of(exc: BaseException) -> str:
    """The file an error names (its ``filename`` or a path in its text), else "the workspace"."""
    filename = getattr(exc, "filename", None)
    if filename:
        return str(filename)
    found = _PATH.search(str(exc))
    return found.group(1) if found else "the workspace"


def damaged_catalog(exc: BaseException) -> bool:
    """True when a DuckDB error in ``exc``'s chain says the database file cannot be read."""
    return any(
        type(item).__module__.startswith(("duckdb", "_duckdb"))
        and any(s in str(item).lower() for s in DAMAGED_MARKERS)
        for item in chain_of(exc)
    )


def disk_full(exc: BaseException) -> str | None:
    """Where the disk filled (a path, or "the workspace") when ``exc``'s chain says so, else None.
    A command that commits in steps catches this to say what it had already stored."""
    for item in chain_of(exc):
        text = str(item).lower()
        code = getattr(item, "errno", None)
        if code in (errno.ENOSPC, errno.EDQUOT) or any(s in text for s in NO_SPACE_MARKERS):
            return where_of(item)
    return None
