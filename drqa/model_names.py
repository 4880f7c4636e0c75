"""How a model is named: for identity (a run id), a local folder by its resolved path and a Hub
id as given; where people read it (reports, gate checks, cards), a Hub id as given and a local
folder by its last part (a path on one machine means nothing in a published card)."""

from __future__ import annotations

from pathlib import Path, PurePosixPath


def display_model(model: str | None) -> str:
    """``Qwen/QwQ-32B`` stays; ``/home/me/models/tiny-qwen2`` is ``tiny-qwen2``; None is ``-``."""
    if not model:
        return "-"
    is_path = model.count("/") > 1 or model[:1] in "/~."
    return PurePosixPath(model).name if is_path else model


def canonical_model(model: str | None) -> str | None:
    """A local model folder as its resolved absolute path; a Hub id (nothing on disk) unchanged."""
    if not model:
        return model
    path = Path(model).expanduser()
    if path.exists() or model.startswith(("./", "../", "/", "~")):
        return str(path.resolve())
    return model
