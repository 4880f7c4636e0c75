"""Typed configuration of ``drqa eval`` (the recipe's ``eval:`` section).

The model under evaluation and how to run it reuse generation's own ``GenerateConfig``
(``eval.generate.model``, ``eval.generate.backend``, ``eval.generate.sampling`` ...), whose
defaults are already the conventional reasoning-eval settings (temperature 0.6, top_p 0.95,
32,768 max tokens); this section adds what is specific to evaluating.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from drqa.builders.generation.config import GenerateConfig
from drqa.config import FrozenConfig

SuiteName = Literal[
    "gsm8k", "math500", "aime2024", "aime2025", "amc2023", "gpqa_diamond", "quickstart"
]
ALL_SUITES: tuple[SuiteName, ...] = (
    "gsm8k",
    "math500",
    "aime2024",
    "aime2025",
    "amc2023",
    "gpqa_diamond",
)


class EvalConfig(FrozenConfig):
    """Benchmarks, samples and sampling settings of an evaluation."""

    generate: GenerateConfig = Field(
        GenerateConfig(), description="The model under evaluation and how to run it."
    )
    name: str | None = Field(
        None, description="The model's row label in reports (default: derived from the model)."
    )
    suites: tuple[SuiteName, ...] = ALL_SUITES
    samples: int | None = Field(
        None, ge=1, description="Samples per problem (default: each suite's conventional k)."
    )
    limit: int | None = Field(None, ge=1, description="Only the first N problems of each suite.")
    benchmarks_dir: str | None = Field(
        None, description="Folder of <suite>.jsonl files; default: the Hub at pinned revisions."
    )
    hub_revisions: dict[str, str] = Field(
        default_factory=dict, description="Hub revision per suite, overriding the pinned one."
    )
    verify_timeout_s: float = Field(5.0, gt=0)
    verify_workers: int = Field(2, ge=1)
    allow_contaminated: bool = Field(
        False, description="Score suites that overlap the model's training release."
    )
    allow_unchecked: str | None = Field(
        None,
        description="Evaluate a drqa train model whose training release cannot be verified "
        "(the reason is recorded and the report marks the rows).",
    )
    starts_in_thinking: bool | None = Field(
        None,
        description="Whether the model's chat template opens the thinking (its output starts "
        "inside it); default: read from the template when the model is a local folder "
        "(drqa.chat_format), else false. A text without </think> is then all thinking.",
    )
    report_to: tuple[Literal["auto", "trackio", "wandb", "tensorboard", "none"], ...] = Field(
        ("auto",),
        description="Log each suite's figures to trackio, wandb or tensorboard (their own "
        "APIs), or none; auto: trackio when installed, else none.",
    )
    tracking_project: str = Field("drqa-eval", description="The trackers' project name.")
    bootstrap_samples: int = Field(2000, ge=100, description="Resamples of the paired bootstrap.")

    @field_validator("suites", "report_to", mode="before")
    @classmethod
    def _split_suites(cls, value):
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value
