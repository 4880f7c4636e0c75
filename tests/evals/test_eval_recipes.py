"""Shipped eval recipes load and validate; the quickstart eval step reports both models."""

from __future__ import annotations

from pathlib import Path

import pytest

from drqa.errors import DrqaError
from drqa.evals.quickstart_step import quickstart_eval
from drqa.recipe import load_recipe
from drqa.workspace import Workspace

RECIPES = sorted((Path(__file__).resolve().parents[2] / "recipes").glob("eval-*.yaml"))


@pytest.mark.parametrize("path", RECIPES, ids=[p.name for p in RECIPES])
def test_eval_recipe_validates(path):
    plan = load_recipe(path)
    assert plan.eval.generate.model and plan.eval.suites


def test_unknown_eval_field_is_named():
    with pytest.raises(DrqaError, match="eval.sample"):
        load_recipe(None, {"eval.sample": 3})


def test_quickstart_eval_step(tmp_path, tiny_model_dir, benchmarks_dir):
    trained = tmp_path / "trained"
    trained.symlink_to(tiny_model_dir, target_is_directory=True)  # another folder, same weights
    ws = Workspace.resolve(tmp_path / "ws")
    report = quickstart_eval(ws, tiny_model_dir, trained, benchmarks_dir=benchmarks_dir)
    assert [m["label"] for m in report["models"]] == ["tiny-qwen2 (base)", "tiny-qwen2 (trained)"]
    assert len(report["suites"]) == 6
    for model in report["models"]:
        assert all(cell["accuracy"] == 0.0 for cell in model["suites"].values())


def test_quickstart_eval_step_offline_uses_the_projects_own_suite(
    tmp_path, tiny_model_dir, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)  # no ../shared/data/benchmarks from here
    ws = Workspace.resolve(tmp_path / "ws")
    report = quickstart_eval(ws, tiny_model_dir)
    assert report["suites"] == ["quickstart"]
    assert "evaluating on the project's own quickstart suite" in capsys.readouterr().out
    cell = report["models"][0]["suites"]["quickstart"]
    assert cell["figures"]["n_problems"] == 8 and cell["accuracy"] == 0.0
    assert (ws.reports_dir / "evals" / "report.md").is_file()
