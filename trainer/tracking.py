"""``train.report_to``: which experiment trackers TRL reports to (through its own ``report_to``).

``auto`` picks trackio when it is installed and nothing otherwise, so a fresh install never
prompts for a login; ``trackio``, ``wandb`` and ``tensorboard`` are passed on as asked (TRL says
when one is not installed); ``none`` turns reporting off.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.util import find_spec

AUTO_TRACKER = "trackio"


def installed(tracker: str) -> bool:
    """True when the tracker can be imported (tensorboard: tensorboard or tensorboardX)."""
    if tracker == "tensorboard":
        return find_spec("tensorboard") is not None or find_spec("tensorboardX") is not None
    return find_spec(tracker) is not None


def report_targets(requested: Iterable[str]) -> list[str] | str:
    """TRL's ``report_to`` value for ``train.report_to``: a list of trackers, or ``"none"``."""
    chosen: list[str] = []
    for name in requested:
        if name == "none":
            return "none"
        if name == "auto":
            name = AUTO_TRACKER if installed(AUTO_TRACKER) else ""
        if name and name not in chosen:
            chosen.append(name)
    return chosen or "none"
