"""GRPO through TRL's ``GRPOTrainer``: the task's rows, the named rewards, the typed config.

The defaults are the paper's objective: ``loss_type: grpo`` with a KL penalty (``beta: 0.04``,
so TRL loads a reference model); ``train.grpo.extra`` passes any other ``GRPOConfig`` field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from drqa.optional import require
from drqa.trainer.config import TrainConfig
from drqa.trainer.rewards import get_reward, trl_reward
from drqa.trainer.trl_args import common_args, with_extra

REWARD_COLUMNS = ("label", "chain_id", "problem_id", "batch_size", "starts_in_thinking")
# the columns of train.task: solve (drqa.trainer.solve) that its budget reward reads
SOLVE_COLUMNS = ("gold_answer", "budget_tokens", "budget_source", "max_completion_tokens",
                 "stop_token_ids")  # fmt: skip


def grpo_dataset(rows: pl.DataFrame):
    """A ``datasets.Dataset`` in TRL's conversational prompt format, lineage columns kept."""
    datasets = require("datasets", "drqa train")
    data: dict[str, Any] = {
        "prompt": [[{"role": "user", "content": t}] for t in rows["prompt_text"].to_list()]
    }
    for column in dict.fromkeys((*REWARD_COLUMNS, *SOLVE_COLUMNS)):  # those the task has
        if column in rows.columns:
            data[column] = rows[column].to_list()
    return datasets.Dataset.from_dict(data)


def grpo_args(config: TrainConfig, output: Path, *, evaluate: bool, progress: bool):
    """TRL's ``GRPOConfig`` for this run (TRL re-checks its own invariants on top of ours)."""
    trl = require("trl", "drqa train")
    section = config.grpo.model_dump()
    extra = section.pop("extra")
    if not section["use_vllm"]:
        for key in ("vllm_mode", "vllm_gpu_memory_utilization", "vllm_tensor_parallel_size",
                    "vllm_server_base_url"):  # fmt: skip
            section.pop(key)
    args = {
        **common_args(config, output, evaluate=evaluate, progress=progress),
        **section,
        "per_device_eval_batch_size": config.grpo.num_generations,
        "reward_weights": [spec.weight for spec in config.rewards],
        "log_completions": config.log_completions,
        "num_completions_to_print": 0,
    }
    return trl.GRPOConfig(**with_extra(args, extra, "grpo"))


def reward_records(config: TrainConfig) -> list[dict[str, Any]]:
    """Name, version and weight of each reward the run uses (for the lineage)."""
    return [
        {"name": spec.name, "version": get_reward(spec.name).version, "weight": spec.weight}
        for spec in config.rewards
    ]


def make_grpo_trainer(config: TrainConfig, model: str, tokenizer, train: pl.DataFrame,
                      validation: pl.DataFrame, output: Path, *, progress: bool):  # fmt: skip
    """A ready ``GRPOTrainer``; evaluation runs only when ``eval_steps`` is set and the
    validation split has rows."""
    trl = require("trl", "drqa train")
    evaluate = config.eval_steps is not None and validation.height > 0
    rewards = [trl_reward(spec.name) for spec in config.rewards]
    return trl.GRPOTrainer(
        model=model,
        reward_funcs=rewards,
        args=grpo_args(config, output, evaluate=evaluate, progress=progress),
        train_dataset=grpo_dataset(train),
        eval_dataset=grpo_dataset(validation) if evaluate else None,
        processing_class=tokenizer,
    )
