"""Typed configuration of ``drqa train`` (the recipe's ``train:`` section)."""

from __future__ import annotations

from drqa.config import FrozenConfig


class TrainConfig(FrozenConfig):
    """GRPO (and SFT baseline) training on a pinned release."""
