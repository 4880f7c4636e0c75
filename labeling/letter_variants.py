"""One Greek letter in its two glyphs: ``\\varepsilon`` is ``\\epsilon`` to a reader.

LaTeX and Unicode give some letters a variant form (``\\varepsilon``/``ϵ``, ``\\vartheta``/``ϑ``,
``\\varphi``/``ϕ``, ``\\varrho``/``ϱ``, ``\\varkappa``, ``\\varsigma``); an answer writing
``\\varepsilon_0`` for a gold's ``\\epsilon_0`` names the same quantity, while math-verify reads
two symbols. :func:`fold_variants` writes every variant as its plain letter before the judge.
"""

from __future__ import annotations

import re

_VARIANT = re.compile(r"\\var(epsilon|theta|phi|rho|kappa|sigma)(?![A-Za-z])")
_UNICODE_VARIANTS = str.maketrans({"ϵ": "ε", "ϑ": "θ", "ϕ": "φ", "ϱ": "ρ", "ϰ": "κ"})


def fold_variants(text: str) -> str:
    """``text`` with each variant letter written as its plain letter (see the module doc)."""
    return _VARIANT.sub(r"\\\1", text.translate(_UNICODE_VARIANTS))
