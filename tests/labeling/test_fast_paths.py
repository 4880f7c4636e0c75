"""The sympy-free fast paths give math-verify's own verdict, and leave its quirks to it."""

from __future__ import annotations

import pytest

from drqa.labeling.judge import fast_judge, math_verify_judge, quiet_math_verify
from drqa.labeling.normalise import normalise_answer

DECIDED = [
    ("0.35625", ".35625"),
    ("4.5", "4.5"),
    ("106", "106.12"),
    ("-10", "-6.67"),
    ("95200", "99076.92"),
    ("\\frac 34", "\\frac{3}{4}"),
    ("\\frac9{19}", "\\frac{9}{19}"),
    ("\\frac{\\sqrt{21}}{5}", "\\frac{\\sqrt{21}}{5}"),
    ("137 \\frac{1}{2}", "137 \\frac{1}{2}"),
    ("( 3, \\frac{\\pi}{2} )", "(3, \\frac{\\pi}{2})"),
    ("(\\frac{3}{5},\\frac{8}{3}]", "( \\frac{3}{5}, \\frac{8}{3} ]"),
    ("(0,9) \\cup (9,36)", "(0, 9) \\cup (9, 36)"),
    ("(-\\infty, 2) \\cup (3, \\infty)", "(-\\infty, 2) \\cup (3, \\infty)"),
    ("y = 2x + 3", "y = 2x + 3"),
    ("1 - 12i", "1 - 12i"),
    ("\\begin{pmatrix} -2 \\\\ -14 \\\\ -7 \\end{pmatrix}",
     "\\begin{pmatrix} -2 \\\\ -14 \\\\ -7 \\end{pmatrix}"),
]  # fmt: skip
LEFT_TO_MATH_VERIFY = [
    ("-t", "- t"),  # math-verify drops a trailing unit after a space
    ("(-74\\pi,-\\pi-9\\sqrt{20}b)", "( -74\\pi, -\\pi -9\\sqrt{20}b )"),  # "b )" parses apart
    ("\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}", "\\begin { pmatrix } 1 \\\\ 2 \\end { pmatrix }"),
    ("1,000", "1, 000"),
    ("\\pi r", "\\pir"),
    ("0.1234567", "0.1234568"),  # within math-verify's rounding: it decides
    ("[-\\infty, 3]", "[-\\infty, 3]"),
    ("3 \\pm 2", "3 \\pm 2"),
    ("Q^2", "Q^2"),
]


@pytest.mark.parametrize(("gold", "answer"), DECIDED)
def test_fast_path_gives_math_verify_verdict(gold, answer):
    quiet_math_verify()
    gold, answer = normalise_answer(gold), normalise_answer(answer)
    fast = fast_judge(gold, answer)
    assert fast is not None
    assert fast[0] == math_verify_judge(gold, answer)[0]


@pytest.mark.parametrize(("gold", "answer"), LEFT_TO_MATH_VERIFY)
def test_quirky_forms_are_left_to_math_verify(gold, answer):
    assert fast_judge(normalise_answer(gold), normalise_answer(answer)) is None
