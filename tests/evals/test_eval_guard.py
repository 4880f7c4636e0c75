"""The contamination guard: a trained model's release problems checked against each suite."""

from __future__ import annotations

import json

import pytest

from drqa.builders.release.snapshot import make_release
from drqa.errors import DrqaError
from drqa.evals.guard import check_model, overlap_by_suite
from drqa.evals.requests import eval_store
from drqa.evals.run import evaluate
from drqa.evals.suites import load_suite
from drqa.testing.synthetic_release import write_synthetic_corpus
from drqa.workspace import Workspace


@pytest.fixture
def contaminated_release(tmp_path, benchmarks_dir):
    """A release whose first problem is GSM8K's first test problem, and a model naming it."""
    ws = Workspace.resolve(tmp_path / "corpus")
    write_synthetic_corpus(ws, 4, batch_sizes=(1,), unsplittable_rate=0.0)
    leaked = load_suite("gsm8k", benchmarks_dir, limit=1).problems[0].problem
    with ws.write("test") as con:
        first = con.execute("SELECT min(problem_id) FROM problems").fetchall()[0][0]
        con.execute("UPDATE problems SET problem = ? WHERE problem_id = ?", [leaked, first])
    folder = make_release(ws, "0.1.0", override="synthetic corpus for the guard test")
    model = tmp_path / "trained"
    model.mkdir()
    (model / "drqa_training.json").write_text(
        json.dumps(
            {  # as trainer/lineage.py writes it
                "drqa_training": 1,
                "release": {
                    "source": str(folder),
                    "folder": str(folder),
                    "version": "0.1.0",
                    "manifest_sha256": "x",
                },
            }
        )  # fmt: skip
    )
    return ws, model


def test_overlap_counts_training_problems_per_suite(benchmarks_dir):
    gsm = [p.problem for p in load_suite("gsm8k", benchmarks_dir, limit=3).problems]
    math = [p.problem for p in load_suite("math500", benchmarks_dir, limit=3).problems]
    training = [gsm[1], "A completely unrelated question about the number of apples in a box."]
    assert overlap_by_suite(training, {"gsm8k": gsm, "math500": math}) == {
        "gsm8k": 1,
        "math500": 0,
    }


def test_contaminated_suite_is_refused_unless_allowed(
    contaminated_release, benchmarks_dir, scripted, make_config
):
    ws, model = contaminated_release
    config = make_config(
        benchmarks_dir, suites=["gsm8k", "amc2023"], samples=1, limit=2,
        generate={"backend": "replay", "model": str(model)},
    )  # fmt: skip
    with pytest.raises(DrqaError, match=r"overlaps gsm8k \(1\).*--allow-contaminated"):
        evaluate(ws, config, backend=scripted(benchmarks_dir, "gsm8k", 2, lambda p, s: True))

    allowed = config.model_copy(update={"allow_contaminated": True, "suites": ("gsm8k",)})
    summary = evaluate(
        ws, allowed, backend=scripted(benchmarks_dir, "gsm8k", 2, lambda p, s: True),
        progress=False,
    )  # fmt: skip
    assert summary.suites[0].contamination["status"] == "contaminated"
    assert summary.model.training["release"]["version"] == "0.1.0"
    with eval_store(ws).read() as con:
        training, contamination = con.execute(
            "SELECT training::VARCHAR, contamination::VARCHAR FROM eval_runs"
        ).fetchall()[0]
    assert json.loads(training)["release"]["version"] == "0.1.0"
    assert json.loads(contamination)["overlap"] == 1


def test_release_not_on_this_machine_is_unchecked(tmp_path):
    result = check_model({"release_version": "9.9.9"}, {"gsm8k": ["x"]}, None)
    why = "training release 9.9.9 not found on this machine"
    assert result == {"gsm8k": {"status": "unchecked", "reason": why}}
    assert check_model(None, {"gsm8k": ["x"]}, None) == {}
