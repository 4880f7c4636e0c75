"""System failures as one line naming the root cause and what to do: a full disk, a permission
or read-only problem, a damaged catalog. Used by ``drqa``'s entry point for anything that is not
already a :class:`~drqa.errors.DrqaError`.

The cause is looked for along the whole exception chain, so ``No space left on device`` is named
even when a later ``Current transaction is aborted`` or failed rollback is what surfaced.
"""

from __future__ import annotations

import errno

from drqa.errors import DrqaError
from drqa.exit_codes import DISK_FULL, NO_PERMISSION
from drqa.system_failures import DAMAGED_MARKERS, PERMISSION_MARKERS, chain_of, disk_full, where_of


def explain(exc: BaseException) -> DrqaError | None:
    """A one-line ``DrqaError`` for a known system failure in ``exc``'s chain, else None."""
    chain = chain_of(exc)
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
                f"read-only file system: cannot write {where_of(item)}; use a workspace on a "
                "writable disk (--workspace DIR)",
                exit_code=NO_PERMISSION,
            )
        if code in (errno.EACCES, errno.EPERM) or any(s in text for s in PERMISSION_MARKERS):
            reason = getattr(item, "strerror", None) or "permission denied"
            return DrqaError(
                f"permission denied: cannot write {where_of(item)} ({reason}); fix its "
                "permissions or use a workspace you own (--workspace DIR)",
                exit_code=NO_PERMISSION,
            )
    for item in chain:
        text = str(item).lower()
        if type(item).__module__.startswith(("duckdb", "_duckdb")) and any(
            s in text for s in DAMAGED_MARKERS
        ):
            from drqa.catalog import catalog_damaged

            return catalog_damaged(where_of(item), str(item).splitlines()[0])
    return None
