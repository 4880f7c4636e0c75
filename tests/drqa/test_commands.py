"""Every command answers --help; drqa env reports versions without importing torch."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from drqa.cli import app

runner = CliRunner()


def _commands(group) -> list[list[str]]:
    import typer.main

    click_group = typer.main.get_command(group)
    found = []

    def walk(command, prefix):
        found.append(prefix)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*prefix, name])

    walk(click_group, [])
    return found


@pytest.mark.parametrize("path", _commands(app), ids=lambda p: " ".join(p) or "drqa")
def test_every_command_has_help(path):
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_expected_commands_exist():
    names = {" ".join(p) for p in _commands(app)}
    assert {
        "env",
        "quickstart",
        "ingest",
        "rejects",
        "compose",
        "generate",
        "merge",
        "runs",
    } <= names


def test_import_drqa_is_light():
    heavy = "('torch', 'transformers', 'vllm', 'argilla')"
    code = f"import sys, drqa, drqa.cli; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_env_json(tmp_path):
    result = runner.invoke(
        app, ["env", "--json", "--workspace", str(tmp_path)], catch_exceptions=False
    )
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["packages"]["duckdb"]
    assert set(report["backends"]) == {"transformers", "openai", "vllm"}


def test_errors_are_one_line_without_traceback(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "drqa.cli",
            "ingest",
            str(tmp_path / "missing.jsonl"),
            "--workspace",
            str(tmp_path / "ws"),
            "--no-decontaminate",
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert "missing.jsonl does not exist" in proc.stderr
    assert "Traceback" not in proc.stderr
