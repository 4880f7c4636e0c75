"""The workspace's embedded DuckDB catalog: connections, a versioned schema and its migrations.

Migrations are the ``NNNN_name.sql`` files in ``drqa/migrations``, applied in order, each once,
recorded in ``schema_migrations``. A later issue adds a table by adding the next file.
"""

from __future__ import annotations

import contextlib
import time
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

import duckdb

from drqa.errors import DrqaError, WorkspaceBusy

_HEADER_BYTES = 3 * 4096  # DuckDB's file header and its two database headers, then the blocks
_LOCK_MARKERS = ("Could not set lock", "Conflicting lock", "database is locked")


def migrations() -> list[tuple[int, str, str]]:
    """All shipped migrations as ``(version, name, sql)``, in order."""
    folder = resources.files("drqa") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql") and entry.name[:4].isdigit():
            found.append((int(entry.name[:4]), entry.name[5:-4], entry.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = max((v for v, _, _ in migrations()), default=0)


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations this catalog has not seen yet; return the versions applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, sql in migrations():
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                [version, name, datetime.now(timezone.utc).replace(tzinfo=None)],
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The newest migration applied to this catalog (0 for an empty one)."""
    try:
        rows = con.execute("SELECT max(version) FROM schema_migrations").fetchall()
    except duckdb.CatalogException:
        return 0
    return int(rows[0][0] or 0)


def open_catalog(path: Path, *, read_only: bool, wait_s: float = 30.0) -> duckdb.DuckDBPyConnection:
    """Open the catalog, retrying while another process holds DuckDB's file lock.

    Writers keep the file open only for short transactions, so a reader waits at most ``wait_s``.
    """
    deadline = time.monotonic() + wait_s
    delay = 0.05
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if not any(marker in str(exc) for marker in _LOCK_MARKERS):
                raise _classified(path, exc) from exc
            if time.monotonic() >= deadline:
                raise WorkspaceBusy(
                    f"catalog {path} is locked by another process for more than {wait_s:.0f}s; "
                    "wait for it to finish and try again"
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
            continue
        except duckdb.Error as exc:
            raise _classified(path, exc) from exc
        try:
            _check_blocks(con, Path(path))
        except BaseException:
            con.close()
            raise
        return con


_CHECKED: dict[str, tuple[int, int]] = {}  # path -> (size, mtime_ns) already found whole


def _check_blocks(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """A catalog cut short (a truncated copy, a full disk) opens fine and fails later, mid-
    command, on the first block past its end: check once per file state that the file holds
    every block its tables use (~30 ms; DuckDB trims free blocks at the end, so only blocks in
    use count)."""
    try:
        stat = path.stat()
    except OSError:
        return
    state = (stat.st_size, stat.st_mtime_ns)
    if _CHECKED.get(str(path)) == state:
        return
    try:
        tables = [row[0] for row in con.execute(
            "SELECT table_name FROM duckdb_tables() "
            "WHERE database_name = current_database() AND NOT temporary"
        ).fetchall()]  # fmt: skip
        if tables:
            parts = " UNION ALL ".join(
                "SELECT max(block_id) AS b FROM pragma_storage_info('{}') WHERE persistent".format(
                    name.replace("'", "''")
                )
                for name in tables
            )
            last = con.execute(f"SELECT max(b) FROM ({parts})").fetchall()[0][0]
            size = con.execute("SELECT block_size FROM pragma_database_size() "
                               "WHERE database_name = current_database()").fetchall()  # fmt: skip
            if last is not None and size:
                needed = _HEADER_BYTES + (int(last) + 1) * int(size[0][0])
                if stat.st_size < needed:
                    raise catalog_damaged(
                        path, f"the file holds {stat.st_size:,} bytes; its tables use {needed:,}"
                    )
    except duckdb.Error as exc:
        raise _classified(path, exc) from exc
    _CHECKED[str(path)] = state


def catalog_damaged(path: Path | str, detail: str) -> DrqaError:
    """The one-line error for a catalog DuckDB cannot read (exit 2): the path and what to do."""
    return DrqaError(
        f"the catalog is damaged or not a drqa catalog: {path} ({detail[:200]}); restore it "
        "from a backup copy, or move it aside (mv catalog.duckdb catalog.duckdb.damaged) and "
        "rebuild: `drqa ingest` the sources again and `drqa merge` each run (raw generations "
        "are kept in raw/)",
        exit_code=2,
    )


def _classified(path: Path, exc: Exception) -> Exception:
    """A disk-full or permission error as it is (the root-cause rules name it); anything else
    DuckDB cannot read at open time is a damaged catalog."""
    text = str(exc).lower()
    if any(s in text for s in ("no space left", "disk quota", "permission denied", "read-only")):
        return exc
    return catalog_damaged(path, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)


def fetch_frame(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):
    """Run ``sql`` and return the result as a Polars frame (Arrow, no copy)."""
    import polars as pl

    return pl.from_arrow(con.sql(sql, params=params or None).to_arrow_table())


def insert_frame(
    con: duckdb.DuckDBPyConnection, table: str, frame, columns: str, *, skip_existing: bool = True
) -> None:
    """``INSERT INTO table SELECT columns FROM frame`` through Arrow (no copy).

    ``columns`` is the select list in the table's column order (expressions allowed);
    ``skip_existing`` adds ``ON CONFLICT DO NOTHING`` (tables with a primary key).
    """
    view = f"_new_{table}"
    conflict = " ON CONFLICT DO NOTHING" if skip_existing else ""
    con.register(view, frame.to_arrow())
    try:
        con.execute(f"INSERT INTO {table} SELECT {columns} FROM {view}{conflict}")
    finally:
        con.unregister(view)


def rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back the open transaction; a failed COMMIT has already ended it, so a "no
    transaction is active" error is ignored and the original error is the one raised."""
    with contextlib.suppress(duckdb.TransactionException):
        con.execute("ROLLBACK")


def run_sql(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> None:
    """Execute one statement and finish its result (duckdb 2.0 blocks on unfinished ones)."""
    result = con.execute(sql, params) if params is not None else con.execute(sql)
    result.fetchall()
