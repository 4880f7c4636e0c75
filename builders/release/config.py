"""Thresholds of the release gate, validated once; recipes fill them under ``gate:``.

Every field is one threshold of one expectation in :mod:`drqa.builders.release.gate_suite`; the
check names in ``drqa check`` output refer to these fields.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from drqa.config import FrozenConfig
from drqa.schema import Label, VerifyStatus


class ShareBounds(FrozenConfig):
    """Inclusive bounds on the share (0..1) of released chains that carry one label."""

    min: float = Field(0.0, ge=0.0, le=1.0)
    max: float = Field(1.0, ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _ordered(self) -> ShareBounds:
        if self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}; swap them")
        return self


class GateConfig(FrozenConfig):
    """Quality-gate thresholds for ``drqa check`` and ``drqa release``."""

    max_unsplittable_share: float = Field(
        0.10, ge=0.0, le=1.0, description="Share of all chains whose split_status is not 'ok'."
    )
    max_unverifiable_share: float = Field(
        0.10,
        ge=0.0,
        le=1.0,
        description="Share of split chains whose verify_status is NULL or unverifiable.",
    )
    unverifiable_statuses: tuple[VerifyStatus, ...] = (
        "gold_unparseable", "no_answer", "uncertain", "error"
    )  # fmt: skip
    max_timeout_share: float = Field(
        0.05, ge=0.0, le=1.0, description="Share of split chains whose verifier timed out."
    )
    max_duplicate_chain_share: float = Field(
        0.02,
        ge=0.0,
        le=1.0,
        description="Share of released chains whose chain text repeats another released chain's "
        "(an uncut shared thinking copied into several chains).",
    )
    label_shares: dict[Label, ShareBounds] = Field(
        default_factory=lambda: {
            "A": ShareBounds(min=0.05, max=0.90),
            "B": ShareBounds(min=0.05, max=0.90),
            "C": ShareBounds(min=0.0, max=0.60),
        },
        description="Bounds on each label's share of the released chains.",
    )
    token_column: Literal["total_tokens", "thinking_tokens"] = "total_tokens"
    max_b_over_a_tokens: float = Field(
        1.0,
        gt=0.0,
        description="On problems with both A and B chains, mean B tokens / mean A tokens must be "
        "strictly below this (the phenomenon DRQA rests on).",
    )
    min_shared_problems: int = Field(
        1, ge=0, description="Problems with both an A and a B chain needed to compare tokens."
    )
    min_kappa: float = Field(
        0.6,
        ge=-1.0,
        le=1.0,
        description="Cohen's kappa of human (review consensus) vs automatic labels, when reviews "
        "exist.",
    )
    min_reviewed_for_kappa: int = Field(
        1, ge=1, description="Reviewed chains needed before the kappa expectation runs."
    )
    min_layout_compliance: float | None = Field(
        None,
        ge=0.0,
        le=1.0,
        description="Minimum share of batched responses in the prompt's requested layout "
        "('Answer to Question k: ... \\boxed{}') per model and batch size; unset: reported, "
        "never fails.",
    )
    min_human_purity: float | None = Field(
        None,
        ge=0.0,
        le=1.0,
        description="Minimum human-judged purity (share of reviewed batched chains about their "
        "own question only and complete) per model and batch size; unset: reported, never fails.",
    )
