"""Typed configuration of the label stage (the recipe's ``label:`` section)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from drqa.config import FrozenConfig

RuleName = Literal["paper", "paper@1", "strict-shorter", "strict-shorter@1"]


class LabelConfig(FrozenConfig):
    """How chains are split, verified and labelled."""

    rule: RuleName = Field("paper", description="Label rule: paper (paper@1) or strict-shorter.")
    workers: int = Field(2, ge=1, description="Verifier worker processes.")
    timeout_s: float = Field(5.0, ge=0.1, description="Seconds allowed to verify one answer.")
