"""Issue 12, item 6: exit statuses and one-line errors. Every request failed -> exit 4 with the
server's reason in the summary; rejects -> exit 3; a full disk, a permission problem and a
damaged catalog -> one line naming the root cause (through the real ``drqa`` entry point)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from drqa.builders.generation.failures import failure_reason

DRQA = [sys.executable, "-c", "from drqa.cli import main; main()"]


def _drqa(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run([*DRQA, *args], cwd=cwd, env=env, capture_output=True, text=True)


def _problems(tmp_path: Path, n: int = 3) -> Path:
    path = tmp_path / "p.jsonl"
    path.write_text(
        "".join(json.dumps({"problem": f"What is {i} + {i}?", "answer": str(2 * i)}) + "\n"
                for i in range(n))
    )  # fmt: skip
    return path


def test_server_reason_is_kept_in_the_failure_summary():
    error = (
        'HTTP 400 at http://127.0.0.1:8000/v1: {"error": {"message": "The model `x` does not '
        'match the served model `tiny`", "type": "invalid_request_error"}} (after 1 attempts)'
    )
    assert failure_reason(error) == "HTTP 400: The model `x` does not match the served model `tiny`"
    assert failure_reason("cannot connect to http://h:9/v1: [Errno 111] refused") == (
        "cannot connect: [Errno 111] refused"
    )


@pytest.mark.slow
def test_generate_exits_4_when_every_request_fails_with_the_servers_reason(
    tiny_model_server, tmp_path
):
    assert _drqa("ingest", str(_problems(tmp_path)), "--no-decontaminate", "-w", "ws",
                 cwd=tmp_path).returncode == 0  # fmt: skip
    recipe = tmp_path / "bad.yaml"
    recipe.write_text(
        "generate:\n  backend: openai\n"
        f"  model: {tiny_model_server.model}\n"
        "  sampling: {max_tokens: 8}\n"
        f"  openai: {{base_urls: ['{tiny_model_server.base_url}'], max_retries: 0,"
        " extra_body: {temperature: hot}}\n"
        "compose:\n  batch_sizes: [1]\n"
    )
    done = _drqa("generate", "--recipe", str(recipe), "--no-progress", "-w", "ws", cwd=tmp_path)
    assert done.returncode == 4, done.stdout + done.stderr
    failed = [line for line in done.stdout.splitlines() if "failed: HTTP" in line]
    # the summary carries the status and *a* reason from the server (its wording is the
    # server's, not ours: assert only that something follows the status code)
    assert failed, done.stdout
    reason = re.search(r"failed: HTTP (\d{3}): (.+)", failed[0])
    assert reason and reason.group(1).startswith(("4", "5")) and reason.group(2).strip(), failed[0]


def test_rejects_exit_3_for_ingest_and_import(tmp_path):
    source = tmp_path / "mixed.jsonl"
    source.write_text('{"problem": "What is 1 + 1?", "answer": "2"}\nnot json\n')
    done = _drqa("ingest", str(source), "--no-decontaminate", "-w", "ws", cwd=tmp_path)
    assert done.returncode == 3, done.stderr
    traces = tmp_path / "traces.jsonl"
    traces.write_text(
        '{"problem": "What is 2 + 2?", "gold": "4", "response": "4</think>\\\\boxed{4}"}\n'
        '{"problem": "What is 3 + 3?", "response": "6"}\n'
    )
    done = _drqa("import-generations", str(traces), "--no-decontaminate", "-w", "ws", cwd=tmp_path)
    assert done.returncode == 3, done.stdout + done.stderr


def _one_line(done: subprocess.CompletedProcess) -> str:
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    return lines[0]


def test_disk_full_names_the_root_cause(tmp_path):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full to fill the disk with")
    source = _problems(tmp_path, 50)
    assert _drqa("ingest", str(_problems(tmp_path, 1)), "--no-decontaminate", "-w", "ws",
                 cwd=tmp_path).returncode == 0  # fmt: skip
    (tmp_path / "ws" / "catalog.duckdb.wal").symlink_to("/dev/full")  # every write: ENOSPC
    done = _drqa("ingest", str(source), "--force", "--no-decontaminate", "-w", "ws", cwd=tmp_path)
    assert done.returncode == 74
    line = _one_line(done)
    assert "No space left on device" in line and "transaction" not in line.lower()


def test_permission_denied_and_damaged_catalog_are_one_line(tmp_path):
    forbidden = Path("/sys/drqa-integrity-test-ws")  # EPERM even for root
    if not Path("/sys").is_dir():
        pytest.skip("no /sys")
    done = _drqa("ingest", str(_problems(tmp_path)), "-w", str(forbidden), cwd=tmp_path)
    assert done.returncode == 77 and "permission denied" in _one_line(done)

    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "catalog.duckdb").write_bytes(b"not a database" * 100)
    done = _drqa("check", "-w", str(damaged), cwd=tmp_path)
    line = _one_line(done)
    assert done.returncode == 2 and "catalog is damaged" in line and "backup" in line
