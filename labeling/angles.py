"""An angle in degrees against one in radians: converted, then compared as two numbers.

``45^\\circ`` and ``\\frac{\\pi}{4}`` are the same angle; ``30^\\circ`` and ``30 radians`` are
not. Radians written as a rational multiple of pi (``\\pi/6``, ``\\frac{3\\pi}{4}``, ``2\\pi``)
convert exactly; a decimal in radians (``0.785 rad``) converts with the precision it states.
Any other form returns None: the caller abstains.
"""

from __future__ import annotations

import re
from decimal import Decimal

from drqa.labeling.quantities import Quantity, compare_quantities, read_quantity

_PI = Decimal("3.14159265358979323846264338327950288")
_DEGREE_MARK = re.compile(r"\^\s*\{?\s*\\circ\s*\}?|\\circ|°|\\degree|\s*deg(?:rees?)?\b", re.I)
_PI_FORM = re.compile(
    r"(?P<sign>-?)\s*(?:\\[dt]?frac\s*\{\s*(?P<n1>\d*)\s*\\pi\s*\}\s*\{\s*(?P<d1>\d+)\s*\}"
    r"|(?P<n2>\d*)\s*\\pi\s*(?:/\s*(?P<d2>\d+))?)"
)
_RADIANS_WORD = re.compile(r"\s*(?:\\text\{\s*)?rad(?:ians?)?\s*\}?\s*\.?$", re.I)


def _radians_in_degrees(answer: str) -> Quantity | None:
    """The answer's angle in degrees: exact for a rational multiple of pi, else with the
    precision of the decimal written before ``rad``; None for anything else."""
    text = answer.strip().strip("$").strip().replace("π", "\\pi")
    match = _PI_FORM.fullmatch(_RADIANS_WORD.sub("", text))
    if match:
        numerator = Decimal(match.group("n1") or match.group("n2") or 1)
        denominator = Decimal(match.group("d1") or match.group("d2") or 1)
        degrees = numerator * 180 / denominator
        return Quantity(-degrees if match.group("sign") else degrees)
    if not _RADIANS_WORD.search(text):
        return None
    value = read_quantity(_RADIANS_WORD.sub("", text))
    if value is None or value.unit or value.percent or value.step is None:
        return None
    scale = 180 / _PI
    return Quantity(value.value * scale, step=value.step * scale, digits=value.digits)


def angle_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """A gold in degrees against an answer in radians, compared in degrees; None when either
    side is not read (the caller abstains)."""
    gold_degrees = read_quantity(_DEGREE_MARK.sub("", gold.strip().strip("$")))
    answer_degrees = _radians_in_degrees(answer)
    if gold_degrees is None or gold_degrees.unit or answer_degrees is None:
        return None
    status, detail = compare_quantities(gold_degrees, answer_degrees)
    return status, f"the angle in degrees: {detail}"
