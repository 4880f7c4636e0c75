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
