"""The SFT baseline through TRL's ``SFTTrainer``: learn to write the concise (B) chains.

The paper's comparison: SFT on concise chains shortens answers but loses accuracy; GRPO on the
judging task keeps it. Rows are prompt/completion text (the prompt already rendered with the
model's chat template), so only the chain's tokens carry the loss.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from drqa.optional import require
from drqa.trainer.config import TrainConfig
from drqa.trainer.trl_args import common_args


def sft_dataset(rows: pl.DataFrame):
    """A ``datasets.Dataset`` of ``prompt``/``completion`` text with lineage columns."""
    datasets = require("datasets", "drqa train --method sft")
    return datasets.Dataset.from_dict(
        {c: rows[c].to_list() for c in ("prompt", "completion", "chain_id", "problem_id")}
    )


def make_sft_trainer(config: TrainConfig, model: str, tokenizer, train: pl.DataFrame,
                     validation: pl.DataFrame, output: Path, *, progress: bool):  # fmt: skip
    """A ready ``SFTTrainer`` on the SFT rows."""
    trl = require("trl", "drqa train --method sft")
    evaluate = config.eval_steps is not None and validation.height > 0
    section = config.sft
    args = trl.SFTConfig(
        **common_args(config, output, evaluate=evaluate, progress=progress),
        learning_rate=section.learning_rate,
        per_device_train_batch_size=section.per_device_train_batch_size,
        per_device_eval_batch_size=section.per_device_train_batch_size,
        gradient_accumulation_steps=section.gradient_accumulation_steps,
        max_length=section.max_length,
        completion_only_loss=True,
    )
    return trl.SFTTrainer(
        model=model,
        args=args,
        train_dataset=sft_dataset(train),
        eval_dataset=sft_dataset(validation) if evaluate else None,
        processing_class=tokenizer,
    )
