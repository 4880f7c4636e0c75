"""What GRPO and SFT runs share when ``train`` maps onto TRL: device and precision, the model to
load, checkpoint/logging/eval cadence."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from drqa.errors import DrqaError
from drqa.optional import require
from drqa.trainer.config import TrainConfig
from drqa.trainer.tracking import report_targets

TINY_MODEL = "drqa:tiny-qwen2"


def is_main_process() -> bool:
    """True in the process that writes files (rank 0 under ``accelerate launch``)."""
    return int(os.environ.get("RANK", "0")) == 0


def resolve_model(config: TrainConfig, output: Path) -> str:
    """The model to load: a folder or Hub id as given, or the tiny test model built in the run
    folder for ``drqa:tiny-qwen2``."""
    if not config.model:
        raise DrqaError("no base model: pass --model FOLDER_OR_HUB_ID or set train.model")
    if config.model == TINY_MODEL:
        from drqa.tiny_model import make_tiny_model

        return str(make_tiny_model(output / "base-model"))
    return config.model


def device_args(config: TrainConfig) -> dict[str, Any]:
    """``use_cpu`` / ``bf16`` / ``fp16`` for the device the run really has (TRL's bf16 default
    raises without a GPU)."""
    torch = require("torch", "drqa train")
    cuda = torch.cuda.is_available()
    device = config.device if config.device != "auto" else ("cuda" if cuda else "cpu")
    if device == "cuda" and not cuda:
        raise DrqaError("train.device is cuda but no CUDA GPU is visible; set train.device=cpu")
    precision = config.precision
    if precision == "auto":
        precision = "bf16" if device == "cuda" and torch.cuda.is_bf16_supported() else "fp32"
    if device == "cpu" and precision != "fp32":
        raise DrqaError(f"train.precision={precision} needs a GPU; use fp32 (or auto) on CPU")
    return {"use_cpu": device == "cpu", "bf16": precision == "bf16", "fp16": precision == "fp16"}


def _checkpointing_key() -> str:
    """transformers 5 renamed ``gradient_checkpointing`` to ``activation_checkpointing``."""
    import dataclasses

    transformers = require("transformers", "drqa train")
    names = {f.name for f in dataclasses.fields(transformers.TrainingArguments)}
    return (
        "activation_checkpointing"
        if "activation_checkpointing" in names
        else ("gradient_checkpointing")
    )


def common_args(config: TrainConfig, output: Path, *, evaluate: bool, progress: bool) -> dict:
    """The ``TrainingArguments`` fields every method sets from ``train``."""
    return {
        "output_dir": str(output),
        "seed": config.seed,
        "data_seed": config.seed,
        "num_train_epochs": config.num_train_epochs,
        "max_steps": config.max_steps,
        "save_strategy": "steps",
        "save_steps": config.save_steps,
        "save_total_limit": config.save_total_limit,
        "logging_steps": config.logging_steps,
        "eval_strategy": "steps" if evaluate else "no",
        "eval_steps": config.eval_steps if evaluate else None,
        "report_to": report_targets(config.report_to),
        _checkpointing_key(): config.gradient_checkpointing,
        "disable_tqdm": not progress,
        **device_args(config),
        **({"model_init_kwargs": init} if (init := model_init_kwargs(config)) else {}),
    }


def model_init_kwargs(config: TrainConfig) -> dict[str, Any]:
    """``from_pretrained`` keywords for the model (and GRPO's reference model): ``dtype`` and
    ``attn_implementation`` when the recipe sets them."""
    kwargs: dict[str, Any] = {}
    if config.torch_dtype is not None:
        kwargs["dtype"] = config.torch_dtype
    if config.attn_implementation is not None:
        kwargs["attn_implementation"] = config.attn_implementation
    return kwargs


def with_extra(args: dict[str, Any], extra: dict[str, Any], section: str) -> dict[str, Any]:
    """``args`` plus the recipe's ``train.<section>.extra`` fields; a field drqa already sets
    from its own settings is refused (set it there, so the lineage records it once)."""
    taken = sorted(set(args) & set(extra))
    if taken:
        raise DrqaError(
            f"train.{section}.extra sets {', '.join(taken)}, which drqa sets from train / "
            f"train.{section}; set the typed field instead (e.g. train.{section}.{taken[0]} or "
            f"train.{taken[0]})"
        )
    return {**args, **extra}
