"""``drqa status``: one screen of a workspace, its figures agreeing with the catalog and files."""

from __future__ import annotations

import hashlib
import json

from typer.testing import CliRunner

from drqa.cli import app
from drqa.status import workspace_status
from drqa.testing.synthetic_release import write_synthetic_corpus
from drqa.workspace import open_workspace

runner = CliRunner()


def test_status_of_a_workspace_with_a_release_and_a_training(tmp_path):
    from drqa.builders.release.snapshot import make_release

    ws = open_workspace(tmp_path / "ws", create=True)
    write_synthetic_corpus(ws, 30, seed=3)
    folder = make_release(ws, "1.0.0", override="test workspace")
    training = ws.root / "models" / "tiny-grpo"
    training.mkdir(parents=True)
    facts = {"method": "grpo", "base_model": "tiny", "release": {"version": "1.0.0",
             "manifest_sha256": "ab" * 32, "source": str(folder)}}  # fmt: skip
    (training / "drqa_training.json").write_text(json.dumps(facts))

    with open_workspace(ws.root / "evals", create=True).write("test: two eval samples") as con:
        con.execute(
            "INSERT INTO eval_runs (run_id, model_label, suite, model, backend, sampling, "
            "prompt_name, prompt_hash, benchmark_source, benchmark_sha256, training, "
            "code_version, created_at) VALUES ('e1', 'tiny (trained)', 'quickstart', 'm', "
            "'transformers', '{}', 'p', 'h', 'f', 's', ?, 'test', now())",
            [json.dumps(facts)],
        )
        for key, correct in (("k1", True), ("k2", False)):
            con.execute(
                "INSERT INTO eval_samples (request_id, run_id, problem_key, sample_index, status,"
                " correct, truncated, token_method, verifier_version, scorer_version, scored_at)"
                " VALUES (?, 'e1', ?, 0, 'x', ?, false, 'usage', 'v', 's', now())",
                [f"r-{key}", key, correct],
            )

    status = workspace_status(ws)
    with ws.read() as con:
        chains = con.execute("SELECT count(*) FROM chains").fetchone()[0]
        done = con.execute("SELECT count(*) FROM generations WHERE status = 'ok'").fetchone()[0]
    assert sum(run["done"] for run in status.runs) == done > 0
    assert sum(status.labels.values()) + sum(status.unlabelled.values()) == chains
    [release] = status.releases
    manifest = hashlib.sha256((folder / "manifest.json").read_bytes()).hexdigest()
    assert (release["version"], release["digest"]) == ("1.0.0", manifest)
    assert release["gate_passed"] or release["overridden"]
    assert [(t["output"], t["release"]) for t in status.trainings] == [(str(training), "1.0.0")]
    # the evals name the same training: listed once, from its folder
    assert status.evals == [
        {"model": "tiny (trained)", "suite": "quickstart", "samples": 2, "correct": 1}
    ]

    shown = runner.invoke(app, ["status", "-w", str(ws.root)], terminal_width=160)
    assert shown.exit_code == 0, shown.output
    for words in ("generation runs", "releases", manifest[:12], "tiny-grpo", "tiny (trained)"):
        assert words in shown.output
    as_json = runner.invoke(app, ["status", "-w", str(ws.root), "--json"])
    assert as_json.exit_code == 0
    assert json.loads(as_json.output)["releases"][0]["digest"] == manifest


def test_status_of_a_missing_workspace_is_one_line(tmp_path):
    result = runner.invoke(app, ["status", "-w", str(tmp_path / "nowhere")])
    assert result.exit_code != 0
    assert "\n" not in str(result.exception).strip()
