"""System failures as one line naming the root cause and what to do: a full disk, a permission
or read-only problem, a damaged catalog. Used by ``drqa``'s entry point for anything that is not
already a :class:`~drqa.errors.DrqaError`.

The cause is looked for along the whole exception chain, so ``No space left on device`` is named
even when a later ``Current transaction is aborted`` or failed rollback is what surfaced.
"""

from __future__ import annotations

import errno
import re

from drqa.errors import DrqaError
from drqa.exit_codes import DISK_FULL, NO_PERMISSION

_NO_SPACE = ("no space left on device", "disk full", "disk quota exceeded")
_PERMISSION = ("permission denied", "operation not permitted", "read-only file system")
_DAMAGED = (
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


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    while exc is not None and exc not in seen and len(seen) < 20:
        seen.append(exc)
        exc = exc.__cause__ or exc.__context__
    return seen


def _where(exc: BaseException) -> str:
    filename = getattr(exc, "filename", None)
    if filename:
        return str(filename)
    found = _PATH.search(str(exc))
    return found.group(1) if found else "the workspace"


def damaged_catalog(exc: BaseException) -> bool:
    """True when a DuckDB error in ``exc``'s chain says the database file cannot be read."""
    return any(
        type(item).__module__.startswith(("duckdb", "_duckdb"))
        and any(s in str(item).lower() for s in _DAMAGED)
        for item in _chain(exc)
    )


def disk_full(exc: BaseException) -> str | None:
    """Where the disk filled (a path, or "the workspace") when ``exc``'s chain says so, else None.
    A command that commits in steps catches this to say what it had already stored."""
    for item in _chain(exc):
        text = str(item).lower()
        code = getattr(item, "errno", None)
        if code in (errno.ENOSPC, errno.EDQUOT) or any(s in text for s in _NO_SPACE):
            return _where(item)
    return None


def explain(exc: BaseException) -> DrqaError | None:
    """A one-line ``DrqaError`` for a known system failure in ``exc``'s chain, else None."""
    chain = _chain(exc)
    where = disk_full(exc)
    if where is not None:
        return DrqaError(
            f"disk full: No space left on device (writing {where}); this command "
            "committed nothing: free space on that disk (df -h) and run it again",
            exit_code=DISK_FULL,
        )
    for item in chain:
        text = str(item).lower()
        code = getattr(item, "errno", None)
        if code == errno.EROFS or "read-only file system" in text:
            return DrqaError(
                f"read-only file system: cannot write {_where(item)}; use a workspace on a "
                "writable disk (--workspace DIR)",
                exit_code=NO_PERMISSION,
            )
        if code in (errno.EACCES, errno.EPERM) or any(s in text for s in _PERMISSION):
            reason = getattr(item, "strerror", None) or "permission denied"
            return DrqaError(
                f"permission denied: cannot write {_where(item)} ({reason}); fix its "
                "permissions or use a workspace you own (--workspace DIR)",
                exit_code=NO_PERMISSION,
            )
    for item in chain:
        text = str(item).lower()
        if type(item).__module__.startswith(("duckdb", "_duckdb")) and any(
            s in text for s in _DAMAGED
        ):
            from drqa.catalog import catalog_damaged

            return catalog_damaged(_where(item), str(item).splitlines()[0])
    return None
