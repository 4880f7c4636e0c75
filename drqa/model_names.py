"""How a model is named: for identity (a run id), a local folder by its resolved path and a Hub
id as given; where people read it (reports, gate checks, cards), a Hub id as given and a local
folder by its last part (a path on one machine means nothing in a published card)."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath, PureWindowsPath

# A Hugging Face Hub repo id: ``name`` or ``owner/name`` (letters, digits, ``-``, ``_``, ``.``).
_HUB_ID = re.compile(r"(?:[A-Za-z0-9][A-Za-z0-9._-]*/)?[A-Za-z0-9][A-Za-z0-9._-]*")


def is_hub_id(text: str) -> bool:
    """True when ``text`` reads as a Hub repo id (``gpt2``, ``Qwen/QwQ-32B``): one slash at most,
    no leading ``/ ~ .``, no backslash, drive or URL scheme. Every stage asks this one question."""
    return bool(_HUB_ID.fullmatch(text)) and not text.endswith(".") and ".." not in text


def looks_like_path(text: str) -> bool:
    """True for what can only be a local path (``/abs``, ``~/x``, ``./x``, ``.``, ``a/b/c``,
    ``C:\\x``); false for a Hub id, a URL, or a plain name (a served model name such as
    ``qwen2.5:7b``). The one rule every stage uses to tell a path from a name."""
    if "://" in text:
        return False
    return (
        text.startswith(("/", "~", "./", "../"))
        or text in (".", "..")
        or text.count("/") >= 2
        or "\\" in text
        or PureWindowsPath(text).drive != ""
    )


def display_model(model: str | None) -> str:
    """``Qwen/QwQ-32B`` stays; ``/home/me/models/tiny-qwen2`` is ``tiny-qwen2``; None is ``-``."""
    if not model:
        return "-"
    if looks_like_path(model):
        return PurePosixPath(model.replace("\\", "/")).name or model
    return model


def canonical_model(model: str | None) -> str | None:
    """A local model folder as its resolved absolute path; a Hub id (nothing on disk) unchanged."""
    if not model:
        return model
    path = Path(model).expanduser()
    if path.exists() or looks_like_path(model):
        return str(path.resolve())
    return model
