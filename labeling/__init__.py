"""Split batched responses per question, extract and verify answers, label A/B/C.

The public surface, imported lazily so ``import drqa.labeling`` stays light:
``split_batched_response``, ``verify_answer``, ``VerifierPool``, ``label_workspace``,
``import_generations``, ``build_report``, ``apply_rule``.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "split_batched_response": "drqa.labeling.splitter",
    "Chain": "drqa.labeling.splitter",
    "SPLITTER_VERSION": "drqa.labeling.splitter",
    "verify_answer": "drqa.labeling.verifier",
    "verify_pairs": "drqa.labeling.verifier",
    "VerifierPool": "drqa.labeling.verifier",
    "Verdict": "drqa.labeling.verifier",
    "VERIFIER_VERSION": "drqa.labeling.verifier",
    "extract_answer": "drqa.labeling.answers",
    "normalise_answer": "drqa.labeling.normalise",
    "label_workspace": "drqa.labeling.label_stage",
    "relabel": "drqa.labeling.label_stage",
    "import_generations": "drqa.labeling.importer",
    "ImportMapping": "drqa.labeling.importer",
    "build_report": "drqa.labeling.report",
    "apply_rule": "drqa.labeling.rules",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'drqa.labeling' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
