"""Optional heavy dependencies: availability checks and lazy imports with a helpful error."""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

from drqa.errors import MissingDependency

# module name -> the extra that provides it
_EXTRAS = {
    "torch": 'pip install "torch==2.13.0"  (CPU wheel; on GPU machines the CUDA build)',
    "transformers": 'pip install "drqa[transformers]"',
    "vllm": 'pip install "drqa[vllm]"  (GPU machines only)',
    "argilla": 'pip install "drqa[review]"',
    "trl": 'pip install "drqa[train]"',
    "openai": "pip install openai",
    "playwright": 'pip install "drqa[review]"',
    "fakeredis": 'pip install "drqa[review]"',
    "cryptography": 'pip install "drqa[signing]"',
}


def is_available(module: str) -> bool:
    """True when ``module`` can be imported (without importing it)."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def require(module: str, purpose: str) -> ModuleType:
    """Import ``module`` or raise a one-line error naming the install command."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        hint = _EXTRAS.get(module.split(".")[0], f"pip install {module.split('.')[0]}")
        raise MissingDependency(
            f"{purpose} needs {module!r}, which is not installed: {hint}"
        ) from exc
