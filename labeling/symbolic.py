"""math-verify's "unequal" checked before it becomes ``incorrect``: symbols, then sampled values.

math-verify proves equality by simplification; when it fails to, its "unequal" is not evidence.
Runs in a verifier worker (sympy imported there; the worker's alarm bounds the time).

- Two numbers (no free symbols) that math-verify finds unequal: its verdict stands.
- Two expressions in the same symbols are evaluated at sampled points (each symbol a value in
  ``[1.1, 2.9]``): equal at every point is ``correct`` (an identity math-verify could not
  simplify, ``\\ln(x^2)`` and ``2\\ln x``); apart at a point is ``incorrect`` (different
  functions: positive evidence); not evaluable leaves math-verify's verdict.
- Two values of different shapes (a tuple against a matrix, a chain of inequalities against a
  list, a set of equations against a conjunction): ``uncertain``, the reader sees one value in two
  notations (``(1/\\sqrt 2, -1/\\sqrt 2)`` and ``\\frac{1}{\\sqrt 2}(1, -1)^T``); an answer
  math-verify reads only as text is ``uncertain`` too.
- Different symbols, or symbols on one side only (``h/p`` against ``h/(mv)``, ``0.5c`` read as
  0.5 against ``c/2``, a unit read as a symbol): ``uncertain``, a symbol may name a value;
  but an integer count against an expression left in an unknown (``C/2 + 5``) is not solved.
"""

from __future__ import annotations

import math
import random
import re

from drqa.labeling.quantities import read_quantity

_COUNT = re.compile(r"[-+]?\d+")
_POINTS = 3
_RELATIVE = 1e-9
_ROUNDED_GAP = 0.03  # as quantities.CLOSE: a rounded coefficient this close is for a reader
_DECIMAL = re.compile(r"\d\.\d")
_NAME_RUN = re.compile(
    r"(?<![\\A-Za-z])(?![a-z]+[A-Z][A-Za-z]*(?![A-Za-z]))[A-Za-z]{2,}"
)  # plx, sp: a name, not a product (nR, mL, nRT: lower case then a capital, a product)


def _symbols(parsed: tuple) -> set[str] | None:
    if not parsed:
        return None
    return {str(symbol) for symbol in getattr(parsed[0], "free_symbols", ())}


def _value(expression, values: dict) -> complex | None:
    try:
        result = complex(expression.subs(values).evalf(20))
    except (TypeError, ValueError, ArithmeticError, AttributeError):
        return None
    return result if math.isfinite(result.real) and math.isfinite(result.imag) else None


def sampled_verdict(
    parsed_gold: tuple, parsed_answer: tuple, rounded: bool = False
) -> tuple[str, str] | None:
    """``correct``/``incorrect`` from values at sampled points of two expressions in the same
    symbols, else None (not expressions, or not evaluable). ``rounded``: a side writes a decimal
    coefficient (``0.506\\lambda/a``), so values within :data:`_ROUNDED_GAP` are ``uncertain``."""
    gold, answer = parsed_gold[0], parsed_answer[0]
    if not (hasattr(gold, "subs") and hasattr(answer, "subs")):
        return None
    gold, answer = getattr(gold, "rhs", gold), getattr(answer, "rhs", answer)  # y = f(x)
    symbols = sorted(gold.free_symbols | answer.free_symbols, key=str)
    rng = random.Random(17)
    for _ in range(_POINTS):
        values = {symbol: rng.uniform(1.1, 2.9) for symbol in symbols}
        g, a = _value(gold, values), _value(answer, values)
        if g is None or a is None:
            return None
        if abs(g - a) > _RELATIVE * max(1.0, abs(g), abs(a)):
            if rounded and abs(g - a) <= _ROUNDED_GAP * max(abs(g), abs(a)):
                return "uncertain", "close values at sampled points (a rounded coefficient)"
            return "incorrect", "different values at sampled points"
    negative = {symbol: -rng.uniform(1.1, 2.9) for symbol in symbols}  # |x| and x, sqrt(x^2)
    g, a = _value(gold, negative), _value(answer, negative)
    real = g is not None and a is not None and abs(g.imag) + abs(a.imag) < _RELATIVE
    if real and abs(g - a) > _RELATIVE * max(1.0, abs(g), abs(a)):  # both real there, apart
        return "uncertain", "equal at sampled points for positive values only"
    return "correct", "equal at sampled points (an identity math-verify did not simplify)"


def shape(value) -> str:
    """The shape of a parsed value: ``scalar``, ``tuple``, ``matrix``, ``set``, ``relation``,
    ``text`` (math-verify found no expression) or ``other``."""
    if isinstance(value, str):
        return "text"
    name = type(value).__name__
    parts = getattr(value, "args", ())
    if getattr(value, "is_Matrix", False) or name in ("MatMul", "MatAdd"):
        return "matrix"
    if any(getattr(part, "is_Matrix", False) for part in parts):
        return "matrix"
    if name in ("Tuple", "tuple", "list"):
        return "tuple"
    if name in ("FiniteSet", "Interval", "Union", "EmptySet", "Intersection", "Complement"):
        return "set"
    if getattr(value, "is_Relational", False) or name in ("And", "Or", "Not"):
        return "relation"
    return "scalar" if hasattr(value, "free_symbols") else "other"


def _same_elements(first, second) -> bool:
    """A tuple and a row or column vector (a scalar times one) with the same numeric elements."""
    for x in (first, second):
        if hasattr(x, "shape") and min(x.shape) != 1:
            return False  # a 2 x 2 matrix is no vector
    try:
        items = [list(x.as_explicit() if hasattr(x, "as_explicit") else x) for x in (first, second)]
    except (TypeError, ValueError, AttributeError, ArithmeticError):
        return False
    if len(items[0]) != len(items[1]) or not items[0]:
        return False
    for g, a in zip(*items, strict=True):
        if getattr(g, "free_symbols", None) or getattr(a, "free_symbols", None):
            return False
        g_value, a_value = _value(g, {}), _value(a, {})
        if g_value is None or a_value is None:
            return False
        if abs(g_value - a_value) > _RELATIVE * max(1.0, abs(g_value), abs(a_value)):
            return False
    return True


def unequal_verdict(gold: str, answer: str, parsed_gold: tuple, parsed_answer: tuple):
    """The verdict for a pair math-verify finds unequal (see the module doc); None keeps
    math-verify's ``incorrect``."""
    if parsed_gold and parsed_answer:  # T = 2\pi\sqrt{L/g}: one symbol names the value
        parsed_gold, parsed_answer = _symbol_named(parsed_gold), _symbol_named(parsed_answer)
        shapes = shape(parsed_gold[0]), shape(parsed_answer[0])
        if "text" in shapes:
            return "uncertain", "math-verify reads the answer only as text"
        if set(shapes) == {"tuple", "matrix"}:
            same = _same_elements(parsed_gold[0], parsed_answer[0])
            if same:
                return "correct", "every element equal (a tuple written as a column vector)"
        single = [
            k for k, v in enumerate((parsed_gold[0], parsed_answer[0]))
            if shapes[k] == "scalar" or getattr(v, "is_Relational", False)
        ]  # fmt: skip
        if "set" in shapes and single:
            return None  # several values against one (35 against 8, 23): not the same answer
        if shapes[0] != shapes[1]:
            return "uncertain", f"values of different shapes ({shapes[0]} against {shapes[1]})"
    gold_symbols, answer_symbols = _symbols(parsed_gold), _symbols(parsed_answer)
    if gold_symbols is None or answer_symbols is None or not (gold_symbols or answer_symbols):
        return None  # two numbers: math-verify's unequal stands
    for symbols, text in ((gold_symbols, gold), (answer_symbols, answer)):
        if not symbols and _COUNT.fullmatch(text.strip()):
            if _equal_at_integers(parsed_gold[0], parsed_answer[0]):
                return "uncertain", "equal at integer points (cos(2 pi n) is 1 for whole n)"
            return None  # a count against an unsolved expression (C/2 + 5): not the count
    if _quantity_against_symbols(gold, answer):
        return "uncertain", "a quantity with its unit against an expression in symbols"
    if gold_symbols != answer_symbols:
        return "uncertain", "expressions in different symbols (h/p or h/(mv)?)"
    rounded = bool(_DECIMAL.search(gold) or _DECIMAL.search(answer))
    return sampled_verdict(parsed_gold, parsed_answer, rounded)


def _quantity_against_symbols(gold: str, answer: str) -> bool:
    """One side a number with a unit (``6.63e-34 J s``), the other letters (``h``): math-verify
    read the unit as symbols, and a symbol may name the value."""
    quantities = read_quantity(gold), read_quantity(answer)
    for quantity, other in zip(quantities, (answer, gold), strict=True):
        if quantity is not None and quantity.unit and re.search(r"[A-Za-z]", other):
            return quantities[0] is None or quantities[1] is None
    return False


def same_symbols_verdict(gold: str, answer: str, parsed_gold: tuple, parsed_answer: tuple):
    """For a pair math-verify finds unequal but whose gold is not plain math (Greek symbols,
    subscripts, ``\\hbar``): two scalar expressions in the same symbols, neither a number with a
    unit, are compared at sampled points (``\\hbar/(2m\\omega)`` against ``\\hbar/(m\\omega)``);
    else None (the caller keeps ``uncertain``)."""
    if not parsed_gold or not parsed_answer:
        return None
    parsed_gold, parsed_answer = (_named_value(parsed_gold), _named_value(parsed_answer))
    if shape(parsed_gold[0]) != "scalar" or shape(parsed_answer[0]) != "scalar":
        return None
    symbols = _symbols(parsed_gold)
    if not symbols or symbols != _symbols(parsed_answer):
        return None
    if read_quantity(gold) is not None or read_quantity(answer) is not None:
        return None
    if _NAME_RUN.search(gold) or _NAME_RUN.search(answer):
        return None
    rounded = bool(_DECIMAL.search(gold) or _DECIMAL.search(answer))
    return sampled_verdict(parsed_gold, parsed_answer, rounded)


def _named_value(parsed: tuple) -> tuple:
    """``E = f(x)`` read as ``f(x)`` when the left side only names the value (none of its
    symbols on the right: ``\\Delta S = ...``); anything else as parsed."""
    value = parsed[0]
    if type(value).__name__ != "Equality":
        return parsed
    left, right = value.lhs, value.rhs
    if getattr(left, "free_symbols", None) and not left.free_symbols & right.free_symbols:
        return (right, *parsed[1:])
    return parsed


def _symbol_named(parsed: tuple) -> tuple:
    """``T = f(x)`` read as ``f(x)`` when one symbol on the left names the value (a plane's
    ``5x - 7y + 4 = 0`` stays an equation)."""
    left = getattr(parsed[0], "lhs", None)
    return _named_value(parsed) if getattr(left, "is_Symbol", False) else parsed


def _equal_at_integers(gold, answer) -> bool:
    """Two expressions equal where every symbol is a whole number 1..3 (an index, n)."""
    symbols = sorted(getattr(gold, "free_symbols", set()) | getattr(answer, "free_symbols", set()),
                     key=str)  # fmt: skip
    if not symbols or len(symbols) > 2:
        return False
    for k in (1, 2, 3):
        g, a = _value(gold, dict.fromkeys(symbols, k)), _value(answer, dict.fromkeys(symbols, k))
        if g is None or a is None or abs(g - a) > _RELATIVE * max(1.0, abs(g), abs(a)):
            return False
    return True
