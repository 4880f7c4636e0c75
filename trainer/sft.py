"""The SFT baseline through TRL's ``SFTTrainer``: learn to write the concise (B) chains.

The paper's comparison: SFT on concise chains shortens answers but loses accuracy; GRPO on the
judging task keeps it. Rows are prompt/completion text (the prompt rendered with the model's chat
template, the completion in the model's own format: ``thinking</think>\n\nanswer<eos>``),
tokenized here without special tokens so the BOS token is never doubled; only the completion's
tokens carry the loss.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from drqa.optional import require
from drqa.trainer.config import TrainConfig
from drqa.trainer.trl_args import common_args, with_extra


def sft_features(rows: pl.DataFrame, tokenizer) -> dict[str, list]:
    """``input_ids`` and ``completion_mask`` of each row: the rendered prompt and the completion
    tokenized apart, without special tokens (the chat template already wrote the BOS token when
    the model has one: TRL would add it a second time to a text prompt), then joined, exactly
    the tokens the model sees at inference."""

    def ids(texts: list[str]) -> list[list[int]]:
        return tokenizer(texts, add_special_tokens=False, return_attention_mask=False)["input_ids"]

    prompts, completions = ids(rows["prompt"].to_list()), ids(rows["completion"].to_list())
    return {
        "input_ids": [p + c for p, c in zip(prompts, completions, strict=True)],
        "completion_mask": [
            [0] * len(p) + [1] * len(c) for p, c in zip(prompts, completions, strict=True)
        ],  # fmt: skip
    }


def sft_dataset(rows: pl.DataFrame, tokenizer):
    """A tokenized ``datasets.Dataset`` (``input_ids``, ``completion_mask``): TRL skips its own
    tokenization and trains on the completion's tokens only."""
    datasets = require("datasets", "drqa train --method sft")
    return datasets.Dataset.from_dict(sft_features(rows, tokenizer))


def make_sft_trainer(config: TrainConfig, model: str, tokenizer, train: pl.DataFrame,
                     validation: pl.DataFrame, output: Path, *, progress: bool):  # fmt: skip
    """A ready ``SFTTrainer`` on the SFT rows."""
    trl = require("trl", "drqa train --method sft")
    evaluate = config.eval_steps is not None and validation.height > 0
    section = config.sft
    args = {
        **common_args(config, output, evaluate=evaluate, progress=progress),
        "learning_rate": section.learning_rate,
        "per_device_train_batch_size": section.per_device_train_batch_size,
        "per_device_eval_batch_size": section.per_device_train_batch_size,
        "gradient_accumulation_steps": section.gradient_accumulation_steps,
        "max_length": section.max_length,
        "completion_only_loss": True,
    }
    args = trl.SFTConfig(**with_extra(args, section.extra, "sft"))
    return trl.SFTTrainer(
        model=model,
        args=args,
        train_dataset=sft_dataset(train, tokenizer),
        eval_dataset=sft_dataset(validation, tokenizer) if evaluate else None,
        processing_class=tokenizer,
    )
