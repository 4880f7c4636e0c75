"""An answer that names its quantity with an index: ``E_n = ...`` for a gold's ``E = ...``.

A reader takes ``E_{n_x,n_y} = \\hbar\\omega(n_x + 2n_y + 1)`` as the energy the gold writes
``E = ...``: the left side names the quantity, the right side is the answer. math-verify reads
an equation against a bare value or another equation, but ``E_n`` and ``E`` as two symbols.
:func:`named_sides` drops the left sides when both name one letter (an index on one side only,
or the same index), or when the gold is a bare value; one ``=`` a side, never more.
"""

from __future__ import annotations

import re

_SIDE = re.compile(
    r"\s*(?:\$\s*)?(\\?[A-Za-z]+)\s*(_\s*(?:\{[^{}=]{1,24}\}|\w))?\s*=(?!=)\s*([^=]+?)\s*\$?\s*$",
    re.S,
)  # E = ..., E_n = ..., \Psi_{100} = ..., $E_n = ...$


def named_sides(gold: str, answer: str) -> tuple[str, str]:
    """The right sides of ``gold`` and ``answer`` when their left sides name one quantity with
    an index on at most one of them (see the module doc); else the pair as it is."""
    said = _SIDE.fullmatch(answer)
    if said is None or not said.group(2):
        return gold, answer  # no index on the answer's side: math-verify reads it as it is
    named = _SIDE.fullmatch(gold)
    if named is None:
        return (gold, said.group(3)) if "=" not in gold else (gold, answer)
    if named.group(1) != said.group(1) or (named.group(2) and named.group(2) != said.group(2)):
        return gold, answer  # another quantity (T_1 against T_2)
    return named.group(3), said.group(3)
