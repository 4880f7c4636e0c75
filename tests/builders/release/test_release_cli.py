"""The check, release, diff and publish commands (typer CliRunner over drqa.cli.app)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from drqa.cli import app
from tests.builders.conftest import release_sql

runner = CliRunner()


@pytest.mark.parametrize("command", ["check", "release", "diff", "publish"])
def test_every_command_has_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_check_table_json_and_exit_status(release_ws):
    ok = runner.invoke(app, ["check", "--workspace", str(release_ws.root)])
    assert ok.exit_code == 0, ok.output
    assert "unique chain_id" in ok.output and "gate passed" in ok.output
    release_sql(
        release_ws,
        "UPDATE chains SET label='B' WHERE chain_id=(SELECT min(chain_id) "
        "FROM chains WHERE label='A')",
    )
    bad = runner.invoke(app, ["check", "-w", str(release_ws.root), "--json"])
    assert bad.exit_code == 1
    summary = json.loads(bad.output)
    assert summary["failed"] == ["every B from batch size >= 2"]


def test_release_diff_and_publish_commands(release_ws, tmp_path):
    ws = str(release_ws.root)
    first = runner.invoke(app, ["release", "1.0.0", "-w", ws])
    assert first.exit_code == 0, first.output
    assert "release 1.0.0 written to" in first.output
    release_sql(
        release_ws,
        "UPDATE chains SET label='C', label_rule='abc-rules@2' WHERE "
        "chain_id=(SELECT min(chain_id) FROM chains WHERE label='A')",
    )
    assert runner.invoke(app, ["release", "1.1.0", "-w", ws]).exit_code == 0
    table = runner.invoke(app, ["diff", "1.0.0", "1.1.0", "-w", ws])
    assert table.exit_code == 0 and "rule change" in table.output
    as_json = json.loads(runner.invoke(app, ["diff", "1.0.0", "1.1.0", "-w", ws, "--json"]).output)
    assert as_json["totals"] == {"added": 0, "removed": 0, "relabelled": 1, "rewritten": 0}
    assert as_json["rows"][0]["cause"] == "rule change"
    out = tmp_path / "out"
    published = runner.invoke(app, ["publish", "1.1.0", "--to", str(out), "-w", ws])
    assert published.exit_code == 0, published.output
    assert (out / "manifest.json").is_file()


def _drqa(*args: str) -> subprocess.CompletedProcess:
    code = "from drqa.cli import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)


def test_bad_input_is_one_line_on_stderr(release_ws, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    cases = [
        (["release", "1.0.0", "-w", str(empty)], "no drqa workspace"),
        (["release", "1.0", "-w", str(release_ws.root)], "not a semantic version"),
        (["diff", "1.0.0", "2.0.0", "-w", str(release_ws.root)], "no release 1.0.0"),
        (["publish", "1.0.0", "-w", str(release_ws.root)], "exactly one of --repo"),
    ]
    for args, expected in cases:
        result = _drqa(*args)
        assert result.returncode == 2, (args, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and expected in lines[0]
    assert not (release_ws.releases_dir / "1.0").exists()
