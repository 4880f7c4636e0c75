"""TRL GRPO training (and the SFT baseline) on a pinned, hash-checked release.

``drqa.trainer.train(config)`` mirrors ``drqa train``; importing this package loads neither torch
nor TRL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from drqa.trainer.config import TrainConfig
    from drqa.trainer.run import TrainResult

__all__ = ["train"]


def train(
    config: TrainConfig, *, resume: bool = False, progress: bool = True, quiet: bool = False
) -> TrainResult:
    """Train on the release ``config`` pins; see :func:`drqa.trainer.run.train`."""
    from drqa.trainer.run import train as _train

    return _train(config, resume=resume, progress=progress, quiet=quiet)
