"""Two spellings of one constant, made one before the judge compares expressions.

The reduced Planck constant is ``h`` over ``2\\pi`` by definition: an answer writing
``\\frac{3h^2}{4mL^2}`` for a gold's ``3\\pi^2\\hbar^2/(mL^2)`` states the same value, while
math-verify reads two unrelated symbols. Where either side has ``h`` as a symbol of its own,
every ``\\hbar`` (``ħ``, ``ℏ``, ``\\hslash``) on both sides is written ``(\\frac{h}{2\\pi})``;
where neither has, ``\\hbar`` stays a symbol. Likewise the thermodynamic ``\\beta`` is
``1/(k_B T)``: where one side writes ``\\beta`` and the other a Boltzmann product (``k_B T``,
``k_{B}T``, ``kT``) and no ``\\beta``, the ``\\beta`` is written ``(\\frac{1}{k_B T})`` in the
other side's own spelling. Variant letter glyphs are folded too
(:func:`drqa.labeling.letter_variants.fold_variants`).
"""

from __future__ import annotations

import re

from drqa.labeling.letter_variants import fold_variants

_HBAR = re.compile(r"\\hbar(?![A-Za-z])|\\hslash(?![A-Za-z])|ħ|ℏ")
_BETA = re.compile(r"\\beta(?![A-Za-z])|β")
_KT = re.compile(r"(?<![\\A-Za-z])k(?:_\{?B\}?)?\s*T(?![A-Za-z])")  # k_B T, k_{B}T, kT
_PLANCK = re.compile(r"(?<![\\A-Za-z])h(?![A-Za-z])")  # h alone: not \hat, \theta, hbar, "ch"


def spelled_alike(gold: str, answer: str) -> tuple[str, str]:
    """``gold`` and ``answer`` with variant glyphs folded and ``\\hbar`` as ``h/2\\pi`` where
    either side writes ``h`` (see the module doc)."""
    gold, answer = _thermal_beta(fold_variants(gold), fold_variants(answer))
    if not (_HBAR.search(gold) or _HBAR.search(answer)):
        return gold, answer
    if not any(_PLANCK.search(_HBAR.sub(" ", side)) for side in (gold, answer)):
        return gold, answer
    return tuple(_HBAR.sub(r"(\\frac{h}{2\\pi})", side) for side in (gold, answer))


def _thermal_beta(gold: str, answer: str) -> tuple[str, str]:
    """``\\beta`` as ``1/(k_B T)`` on the side that has it, when only the other writes the
    Boltzmann product (in that side's spelling); else the pair as it is."""
    has_beta = [bool(_BETA.search(side)) for side in (gold, answer)]
    products = [_KT.search(side) for side in (gold, answer)]
    if has_beta[0] == has_beta[1] or bool(products[0]) == bool(products[1]):
        return gold, answer
    side = 0 if has_beta[0] else 1
    product = products[1 - side]
    if product is None:  # beta and the product on one side: nothing to substitute
        return gold, answer
    written = "(\\frac{1}{" + product.group() + "})"
    texts = [gold, answer]
    texts[side] = _BETA.sub(lambda _: written, texts[side])
    return texts[0], texts[1]
