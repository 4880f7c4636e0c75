"""Typed configuration of the compose stage: which problems go together in one prompt."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from drqa.config import FrozenConfig

CompositionPolicy = Literal["random", "difficulty-mixed"]


class ComposeConfig(FrozenConfig):
    batch_sizes: tuple[int, ...] = Field(
        (1, 2, 3, 5),
        description="Questions per prompt (the paper's 'batch size'); 1 = single-question. "
        "Not the backend's forward-pass batch (generate.transformers.forward_batch_rows).",
    )
    policy: CompositionPolicy = "random"
    seed: int = 0
    max_problems: int | None = Field(None, ge=1)
    samples_per_prompt: int = Field(1, ge=1)
    single_template: str = "single-v1"
    batched_template: str = "batched-v1"
    system_prompt: str | None = None
    exclude_contaminated: bool = True

    @field_validator("batch_sizes")
    @classmethod
    def _positive(cls, sizes: tuple[int, ...]) -> tuple[int, ...]:
        if not sizes or any(k < 1 for k in sizes):
            raise ValueError("batch_sizes must be positive integers, e.g. [1, 2, 3, 5]")
        return tuple(sorted(set(sizes)))
