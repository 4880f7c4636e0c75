"""How a number is written, beside its value: an approximation marker, an exact fraction, powers
of ten or a prefixed unit. Read by :mod:`drqa.labeling.answer_kinds` and the judge.
"""

from __future__ import annotations

import re
from decimal import Decimal

from drqa.labeling.quantities import APPROX_MARKER, Quantity
from drqa.labeling.units import parse_unit


def marked_approximate(text: str | None) -> bool:
    """``text`` opens with an approximation marker (``~``, ``≈``, ``\\approx``, ``about``)."""
    return bool(text and APPROX_MARKER.match(text.strip().strip("$").strip()))


_FRACTION = re.compile(r"\\[dt]?frac\s*\{\s*(-?\d+)\s*\}\s*\{\s*(\d+)\s*\}|(-?\d+)\s*/\s*(\d+)")
_POWER_NOTATION = re.compile(r"10\s*\^|\d[eE][-+−]?\d|[×x]\s*10|\\times\s*10|10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]")
_NUMBER_UNIT = re.compile(r"\d\s*([A-Za-zµμÅ]{1,6})\b")


_MATH_DELIMITERS = re.compile(r"^\s*\\[(\[]|\\[)\]]\s*$")


def exact_fraction(text: str) -> Quantity | None:
    """An exact fraction (``\\frac{2}{3}``, ``2/3``) as a quantity without a stated precision."""
    text = _MATH_DELIMITERS.sub("", text).strip().strip("$").strip()  # \\( \\frac{1}{8} \\)
    match = _FRACTION.fullmatch(text)
    if not match or not int(match.group(4) or match.group(2)):
        return None
    numerator, denominator = match.group(3) or match.group(1), match.group(4) or match.group(2)
    return Quantity(Decimal(numerator) / Decimal(denominator))


def scaled(text: str) -> bool:
    """``text`` writes a number in powers of ten or with a prefixed unit (``5 x 10^-7``,
    ``500 nm``): the same value may be written with other digits elsewhere."""
    if _POWER_NOTATION.search(text):
        return True
    for unit in _NUMBER_UNIT.findall(text):
        parsed = parse_unit(unit)
        if parsed is not None and parsed[1] != 1:
            return True
    return False
