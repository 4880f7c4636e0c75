"""Free-form matching, second round (MATCH4, issue 17 point 2): values compared by their shape.

Rows written from each mechanism, not copied from a benchmark pair: math-verify's "unequal"
between values of different shapes (a tuple against a matrix, a chain of inequalities against a
list) abstains; a tuple against a column vector with the same elements is correct; several values
against one stay incorrect; a quantity named by a symbol with an approximation (``\\lambda
\\approx``) is read; days and weeks convert; ``\\mu\\text{M}`` is micromolar; ``\\text{ or }``
between the values of a set lists them; names apart only in notation (stereodescriptors in two
notations, a common parent inside a name, ``p-`` for 4, an implied locant 1) abstain; labelled
values decide label by label; formulas share no word with names.
"""

from __future__ import annotations

import pytest

from drqa.labeling.answer_kinds import text_verdict
from drqa.labeling.locants import same_bindings
from drqa.labeling.names import names_verdict
from drqa.labeling.quantities import numbers_verdict, read_quantity
from drqa.labeling.verdict_reasons import reason_code
from drqa.labeling.verifier import verdict_here


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
    assert verdict_here(gold, answer)[0] == expected


def test_shape_reasons_have_their_own_code() -> None:
    verdict = verdict_here("5 > 2 > 7", "\\{5, 2, 7\\}")  # a list of one order: 'ordering'
    assert reason_code(*verdict) == "shapes"
    column = "\\begin{pmatrix} 3/5 \\\\ 4/5 \\\\ 0 \\end{pmatrix}"
    assert reason_code(*verdict_here("(3/5, 4/5, 0)", column)) == "structure"


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


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("meso-2,3-dichlorobutane", "(2R,3S)-2,3-dichlorobutane", "uncertain"),
        ("(2R,3R)-2,3-dichlorobutane", "(2S,3S)-2,3-dichlorobutane", "incorrect"),
        ("(2R,3R)-2,3-dichlorobutane", "2,3-dichlorobutane", "uncertain"),  # one side unsaid
        ("cis-pent-2-ene", "trans-pent-2-ene", "incorrect"),
        ("1-chloro-4-methylbenzene", "4-chlorotoluene", "uncertain"),  # a common parent inside
        ("1-chloro-4-methylbenzene", "2-chlorotoluene", "incorrect"),
        ("p-nitrophenol", "4-nitrophenol", "correct"),  # p- is the locant 4
        ("2-phenylpropan-1-ol", "2-phenylpropanol", "uncertain"),  # an implied locant 1
        ("2-phenylpropan-1-ol", "2-phenylpropan-2-ol", "incorrect"),
    ],
)
def test_names_apart_only_in_notation_abstain(gold: str, answer: str, expected: str) -> None:
    assert names_verdict(gold, answer)[0] == expected


def test_labels_judged_one_by_one_decide_alone() -> None:
    # one label for a reader, the other equal: no whole-text rule overrides them
    gold, answer = "X = propan-1-ol, Y = toluene", "X: propanol; Y: methylbenzene"
    assert text_verdict(gold, answer) == ("uncertain", "labelled values")
    assert text_verdict(gold, "X: propan-2-ol; Y: toluene")[0] == "incorrect"


def test_formulas_share_no_word_with_names() -> None:
    assert text_verdict("acetic acid and ethanol", "CH3COOH + C2H5OH")[0] == "uncertain"
    assert text_verdict("acetic acid and ethanol", "sodium hydroxide and water")[0] == "incorrect"


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("\\hbar/(3m\\omega)", "\\frac{\\hbar}{m\\omega}", "incorrect"),  # same symbols, apart
        ("\\hbar/(3m\\omega)", "\\frac{\\hbar}{3 \\omega m}", "correct"),
        ("-\\hbar/4", "\\frac{\\hbar}{4}", "incorrect"),
        (
            "\\hbar/(3m\\omega)",
            "\\frac{h}{6\\pi m \\omega}",
            "correct",
        ),  # h for hbar: \hbar is h/(2\pi) by definition (labeling.constants)
        ("0.318 \\lambda / L", "\\frac{\\lambda}{\\pi L}", "uncertain"),  # a rounded coefficient
        ("0.318 \\lambda / L", "\\frac{2\\lambda}{L}", "incorrect"),
        ("\\mu_0 I / (4R)", "B = \\frac{\\mu_0 I}{4 R}", "correct"),  # (4R) is no stereodescriptor
        ("\\mu_0 I / (4R)", "\\frac{\\mu_0 I}{4 \\pi R}", "incorrect"),
        ("~ 1/abc^2", "abc^{-2}", "uncertain"),  # a name of letters is no product of symbols
    ],
)
def test_expressions_in_physics_symbols_sampled(gold: str, answer: str, expected: str) -> None:
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("0.850c", "0.88c", "incorrect"),  # 3.5% apart: beyond the close band
        ("0.850c", "0.86c", "uncertain"),  # 1.2%: rounding and error look alike
        ("41.0 ohm", "39.0 Ω", "incorrect"),
    ],
)
def test_close_band_is_three_percent(gold: str, answer: str, expected: str) -> None:
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("6", "Six diastereomers (three pairs).", "correct"),  # a number word, an aside
        ("7", "7 peaks (2 singlets, 3 doublets, 2 triplets)", "correct"),
        ("7", "There are 7 peaks (the quartet is not split).", "uncertain"),  # a negation
        ("2", "The one on the left", "uncertain"),  # "one" is a pronoun
        ("~2.08", "r = \\sqrt[3]{9} \\approx 2.08", "correct"),  # the value it rounds to
        ("~2.50", "r = \\sqrt[3]{9} \\approx 2.08", "incorrect"),  # apart: the exact form decides
    ],
)
def test_numbers_in_sentences_and_approximations(gold: str, answer: str, expected: str) -> None:
    assert verdict_here(gold, answer)[0] == expected


def test_multiplicities_are_one_kind_of_value() -> None:
    assert names_verdict("doublet", "quintet") == ("incorrect", "different values of one kind")


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("pent-2-ene", "2-pentene", "correct"),  # each locant on the same group
        ("2-methylhexan-3-ol", "2-methyl-3-hexanol", "correct"),
        ("1,3-dimethylcyclohex-1-ene", "1,3-dimethyl-1-cyclohexene", "correct"),
        ("2-methylhexan-3-ol", "3-methylhexan-2-ol", "uncertain"),  # same parts, other bindings
        ("2-chloro-3-bromohexane", "3-chloro-2-bromohexane", "uncertain"),
    ],
)
def test_locants_bound_to_their_groups(gold: str, answer: str, expected: str) -> None:
    assert names_verdict(gold, answer)[0] == expected
    assert same_bindings(gold, answer) == (expected == "correct")


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("acetone and ethanol", "ethanol and acetone", "correct"),  # "and" joins a set
        ("acetone and ethanol", "ethanol + acetone", "correct"),
        ("acetone and ethanol", "acetone", "incorrect"),  # an item missing
        ("faster, weaker", "weaker, faster", "uncertain"),  # a comma list may be ordered
        ("(2.5, 5.5)", "(5.5, 2.5)", "incorrect"),  # a tuple's order is its meaning
    ],
)
def test_short_lists_of_names_item_by_item(gold: str, answer: str, expected: str) -> None:
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("250 nm", "The edge sits at 2500 Å, in the ultraviolet.", "correct"),  # its unit read
        ("250 nm", "The edge sits at 2500 Å.", "correct"),
        ("12 m", "It rises 12 furlongs", "uncertain"),  # a unit the rules do not know
        ("6", "Billy sold 6 DVDs on Tuesday", "correct"),  # a noun after a bare gold's number
        ("2.0 kJ", "\\Delta H = 2000 J + 0", "uncertain"),  # bare numbers after units dropped
    ],
)
def test_numbers_keep_their_units(gold: str, answer: str, expected: str) -> None:
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("~4.2 km", "Either about 4.2 km or about 420 m", "incorrect"),  # two answers offered
        ("osmosis", "Either osmosis or active transport", "incorrect"),
        ("5", "Either way, the answer is 5.", "uncertain"),  # no alternatives named
        ("osmosis or diffusion", "either osmosis or diffusion", "uncertain"),  # the gold hedges too
        ("osmosis", "osmosis or active transport", "uncertain"),  # "or" may join synonyms
    ],
)
def test_either_or_offers_two_answers(gold: str, answer: str, expected: str) -> None:
    assert verdict_here(gold, answer)[0] == expected
