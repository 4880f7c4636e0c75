"""Typed configuration of ``drqa eval`` (the recipe's ``eval:`` section); filled by the evals."""

from __future__ import annotations

from drqa.config import FrozenConfig


class EvalConfig(FrozenConfig):
    """Benchmarks, samples and sampling settings of an evaluation."""
