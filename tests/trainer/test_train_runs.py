"""Real TRL runs on the tiny model, CPU: the CLI end to end (model loads, lineage names the
release), the learning probe, the SFT baseline, and resume after SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from drqa.builders.release.manifest import file_sha256
from drqa.trainer.config import TrainConfig
from drqa.trainer.rewards import register_reward
from tests.trainer.conftest import fast_train

pytest.importorskip("trl")


def _recipe(tmp_path: Path, train: dict) -> Path:
    path = tmp_path / "recipe.yaml"
    path.write_text(yaml.safe_dump({"name": "test", "train": train}))
    return path


def _drqa(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    return subprocess.run(
        [sys.executable, "-m", "drqa.cli", *args],
        capture_output=True, text=True, timeout=timeout, env=env,
    )  # fmt: skip


def test_cli_trains_and_records_lineage(gated_release, tiny_model_dir, tmp_path):
    from transformers import AutoModelForCausalLM

    train = fast_train(gated_release, tmp_path / "unused", tiny_model_dir)
    train.pop("release"), train.pop("output")
    recipe = _recipe(tmp_path, train)
    out = tmp_path / "run"
    done = _drqa("train", "--recipe", str(recipe), "--release", str(gated_release),
                 "--output", str(out), "--no-progress")  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "trained 2 steps (grpo, task judge)" in done.stdout and str(out) in done.stdout
    assert "release 1.0.0" in done.stdout and "no --version given" in done.stdout

    model = AutoModelForCausalLM.from_pretrained(out)
    assert model.config.model_type == "qwen2"
    facts = json.loads((out / "drqa_training.json").read_text())
    assert facts["release"]["version"] == "1.0.0"
    assert facts["release"]["manifest_sha256"] == file_sha256(gated_release / "manifest.json")
    assert facts["global_step"] == 2 and facts["method"] == "grpo"
    assert [r["name"] for r in facts["rewards"]] == ["label_match", "letter_format"]
    assert facts["config"]["grpo"]["num_generations"] == 2
    card = (out / "README.md").read_text()
    assert facts["release"]["manifest_sha256"] in card and "label_match@1" in card
    assert (out / "training_curves.png").stat().st_size > 0
    assert sorted(p.name for p in (out / "completions").glob("*.parquet"))
    train_rows = (out / "task" / "train.parquet").stat().st_size
    assert train_rows > 0 and (out / "checkpoint-2").is_dir()

    again = _drqa("train", "--recipe", str(recipe), "--release", str(gated_release),
                  "--output", str(out))  # fmt: skip
    assert again.returncode == 2 and "already holds a training run" in again.stderr


def test_cli_json_summary_is_the_only_stdout(gated_release, tiny_model_dir, tmp_path):
    train = fast_train(gated_release, tmp_path / "unused", tiny_model_dir)
    train.pop("release"), train.pop("output")
    recipe = _recipe(tmp_path, train)
    out = tmp_path / "run"
    done = _drqa("train", "--recipe", str(recipe), "--release", str(gated_release),
                 "--output", str(out), "--max-steps", "1", "--no-progress", "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads(done.stdout)  # nothing else on stdout: the release pin went to stderr
    assert summary["steps"] == 1 and summary["method"] == "grpo"
    assert summary["output"] == str(out) and summary["lineage"].endswith("drqa_training.json")
    assert summary["train_rows"] > 0 and "release 1.0.0" in done.stderr


def test_cli_refuses_ungated_release_in_one_line(ungated_release, tiny_model_dir, tmp_path):
    done = _drqa("train", "--release", str(ungated_release), "--output", str(tmp_path / "o"),
                 "--model", str(tiny_model_dir))  # fmt: skip
    assert done.returncode != 0
    assert "not gated" in done.stderr and "--allow-ungated" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "o").exists()


@register_reward("probe_low_first_token", version=1)
def _probe(completions, completion_ids, **_):
    """1.0 when the first completion token is in the lower half of the vocabulary: a reward a
    random model's samples disagree on, which GRPO can raise."""
    return [1.0 if ids and ids[0] < 2048 else 0.0 for ids in completion_ids]


def test_learning_probe_mean_reward_rises(gated_release, tiny_model_dir, tmp_path):
    """GRPO learns a reward its samples disagree on (beta 0: no KL pull to the reference)."""
    from drqa.trainer.run import train

    config = TrainConfig.model_validate(
        fast_train(
            gated_release, tmp_path / "probe", tiny_model_dir,
            max_steps=8, save_steps=100, log_completions=False,
            rewards=[{"name": "probe_low_first_token"}],
            task={"max_prompt_tokens": 1024, "validation_fraction": 0.0, "balance": "none"},
            grpo={"learning_rate": 0.2, "num_generations": 4, "per_device_train_batch_size": 8,
                  "max_completion_length": 2, "beta": 0.0, "loss_type": "dapo"},
        )
    )  # fmt: skip
    result = train(config, progress=False)
    rewards = [h["reward"] for h in _log(result.output) if "reward" in h]
    assert len(rewards) == 8 and result.global_step == 8
    first, last = sum(rewards[:3]) / 3, sum(rewards[-3:]) / 3
    assert last > first + 0.2 and last >= 0.8, rewards


def _log(output: Path) -> list[dict]:
    return json.loads((output / "trainer_state.json").read_text())["log_history"]


def test_sft_on_b_chains_runs(gated_release, tiny_model_dir, tmp_path):
    from transformers import AutoModelForCausalLM

    from drqa.trainer.run import train

    config = TrainConfig.model_validate(
        fast_train(gated_release, tmp_path / "sft", tiny_model_dir, method="sft",
                   sft={"per_device_train_batch_size": 4, "max_length": 512,
                        "learning_rate": 1e-3})
    )  # fmt: skip
    result = train(config, progress=False)
    assert result.global_step == 2 and result.task["class_counts_train"].keys() == {"B"}
    assert "train_loss" in result.metrics
    facts = json.loads(result.lineage.read_text())
    assert facts["method"] == "sft" and facts["rewards"] == []
    AutoModelForCausalLM.from_pretrained(result.output)


@pytest.mark.slow
def test_resume_after_sigkill_reaches_the_same_step(gated_release, tiny_model_dir, tmp_path):
    train = fast_train(gated_release, tmp_path / "run", tiny_model_dir, max_steps=4,
                       save_steps=2, log_completions=False)  # fmt: skip
    recipe = _recipe(tmp_path, train)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    out = Path(train["output"])
    process = subprocess.Popen(
        [sys.executable, "-m", "drqa.cli", "train", "--recipe", str(recipe), "--no-progress"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 240
    while not (out / "checkpoint-2" / "trainer_state.json").is_file():
        assert process.poll() is None, "the run ended before its first checkpoint"
        assert time.monotonic() < deadline
        time.sleep(0.1)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert not (out / "drqa_training.json").exists()  # killed before the end

    changed = _drqa("train", "--recipe", str(recipe), "--resume", "--max-steps", "5")
    assert changed.returncode == 2 and "max_steps differ" in changed.stderr

    resumed = _drqa("train", "--recipe", str(recipe), "--resume", "--no-progress")
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    facts = json.loads((out / "drqa_training.json").read_text())
    assert facts["global_step"] == 4 and facts["resumed_from"] in {"checkpoint-2", "checkpoint-4"}
    steps = [h["step"] for h in _log(out) if "reward" in h]
    assert steps == [1, 2, 3, 4]  # every step once, none repeated or lost
