"""Answer pieces that point to work done elsewhere ("the cubes below 50, as worked out above"):
what they name is the problem's given, not an answer of their own."""

from __future__ import annotations

import re

from drqa.labeling.lexicon import DEFERRAL_PLACES, alternation

WORKING_VERBS = ("computed", "worked out", "found", "calculated", "derived", "showed", "shown")
"""Verbs of working a result out, before a place of the reasoning ("which I computed above")."""
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_REFERS_BACK = re.compile(
    rf"\b(?:{alternation(WORKING_VERBS)})\b[^\n.;]{{0,30}}?\b(?:{alternation(DEFERRAL_PLACES)})\b"
)


def refers_back(piece: str) -> bool:
    """Whether ``piece`` points to work done elsewhere ("as worked out above", "which I
    computed earlier")."""
    return bool(_REFERS_BACK.search(piece.lower()))


def only_givens(value: str | None, givens: frozenset[str]) -> bool:
    """Whether ``value`` holds numbers and every one is a given of the problem ("50", "dividing
    100 by 7"): it restates the problem, it states no result."""
    numbers = _NUMBER.findall(value or "")
    return bool(numbers) and all(number in givens for number in numbers)
