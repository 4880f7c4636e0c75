"""Free-form matching, second round (MATCH4, issue 17 point 2): values compared by their shape.

Rows written from each mechanism, not copied from a benchmark pair: math-verify's "unequal"
between values of different shapes (a tuple against a matrix, a chain of inequalities against a
list) abstains; a tuple against a column vector with the same elements is correct; several values
against one stay incorrect; a quantity named by a symbol with an approximation (``\\lambda
\\approx``) is read; days and weeks convert; ``\\mu\\text{M}`` is micromolar; ``\\text{ or }``
between the values of a set lists them.
"""

from __future__ import annotations

import pytest

from drqa.labeling.answer_kinds import text_verdict
from drqa.labeling.judge import judge
from drqa.labeling.normalise import normalise_answer
from drqa.labeling.quantities import numbers_verdict, read_quantity
from drqa.labeling.verdict_reasons import reason_code


def _verdict(gold: str, answer: str) -> tuple[str, str]:
    """The verdict as the verifier reaches it, in this process (text, then the judge)."""
    by_text = text_verdict(gold, answer)
    if by_text is not None:
        return by_text
    return judge(normalise_answer(gold), normalise_answer(answer))


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("(3/5, 4/5, 0)", "\\frac{1}{5}\\begin{pmatrix} 3 \\\\ 4 \\\\ 0 \\end{pmatrix}", "correct"),
        ("(3/5, 4/5, 0)", "\\begin{pmatrix} 3/5 \\\\ 4/5 \\\\ 0 \\end{pmatrix}", "correct"),
        (
            "(3/5, 4/5, 0)",
            "\\frac{1}{5}\\begin{pmatrix} 4 \\\\ 3 \\\\ 0 \\end{pmatrix}",
            "uncertain",
        ),
        (
            "(3/5, 4/5)",
            "\\frac{1}{5}\\begin{pmatrix} 3 \\\\ 4 \\end{pmatrix}",
            "uncertain",
        ),  # interval?
        ("(1, 2, 3, 4)", "\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}", "uncertain"),
        ("5 > 2 > 7", "5, 2, 7", "uncertain"),  # an order written as a list
        ("y = 1, y = 4", "y = 1 \\text{ or } y = 4", "correct"),
        ("y = 1, y = 4", "y = 1", "incorrect"),  # one value of two
        ("\\{-2, 2\\}", "2", "incorrect"),
        ("(2, 5)", "(2, 6)", "incorrect"),  # the same shape, apart: math-verify stands
    ],
)
def test_values_of_different_shapes_abstain(gold: str, answer: str, expected: str) -> None:
    assert _verdict(gold, answer)[0] == expected


def test_shape_reasons_have_their_own_code() -> None:
    verdict = _verdict("5 > 2 > 7", "5, 2, 7")
    assert reason_code(*verdict) == "shapes"
    column = "\\begin{pmatrix} 3/5 \\\\ 4/5 \\\\ 0 \\end{pmatrix}"
    assert reason_code(*_verdict("(3/5, 4/5, 0)", column)) == "structure"


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("~250 nm", "\\lambda \\approx 2500\\ \\text{Å}", "correct"),
        ("~250 nm", "\\lambda_{0} \\approx 3000\\ \\text{Å}", "incorrect"),
        ("~20.9 kJ", "E \\approx 5.0\\ \\text{kcal}", "correct"),  # 5.0 kcal = 20.92 kJ
        ("3 days", "72 hours", "correct"),
        ("3 days", "3 hours", "incorrect"),
        ("2 weeks", "14 days", "correct"),
        ("4.0 x 10^-6 M", "4.0\\ \\mu\\text{M}", "correct"),
        ("4.0 x 10^-6 M", "4.0\\ \\text{mM}", "incorrect"),
    ],
)
def test_quantities_named_and_converted(gold: str, answer: str, expected: str) -> None:
    assert numbers_verdict(gold, answer)[0] == expected


def test_a_symbol_with_an_approximation_names_the_value() -> None:
    quantity = read_quantity("\\omega_{0} \\approx 3.5\\ \\text{rad/s}")
    assert quantity is not None and quantity.approximate and quantity.unit == "rad/s"
    assert read_quantity("T_1/T_2 = 5") is None  # a ratio of symbols is no symbol
