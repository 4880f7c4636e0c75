"""Two spellings of one constant, made one before the judge compares expressions.

The reduced Planck constant is ``h`` over ``2\\pi`` by definition: an answer writing
``\\frac{3h^2}{4mL^2}`` for a gold's ``3\\pi^2\\hbar^2/(mL^2)`` states the same value, while
math-verify reads two unrelated symbols. Where either side has ``h`` as a symbol of its own,
every ``\\hbar`` (``ħ``, ``ℏ``, ``\\hslash``) on both sides is written ``(\\frac{h}{2\\pi})``;
where neither has, ``\\hbar`` stays a symbol. Variant letter glyphs are folded too
(:func:`drqa.labeling.letter_variants.fold_variants`).
"""

from __future__ import annotations

import re

from drqa.labeling.letter_variants import fold_variants

_HBAR = re.compile(r"\\hbar(?![A-Za-z])|\\hslash(?![A-Za-z])|ħ|ℏ")
_PLANCK = re.compile(r"(?<![\\A-Za-z])h(?![A-Za-z])")  # h alone: not \hat, \theta, hbar, "ch"


def spelled_alike(gold: str, answer: str) -> tuple[str, str]:
    """``gold`` and ``answer`` with variant glyphs folded and ``\\hbar`` as ``h/2\\pi`` where
    either side writes ``h`` (see the module doc)."""
    gold, answer = fold_variants(gold), fold_variants(answer)
    if not (_HBAR.search(gold) or _HBAR.search(answer)):
        return gold, answer
    if not any(_PLANCK.search(_HBAR.sub(" ", side)) for side in (gold, answer)):
        return gold, answer
    return tuple(_HBAR.sub(r"(\\frac{h}{2\\pi})", side) for side in (gold, answer))
