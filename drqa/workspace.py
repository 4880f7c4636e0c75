"""A workspace: one folder holding the DuckDB catalog, raw generation chunks, releases and reports.

Chosen by ``--workspace``, else ``DRQA_WORKSPACE``, else ``./drqa-workspace``. Nothing global.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from drqa.catalog import catalog_damaged, migrate, open_catalog, schema_version
from drqa.errors import DrqaError, WorkspaceBusy
from drqa.system_failures import damaged_catalog

DEFAULT_WORKSPACE = "drqa-workspace"
ENV_WORKSPACE = "DRQA_WORKSPACE"


@dataclass(frozen=True)
class Workspace:
    """Paths and catalog access for one workspace folder."""

    root: Path

    @classmethod
    def resolve(
        cls, path: str | os.PathLike[str] | None = None, *, create: bool = True
    ) -> Workspace:
        """The workspace at ``path``, ``$DRQA_WORKSPACE`` or ``./drqa-workspace``."""
        chosen = chosen_folder(path)
        if chosen.exists() and not chosen.is_dir():
            raise DrqaError(
                f"workspace {chosen} exists and is not a folder; pick another --workspace"
            )
        if create:
            chosen.mkdir(parents=True, exist_ok=True)
        elif not (chosen / "catalog.duckdb").exists():
            raise DrqaError(
                f"no drqa workspace at {chosen.resolve()}: run `drqa ingest` there first, "
                "or pass --workspace / set DRQA_WORKSPACE"
            )
        return cls(chosen.resolve())

    # -- paths ------------------------------------------------------------------------------
    @property
    def catalog_path(self) -> Path:
        return self.root / "catalog.duckdb"

    @property
    def raw_dir(self) -> Path:
        """Append-only raw generation chunks, one folder per run and shard."""
        return self.root / "raw"

    @property
    def releases_dir(self) -> Path:
        return self.root / "releases"

    @property
    def reports_dir(self) -> Path:
        return self.root / "reports"

    @property
    def tmp_dir(self) -> Path:
        return self.root / "tmp"

    # -- catalog ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def read(self, wait_s: float = 30.0) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only catalog connection (waits while a writer holds it briefly)."""
        if not self.catalog_path.exists():
            with self.write("create the catalog", wait_s=wait_s):
                pass
        con = open_catalog(self.catalog_path, read_only=True, wait_s=wait_s)
        try:
            yield con
        except duckdb.Error as exc:
            self._raise_if_damaged(exc)
            raise
        finally:
            con.close()

    @contextlib.contextmanager
    def write(self, purpose: str, *, wait_s: float = 0.0) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write catalog connection, with the schema migrated.

        One writer at a time: a second writer gets a one-line ``WorkspaceBusy`` naming the holder,
        after waiting up to ``wait_s`` seconds (internal checkpoints wait; user commands do not).
        """
        with self.writer_lock(purpose, wait_s=wait_s):
            con = open_catalog(self.catalog_path, read_only=False, wait_s=max(wait_s, 30.0))
            try:
                migrate(con)
                yield con
            except duckdb.Error as exc:
                self._raise_if_damaged(exc)
                raise
            finally:
                con.close()

    @contextlib.contextmanager
    def writer_lock(self, purpose: str, *, wait_s: float = 0.0) -> Iterator[None]:
        """Hold the workspace's writer lock (an advisory ``flock`` on ``.writer.lock``)."""
        self.root.mkdir(parents=True, exist_ok=True)
        lock_path = self.root / ".writer.lock"
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait_s
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        holder = _read_holder(lock_path)
                        raise WorkspaceBusy(
                            f"workspace {self.root} is being written by {holder}; "
                            "wait for it to finish (or use another --workspace)"
                        ) from None
                    time.sleep(0.05)
            holder = {"pid": os.getpid(), "purpose": purpose, "since": time.strftime("%H:%M:%S")}
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(holder).encode(), 0)
            yield
        finally:
            os.close(fd)  # closing releases the flock

    def _raise_if_damaged(self, exc: duckdb.Error) -> None:
        """A short read or bad checksum of the catalog file (truncated, damaged) becomes one
        ``damaged`` line (exit 2); the caller re-raises any other DuckDB error unchanged."""
        if damaged_catalog(exc):
            raise catalog_damaged(self.catalog_path, str(exc).splitlines()[0]) from exc

    def schema_version(self) -> int:
        """The catalog's schema version (0 when it does not exist yet)."""
        if not self.catalog_path.exists():
            return 0
        with self.read() as con:
            return schema_version(con)


def chosen_folder(path: str | os.PathLike[str] | None = None) -> Path:
    """The folder a workspace lives in: ``path``, else ``$DRQA_WORKSPACE``, else
    ``./drqa-workspace`` (not created, not checked)."""
    return Path(path or os.environ.get(ENV_WORKSPACE) or DEFAULT_WORKSPACE).expanduser()


def open_workspace(
    ws: Workspace | str | os.PathLike[str] | None = None, *, create: bool = False
) -> Workspace:
    """The one workspace rule: ``ws`` itself when it is a :class:`Workspace`, else the folder
    resolved by :meth:`Workspace.resolve`. Only stages that create data (ingest, importing
    generations, the quickstart) pass ``create=True``; everything else gets a one-line
    ``DrqaError`` for a missing workspace, and nothing is created.
    """
    if isinstance(ws, Workspace):
        return ws
    return Workspace.resolve(ws, create=create)


def _read_holder(lock_path: Path) -> str:
    try:
        info = json.loads(lock_path.read_text() or "{}")
        return f"`{info['purpose']}` (pid {info['pid']}, since {info['since']})"
    except (OSError, ValueError, KeyError):
        return "another drqa process"
