"""How a model is named where people read it (reports, gate checks, cards): a Hub id as given,
a local folder by its last part (a path on one machine means nothing in a published card)."""

from __future__ import annotations

from pathlib import PurePosixPath


def display_model(model: str | None) -> str:
    """``Qwen/QwQ-32B`` stays; ``/home/me/models/tiny-qwen2`` is ``tiny-qwen2``; None is ``-``."""
    if not model:
        return "-"
    is_path = model.count("/") > 1 or model[:1] in "/~."
    return PurePosixPath(model).name if is_path else model
