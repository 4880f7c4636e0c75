"""``drqa eval``: benchmarks through the generation backends, accuracy and output tokens, and the
paper-format comparison report.

The public surface, imported lazily so ``import drqa.evals`` stays light: ``evaluate`` (the
command's Python API), ``EvalConfig``, ``build_report`` / ``render_markdown`` / ``write_report``
(``drqa eval report``), ``load_suite``.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "evaluate": "drqa.evals.run",
    "EvalConfig": "drqa.evals.config",
    "build_report": "drqa.evals.report",
    "render_markdown": "drqa.evals.report",
    "write_report": "drqa.evals.report",
    "load_suite": "drqa.evals.suites",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'drqa.evals' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
