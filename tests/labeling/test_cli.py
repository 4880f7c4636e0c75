"""drqa import-generations, label and report on a temporary workspace (real DuckDB, real pool)."""

from __future__ import annotations

import json

import duckdb
from typer.testing import CliRunner

from drqa.cli import app

ROWS = [
    {"id": "s1", "problem": "What is 3+4?", "gold": "7", "model": "m",
     "response": "3+4=7.</think>The answer is \\boxed{7}."},
    {"id": "s2", "problem": "What is 3*4?", "gold": "12", "model": "m",
     "response": "3*4=12, that's long thinking text.</think>\\boxed{12}"},
    {"id": "s3", "problem": "What is 2^10?", "gold": "1024", "model": "m",
     "response": "2^10 is 1024 ... still thinking"},
    {"id": "b1", "problems": ["What is 3+4?", "What is 3*4?"], "golds": ["7", "12"], "model": "m",
     "response": "Q1 7. Q2 12.</think>Question 1: \\boxed{7}\nQuestion 2: \\boxed{13}"},
    {"id": "bad", "problem": "No gold here", "model": "m", "response": "</think>\\boxed{1}"},
]  # fmt: skip


def _write_file(tmp_path):
    path = tmp_path / "gens.jsonl"
    lines = [json.dumps(row) for row in ROWS] + ["{not json"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _chains(ws):
    with duckdb.connect(str(ws / "catalog.duckdb"), read_only=True) as con:
        return con.execute(
            "SELECT c.position, c.batch_size, c.answer, c.split_status, c.verify_status, c.label, "
            "c.label_rule, c.needs_review, c.token_method, p.answer FROM chains c "
            "JOIN problems p USING (problem_id) ORDER BY c.batch_size, p.answer"
        ).fetchall()


def test_import_label_report(tmp_path):
    runner = CliRunner()
    ws = tmp_path / "ws"
    path = _write_file(tmp_path)
    result = runner.invoke(
        app, ["import-generations", str(path), "--workspace", str(ws), "--no-decontaminate"]
    )
    assert result.exit_code == 3, result.output  # two rows rejected: exit 3, as ingest
    assert "imported 4 new generations" in result.output
    assert "missing_gold=1" in result.output and "malformed_json=1" in result.output
    again = runner.invoke(
        app, ["import-generations", str(path), "--workspace", str(ws), "--no-decontaminate"]
    )
    assert "imported 0 new generations" in again.output

    result = runner.invoke(app, ["label", "--workspace", str(ws)])
    assert result.exit_code == 0, result.output
    assert "into 5 chains" in result.output
    rows = _chains(ws)
    by_key = {(r[1], r[9]): r for r in rows}
    assert by_key[(1, "7")][5] == "A" and by_key[(1, "12")][5] == "A"
    assert by_key[(1, "1024")][3:6] == ("truncated", "no_answer", "C")
    assert by_key[(2, "7")][5] == "B" and by_key[(2, "12")][2:6] == ("13", "ok", "incorrect", "C")
    assert {r[6] for r in rows} == {"paper@1"}
    assert {r[8] for r in rows} == {"approx:regex-pieces"}

    result = runner.invoke(app, ["label", "--workspace", str(ws)])
    assert "labelled 0 generations" in result.output
    result = runner.invoke(app, ["label", "--workspace", str(ws), "--rule", "strict-shorter"])
    assert result.exit_code == 0, result.output
    rows = {(r[1], r[9]): r for r in _chains(ws)}
    assert rows[(2, "7")][6] == "strict-shorter@1"
    assert rows[(2, "7")][5] == "B"  # the batched chain is shorter than the single one

    result = runner.invoke(app, ["report", "--workspace", str(ws)])
    assert result.exit_code == 0, result.output
    for name in ("tokens_by_batch_size_and_label", "single_vs_batched_tokens",
                 "accuracy_by_batch_size"):  # fmt: skip
        png = ws / "reports" / "labels" / f"{name}.png"
        assert png.read_bytes()[:4] == b"\x89PNG"
    assert "questions answered both alone and batched: 2" in result.output


def test_unknown_rule_is_one_line(tmp_path):
    from drqa.cli import main

    runner = CliRunner()
    ws = tmp_path / "ws"
    runner.invoke(
        app, ["import-generations", str(_write_file(tmp_path)), "-w", str(ws), "--no-decontaminate"]
    )
    result = runner.invoke(app, ["label", "-w", str(ws), "--rule", "nope"])
    assert result.exit_code != 0
    assert "rule" in str(result.exception) and "paper" in str(result.exception)
    assert main is not None


def test_report_without_chains_is_one_line(tmp_path):
    ws = tmp_path / "ws"
    runner = CliRunner()
    runner.invoke(
        app, ["import-generations", str(_write_file(tmp_path)), "-w", str(ws), "--no-decontaminate"]
    )
    result = runner.invoke(app, ["report", "-w", str(ws)])
    assert result.exit_code != 0 and "run `drqa label" in str(result.exception)


def test_help_of_every_command():
    runner = CliRunner()
    for command in ("label", "import-generations", "report"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "--workspace" in result.output
