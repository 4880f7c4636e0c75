"""The generate runner: resumable, idempotent, failures kept, shards merged, SIGKILL-safe."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from typer.testing import CliRunner

from drqa.builders.compose.config import ComposeConfig
from drqa.builders.compose.requests import compose_requests
from drqa.builders.generation.backends.replay import ReplayBackend
from drqa.builders.generation.config import GenerateConfig
from drqa.builders.generation.generate import run_generation
from drqa.builders.generation.raw_store import chunk_files, merge_raw
from drqa.builders.ingest.config import IngestConfig, SourceConfig
from drqa.builders.ingest.pipeline import ingest_source
from drqa.cli import app
from drqa.workspace import Workspace

GENERATE = GenerateConfig(backend="replay", model="", checkpoint_seconds=0.2)
COMPOSE = ComposeConfig(batch_sizes=(1, 2, 3))


def _make_pool(ws: Workspace, n: int) -> None:
    path = ws.root / "pool.jsonl"
    path.write_text(
        "".join(
            json.dumps(
                {"problem": f"Compute {i} times {i + 3} minus {i}.", "answer": str(i * i + 2 * i)}
            )
            + "\n"
            for i in range(n)
        )
    )
    config = IngestConfig.model_validate(
        {"decontamination": {"enabled": False}, "near_duplicate_threshold": None}
    )
    ingest_source(ws, SourceConfig(path=str(path)), config)


@pytest.fixture
def run_ws(tmp_path):
    ws = Workspace.resolve(tmp_path / "ws")
    _make_pool(ws, 30)
    summary = compose_requests(ws, COMPOSE, GenerateConfig(model="replay-model"))
    return ws, summary.run_id, sum(summary.new.values())


def _stored(ws):
    with ws.read() as con:
        return dict(con.execute("SELECT status, count(*) FROM generations GROUP BY 1").fetchall())


def test_generate_stores_every_request_once_and_a_rerun_skips(run_ws):
    ws, run_id, expected = run_ws
    config = GENERATE.model_copy(update={"model": "replay-model"})
    first = run_generation(ws, run_id, config, backend=ReplayBackend(), progress=False)
    assert (first.done, first.failed, first.skipped) == (expected, 0, 0)
    second = run_generation(ws, run_id, config, backend=ReplayBackend(), progress=False)
    assert (second.done, second.planned, second.skipped) == (0, 0, expected)
    assert _stored(ws) == {"ok": expected}
    with ws.read() as con:
        row = con.execute(
            "SELECT reasoning, content, raw_response FROM generations LIMIT 1"
        ).fetchall()[0]
    assert row[0].strip() == "Replayed thinking." and "\\boxed{0}" in row[1]
    assert row[2].startswith("<think>")  # raw response kept exactly as received


def test_failures_are_kept_with_a_reason_and_retried_on_rerun(run_ws):
    ws, run_id, expected = run_ws
    failing = run_generation(
        ws, run_id, GENERATE, backend=ReplayBackend(fail_every=4), progress=False
    )
    assert failing.failed == expected // 4 and failing.done == expected - expected // 4
    assert failing.failures == {"injected failure (replay)": expected // 4}
    with ws.read() as con:
        errors = {
            r[0]
            for r in con.execute("SELECT error FROM generations WHERE status = 'failed'").fetchall()
        }
    assert errors == {"injected failure (replay)"}
    retry = run_generation(ws, run_id, GENERATE, backend=ReplayBackend(), progress=False)
    assert retry.done == expected // 4 and _stored(ws) == {"ok": expected}


def test_shards_split_the_run_and_merge_into_one_catalog(run_ws):
    ws, run_id, expected = run_ws
    counts = []
    for index in range(3):
        summary = run_generation(
            ws,
            run_id,
            GENERATE,
            backend=ReplayBackend(),
            shard=(index, 3),
            merge=False,
            progress=False,
        )
        counts.append(summary.done)
    assert sum(counts) == expected and min(counts) > 0
    assert _stored(ws) == {}  # --no-merge wrote raw chunks only
    assert len(chunk_files(ws, run_id)) == 3
    assert merge_raw(ws, run_id) == expected
    assert merge_raw(ws, run_id) == 0  # merging again adds nothing
    assert _stored(ws) == {"ok": expected}


def test_a_half_written_last_line_is_ignored(run_ws):
    ws, run_id, expected = run_ws
    run_generation(ws, run_id, GENERATE, backend=ReplayBackend(), merge=False, progress=False)
    chunk = chunk_files(ws, run_id)[0]
    lines = chunk.read_bytes().splitlines(keepends=True)
    chunk.write_bytes(b"".join(lines[:-1]) + lines[-1][: len(lines[-1]) // 2])  # cut by a kill
    assert merge_raw(ws, run_id) == expected - 1
    resumed = run_generation(ws, run_id, GENERATE, backend=ReplayBackend(), progress=False)
    assert resumed.done == 1 and _stored(ws) == {"ok": expected}


SLOW_RUN = textwrap.dedent("""
    import sys, time
    from drqa.builders.generation.backends.replay import ReplayBackend
    from drqa.builders.generation.config import GenerateConfig
    from drqa.builders.generation.generate import run_generation
    from drqa.workspace import Workspace

    def slow(request):
        time.sleep(0.01)
        return "<think>t</think> \\\\boxed{1}"

    ws = Workspace.resolve(sys.argv[1])
    config = GenerateConfig(backend="replay", checkpoint_seconds=0.1)
    run_generation(ws, sys.argv[2], config, backend=ReplayBackend(slow), progress=False)
""")


def test_sigkill_loses_at_most_work_in_flight(run_ws):
    ws, run_id, expected = run_ws
    for delay in (0.8, 1.1):
        process = subprocess.Popen([sys.executable, "-c", SLOW_RUN, str(ws.root), run_id])
        time.sleep(delay)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    run_generation(ws, run_id, GENERATE, backend=ReplayBackend(), progress=False)
    assert _stored(ws) == {"ok": expected}
    lines = [
        json.loads(line)
        for f in chunk_files(ws, run_id)
        for line in f.read_text().splitlines()
        if line.strip().endswith("}")
    ]
    ids = [line["request_id"] for line in lines]
    assert len(ids) == len(set(ids)) == expected  # nothing generated twice, nothing lost


def test_openai_backend_end_to_end_against_transformers_serve(tmp_path, tiny_model_server):
    ws_dir = tmp_path / "ws"
    ws = Workspace.resolve(ws_dir)
    _make_pool(ws, 3)
    result = CliRunner().invoke(
        app,
        [
            "generate",
            "--backend",
            "openai",
            "--model",
            tiny_model_server.model,
            "--base-url",
            tiny_model_server.base_url,
            "--max-tokens",
            "12",
            "--batch-sizes",
            "1,2",
            "--no-progress",
            "--workspace",
            str(ws_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    with ws.read() as con:
        rows = con.execute("SELECT status, completion_tokens, endpoint FROM generations").fetchall()
    assert len(rows) == 5 and {r[0] for r in rows} == {"ok"}
    assert all(r[1] and r[1] <= 12 for r in rows)
    assert {r[2] for r in rows} == {tiny_model_server.base_url}


def test_unreachable_endpoint_is_one_line_and_the_run_resumes_later(tmp_path):
    ws_dir = tmp_path / "ws"
    ws = Workspace.resolve(ws_dir)
    _make_pool(ws, 2)
    args = ["generate", "--backend", "openai", "--model", "m", "--base-url",
            "http://127.0.0.1:9/v1", "--batch-sizes", "1", "--no-progress",
            "--set", "generate.openai.max_retries=0", "--workspace", str(ws_dir)]  # fmt: skip
    proc = subprocess.run([sys.executable, "-m", "drqa.cli", *args], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "127.0.0.1:9" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    with ws.read() as con:  # nothing half-done: the requests wait for a rerun
        assert con.execute("SELECT count(*) FROM generations").fetchall()[0][0] == 0
        assert con.execute("SELECT count(*) FROM requests").fetchall()[0][0] == 2


def test_failed_requests_are_grouped_by_reason(run_ws):
    ws, run_id, expected = run_ws
    summary = run_generation(ws, run_id, GENERATE, backend=ReplayBackend({}), progress=False)
    assert summary.failures == {"no replay answer for this request": expected}
