"""An ingest that takes nothing in leaves no empty workspace behind; an existing one is kept."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from drqa.cli import app
from drqa.errors import DrqaError


def _ingest(source, workspace):
    return CliRunner().invoke(
        app, ["ingest", str(source), "--no-decontaminate", "--workspace", str(workspace)]
    )


def test_failed_first_ingest_removes_the_workspace_it_created(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    result = _ingest(empty, tmp_path / "ws")
    assert isinstance(result.exception, DrqaError)  # the CLI prints it in one line, exit 2
    assert "holds no rows" in str(result.exception)
    assert not (tmp_path / "ws").exists()


def test_failed_ingest_into_an_existing_workspace_keeps_it(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"problem": "What is 2 + 3?", "answer": "5"}) + "\n")
    assert _ingest(good, tmp_path / "ws").exit_code == 0
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert isinstance(_ingest(empty, tmp_path / "ws").exception, DrqaError)
    assert (tmp_path / "ws" / "catalog.duckdb").is_file()
