"""A precise measured gold against an answer that agrees with it to three significant digits.

A gold stated to four significant digits or more in a unit of measurement (``4.0655 * 10^-15
m``, ``20.132 GeV``) is a computed value; a physics answer states three digits and rounds on the
way (``4.06 fm``, ``4.067e-15 m``, ``20.10 GeV``). Within one unit of the gold's third
significant digit, human judges accept it: the answer is ``correct``. Bare golds (MATH's
``1.125`` is exact) and golds of fewer digits keep the precision they state.

An answer the gold rounds to is right within its own precision (``2.71`` for ``2.714``) when it
keeps three significant digits, or two against a gold of exactly three (``4.7`` for ``4.74``: one
digit dropped, never more): :func:`rounded_answer_digits`.
"""

from __future__ import annotations

from decimal import Decimal

PRECISE_DIGITS = 4  # a gold this precise is a computed value
ROUNDED_ANSWER_DIGITS = 3  # an answer this precise that the gold rounds to is correct


def rounded_answer_digits(gold_digits: int) -> int:
    """The significant digits an answer the gold rounds to needs to be ``correct``: three, or
    two against a gold of three (one digit dropped; a shorter gold's own rounding is its own)."""
    return (
        ROUNDED_ANSWER_DIGITS - 1 if gold_digits == ROUNDED_ANSWER_DIGITS else ROUNDED_ANSWER_DIGITS
    )


def within_rounding(gap: Decimal, step: Decimal, answer_digits: int) -> bool:
    """The gold rounds to the answer: ``gap`` is at most half the answer's last step; strictly
    less for an answer of two digits (2.4 for a gold of 2.45 is as near a 2.40 distractor)."""
    half = step / 2
    return (
        gap < half if answer_digits < ROUNDED_ANSWER_DIGITS else gap <= half * Decimal("1.0000001")
    )


def agrees_to_three_digits(gold: Decimal, digits: int, measured: bool, value: Decimal) -> bool:
    """``value`` lies within one unit of the third significant digit of a ``measured`` gold
    (one with a known unit) stated to :data:`PRECISE_DIGITS` digits or more."""
    if not measured or digits < PRECISE_DIGITS or gold == 0:
        return False
    return abs(value - gold) <= Decimal(1).scaleb(gold.adjusted() - 2)
