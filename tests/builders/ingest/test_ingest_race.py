"""Issue 12, item 2: two real processes ingest the same problems at once; every row of each
source is accounted for (accepted or rejected with a reason), none is silently skipped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from drqa.workspace import Workspace

N_PROBLEMS = 20000
SCRIPT = """
import sys
from drqa.builders.ingest.config import IngestConfig, SourceConfig
from drqa.builders.ingest.pipeline import ingest_source
from drqa.workspace import Workspace
config = IngestConfig.model_validate({"decontamination": {"enabled": False}})
summary = ingest_source(Workspace.resolve(sys.argv[1]), SourceConfig(path=sys.argv[2]), config)
print(summary.rows, summary.accepted, summary.n_rejected)
"""


def test_two_concurrent_ingests_account_for_every_row(tmp_path):
    rows = "".join(
        json.dumps(
            {"problem": f"Problem {i}: what is {i} times {i + 7} plus {3 * i}?", "answer": i}
        )
        + "\n"
        for i in range(N_PROBLEMS)
    )
    paths = [tmp_path / "first.jsonl", tmp_path / "second.jsonl"]
    for path in paths:
        path.write_text(rows)
    ws = Workspace.resolve(tmp_path / "ws")
    with ws.write("create the catalog"):
        pass
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    procs = []
    for path in paths:  # the second starts while the first is still reading its rows
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", SCRIPT, str(ws.root), str(path)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
        )
        time.sleep(0.5)
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err[-2000:]

    with ws.read() as con:
        sources = con.execute(
            "SELECT source_id, n_rows, n_accepted, n_rejected FROM sources"
        ).fetchall()
        n_problems = con.execute("SELECT count(*) FROM problems").fetchall()[0][0]
        for source_id, n_rows, n_accepted, n_rejected in sources:
            stored = con.execute(
                "SELECT count(*) FROM problems WHERE source_id = ?", [source_id]
            ).fetchall()[0][0]
            rejected = con.execute(
                "SELECT count(*) FROM rejects WHERE source_id = ?", [source_id]
            ).fetchall()[0][0]
            assert n_rows == N_PROBLEMS == n_accepted + n_rejected
            assert (stored, rejected) == (n_accepted, n_rejected), "a row was silently skipped"
    assert len(sources) == 2 and n_problems == N_PROBLEMS
    assert sorted(s[2] for s in sources) == [0, N_PROBLEMS]
