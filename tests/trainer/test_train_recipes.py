"""The shipped training recipes load, validate and say what they train; ``drqa train --help``."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from drqa.cli import app
from drqa.recipe import load_recipe

RECIPES = Path(__file__).resolve().parents[2] / "recipes"


@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("train-quickstart", "drqa:tiny-qwen2"),
        ("train-r1-distill-qwen-1.5b", "deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B"),
        ("train-r1-distill-qwen-7b", "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B"),
    ],
)
def test_train_recipes_load(name, model):
    train = load_recipe(RECIPES / f"{name}.yaml").train
    assert train.model == model and train.method == "grpo"
    assert [r.name for r in train.rewards] == ["label_match", "letter_format"]
    if name != "train-quickstart":
        assert train.grpo.use_vllm and train.grpo.vllm_mode == "colocate"
        assert train.grpo.beta > 0  # KL-regularised, as the paper trains
        assert train.device == "cuda" and train.precision == "bf16"


def test_train_help_lists_the_flags():
    result = CliRunner().invoke(app, ["train", "--help"], terminal_width=200)
    assert result.exit_code == 0
    for flag in ("--release", "--version", "--digest", "--output", "--method", "--max-steps",
                 "--resume", "--allow-ungated", "--set", "--recipe"):  # fmt: skip
        assert flag in result.output


def test_report_to_reaches_trls_config(tmp_path, monkeypatch):
    from drqa.trainer import tracking
    from drqa.trainer.config import TrainConfig
    from drqa.trainer.grpo import grpo_args

    pytest.importorskip("trl")

    def args(**fields):
        config = TrainConfig.model_validate({"device": "cpu", **fields})
        return grpo_args(config, tmp_path, evaluate=False, progress=False)

    assert args(report_to="tensorboard").report_to == ["tensorboard"]
    assert args(report_to=["wandb", "tensorboard"]).report_to == ["wandb", "tensorboard"]
    assert args(report_to="none").report_to in ([], "none", ["none"])
    monkeypatch.setattr(tracking, "installed", lambda name: name == "trackio")
    assert args().report_to == ["trackio"]  # auto: trackio when installed
    monkeypatch.setattr(tracking, "installed", lambda name: False)
    assert args().report_to in ([], "none", ["none"])  # auto without trackio: nothing
    with pytest.raises(ValueError, match="report_to"):
        TrainConfig.model_validate({"report_to": "mlflowx"})
