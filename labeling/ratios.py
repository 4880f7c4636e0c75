"""Ratios (``9:3:3:1``) compared term by term, up to a common factor.

math-verify reads ``a:b:c`` as a chain of divisions, ``(a/b)/c``: ``9:3:3:1`` and ``1:1:1:1`` both
read as 1, a false "correct". So two ratios are compared here instead, as a reader does:

- as many terms, one a multiple of the other (``2:4:2`` and ``1:2:1``): ``correct``;
- as many terms, the same multiset in another order (three or more terms): ``uncertain``, since
  the order of the classes is a convention the answer may not share; two terms in another order
  (``3:1`` against ``1:3``) and other terms are ``incorrect``;
- another number of terms (``9:7`` against ``9:3:4``): ``incorrect``, another set of classes;
- a ratio of three or more terms against one number: ``uncertain`` (no chain of divisions).

:func:`ratio_shares` gives the shares a ratio implies (``1:3`` is 0.25 and 0.75, 25% and 75%),
numbers that an answer in prose may state instead of the ratio.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

_TERM = r"\d+(?:\.\d+)?"
_RATIO = re.compile(rf"{_TERM}(?:\s*[:∶]\s*{_TERM})+")
_SEPARATOR = re.compile(r"\s*[:∶]\s*")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_WRAPPING = "$ ."


def ratio_terms(text: str) -> list[Fraction] | None:
    """The terms of a text that is one ratio and nothing else (``1 : 2 : 1``), or None."""
    text = text.strip().strip(_WRAPPING)
    if len(text) > 80 or not _RATIO.fullmatch(text):
        return None
    terms = [Fraction(term) for term in _SEPARATOR.split(text)]
    return terms if sum(terms) else None


def ratio_shares(text: str) -> list[Decimal]:
    """The share of each term of a ratio, as a fraction and in percent; [] for no ratio."""
    terms = ratio_terms(text)
    if not terms:
        return []
    return [Decimal(share.numerator) / Decimal(share.denominator) * k
            for share in _shares(terms) for k in (1, 100)]  # fmt: skip


def _shares(terms: list[Fraction]) -> list[Fraction]:
    return [term / sum(terms) for term in terms]


def ratio_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """The verdict for a pair where the gold or the answer is a ratio (see the module doc), or
    None to leave it to the other rules (no ratio, or two terms against a number)."""
    gold_terms, answer_terms = ratio_terms(gold), ratio_terms(answer)
    if gold_terms is None and answer_terms is None:
        return None
    if gold_terms is None or answer_terms is None:
        terms = gold_terms or answer_terms or []
        other = answer if gold_terms else gold
        if len(terms) >= 3 and _NUMBER.fullmatch(other.strip().strip(_WRAPPING)):
            return "uncertain", "a ratio against one number"
        return None
    if len(gold_terms) != len(answer_terms):
        return "incorrect", "ratios of different numbers of terms"
    if _shares(gold_terms) == _shares(answer_terms):
        return "correct", "the same ratio"
    if len(gold_terms) >= 3 and sorted(_shares(gold_terms)) == sorted(_shares(answer_terms)):
        return "uncertain", "the gold's ratio in another order (which class comes first?)"
    return "incorrect", "a different ratio"
