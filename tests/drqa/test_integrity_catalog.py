"""A damaged catalog (truncated to half or to 4 KB, zero-length, garbled) is one line naming the
path and what to do, exit 2, on any command: never a DuckDB traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from drqa.errors import DrqaError
from drqa.workspace import Workspace

DRQA = [sys.executable, "-c", "from drqa.cli import main; main()"]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> Path:
    """A real catalog of several blocks (every migration plus a table of 200k rows)."""
    ws = Workspace(tmp_path_factory.mktemp("ws"))
    with ws.write("test") as con:
        con.execute("CREATE TABLE filler AS SELECT range AS i, md5(range::VARCHAR) AS h "
                    "FROM range(200000)")  # fmt: skip
        con.execute("CHECKPOINT")
    assert ws.catalog_path.stat().st_size > 4 * 262144
    return ws.catalog_path


def _damaged(catalog: Path, tmp_path: Path, how: str) -> Path:
    folder = tmp_path / f"ws-{how}"
    folder.mkdir()
    data = catalog.read_bytes()
    cut = {"half": data[: len(data) // 2], "4k": data[:4096], "zero": b"",
           "garbled": data[:4096] + os.urandom(len(data) - 4096)}[how]  # fmt: skip
    (folder / "catalog.duckdb").write_bytes(cut)
    return folder


@pytest.mark.parametrize("how", ["half", "4k", "zero", "garbled"])
def test_damaged_catalog_is_one_line_with_the_path_exit_2(catalog, tmp_path, how):
    folder = _damaged(catalog, tmp_path, how)
    with pytest.raises(DrqaError) as caught, Workspace(folder).read() as con:
        con.execute("SELECT count(*) FROM filler").fetchall()
    message = str(caught.value)
    assert caught.value.exit_code == 2 and "\n" not in message
    assert "catalog is damaged" in message and str(folder / "catalog.duckdb") in message
    assert "backup" in message


@pytest.mark.parametrize("how", ["half", "4k"])
def test_every_command_says_so_through_the_entry_point(catalog, tmp_path, how):
    folder = _damaged(catalog, tmp_path, how)
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    for command in (["rejects"], ["runs"]):
        done = subprocess.run([*DRQA, *command, "-w", str(folder)], env=env,
                              capture_output=True, text=True, timeout=120)  # fmt: skip
        lines = done.stderr.strip().splitlines()
        assert done.returncode == 2 and len(lines) == 1, done.stderr[-3000:]
        assert "Traceback" not in done.stderr and "catalog is damaged" in lines[0]


def test_an_intact_catalog_still_opens(catalog):
    with Workspace(catalog.parent).read() as con:
        assert con.execute("SELECT count(*) FROM filler").fetchall() == [(200000,)]
