"""``eval.report_to``: log each suite's figures to experiment trackers through their own APIs.

``auto`` (the default) picks trackio when it is installed and nothing otherwise, so a fresh
install never prompts for a login; ``trackio``, ``wandb`` and ``tensorboard`` are used as asked
(a one-line error with the install command, before anything is generated, when one is not
installed); ``none`` turns it off. One tracker run per ``drqa eval`` call, named after the
model's label, with the run settings as its config and ``<suite>/<figure>`` values logged once.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from importlib.util import find_spec
from pathlib import Path

from drqa.errors import MissingDependency

AUTO_TRACKER = "trackio"
TRACKERS = ("trackio", "wandb", "tensorboard")
LOGGED = (
    "pass@1", "pass@1_low", "pass@1_high", "majority@k", "pass@k", "mean_tokens",
    "mean_tokens_correct", "truncation_rate", "no_answer_rate", "n_problems", "k",
)  # fmt: skip


def installed(tracker: str) -> bool:
    """True when the tracker can be imported (tensorboard: tensorboard or tensorboardX)."""
    try:
        if tracker == "tensorboard":
            return find_spec("tensorboard") is not None or find_spec("tensorboardX") is not None
        return find_spec(tracker) is not None
    except (ImportError, ValueError):
        return False


def resolve_trackers(requested: Iterable[str]) -> list[str]:
    """The trackers to log to; raises a one-line error for an asked one that is not installed."""
    chosen: list[str] = []
    for name in requested:
        if name == "none":
            return []
        if name == "auto":
            name = AUTO_TRACKER if installed(AUTO_TRACKER) else ""
        elif not installed(name):
            raise MissingDependency(
                f"eval.report_to {name}: {name!r} is not installed: pip install {name} "
                "(or set eval.report_to=none)"
            )
        if name and name not in chosen:
            chosen.append(name)
    return chosen


def suite_metrics(summary) -> dict[str, float]:
    """``<suite>/<figure>`` -> value for every suite of an eval summary."""
    out = {}
    for outcome in summary.suites:
        for key in LOGGED:
            value = outcome.figures.get(key)
            if isinstance(value, int | float):
                out[f"{outcome.suite}/{key}"] = float(value)
    return out


def log_summary(
    summary, trackers: list[str], *, project: str, settings: dict, folder: Path
) -> list[str]:
    """Log the summary's figures to each tracker; return the trackers logged to."""
    metrics = suite_metrics(summary)
    name = summary.model.label
    for tracker in trackers:
        if tracker == "tensorboard":
            _tensorboard(folder / "tensorboard" / name, metrics)
            continue
        module = importlib.import_module(tracker)
        if tracker == "wandb":
            run = module.init(project=project, name=name, config=settings, reinit=True)
            run.log(metrics)
            run.finish()
        else:  # trackio mirrors wandb's init / log / finish
            module.init(project=project, name=name, config=settings)
            module.log(metrics)
            module.finish()
    return list(trackers)


def _tensorboard(logdir: Path, metrics: dict[str, float]) -> None:
    try:
        from torch.utils.tensorboard import SummaryWriter
    except ImportError:
        from tensorboardX import SummaryWriter
    writer = SummaryWriter(log_dir=str(logdir))
    try:
        for key, value in metrics.items():
            writer.add_scalar(key, value, 0)
    finally:
        writer.close()
