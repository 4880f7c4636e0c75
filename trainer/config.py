"""Typed configuration of ``drqa train`` (the recipe's ``train:`` section).

Each field is documented once, here; :mod:`drqa.trainer.grpo` and :mod:`drqa.trainer.sft` map
them onto TRL's ``GRPOConfig`` / ``SFTConfig``. What TRL would reject late (a generation batch
not divisible by ``num_generations``, fewer than two generations) is refused at validation.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from drqa.config import FrozenConfig
from drqa.schema import LABELS, Label


def check_extra_fields(extra: dict[str, Any], trl_class: str, section: str) -> dict[str, Any]:
    """``extra`` when every key is a field of the installed TRL's ``trl_class`` dataclass; else
    one error naming the closest field (nothing is checked when TRL is not installed: the run
    itself needs it and says so)."""
    if not extra:
        return extra
    import dataclasses
    import difflib

    try:
        import trl
    except ImportError:
        return extra
    fields = sorted(f.name for f in dataclasses.fields(getattr(trl, trl_class)))
    for key in extra:
        if key not in fields:
            close = difflib.get_close_matches(key, fields, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(
                f"train.{section}.extra.{key}: not a field of TRL {trl.__version__} "
                f"{trl_class}{hint}"
            )
    return extra


class TaskConfig(FrozenConfig):
    """How release rows become the DRQA judging task (or, ``kind: solve``, the solving task)."""

    kind: Literal["judge", "solve"] = Field(
        "judge",
        description="judge (the paper's task: grade one chain A/B/C) or solve (GRPO on the "
        "policy's own answers to the release's problems, reward budget@1); `train.task: solve` "
        "is short for `train.task.kind: solve`.",
    )
    template: str = Field(
        "judge-v1",
        description="Prompt template: a versioned file drqa/trainer/templates/<name>.jinja.",
    )
    labels: tuple[Label, ...] = Field(LABELS, description="Gold labels kept as training rows.")
    balance: Literal["none", "downsample", "upsample"] = Field(
        "downsample",
        description="Per-label row counts: downsample to the rarest, upsample to the commonest.",
    )
    max_prompt_tokens: int = Field(
        4096,
        ge=16,
        description="Prompts longer than this (model tokenizer) are dropped and counted.",
    )
    validation_fraction: float = Field(
        0.05,
        ge=0.0,
        lt=1.0,
        description="Share of problems held out for validation (split by problem).",
    )
    max_rows: int | None = Field(
        None, ge=1, description="Seeded cap on training rows after balancing."
    )


class RewardSpec(FrozenConfig):
    """One named reward function (see ``drqa.trainer.rewards.REWARDS``) and its weight."""

    name: str
    weight: float = 1.0


class GrpoSection(FrozenConfig):
    """TRL ``GRPOConfig`` fields that a DRQA run sets (the rest keep TRL's defaults)."""

    learning_rate: float = Field(1e-6, gt=0)
    beta: float = Field(
        0.04,
        ge=0,
        description="KL coefficient (the paper's KL-regularised GRPO: 0.04, a reference model is "
        "loaded); 0 loads no reference model.",
    )
    loss_type: Literal["grpo", "dr_grpo", "dapo", "bnpo", "cispo", "sapo"] = Field(
        "grpo", description="TRL loss; grpo is the paper's objective (dapo: TRL's default)."
    )
    scale_rewards: Literal["group", "batch", "none"] = "group"
    num_generations: int = Field(8, ge=2)
    per_device_train_batch_size: int = Field(
        8, ge=1, description="Completions (not prompts) per device and step."
    )
    gradient_accumulation_steps: int = Field(1, ge=1)
    num_iterations: int = Field(1, ge=1)
    epsilon: float = Field(0.2, gt=0)
    max_completion_length: int = Field(512, ge=1)
    temperature: float = Field(1.0, gt=0)
    top_p: float = Field(1.0, gt=0, le=1)
    mask_truncated_completions: bool = False
    use_vllm: bool = False
    vllm_mode: Literal["colocate", "server"] = "colocate"
    vllm_gpu_memory_utilization: float = Field(0.3, gt=0, le=1)
    vllm_tensor_parallel_size: int = Field(1, ge=1)
    vllm_server_base_url: str | None = None
    extra: dict[str, Any] = Field(
        default_factory=dict,
        description="Any other TRL GRPOConfig field (lr_scheduler_type, warmup_ratio, "
        "vllm_max_model_length, ...), checked against the installed TRL.",
    )

    @field_validator("extra")
    @classmethod
    def _extra_fields(cls, extra: dict[str, Any]) -> dict[str, Any]:
        return check_extra_fields(extra, "GRPOConfig", "grpo")

    @model_validator(mode="after")
    def _generation_batch(self) -> GrpoSection:
        batch = self.per_device_train_batch_size * self.gradient_accumulation_steps
        if batch % self.num_generations:
            groups = max(1, round(self.per_device_train_batch_size / self.num_generations))
            raise ValueError(
                "the generation batch (per_device_train_batch_size "
                f"{self.per_device_train_batch_size} x gradient_accumulation_steps "
                f"{self.gradient_accumulation_steps} = {batch}) "
                f"must be divisible by num_generations ({self.num_generations}); e.g. set "
                "train.grpo.per_device_train_batch_size="
                f"{self.num_generations * groups}"
            )
        return self


class SftSection(FrozenConfig):
    """The SFT baseline: TRL ``SFTTrainer`` on the concise (B) chains."""

    labels: tuple[Label, ...] = ("B",)
    learning_rate: float = Field(1e-5, gt=0)
    per_device_train_batch_size: int = Field(8, ge=1)
    gradient_accumulation_steps: int = Field(1, ge=1)
    max_length: int = Field(
        8192, ge=16, description="Prompt + chain tokens; longer rows are dropped and counted."
    )
    extra: dict[str, Any] = Field(
        default_factory=dict,
        description="Any other TRL SFTConfig field, checked against the installed TRL.",
    )

    @field_validator("extra")
    @classmethod
    def _extra_fields(cls, extra: dict[str, Any]) -> dict[str, Any]:
        return check_extra_fields(extra, "SFTConfig", "sft")


class TransferEvalSection(FrozenConfig):
    """``train.eval``: during training the current policy answers benchmark problems as single
    questions (the eval prompt of ``drqa eval``) and the answers are scored by ``drqa eval``'s
    scorer; accuracy and mean output tokens per suite go to the logs, drqa_training.json and
    transfer.png. At the end the judge is run on the validation split (per-label accuracy and
    the A/B/C confusion matrix)."""

    suites: tuple[str, ...] = Field(
        (), description="Eval suites (as in `drqa eval --suite`); empty: no transfer measurement."
    )
    benchmarks_dir: str | None = Field(
        None, description="Folder of <suite>.jsonl files; default: as `drqa eval` finds them."
    )
    limit: int = Field(8, ge=1, description="First N problems of each suite.")
    samples: int = Field(1, ge=1, description="Answers per problem (1 when greedy).")
    every_steps: int | None = Field(
        None, ge=1, description="Measure every N optimizer steps (always before and at the end)."
    )
    max_tokens: int = Field(512, ge=1, description="Output tokens per answer.")
    temperature: float = Field(0.0, ge=0, description="0: greedy; else sampled with top_p.")
    top_p: float = Field(1.0, gt=0, le=1)
    batch_size: int = Field(8, ge=1, description="Problems per generate call.")
    validation_limit: int | None = Field(
        64, ge=0, description="Validation rows the judge grades at the end (0: none, null: all)."
    )

    @model_validator(mode="before")
    @classmethod
    def _suites_from_text(cls, value):
        if isinstance(value, dict) and isinstance(value.get("suites"), str):
            parts = [p.strip() for p in value["suites"].split(",") if p.strip()]
            value = {**value, "suites": tuple(parts)}
        return value


class TrainConfig(FrozenConfig):
    """GRPO (and SFT baseline) training on a pinned release."""

    method: Literal["grpo", "sft"] = Field(
        "grpo", description="grpo (the DRQA task) or sft (the B-chain baseline)."
    )
    model: str | None = Field(
        None,
        description="Base model: folder or Hub id; drqa:tiny-qwen2 builds the tiny test model.",
    )
    release: str | None = Field(
        None, description="Release folder, a workspace releases folder, or Hub ORG/NAME."
    )
    version: str | None = Field(None, description="Release version to pin (the Hub tag).")
    digest: str | None = Field(
        None, description="Release digest sha256:<hex> (its manifest) to pin, like an image digest."
    )
    output: str | None = Field(
        None, description="Run folder: checkpoints, final model, model card, drqa_training.json."
    )
    allow_ungated: str | None = Field(
        None,
        description="Train on a release whose gate failed/was overridden; the reason is recorded.",
    )
    seed: int = Field(0, description="Seed of the data split, balancing and TRL.")
    num_train_epochs: float = Field(1.0, gt=0)
    max_steps: int = Field(
        -1, ge=-1, description="Optimizer steps; > 0 overrides num_train_epochs."
    )
    save_steps: int = Field(100, ge=1)
    save_total_limit: int | None = Field(2, ge=1)
    logging_steps: int = Field(10, ge=1)
    eval_steps: int | None = Field(
        None, ge=1, description="Evaluate on the validation split every N steps (off when unset)."
    )
    device: Literal["auto", "cpu", "cuda"] = "auto"
    precision: Literal["auto", "bf16", "fp16", "fp32"] = "auto"
    gradient_checkpointing: bool = False
    torch_dtype: Literal["auto", "bfloat16", "float16", "float32"] | None = Field(
        None, description="dtype the model is loaded in (TRL's default when unset: float32)."
    )
    attn_implementation: str | None = Field(
        None, description="Attention kernel for the model: eager, sdpa, flash_attention_2, ..."
    )
    log_completions: bool = Field(
        True, description="Write TRL's completions/*.parquet in the output folder."
    )
    report_to: tuple[Literal["auto", "trackio", "wandb", "tensorboard", "none"], ...] = Field(
        ("auto",),
        description="Trackers through TRL's report_to: trackio, wandb, tensorboard or none; "
        "auto: trackio when installed, else none.",
    )
    trusted_keys: tuple[str, ...] = Field(
        (), description="ed25519 public keys (PEM files or text): the release must be signed."
    )
    eval: TransferEvalSection = TransferEvalSection()
    task: TaskConfig = TaskConfig()
    rewards: tuple[RewardSpec, ...] = (
        RewardSpec(name="label_match", weight=1.0),
        RewardSpec(name="letter_format", weight=0.1),
    )
    grpo: GrpoSection = GrpoSection()
    sft: SftSection = SftSection()

    @model_validator(mode="before")
    @classmethod
    def _shorthands(cls, value):
        """``task: solve`` -> ``task: {kind: solve}``; ``report_to: wandb`` -> ``[wandb]``."""
        if not isinstance(value, dict):
            return value
        value = dict(value)
        if isinstance(value.get("task"), str):
            value["task"] = {"kind": value["task"]}
        task = value.get("task")
        kind = task.get("kind") if isinstance(task, dict) else getattr(task, "kind", None)
        if kind == "solve" and "rewards" not in value:
            value["rewards"] = [{"name": "budget", "weight": 1.0}]
        if isinstance(value.get("report_to"), str):
            value["report_to"] = [p.strip() for p in value["report_to"].split(",") if p.strip()]
        return value

    @model_validator(mode="after")
    def _consistent(self) -> TrainConfig:
        if self.method == "grpo" and not self.rewards:
            raise ValueError("GRPO needs at least one reward; set train.rewards")
        if self.task.kind == "solve" and self.method != "grpo":
            raise ValueError("train.task: solve trains with GRPO; set train.method=grpo")
        if self.allow_ungated is not None and not self.allow_ungated.strip():
            raise ValueError("allow_ungated needs a reason, e.g. 'tiny-model smoke test'")
        return self
