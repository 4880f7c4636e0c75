"""The contamination guard: a trained model's release, found by the digest its
``drqa_training.json`` records, checked against each suite; unverifiable is never silent."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from drqa.builders.generation.backends.replay import ReplayBackend
from drqa.builders.release.manifest import MANIFEST, file_sha256
from drqa.builders.release.snapshot import make_release
from drqa.errors import DrqaError
from drqa.evals.guard import check_model, overlap_by_suite
from drqa.evals.report import build_report, render_markdown
from drqa.evals.requests import eval_store
from drqa.evals.run import evaluate
from drqa.testing.synthetic_release import write_synthetic_corpus
from drqa.workspace import Workspace

MATH = [  # a small stand-in for MATH-500, written here so the test needs no ../shared
    "Find the number of positive divisors of 3600 that are perfect squares and also odd.",
    "Compute the sum of all real numbers x such that x squared minus seven x plus ten equals 0.",
    "A regular hexagon has side length four; find the area of the hexagon in simplest form.",
]


@pytest.fixture
def bench(tmp_path):
    folder = tmp_path / "bench"
    folder.mkdir()
    rows = [{"id": f"m{i}", "problem": text, "answer": str(i)} for i, text in enumerate(MATH)]
    (folder / "math500.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return folder


def release_in(root, version: str, leaked: str | None, seed: int):
    """A synthetic workspace at ``root`` with release ``version`` (holding ``leaked``)."""
    ws = Workspace.resolve(root)
    write_synthetic_corpus(ws, 4, batch_sizes=(1,), unsplittable_rate=0.0, seed=seed)
    if leaked:
        with ws.write("test") as con:
            first = con.execute("SELECT min(problem_id) FROM problems").fetchall()[0][0]
            con.execute("UPDATE problems SET problem = ? WHERE problem_id = ?", [leaked, first])
    return ws, make_release(ws, version, override="synthetic corpus for the guard test")


def trained_model(path, folder, version: str):
    """A model folder whose ``drqa_training.json`` names ``folder`` as trainer/lineage.py does."""
    path.mkdir()
    digest = file_sha256(folder / MANIFEST)
    release = {"source": str(folder), "folder": str(folder), "version": version,
               "manifest_sha256": digest, "digest": f"sha256:{digest}"}  # fmt: skip
    (path / "drqa_training.json").write_text(json.dumps({"drqa_training": 1, "release": release}))
    return path


def config(bench, model, **fields):
    from drqa.evals.config import EvalConfig

    data = {"generate": {"backend": "replay", "model": str(model)}, "benchmarks_dir": str(bench),
            "suites": ["math500"], "samples": 1, "verify_workers": 1, **fields}  # fmt: skip
    return EvalConfig.model_validate(data)


def test_overlap_counts_training_problems_per_suite():
    training = [MATH[1], "A completely unrelated question about the number of apples in a box."]
    assert overlap_by_suite(training, {"math500": MATH, "other": ["What is two plus two?"]}) == {
        "math500": 1,
        "other": 0,
    }


def test_release_is_found_by_digest_never_by_version(tmp_path, bench):
    _, folder_a = release_in(tmp_path / "A", "1.1.0", MATH[0], seed=0)
    model = trained_model(tmp_path / "model", folder_a, "1.1.0")
    ws_b, folder_b = release_in(tmp_path / "B", "1.1.0", None, seed=1)  # unrelated 1.1.0
    with pytest.raises(DrqaError, match=r"overlaps math500 \(1\).*--allow-contaminated"):
        evaluate(ws_b, config(bench, model), progress=False)

    # A's release is gone: B's 1.1.0 (another digest) must not be used to call the model clean
    moved = tmp_path / "A-moved"
    shutil.move(str(tmp_path / "A"), moved)
    with pytest.raises(DrqaError, match="cannot check the model for contamination") as error:
        evaluate(ws_b, config(bench, model), progress=False)
    assert "--allow-unchecked" in str(error.value) and error.value.exit_code == 2
    # B's release at the recorded path: same version, another digest: refused by digest
    shutil.copytree(folder_b, folder_a)
    with pytest.raises(DrqaError, match="digest differs"):
        evaluate(ws_b, config(bench, model), progress=False)

    allowed = config(bench, model, allow_unchecked="release archived offline")
    summary = evaluate(ws_b, allowed, backend=ReplayBackend(), progress=False)
    status = summary.suites[0].contamination
    assert status["status"] == "unchecked" and status["allowed"] == "release archived offline"
    report = build_report(ws_b)
    cell = report["models"][0]["suites"]["math500"]
    assert cell["contamination"]["status"] == "unchecked"
    markdown = render_markdown(report)
    assert "33.33!" in markdown and "allowed: release archived offline" in markdown


def test_allowed_contamination_is_recorded(tmp_path, bench):
    ws, folder = release_in(tmp_path / "A", "0.1.0", MATH[0], seed=0)
    model = trained_model(tmp_path / "model", folder, "0.1.0")
    allowed = config(bench, model, allow_contaminated=True)
    summary = evaluate(ws, allowed, backend=ReplayBackend(), progress=False)
    assert summary.suites[0].contamination["status"] == "contaminated"
    with eval_store(ws).read() as con:
        training, contamination = con.execute(
            "SELECT training::VARCHAR, contamination::VARCHAR FROM eval_runs"
        ).fetchall()[0]
    assert json.loads(training)["release"]["version"] == "0.1.0"
    assert json.loads(contamination)["overlap"] == 1


def test_unverifiable_release_is_never_silent():
    with pytest.raises(DrqaError, match="records no digest for release 9.9.9"):
        check_model({"release": {"version": "9.9.9"}}, {"gsm8k": ["x"]})
    result = check_model({"release_version": "9.9.9"}, {"gsm8k": ["x"]}, allow_unchecked="why")
    assert result["gsm8k"]["status"] == "unchecked" and result["gsm8k"]["allowed"] == "why"
    assert check_model(None, {"gsm8k": ["x"]}) == {}


def test_cli_exits_2_with_one_line(tmp_path, bench):
    model = tmp_path / "model"
    model.mkdir()
    (model / "drqa_training.json").write_text(json.dumps({"release": {"version": "1.0.0"}}))
    result = subprocess.run(
        [sys.executable, "-m", "drqa.cli", "eval", "--model", str(model), "--backend", "replay",
         "--suite", "math500", "--benchmarks-dir", str(bench), "-w", str(tmp_path / "ws")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "--allow-unchecked" in result.stderr
