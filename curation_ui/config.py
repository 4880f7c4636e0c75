"""Typed configuration of annotator review (the recipe's ``review:`` section)."""

from __future__ import annotations

from pydantic import Field

from drqa.config import FrozenConfig


class ReviewConfig(FrozenConfig):
    """Which chains go to review and how many annotators each record needs."""

    min_submitted: int = Field(
        1, ge=1, description="Submissions each record needs (2+: overlap and agreement)."
    )
    per_stratum: int = Field(25, ge=0, description="Chains per (label, batch size) stratum.")
    audit_share: float = Field(0.05, ge=0.0, le=1.0, description="Random share of other chains.")
    seed: int = Field(0, description="Sampling seed.")
