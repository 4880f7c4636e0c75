"""Crash consistency of releases: the catalog row and the folder become visible together.

:func:`commit_release` is the one commit sequence ``make_release`` uses:

1. one transaction: the ``releases`` / ``release_chains`` rows and a ``release_pending`` row;
2. rename the staged folder to ``releases/<version>``;
3. delete the ``release_pending`` row.

A process killed anywhere leaves a state :func:`reconcile_releases` repairs on the next
``drqa release`` or ``drqa publish``: a pending release whose folder holds the recorded manifest
is completed; one whose folder never appeared is rolled back (rows deleted, staging removed);
a ``releases/<version>`` folder with no catalog row is moved aside (``.orphan-<version>-...``) so
it cannot be published or block the version; staging folders of dead processes are removed.

``DRQA_CRASH_AT=<point>`` kills the process with SIGKILL at that point (tests only).
"""

from __future__ import annotations

import os
import shutil
import signal
import uuid
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from drqa.builders.release.manifest import MANIFEST, file_sha256
from drqa.catalog import rollback
from drqa.console import err_console
from drqa.workspace import Workspace

CRASH_ENV = "DRQA_CRASH_AT"
CRASH_POINTS = ("release:after-pending", "release:after-rename")
STAGING_PREFIX = ".staging-"
ORPHAN_PREFIX = ".orphan-"


def crash_point(name: str) -> None:
    """SIGKILL this process when ``$DRQA_CRASH_AT`` names this point (a test hook)."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def staging_folder(workspace: Workspace, version: str) -> Path:
    """A new staging folder name that records the writing process (for stale cleanup)."""
    return (
        workspace.releases_dir / f"{STAGING_PREFIX}{version}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    )


def commit_release(con, workspace: Workspace, version: str, staging: Path, target: Path,
                   manifest_sha: str, insert_rows) -> None:  # fmt: skip
    """Make release ``version`` visible: rows + pending marker, rename, drop the marker.

    ``con`` holds the workspace's write lock; ``insert_rows(con)`` inserts the release's rows.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        insert_rows(con)
        con.execute(
            "INSERT INTO release_pending VALUES (?, ?, ?, ?)",
            [version, staging.relative_to(workspace.root).as_posix(), manifest_sha, _now()],
        )
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise
    crash_point("release:after-pending")
    try:
        os.rename(staging, target)
    except BaseException:
        _roll_back(con, version)
        raise
    crash_point("release:after-rename")
    con.execute("DELETE FROM release_pending WHERE version = ?", [version])


def reconcile_releases(workspace: Workspace) -> list[str]:
    """Repair what an interrupted ``drqa release`` left; return (and print) one line per fix."""
    if not workspace.catalog_path.exists() or not _needs_repair(workspace):
        return []
    notes: list[str] = []
    with workspace.write("reconcile interrupted releases", wait_s=30.0) as con:
        pending = con.execute(
            "SELECT version, staging, manifest_sha256 FROM release_pending ORDER BY version"
        ).fetchall()
        for version, staging, manifest_sha in pending:
            notes.append(_finish_pending(con, workspace, version, staging, manifest_sha))
        known = {v for (v,) in con.execute("SELECT version FROM releases").fetchall()}
        if workspace.releases_dir.is_dir():
            for folder in sorted(workspace.releases_dir.iterdir()):
                note = _tidy_folder(folder, known)
                if note:
                    notes.append(note)
    for note in notes:
        err_console.print(f"[yellow]note:[/yellow] {note}")
    return notes


def _needs_repair(workspace: Workspace) -> bool:
    """Whether anything is left to repair, seen without the writer lock (the usual case: nothing;
    what the lock-holding pass would find, as seen just before a concurrent release began)."""
    try:
        with workspace.read() as con:
            if con.execute("SELECT count(*) FROM release_pending").fetchone()[0]:
                return True
            known = {v for (v,) in con.execute("SELECT version FROM releases").fetchall()}
    except duckdb.Error:  # a catalog before these tables: the migrating pass decides
        return True
    if not workspace.releases_dir.is_dir():
        return False
    for folder in workspace.releases_dir.iterdir():
        name = folder.name
        if not folder.is_dir():
            continue
        if name.startswith(STAGING_PREFIX) and not _writer_alive(name):
            return True
        if not name.startswith(".") and name not in known:
            return True
    return False


def _finish_pending(con, workspace: Workspace, version: str, staging: str, sha: str) -> str:
    target = workspace.releases_dir / version
    manifest = target / MANIFEST
    if manifest.is_file() and file_sha256(manifest) == sha:
        con.execute("DELETE FROM release_pending WHERE version = ?", [version])
        return f"release {version} was interrupted after its folder was written: completed it"
    _roll_back(con, version)
    shutil.rmtree(workspace.root / staging, ignore_errors=True)
    return (
        f"release {version} was interrupted before its folder was in place: rolled it back; "
        f"run `drqa release {version}` again"
    )


def _roll_back(con, version: str) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        for table in ("release_chains", "releases", "release_pending"):
            con.execute(f"DELETE FROM {table} WHERE version = ?", [version])
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise


def _tidy_folder(folder: Path, known: set[str]) -> str | None:
    name = folder.name
    if not folder.is_dir():
        return None
    if name.startswith(STAGING_PREFIX):
        if _writer_alive(name):
            return None
        shutil.rmtree(folder, ignore_errors=True)
        return f"removed {folder}, left by an interrupted release"
    if name.startswith(".") or name in known:
        return None
    aside = folder.with_name(f"{ORPHAN_PREFIX}{name}-{uuid.uuid4().hex[:8]}")
    os.rename(folder, aside)
    return (
        f"release folder {folder} has no catalog record (an interrupted or copied release): "
        f"moved it to {aside}; it cannot be published; run `drqa release {name}` again"
    )


def _writer_alive(name: str) -> bool:
    """Whether the process that named this staging folder is still running."""
    parts = name.rsplit("-", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return False  # older naming: no live writer can be identified
    pid = int(parts[1])
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
