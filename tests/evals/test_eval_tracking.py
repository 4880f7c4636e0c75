"""``eval.report_to``: per-suite figures through a tracker's own init / log / finish."""

from __future__ import annotations

import importlib.machinery
import sys
import types

import pytest

from drqa.errors import MissingDependency
from drqa.evals.config import EvalConfig
from drqa.evals.run import evaluate
from drqa.evals.tracking import installed, resolve_trackers
from drqa.workspace import Workspace


def test_auto_is_trackio_only_when_installed_and_none_turns_off():
    assert resolve_trackers(["auto"]) == (["trackio"] if installed("trackio") else [])
    assert resolve_trackers(["none"]) == []
    assert EvalConfig.model_validate({"report_to": "none"}).report_to == ("none",)


@pytest.mark.skipif(installed("wandb"), reason="wandb is installed here")
def test_an_asked_tracker_that_is_missing_fails_before_any_work(tmp_path):
    config = EvalConfig.model_validate(
        {
            "generate": {"backend": "replay", "model": "x"},
            "suites": ["quickstart"],
            "report_to": "wandb",
        }  # fmt: skip
    )
    with pytest.raises(MissingDependency, match="eval.report_to wandb.*pip install wandb"):
        evaluate(Workspace.resolve(tmp_path / "ws"), config, progress=False)
    assert not (tmp_path / "ws" / "evals").exists()


def test_figures_reach_the_trackers_api(tmp_path, monkeypatch):
    """trackio is not installed on the test machine: a module with its API records the calls."""
    calls = []
    fake = types.ModuleType("trackio")
    fake.__spec__ = importlib.machinery.ModuleSpec("trackio", None)
    fake.init = lambda **kwargs: calls.append(("init", kwargs))
    fake.log = lambda metrics: calls.append(("log", metrics))
    fake.finish = lambda: calls.append(("finish", None))
    monkeypatch.setitem(sys.modules, "trackio", fake)
    from drqa.builders.generation.backends.replay import ReplayBackend

    config = EvalConfig.model_validate(
        {
            "generate": {"backend": "replay", "model": "canned"},
            "suites": ["quickstart"],
            "limit": 3,
            "samples": 1,
            "verify_workers": 1,
            "name": "tiny",
        }  # fmt: skip
    )
    summary = evaluate(
        Workspace.resolve(tmp_path / "ws"), config, backend=ReplayBackend(), progress=False
    )
    assert summary.tracked == ["trackio"]  # auto: trackio, since it is importable
    assert [c[0] for c in calls] == ["init", "log", "finish"]
    assert calls[0][1]["project"] == "drqa-eval" and calls[0][1]["name"] == "tiny"
    logged = calls[1][1]
    assert logged["quickstart/pass@1"] == summary.suites[0].figures["pass@1"]
    assert logged["quickstart/n_problems"] == 3.0 and "quickstart/mean_tokens" in logged
