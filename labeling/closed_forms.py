"""Verdicts math-verify's equality cannot give: closed forms evaluated, structures elementwise.

Runs in a verifier worker (sympy is imported there; the worker's alarm bounds the time).

- **Closed forms against a rounded value.** ``\\sqrt[3]{9}``, ``e^{2}``, ``\\ln 2``, ``2\\pi``
  are evaluated with sympy (math-verify's parse) and compared with a gold such as ``2.08`` by
  :func:`drqa.labeling.quantities.compare_values`: within the precision the gold states is
  ``correct``, clearly apart is ``incorrect``, close is ``uncertain``. Two exact forms (integers,
  fractions, radicals) are left to math-verify: exact and unequal is unequal.
- **Structures elementwise.** Tuples ``(a, b)``, vectors ``\\langle a, b \\rangle``, column and
  row vectors and matrices (``pmatrix``, ``bmatrix``, ...) and intervals are split into their
  elements and compared in order, each element judged as a pair of its own; a column vector and
  a tuple with the same elements are equal, a matrix and its transpose are not, ``[0, 1)`` and
  ``[0, 1]`` are different intervals.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from drqa.labeling.quantities import Quantity, compare_values, read_quantity

_MATRIX = re.compile(r"^\\begin\{([pbB]?matrix|array)\}(?:\{[^{}]*\})?(.*)\\end\{\1\}$", re.S)
_NAME = r"(?:\\(?:vec|mathbf|boldsymbol|bm|hat|bar|overrightarrow)\s*\{?\s*[A-Za-z]\s*\}?|[A-Za-z])"
_ASSIGNMENT = re.compile(
    rf"^(?:{_NAME}(?:_\{{?\w+\}}?)?|\((?:\s*[A-Za-z]\s*,)+\s*[A-Za-z]\s*\))\s*=\s*(?=[(\[\\\d-])"
)  # "\\vec{r} = (0, 0)", "\\vec{L} = -6\\hat{i} + ..."
_UNIT_MARK = re.compile(r"\\(?:mathbf|hat|vec|boldsymbol|bm|widehat)\s*\{?\s*([ijk])\s*\}?")
_UNIT_TERM = re.compile(r"([+-]?(?:\d+(?:\.\d+)?)?)@([ijk])")
_UNIT_TERMS = re.compile(r"(?:[+-]?(?:\d+(?:\.\d+)?)?@[ijk])+")
_OPS = {"<": ("<", False), "\\lt": ("<", False), "\\le": ("<", True), "\\leq": ("<", True),
        "≤": ("<", True), ">": (">", False), "\\gt": (">", False), "\\ge": (">", True),
        "\\geq": (">", True), "≥": (">", True)}  # fmt: skip
_FLIP = {"<": ">", "\\lt": "\\gt", "\\le": "\\ge", "\\leq": "\\geq", "≤": "≥", ">": "<",
         "\\gt": "\\lt", "\\ge": "\\le", "\\geq": "\\leq", "≥": "≤"}  # fmt: skip
_OP = r"(\\leq|\\geq|\\le|\\ge|\\lt|\\gt|<|>|≤|≥)"
_BOUND = r"([^<>=≤≥]+?)"
_TWO_SIDED = re.compile(rf"{_BOUND}\s*{_OP}\s*([a-zA-Z])\s*{_OP}\s*{_BOUND}")
_ONE_SIDED = re.compile(rf"([a-zA-Z])\s*{_OP}\s*{_BOUND}")
_ONE_SIDED_REVERSED = re.compile(rf"{_BOUND}\s*{_OP}\s*[a-zA-Z]")
_INTERVALS = frozenset(("()", "[]", "[)", "(]"))
_MAX_ELEMENTS = 64
_MAX_ITEM_CHARS = 60  # longer comma-separated parts are prose, not a list of values
_MAX_REORDERED = 12
_VECTORISH = frozenset(("vector", "()", "[]"))  # a tuple or a vector: (1, 2, 3), [1, 2, 3]
_INTERVAL_ONLY = frozenset(("[)", "(]"))  # half-open: only an interval is written so
_SCALAR_ASSIGNMENT = re.compile(r"^[A-Za-z](?:_\{?\w+\}?)?\s*=\s*")  # "x = 2.08"
Judge = Callable[[str, str], tuple[str, str]]


def _top_level_split(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` outside any bracket or brace."""
    parts, depth, start = [], 0, 0
    i = 0
    while i < len(text):
        char = text[i]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0 and text.startswith(separator, i):
            parts.append(text[start:i])
            start = i + len(separator)
            i = start
            continue
        i += 1
    parts.append(text[start:])
    return [part.strip() for part in parts]


def _encloses(text: str) -> bool:
    """The bracket opening ``text`` closes at its last character (an interval's ``[0, 1)``
    counts as one pair)."""
    depth = 0
    for i, char in enumerate(text):
        depth += char in "([{"
        depth -= char in ")]}"
        if depth == 0 and i < len(text) - 1:
            return False
    return depth == 0


def elements(text: str) -> tuple[str, list[list[str]]] | None:
    """(kind, rows of elements) of a tuple, vector, matrix or interval, else None. ``kind`` is
    ``"matrix"`` or the brackets (``"()"``, ``"[)"``); a vector (one row or one column) comes
    back as a single row of kind ``"vector"``."""
    text = _ASSIGNMENT.sub("", text.strip())
    matrix = _MATRIX.match(text)
    if matrix:
        rows = [_top_level_split(row, "&") for row in _top_level_split(matrix.group(2), "\\\\")]
        rows = [row for row in rows if any(row)]
        if not rows or len({len(row) for row in rows}) != 1:
            return None
        if len(rows) == 1 or len(rows[0]) == 1:
            return "vector", [[cell for row in rows for cell in row]]
        return "matrix", rows
    components = _unit_vector(text)
    if components is not None:
        return "vector", [components]
    if len(text) < 3 or text[0] not in "([" or text[-1] not in ")]":
        return _plain_list(text)
    if not _encloses(text):
        return None  # "(1, 2) \\cup (3, 4)": not one bracket pair around it all
    inner = text[1:-1]
    cells = _top_level_split(inner, ",")
    if len(cells) < 2 or not all(cells) or len(cells) > _MAX_ELEMENTS:
        return None
    rows = [elements(cell) for cell in cells]  # [[1, 2], [3, 4]]: a matrix as row lists
    if text[0] == "[" and all(row and row[0] == "[]" for row in rows):
        lengths = {len(row[1][0]) for row in rows}
        if len(lengths) == 1:
            return "matrix", [row[1][0] for row in rows]
    return text[0] + text[-1], [cells]


def _unit_vector(text: str) -> list[str] | None:
    """``3\\mathbf{i} - 4\\mathbf{j}`` (or ``\\hat{i}``, ``\\vec{j}``, ``î``) as its
    components ``["3", "-4"]`` (a third only when ``k`` is written), else None."""
    marked = _UNIT_MARK.sub(r"@\1", text.replace("î", "@i").replace("ĵ", "@j"))
    compact = re.sub(r"\s+|\\cdot|\*", "", marked.replace("k\u0302", "@k"))
    if "@" not in compact or not _UNIT_TERMS.fullmatch(compact):
        return None
    found: dict[str, str] = {}
    for coefficient, axis in _UNIT_TERM.findall(compact):
        if axis in found:
            return None
        number = coefficient.lstrip("+-") or "1"
        found[axis] = ("-" if coefficient.startswith("-") else "") + number
    return [found.get(axis, "0") for axis in ("ijk" if "k" in found else "ij")]


def _plain_list(text: str) -> tuple[str, list[list[str]]] | None:
    """``5, 2, 1, 3 and 4``: an unbracketed list of short items (kind ``"list"``), else None."""
    cells = [c for part in _top_level_split(text, ",") for c in _top_level_split(part, " and ")]
    if len(cells) < 2 or len(cells) > _MAX_ELEMENTS or not all(cells):
        return None
    if any(len(cell) > _MAX_ITEM_CHARS or "=" in cell for cell in cells):
        return None
    return "list", [cells]


def _reordered(gold: list[str], answer: list[str], judge: Judge) -> bool:
    """Each gold item matches a different answer item (the same items in another order)."""
    if len(gold) != len(answer) or len(gold) > _MAX_REORDERED:
        return False
    unused = list(answer)
    for item in gold:
        match = next((a for a in unused if judge(item, a)[0] == "correct"), None)
        if match is None:
            return False
        unused.remove(match)
    return True


def inequality_interval(text: str) -> str | None:
    """``2 \\le x < 5`` as ``[2, 5)``, ``x < 3`` as ``(-\\infty, 3)``, ``x \\ge 1`` as
    ``[1, \\infty)``: a one-variable inequality as the interval it describes, else None."""
    text = text.strip()
    two = _TWO_SIDED.fullmatch(text)
    if two:
        low, first, _, second, high = two.groups()
        lower, upper = _OPS[first], _OPS[second]
        if lower[0] != upper[0]:
            return None
        if lower[0] == ">":  # 5 > x >= 2
            low, high, lower, upper = high, low, upper, lower
        return f"{'[' if lower[1] else '('}{low.strip()}, {high.strip()}{']' if upper[1] else ')'}"
    one = _ONE_SIDED.fullmatch(text) or _ONE_SIDED_REVERSED.fullmatch(text)
    if not one:
        return None
    if one.re is _ONE_SIDED_REVERSED:  # 3 > x is x < 3
        value, op = one.group(1), _FLIP[one.group(2)]
    else:
        op, value = one.group(2), one.group(3)
    direction, closed = _OPS[op]
    if direction == "<":
        return f"(-\\infty, {value.strip()}{']' if closed else ')'}"
    return f"{'[' if closed else '('}{value.strip()}, \\infty)"


def structure_verdict(gold: str, answer: str, judge: Judge) -> tuple[str, str] | None:
    """Elementwise verdict when both sides are structures (see the module doc), else None; an
    inequality in one variable against an interval is compared as the interval it describes."""
    found_gold, found_answer = elements(gold), elements(answer)
    if (found_gold is None) != (found_answer is None):
        gold_set, answer_set = inequality_interval(gold), inequality_interval(answer)
        if found_gold is None and gold_set and found_answer[0] in _INTERVALS:
            found_gold = elements(gold_set)
        elif found_answer is None and answer_set and found_gold[0] in _INTERVALS:
            found_answer = elements(answer_set)
    if found_gold is None or found_answer is None:
        return None
    (gold_kind, gold_rows), (answer_kind, answer_rows) = found_gold, found_answer
    if "list" in (gold_kind, answer_kind):
        if gold_kind != answer_kind or len(gold_rows[0]) != len(answer_rows[0]):
            return None  # math-verify decides
        statuses = [judge(g, a)[0] for g, a in zip(gold_rows[0], answer_rows[0], strict=True)]
        if all(status == "correct" for status in statuses):
            return "correct", "every item matches, in order"
        if _reordered(gold_rows[0], answer_rows[0], judge):  # a set, or a ranking?
            return "uncertain", "the same items in another order"
        if "incorrect" in statuses:  # not the same items in any order, one apart in place
            return "incorrect", f"item {statuses.index('incorrect') + 1} differs"
        return None
    if "matrix" in (gold_kind, answer_kind) and gold_kind != answer_kind:
        return None
    kinds = {gold_kind, answer_kind}
    if len(kinds) > 1 and (kinds & _INTERVAL_ONLY or not kinds <= _VECTORISH):
        return "incorrect", "different brackets"  # [0, 1) against [0, 1]
    if kinds == {"()", "[]"} and len(gold_rows[0]) == 2:
        return None  # (1, 2) against [1, 2]: a point or an interval? math-verify decides
    if [len(row) for row in gold_rows] != [len(row) for row in answer_rows]:
        if gold_kind == "matrix":
            return "incorrect", "different shapes"
        return "incorrect", "different number of elements"
    verdicts = [
        judge(g, a)
        for gold_row, answer_row in zip(gold_rows, answer_rows, strict=True)
        for g, a in zip(gold_row, answer_row, strict=True)
    ]
    statuses = [status for status, _ in verdicts]
    if all(status == "correct" for status in statuses):
        return "correct", "every element matches"
    if "incorrect" in statuses:
        return "incorrect", f"element {statuses.index('incorrect') + 1} differs"
    return "uncertain", "elements the rules cannot decide"


def numeric_value(expression) -> Decimal | None:
    """The real value of a sympy expression without free symbols (30 digits), else None."""
    try:
        if not getattr(expression, "is_number", False):
            return None
        from sympy import E, NumberSymbol, pi

        if expression.atoms(NumberSymbol) - {pi, E}:  # \\gamma read as Euler's constant
            return None
        value = expression.evalf(30)
        if not value.is_real:
            return None
        return Decimal(str(value))
    except (TypeError, ValueError, ArithmeticError, InvalidOperation, AttributeError):
        return None


def _right_side(expression):
    """The value of ``x = value`` (an equation naming one symbol), else the expression."""
    lhs = getattr(expression, "lhs", None)
    if lhs is not None and getattr(lhs, "is_Symbol", False):
        return expression.rhs
    return expression


def closed_form_verdict(
    gold: str, answer: str, parsed_gold, parsed_answer, approximate: bool = False
) -> tuple[str, str] | None:
    """A closed form against a rounded value (either side), by their numeric values; None when
    either has no numeric value or both are exact (math-verify's verdict stands)."""
    if not parsed_gold or not parsed_answer:
        return None
    gold, answer = _SCALAR_ASSIGNMENT.sub("", gold), _SCALAR_ASSIGNMENT.sub("", answer)
    gold_value = numeric_value(_right_side(parsed_gold[0]))
    answer_value = numeric_value(_right_side(parsed_answer[0]))
    if gold_value is None or answer_value is None:
        return None
    gold_quantity = read_quantity(gold)
    answer_quantity = read_quantity(answer)
    gold_rounded = approximate or (gold_quantity is not None and gold_quantity.rounded)
    answer_rounded = answer_quantity is not None and answer_quantity.rounded
    if not (gold_rounded or answer_rounded):
        return None
    same = gold_quantity is not None and abs(gold_quantity.value - gold_value) < Decimal("1e-12")
    if same and gold_quantity.unit:  # 0.866c parsed as 0.866: the number keeps its precision
        gold_quantity = replace(gold_quantity, unit="")
    elif gold_quantity is None or gold_quantity.unit:
        gold_quantity = Quantity(value=gold_value)
    if approximate:
        gold_quantity = Quantity(
            gold_quantity.value, approximate=True, step=gold_quantity.step or Decimal(1),
            digits=gold_quantity.digits or 2,
        )  # fmt: skip
    steps, digits = [None], 0
    if answer_rounded and not gold_rounded:  # 4\\pi against 12.57: the answer's precision
        steps, digits = [answer_quantity.step], answer_quantity.digits
    status, detail = compare_values(
        gold_quantity, [answer_value], answer_steps=steps, answer_digits=digits
    )
    return status, f"numeric value: {detail}"
