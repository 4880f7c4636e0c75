"""``drqa eval`` and ``drqa eval report`` on the command line, and resume after SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from drqa.evals.requests import eval_store
from drqa.workspace import Workspace


def drqa(*args, check=True, timeout=300):
    result = subprocess.run(
        [sys.executable, "-m", "drqa.cli", *args], capture_output=True, text=True, timeout=timeout
    )
    if check and result.returncode != 0:
        raise AssertionError(f"drqa {' '.join(args)} -> {result.returncode}\n{result.stderr}")
    return result


def test_help():
    assert "--benchmarks-dir" in drqa("eval", "--help").stdout
    assert "--with-paper" in drqa("eval", "report", "--help").stdout


def test_eval_then_report_json(tmp_path, tiny_model_dir, benchmarks_dir):
    ws = str(tmp_path / "ws")
    drqa(
        "eval", "--model", str(tiny_model_dir), "--backend", "transformers",
        "--suite", "gsm8k,math500", "--samples", "2", "--limit", "3",
        "--benchmarks-dir", str(benchmarks_dir), "--max-tokens", "8", "--no-progress",
        "--set", "eval.generate.transformers.device=cpu", "-w", ws,
    )  # fmt: skip
    report = json.loads(drqa("eval", "report", "--json", "-w", ws).stdout)
    assert report["suites"] == ["gsm8k", "math500"] and report["baseline"] == tiny_model_dir.name
    for cell in report["models"][0]["suites"].values():
        assert cell["accuracy"] == 0.0 and cell["accuracy_interval"] == [0.0, 0.0]
        assert 0 < cell["mean_tokens"] <= 8
        assert cell["figures"]["n_samples"] == 6
    folder = tmp_path / "ws" / "reports" / "evals"
    assert {p.name for p in folder.iterdir()} >= {
        "report.md", "report.json", "accuracy_vs_tokens.png", f"tokens_{tiny_model_dir.name}.png",
    }  # fmt: skip
    markdown = drqa("eval", "report", "--with-paper", "--no-plots", "-w", ws).stdout
    assert "| GSM8K Acc | GSM8K Tokens |" in markdown and "DRQA 1.5B (paper)" in markdown


def test_bad_input_is_one_line(tmp_path, benchmarks_dir):
    ws = str(tmp_path / "ws")
    bad = drqa("eval", "--model", "m", "--suite", "gsm9k", "-w", ws, check=False)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "gsm9k" in bad.stderr
    empty = drqa("eval", "report", "-w", ws, check=False)
    assert empty.returncode == 2 and "no drqa workspace" in empty.stderr
    missing = drqa(
        "eval", "--model", "m", "--suite", "gsm8k", "--benchmarks-dir", str(tmp_path), "-w", ws,
        check=False,
    )  # fmt: skip
    assert missing.returncode == 2 and "gsm8k.jsonl" in missing.stderr


def test_failed_samples_set_the_exit_status(tmp_path, benchmarks_dir):
    answers = tmp_path / "answers.jsonl"
    answers.write_text('{"request_id": "r-none", "response": "\\\\boxed{1}"}\n')
    ws = str(tmp_path / "ws")
    result = drqa(
        "eval", "--model", str(answers), "--backend", "replay", "--suite", "amc2023",
        "--samples", "1", "--limit", "2", "--benchmarks-dir", str(benchmarks_dir),
        "--no-progress", "-w", ws, check=False,
    )  # fmt: skip
    assert result.returncode == 3 and "2 samples failed" in result.stdout


@pytest.mark.slow
def test_resume_after_sigkill(tmp_path, tiny_model_dir, benchmarks_dir):
    ws = tmp_path / "ws"
    args = [
        sys.executable, "-m", "drqa.cli", "eval", "--model", str(tiny_model_dir),
        "--backend", "transformers", "--suite", "gsm8k", "--samples", "6", "--limit", "2",
        "--benchmarks-dir", str(benchmarks_dir), "--max-tokens", "48", "--no-progress",
        "--set", "eval.generate.transformers.forward_batch_rows=1",
        "--set", "eval.generate.transformers.device=cpu", "-w", str(ws),
    ]  # fmt: skip
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    raw = ws / "evals" / "raw"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        lines = sum(p.read_bytes().count(b"\n") for p in raw.glob("*/*/*.jsonl"))
        if lines >= 3:
            break
        time.sleep(0.05)
    assert process.poll() is None, "finished before it could be killed: raise --samples"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    before = sum(p.read_bytes().count(b"\n") for p in raw.glob("*/*/*.jsonl"))
    assert 3 <= before < 12

    rerun = subprocess.run(args, check=True, capture_output=True, timeout=300, text=True)
    after = sum(p.read_bytes().count(b"\n") for p in raw.glob("*/*/*.jsonl"))
    assert after == 12, (before, after, rerun.stdout)  # nothing generated twice
    with eval_store(Workspace.resolve(ws)).read() as con:
        counts = con.execute(
            "SELECT (SELECT count(DISTINCT request_id) FROM generations WHERE status = 'ok'),"
            " (SELECT count(*) FROM eval_samples)"
        ).fetchall()[0]
    assert counts == (12, 12)


def test_skipped_rows_are_counted_and_export_runs(tmp_path):
    from eval_stub_server import Reply, stub_openai

    folder = tmp_path / "bench"
    folder.mkdir()
    rows = [{"id": "a", "problem": "What is 2 plus 3?", "answer": "5"},
            {"id": "b", "problem": "What is 4 plus 4?"}, {"id": "c", "problem": "What is 1 plus 1?",
            "answer": ""}, {"id": "d", "problem": "", "answer": "3"},
            {"id": "e", "problem": "What is 9 plus 9?", "answer": None},
            {"id": "f", "problem": "What is 6 plus 1?", "answer": "7"}]  # fmt: skip
    (folder / "gsm8k.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    ws = str(tmp_path / "ws")
    with stub_openai(lambda body: Reply("<think>ok</think>\n\n\\boxed{5}")) as server:
        args = ["eval", "--model", server.model, "--backend", "openai", "--base-url",
                server.base_url, "--suite", "gsm8k", "--samples", "1", "--limit", "6",
                "--benchmarks-dir", str(folder), "--no-progress", "-w", ws]  # fmt: skip
        text = drqa(*args).stdout
        summary = json.loads(drqa(*args, "--json").stdout)
    assert "gsm8k: skipped: 3 without an answer, 1 with an empty problem" in text
    suite = summary["suites"]["gsm8k"]
    assert suite["skipped"] == {"missing_answer": 3, "empty_problem": 1}
    assert suite["figures"]["n_problems"] == 2
    out = tmp_path / "samples.jsonl"
    exported = json.loads(drqa("eval", "export", str(out), "--json", "-w", ws).stdout)
    assert exported["rows"] == 2 and out.is_file()
    bad = drqa("eval", "export", str(tmp_path / "x.csv"), "-w", ws, check=False)
    assert bad.returncode == 2 and "--format parquet or jsonl" in bad.stderr


def test_two_evals_at_once_never_send_a_request_twice(tmp_path):
    from eval_stub_server import Reply, stub_openai

    ws = str(tmp_path / "ws")
    reply = Reply("<think>ok</think>\n\n\\boxed{5}")
    with stub_openai(lambda body: reply, delay_s=0.3) as server:
        args = [sys.executable, "-m", "drqa.cli", "eval", "--model", server.model, "--backend",
                "openai", "--base-url", server.base_url, "--suite", "quickstart", "--samples",
                "2", "--limit", "4", "--no-progress", "--set",
                "eval.generate.openai.concurrency=1", "-w", ws]  # fmt: skip
        first = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while not server.bodies and time.monotonic() < deadline:
            time.sleep(0.05)  # the first one is generating: it holds the run's lease
        second = subprocess.run(args, capture_output=True, text=True, timeout=120)
        waiter = subprocess.Popen([*args, "--wait"], stdout=subprocess.PIPE, text=True)
        out, err = first.communicate(timeout=120)
        waited, _ = waiter.communicate(timeout=120)
    assert first.returncode == 0, err
    assert second.returncode == 2 and second.stderr.count("\n") == 1
    assert "already being run by another process" in second.stderr
    assert waiter.returncode == 0 and "pass@1" in waited
    prompts = [(b["messages"][-1]["content"], b["seed"]) for b in server.bodies]
    assert len(prompts) == len(set(prompts)) == 8  # every request sent exactly once
