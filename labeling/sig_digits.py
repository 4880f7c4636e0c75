"""A precise measured gold against an answer that agrees with it to three significant digits.

A gold stated to four significant digits or more in a unit of measurement (``4.0655 * 10^-15
m``, ``20.132 GeV``) is a computed value; a physics answer states three digits and rounds on the
way (``4.06 fm``, ``4.067e-15 m``, ``20.10 GeV``). Within one unit of the gold's third
significant digit, human judges accept it: the answer is ``correct``. Bare golds (MATH's
``1.125`` is exact) and golds of fewer digits keep the precision they state.
"""

from __future__ import annotations

from decimal import Decimal

PRECISE_DIGITS = 4  # a gold this precise is a computed value


def agrees_to_three_digits(gold: Decimal, digits: int, measured: bool, value: Decimal) -> bool:
    """``value`` lies within one unit of the third significant digit of a ``measured`` gold
    (one with a known unit) stated to :data:`PRECISE_DIGITS` digits or more."""
    if not measured or digits < PRECISE_DIGITS or gold == 0:
        return False
    return abs(value - gold) <= Decimal(1).scaleb(gold.adjusted() - 2)
