"""``\\pm x`` against the two values it stands for (``\\sqrt{2}, -\\sqrt{2}`` against
``\\pm 1.414``, or ``-1.414 and 1.414``): each sign judged as a pair of its own, in either order
(``\\pm`` names a set).

Only ever ``correct`` or None: when the two values do not both match, math-verify's verdict
stands as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from drqa.labeling.closed_forms import _top_level_split

_PLUS_MINUS = re.compile(r"^(?:[A-Za-z](?:_\{?\w+\}?)?\s*=\s*)?(?:\\pm|±)\s*(.+)$", re.S)
_AND = re.compile(r"\s*(?:\\text\{\s*and\s*\}|\band\b|;)\s*")  # "x and -x" lists as "x, -x" does
_COMPOUND = re.compile(r"(?<!^)[+\-]|\s")  # a sum or difference: negated in brackets
Judge = Callable[[str, str], tuple[str, str]]


def plus_minus_verdict(gold: str, answer: str, judge: Judge) -> tuple[str, str] | None:
    """``correct`` when one side is ``\\pm x`` (``x = \\pm 2``) and the other lists ``x`` and
    ``-x`` in either order, each matching by ``judge`` (gold first); else None."""
    signed_gold, signed_answer = _PLUS_MINUS.match(gold.strip()), _PLUS_MINUS.match(answer.strip())
    if bool(signed_gold) == bool(signed_answer):
        return None
    signed, listed = (signed_gold, answer) if signed_gold else (signed_answer, gold)
    value = signed.group(1).strip()
    items = [item.strip() for item in _top_level_split(_AND.sub(",", listed), ",")]
    if len(items) != 2 or not value or "," in value or not all(items):
        return None
    pair = [value, f"-({value})" if _COMPOUND.search(value) else f"-{value}"]
    for order in (items, items[::-1]):
        pairs = zip(pair, order, strict=True) if signed_gold else zip(order, pair, strict=True)
        if all(judge(g, a)[0] == "correct" for g, a in pairs):
            return "correct", "both signs of \\pm, in either order"
    return None
