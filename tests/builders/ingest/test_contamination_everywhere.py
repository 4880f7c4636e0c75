"""Issue 12, item 1: every way in decontaminates with the same code, and "never checked" fails
the gate instead of counting as clean."""

from __future__ import annotations

import json

from drqa.builders.ingest.config import DecontaminationConfig, IngestConfig, SourceConfig
from drqa.builders.ingest.contamination import decontaminate_workspace
from drqa.builders.ingest.pipeline import ingest_source
from drqa.builders.release.gate import run_gate
from drqa.builders.release.gate_suite import CONTAMINATION_CHECKED
from drqa.labeling.importer import import_generations
from drqa.testing.synthetic_release import write_synthetic_corpus
from drqa.workspace import Workspace
from tests.builders.conftest import release_sql


def _traces(shared_data, n: int) -> list[dict]:
    rows = []
    with (shared_data / "traces" / "reasoning_traces.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["benchmark"] in ("gsm8k", "math500") and record["gold"]:
                rows.append(record)
            if len(rows) == n:
                break
    return rows


def test_import_generations_decontaminates_like_ingest(shared_data, tmp_path):
    rows = _traces(shared_data, 40)
    traces = tmp_path / "traces.jsonl"
    traces.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    settings = DecontaminationConfig(benchmark_dir=str(shared_data / "benchmarks"))

    imported = import_generations(
        traces, Workspace.resolve(tmp_path / "a"), decontamination=settings
    )
    ws = Workspace.resolve(tmp_path / "a")
    with ws.read() as con:
        flags = con.execute("SELECT contaminated_by FROM problems").fetchall()
    assert flags and all(names for (names,) in flags), (
        "benchmark problems stored as clean/unchecked"
    )

    ingested = ingest_source(
        Workspace.resolve(tmp_path / "b"),
        SourceConfig(path=str(traces), answer_field="gold"),
        IngestConfig(decontamination=settings),
    )
    assert imported.contaminated == ingested.contaminated
    assert sum(imported.contaminated.values()) >= len(flags)


def test_gate_fails_on_problems_never_checked_and_recheck_fixes_it(tmp_path):
    ws = Workspace.resolve(tmp_path / "ws")
    write_synthetic_corpus(ws, 30, seed=3, unsplittable_rate=0.0)
    release_sql(ws, "UPDATE problems SET contaminated_by = NULL")
    result = run_gate(ws)
    status = {c.name: c for c in result.checks}
    assert not result.passed
    assert status[CONTAMINATION_CHECKED].status == "fail"
    assert "drqa decontaminate" in result.failure_line()

    bench = tmp_path / "bench"
    bench.mkdir()
    (bench / "gsm8k.jsonl").write_text(json.dumps({"problem": "unrelated words " * 5}) + "\n")
    summary = decontaminate_workspace(
        ws, DecontaminationConfig(benchmarks=("gsm8k",), benchmark_dir=str(bench))
    )
    assert summary.checked == 30 and not summary.contaminated
    assert {c.name: c.status for c in run_gate(ws).checks}[CONTAMINATION_CHECKED] == "pass"


def test_ingest_without_decontamination_leaves_problems_unchecked(tmp_path):
    source = tmp_path / "p.jsonl"
    source.write_text(json.dumps({"problem": "What is 2 + 3?", "answer": "5"}) + "\n")
    ws = Workspace.resolve(tmp_path / "ws")
    summary = ingest_source(
        ws, SourceConfig(path=str(source)), IngestConfig(decontamination={"enabled": False})
    )
    assert not summary.contamination_checked
    with ws.read() as con:
        assert con.execute("SELECT contaminated_by FROM problems").fetchall() == [(None,)]


def test_decontaminate_command_checks_what_ingest_skipped(tmp_path):
    from typer.testing import CliRunner

    from drqa.cli import app

    source = tmp_path / "p.jsonl"
    source.write_text(json.dumps({"problem": "Natalia sold clips to 48 friends.", "answer": "48"}))
    bench = tmp_path / "bench"
    bench.mkdir()
    (bench / "gsm8k.jsonl").write_text(json.dumps({"problem": "unrelated words " * 5}) + "\n")
    ws = tmp_path / "ws"
    runner = CliRunner()
    done = runner.invoke(app, ["ingest", str(source), "--no-decontaminate", "-w", str(ws)])
    assert done.exit_code == 0, done.output
    done = runner.invoke(
        app,
        ["decontaminate", "--benchmark-dir", str(bench), "--set",
         "ingest.decontamination.benchmarks=[gsm8k]", "-w", str(ws)],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "problems checked" in done.output
    with Workspace.resolve(ws).read() as con:
        assert con.execute("SELECT contaminated_by FROM problems").fetchall() == [([],)]
