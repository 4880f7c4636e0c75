"""Fixtures of the trainer tests: real releases made by ``make_release`` (one gated, one past a
failing gate) from a synthetic corpus, and small fast ``train`` settings for the tiny model.

The releases are built once per session and must not be modified; a test that tampers copies one
first.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from drqa.builders.release.snapshot import make_release
from drqa.testing.synthetic_release import write_synthetic_corpus
from drqa.workspace import Workspace

TRAIN_PROBLEMS = 40  # batch sizes 1, 2, 3 -> 120 chains
UNGATED_REASON = "tests: gate fails on purpose"


def _corpus(root: Path) -> Workspace:
    ws = Workspace.resolve(root / "ws")
    write_synthetic_corpus(ws, TRAIN_PROBLEMS, seed=3, unsplittable_rate=0.0, words_per_chain=20)
    return ws


@pytest.fixture(scope="session")
def gated_release(tmp_path_factory) -> Path:
    """A release whose quality gate passed."""
    ws = _corpus(tmp_path_factory.mktemp("gated"))
    return make_release(ws, "1.0.0")


@pytest.fixture(scope="session")
def ungated_release(tmp_path_factory) -> Path:
    """A release written past a failing gate with ``--override``."""
    ws = _corpus(tmp_path_factory.mktemp("ungated"))
    with ws.write("test: make the gate fail") as con:
        con.execute("UPDATE chains SET total_tokens = total_tokens * 3 WHERE label = 'B'")
    return make_release(ws, "0.9.0", override=UNGATED_REASON)


@pytest.fixture
def release_copy(gated_release, tmp_path) -> Path:
    """A private copy of the gated release (for tampering)."""
    target = tmp_path / "copy" / gated_release.name
    shutil.copytree(gated_release, target)
    return target


def fast_train(release: Path, output: Path, model: Path, **over) -> dict:
    """A ``train`` section that runs a couple of GRPO steps on the tiny model in seconds."""
    data = {
        "model": str(model),
        "release": str(release),
        "output": str(output),
        "device": "cpu",
        "seed": 0,
        "max_steps": 2,
        "save_steps": 1,
        "logging_steps": 1,
        "task": {"max_prompt_tokens": 1024, "validation_fraction": 0.2},
        "grpo": {
            "learning_rate": 1e-3,
            "num_generations": 2,
            "per_device_train_batch_size": 4,
            "max_completion_length": 8,
        },
    }
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return data
