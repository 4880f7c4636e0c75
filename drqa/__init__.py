"""drqa: batched chain-of-thought corpora for DRQA (Dynamic Reasoning Quota Allocation).

Importing ``drqa`` is cheap: it never imports torch, transformers or vllm.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drqa.errors import DrqaError

__version__ = "0.1.0"

__all__ = ["DrqaError", "Workspace", "__version__", "load_release"]

if TYPE_CHECKING:  # pragma: no cover
    from datasets import Dataset

    from drqa.workspace import Workspace


def load_release(
    folder_or_repo: str,
    version: str | None = None,
    config: str = "labels",
    *,
    digest: str | None = None,
    trusted_keys: Any = None,
) -> Dataset:
    """Load a published release as a ``datasets.Dataset`` after checking it against its manifest
    (every file, nothing extra), the pinned ``digest`` and, if given, ``trusted_keys``."""
    from drqa.builders.release.loader import load_release as _load

    return _load(folder_or_repo, version, config=config, digest=digest, trusted_keys=trusted_keys)


def __getattr__(name: str) -> Any:
    """``drqa.Workspace`` is imported on first use (it loads DuckDB)."""
    if name == "Workspace":
        from drqa.workspace import Workspace

        return Workspace
    raise AttributeError(f"module 'drqa' has no attribute {name!r}; public names: {__all__}")
