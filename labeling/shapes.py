"""Molecular shapes (VSEPR geometries): a closed class of names, compared as values.

``square planar`` against ``tetrahedral`` names another geometry and is ``incorrect``;
``see-saw`` against ``seesaw``, ``V-shaped`` against ``bent`` is the same one. Only a text that is
a shape alone (``the square-planar geometry.``) is read; a qualified shape (``distorted
octahedral``) or one word of two readings (``pyramidal``: square or trigonal?) is no value.
"""

from __future__ import annotations

import re

from drqa.labeling.name_classes import member_verdict

_SHAPES = {
    "linear": "linear", "bent": "bent", "v shaped": "bent", "angular": "bent",
    "trigonal planar": "trigonal planar", "triangular planar": "trigonal planar",
    "trigonal pyramidal": "trigonal pyramidal", "tetrahedral": "tetrahedral",
    "seesaw": "seesaw", "see saw": "seesaw", "disphenoidal": "seesaw", "sawhorse": "seesaw",
    "t shaped": "t-shaped", "square planar": "square planar",
    "square pyramidal": "square pyramidal", "trigonal bipyramidal": "trigonal bipyramidal",
    "octahedral": "octahedral", "pentagonal bipyramidal": "pentagonal bipyramidal",
    "pentagonal planar": "pentagonal planar", "square antiprismatic": "square antiprismatic",
    "trigonal prismatic": "trigonal prismatic",
}  # fmt: skip
"""Shape names (lower case, hyphens as spaces) -> one spelling per geometry."""
_AROUND = re.compile(r"^(?:the|an?)\s+|\s+(?:molecular\s+)?(?:geometry|shape|structure)$")


def shape(text: str) -> str | None:
    """The geometry ``text`` names, alone but for an article and ``geometry``/``shape``."""
    folded = re.sub(r"[\s\-_]+", " ", text.strip().rstrip(".").lower()).strip()
    return _SHAPES.get(_AROUND.sub("", _AROUND.sub("", folded)))


def shape_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """Two shapes: the same geometry is ``correct``, another ``incorrect``; else None."""
    return member_verdict(shape, gold, answer, "molecular shape")
