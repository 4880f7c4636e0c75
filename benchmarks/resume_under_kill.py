"""SIGKILL a generation run at random moments, resume each time, then count what was stored.

A run of >= 2,000 requests against a fast local backend (replayed answers with a small delay)
is killed at 10+ random moments (raw appends and catalog merges both get hit) and resumed
each time; at the end every request must be stored exactly once.

    python benchmarks/resume_under_kill.py [--problems 1000] [--kills 12] [--seed 0]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, workspace_with_problems  # noqa: E402

from drqa.builders.compose.config import ComposeConfig  # noqa: E402
from drqa.builders.compose.requests import compose_requests  # noqa: E402
from drqa.builders.generation.config import GenerateConfig  # noqa: E402
from drqa.builders.generation.raw_store import chunk_files  # noqa: E402
from drqa.workspace import Workspace  # noqa: E402

CHILD = """
import sys, time
from drqa.builders.generation.backends.replay import ReplayBackend
from drqa.builders.generation.config import GenerateConfig
from drqa.builders.generation.generate import run_generation
from drqa.workspace import Workspace

def answer(request):
    time.sleep(0.002)  # a fast local server
    return "<think>ok</think> \\\\boxed{1}"

config = GenerateConfig(backend="replay", model="replay", checkpoint_seconds=0.05)
run_generation(Workspace.resolve(sys.argv[1]), sys.argv[2], config,
               backend=ReplayBackend(answer), progress=False)
"""


def raw_lines(ws: Workspace, run_id: str) -> list[str]:
    ids = []
    for path in chunk_files(ws, run_id):
        for line in path.read_bytes().splitlines():
            with contextlib.suppress(ValueError):  # the half-written line of a killed process
                ids.append(json.loads(line)["request_id"])
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        ws = workspace_with_problems(Path(tmp), args.problems)
        summary = compose_requests(
            ws,
            ComposeConfig(batch_sizes=(1, 2, 3, 5)),
            GenerateConfig(backend="replay", model="replay"),
        )
        run_id, expected = summary.run_id, sum(summary.new.values())
        kills, started = 0, time.perf_counter()
        progress = []
        while kills < args.kills:
            before = len(raw_lines(ws, run_id))
            child = subprocess.Popen([sys.executable, "-c", CHILD, str(ws.root), run_id])
            while child.poll() is None and len(raw_lines(ws, run_id)) == before:
                time.sleep(0.02)  # wait until it generates, then kill at a random moment
            time.sleep(rng.uniform(0.0, 0.4))
            if child.poll() is not None:
                break  # finished before we could kill it
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
            kills += 1
            progress.append(len(set(raw_lines(ws, run_id))))
        final = subprocess.run([sys.executable, "-c", CHILD, str(ws.root), run_id], check=True)
        assert final.returncode == 0
        elapsed = time.perf_counter() - started
        with ws.read() as con:
            stored, distinct, ok = con.execute(
                "SELECT count(*), count(DISTINCT request_id), count(*) FILTER (status = 'ok') "
                "FROM generations WHERE run_id = ?",
                [run_id],
            ).fetchall()[0]
            missing = con.execute(
                "SELECT count(*) FROM requests r ANTI JOIN generations g USING (request_id) "
                "WHERE r.run_id = ?",
                [run_id],
            ).fetchall()[0][0]
        raw = raw_lines(ws, run_id)
        raw_duplicates = sum(c - 1 for c in Counter(raw).values() if c > 1)

    print(f"machine: {machine()}")
    print(f"SIGKILLs: {kills} (requests answered after each: {progress}); wall {elapsed:.1f}s")
    print(
        f"expected {expected:,}  stored {stored:,}  ok {ok:,}  "
        f"duplicates {stored - distinct}  lost {missing}"
    )
    print(
        f"raw lines {len(raw):,}: re-generated after a kill {raw_duplicates} "
        "(work that was in flight)"
    )
    ok_all = stored == distinct == expected and missing == 0
    print("every request stored exactly once:", "yes" if ok_all else "NO")
    sys.exit(0 if ok_all else 1)


if __name__ == "__main__":
    main()
