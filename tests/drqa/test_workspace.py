"""The workspace catalog: migrations, versioned schema, one writer at a time, readers alongside."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from drqa.catalog import SCHEMA_VERSION, migrations
from drqa.errors import DrqaError, WorkspaceBusy
from drqa.workspace import Workspace


def test_new_workspace_gets_every_migration(tmp_path):
    ws = Workspace.resolve(tmp_path / "ws")
    assert ws.schema_version() == 0  # no catalog until the first write
    with ws.write("create"):
        pass
    assert ws.schema_version() == SCHEMA_VERSION == migrations()[-1][0]
    with ws.read() as con:
        tables = {row[0] for row in con.execute("SHOW TABLES").fetchall()}
    assert {"sources", "problems", "rejects", "runs", "requests", "generations", "chains"} <= tables


def test_migrations_apply_once(tmp_path):
    ws = Workspace.resolve(tmp_path)
    for _ in range(2):
        with ws.write("test"):
            pass
    with ws.read() as con:
        versions = [r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()]
    assert versions == sorted(set(versions)) == [v for v, _, _ in migrations()]


def test_env_variable_chooses_the_workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("DRQA_WORKSPACE", str(tmp_path / "from-env"))
    assert Workspace.resolve().root == (tmp_path / "from-env").resolve()


def test_missing_workspace_is_one_clear_error(tmp_path):
    with pytest.raises(DrqaError, match="no drqa workspace"):
        Workspace.resolve(tmp_path / "nothing-here", create=False)


def test_second_writer_gets_one_line_naming_the_holder(tmp_path):
    ws = Workspace.resolve(tmp_path)
    with (
        ws.write("drqa ingest big.jsonl"),
        pytest.raises(WorkspaceBusy, match=r"drqa ingest big.jsonl.*pid"),
        ws.write("another writer"),
    ):
        pass


def test_a_writer_in_another_process_is_refused_and_the_catalog_survives(tmp_path):
    ws = Workspace.resolve(tmp_path)
    with ws.write("setup") as con:
        con.execute("INSERT INTO runs VALUES ('run-1', 'n', '{}', now())")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import time
            from drqa.workspace import Workspace
            ws = Workspace.resolve({str(tmp_path)!r})
            with ws.write("holder process"):
                print("locked", flush=True)
                time.sleep(3)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(WorkspaceBusy, match="holder process"), ws.write("second"):
            pass
    finally:
        holder.wait(timeout=30)
    with ws.read() as con:  # the catalog is intact and readable afterwards
        assert con.execute("SELECT count(*) FROM runs").fetchall()[0][0] == 1


def test_reader_waits_for_a_short_writer(tmp_path):
    ws = Workspace.resolve(tmp_path)
    with ws.write("setup"):
        pass
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import time
            from drqa.workspace import Workspace
            ws = Workspace.resolve({str(tmp_path)!r})
            with ws.write("short write") as con:
                print("open", flush=True)
                time.sleep(1.5)
                con.execute("INSERT INTO runs VALUES ('run-2', 'n', '{{}}', now())")
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout.readline().strip() == "open"
    with ws.read(wait_s=30) as con:  # blocks until the writer closes, then sees its row
        count = con.execute("SELECT count(*) FROM runs").fetchall()[0][0]
    writer.wait(timeout=30)
    assert count == 1
