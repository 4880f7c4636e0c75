"""Free-form matching mechanisms of issue 17 point 2 (MATCH3): each decides only on evidence.

One test per mechanism, the rows written from the mechanism (not from a benchmark pair): the
precision both ways, closed forms, percent against a fraction, angles, units of different kinds,
structures (row-list matrices, unit vectors, inequalities against intervals), names compared by
structure, option letters, hedged answers and an added claim; and the reason codes.
"""

from __future__ import annotations

import pytest

from drqa.labeling.answer_kinds import text_verdict
from drqa.labeling.closed_forms import elements, inequality_interval
from drqa.labeling.judge import fast_judge
from drqa.labeling.names import names_verdict, parts, point_group, systematic
from drqa.labeling.normalise import hedges, normalise_answer
from drqa.labeling.number_forms import scaled
from drqa.labeling.quantities import numbers_verdict
from drqa.labeling.units import different_kinds
from drqa.labeling.verdict_reasons import REASONS, reason_code
from drqa.labeling.verifier import verdict_here


def _status(gold: str, answer: str) -> str:
    return verdict_here(gold, answer)[0]


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("2.714", "2.71", "correct"),  # the gold rounds to a 3-digit answer
        ("2.714", "2.7152", "uncertain"),  # more digits, but not rounding to the gold: close
        ("2.714", "2.7", "uncertain"),  # two digits say too little
        ("2.718", "3", "incorrect"),
        ("0.83", "0.8333", "correct"),  # more digits that round to the gold
        ("1234", "1.23e3", "correct"),  # scientific notation is a rounded value, not a count
        ("1234", "1230", "incorrect"),  # an exact count: a near miss is a miss
    ],
)
def test_precision_both_ways(gold, answer, expected):
    assert numbers_verdict(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("4\\pi", "12.57", "correct"),
        ("\\sqrt{3}", "1.732", "correct"),
        ("e^{-1}", "0.368", "correct"),
        ("\\ln 2", "0.71", "uncertain"),  # two digits: within neither precision
        ("4\\pi", "12.4", "uncertain"),  # close, not within
        ("4\\pi", "25.13", "incorrect"),
    ],
)
def test_closed_form_against_a_decimal(gold, answer, expected):
    assert _status(gold, answer) == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("40\\%", "\\frac{2}{5}", "correct"),
        ("\\frac{1}{3}", "33.3\\%", "correct"),
        ("\\frac{1}{3}", "30\\%", "incorrect"),
        ("0.4", "40%", "correct"),
    ],
)
def test_percent_against_a_fraction(gold, answer, expected):
    assert _status(gold, answer) == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("60°", "\\frac{\\pi}{3}", "correct"),
        ("135^\\circ", "\\frac{3\\pi}{4}", "correct"),
        ("90°", "1.571 rad", "correct"),
        ("60°", "\\pi/4", "incorrect"),
        ("60°", "60 rad", "incorrect"),
        ("60°", "\\arctan(\\sqrt{3})", "uncertain"),  # not read: a reader converts
    ],
)
def test_degrees_against_radians(gold, answer, expected):
    assert text_verdict(gold, answer)[0] == expected


def test_units_of_different_kinds():
    assert different_kinds("N", "kg") and different_kinds("J", "W")
    assert not different_kinds("eV", "K")  # through a constant: never apart
    assert not different_kinds("m", "min") and not different_kinds("m", "s")  # metres or minutes?
    assert not different_kinds("furlong", "s")  # unknown
    assert numbers_verdict("9.8 N", "9.8 kg") == ("incorrect", "units of different kinds")
    assert numbers_verdict("3 eV", "3 kg")[0] == "uncertain"


def test_structures_elementwise():
    assert elements("[[1, 0], [2, 5]]") == ("matrix", [["1", "0"], ["2", "5"]])
    assert elements("-\\hat{i} + 2\\hat{k}") == ("vector", [["-1", "0", "2"]])
    assert elements("x + i") is None
    assert inequality_interval("-1 < x \\le 4") == "(-1, 4]"
    assert inequality_interval("x \\geq 0") == "[0, \\infty)"
    assert inequality_interval("7 > y") == "(-\\infty, 7)"
    assert inequality_interval("x^2 < 1") is None
    assert _status("\\begin{pmatrix} 0 & 1 \\\\ 1 & 0 \\end{pmatrix}", "[[0, 1], [1, 0]]") == (
        "correct"
    )
    assert _status("(-1, 4]", "-1 < x \\le 4") == "correct"
    assert _status("(-1, 4]", "-1 \\le x \\le 4") == "incorrect"
    assert _status("(2, -7)", "2\\mathbf{i} - 7\\mathbf{j}") == "correct"
    assert _status("(2, -7)", "2\\mathbf{i} + 7\\mathbf{j}") == "incorrect"


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("water", "H₂O", "correct"),  # the equivalents table
        ("toluene", "methylbenzene", "correct"),
        ("pentan-3-one", "3-pentanone", "correct"),  # each locant on the same group (MATCH4)
        ("1-ethyl-4-methylbenzene", "4-ethyl-1-methylbenzene", "uncertain"),
        ("2-methylbutan-1-ol", "3-methylbutan-1-ol", "incorrect"),  # both systematic
        ("2-chlorobutane", "sec-butyl chloride", "uncertain"),  # systematic vs common
        ("1-(propan-2-yl)cyclohexene", "1-isopropylcyclohexene", "uncertain"),  # synonyms
        ("Blue", "yellow", "incorrect"),  # two values of one kind
        ("necrosis", "cell death", "uncertain"),  # plain names: synonyms or not, for a reader
        ("Strain 3", "Strain 5", "incorrect"),
        ("Blue", "blue light", "uncertain"),  # one holds every word of the other
    ],
)
def test_names_by_structure(gold, answer, expected):
    assert text_verdict(gold, answer)[0] == expected


def test_name_parts_and_kinds():
    assert parts("hexan-2-one") == parts("2-hexanone")
    assert systematic("3,3-dimethylpentane") and systematic("cyclohexanone")
    assert not systematic("acetophenone") and not systematic("isobutyl bromide")
    assert names_verdict("Green", "Violet") == ("incorrect", "different values of one kind")
    assert names_verdict("Gauge theory", "Yang-Mills theory")[0] == "uncertain"  # synonyms?
    assert names_verdict("stronger, slower", "stronger, faster")[0] == "incorrect"
    assert names_verdict("it increases", "it increased")[0] == "uncertain"


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("D", "correct"),
        ("(d)", "correct"),
        ("Option D", "correct"),
        ("D. 7.5 m", "correct"),
        ("The answer is (D).", "correct"),
        ("A", "incorrect"),
        ("7.5 m", "uncertain"),  # the option's text: a reader checks it
        ("a larger mass", "uncertain"),  # an article, not option A
        ("(A) or (D)", "uncertain"),
        ("D, though B is possible", "uncertain"),
    ],
)
def test_option_letters(answer, expected):
    assert fast_judge("D", answer)[0] == expected


def test_hedged_answers_are_never_correct():
    assert hedges("7 or 8") and hedges("probably 7") and not hedges("7")
    assert not hedges("x = 2 or x = -2", "\\{-2, 2\\}")  # the gold is a set: not a hedge
    assert text_verdict("7", "7 or 8") == ("uncertain", "the answer hedges between alternatives")
    assert text_verdict("7", "maybe 7")[0] == "uncertain"
    assert text_verdict("7", "9 or 10")[0] in ("incorrect", "uncertain")


def test_a_number_with_an_added_claim_is_not_correct():
    assert text_verdict("4 m/s", "4 m/s, so it never stops")[0] == "uncertain"
    assert text_verdict("4 m/s", "It moves at 4 m/s.")[0] == "correct"
    assert text_verdict("4 m/s", "9 m/s, so it keeps moving")[0] == "incorrect"


def test_numbers_apart_prove_nothing_across_prefixes():
    assert scaled("650 nm") and scaled("6.5 x 10^-7 m") and not scaled("5 peaks")
    verdict = text_verdict("The emitted light has a wavelength of 650 nm", "6.5 x 10^-7 m")
    assert verdict is None or verdict[0] == "uncertain"


def test_a_paraphrase_is_not_unrelated():
    assert text_verdict("It halves.", "The rate drops to one half of its value.")[0] == "uncertain"


def test_every_verdict_detail_has_a_reason_code():
    cases = [
        ("correct", "numeric value: the gold rounds to the answer", "closed-form"),
        ("incorrect", "different systematic names", "names-systematic"),
        ("incorrect", "different values of one kind", "names-plain"),
        ("uncertain", "the answer hedges between alternatives", "hedged"),
        ("incorrect", "units of different kinds", "units"),
        ("correct", "the angle in degrees: same number", "angle"),
        ("incorrect", "element 2 differs", "structure"),
        ("timeout", "no verdict within 5s", "timeout"),
        ("incorrect", "something new", "other"),
    ]
    for status, detail, code in cases:
        assert reason_code(status, detail) == code
    codes = [code for code, _ in REASONS]
    assert len(codes) == len(set(codes))


def test_point_groups_by_symbol():
    assert point_group("D_{3h}") == point_group("D₃ₕ") == "d3h"
    assert point_group("C") is None and point_group("Si") is None  # elements, not groups
    assert text_verdict("C_{2v}", "C2v")[0] == "correct"
    assert text_verdict("C2v", "D3h")[0] == "incorrect"


def test_a_symbol_glued_to_a_number_is_not_a_unit():
    assert normalise_answer("0.25c") == "0.25c" and normalise_answer("25m") == "25"
    assert _status("c/4", "0.25c") != "incorrect"
    assert _status("0.25c", "c/4") != "incorrect"


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("F = 3.0 N", "3 N", "correct"),  # a symbol naming the value
        ("6.1", "pK_a = 6.1", "correct"),
        ("2.0", "2.00 \\pm 0.02", "correct"),  # an error bar: the value is the centre
        ("8 N s", "8 kg m/s", "correct"),  # derived units expand to base units
        ("0.5 mol/L", "500 mM", "correct"),
        ("250 mL", "250 cm^3", "correct"),
        ("4.0 \\times 10^{-19} J", "4.0 \\times 10^{-19}~\\text{N} \\cdot \\text{m}", "correct"),
        ("2.5 eV", "4.0 \\times 10^{-19} J", "correct"),  # eV is exactly 1.602176634e-19 J
        ("10 kcal/mol", "41.84 kJ/mol", "correct"),  # the thermochemical calorie
        ("1 atm", "760 Torr", "correct"),
        ("0.026 eV", "300 K", "uncertain"),  # tied by a constant: never apart
        ("5 GeV", "5 kg", "uncertain"),  # GeV as a mass
    ],
)
def test_quantities_as_written(gold, answer, expected):
    assert numbers_verdict(gold, answer)[0] == expected


def test_a_quantity_against_a_symbol_is_for_a_reader():
    assert _status("1.38 \\times 10^{-23} J/K", "k_B") != "incorrect"
    assert _status("9.81 m/s^2", "g") != "incorrect"


def test_more_forms_a_reader_accepts():
    assert numbers_verdict("2500", "2.5 km")[0] == "uncertain"  # a bare gold, a prefixed answer
    assert text_verdict("(Z)-hex-3-ene", "cis-3-hexene")[0] == "uncertain"  # Z written cis
    assert text_verdict("(Z)-hex-3-ene", "(E)-hex-3-ene")[0] == "incorrect"
    assert _status("\\frac{\\sqrt{3}}{2}", "\\cos 30^\\circ") == "correct"  # degrees in trig
    assert _status("\\frac{\\lambda}{2d}", "\\frac{\\lambda}{2a}") == "uncertain"  # d or a?
    assert _status("y^2 + 1", "y^2 - 1") == "incorrect"  # the same symbols, unequal


def test_math_verify_unequal_is_checked_by_sampled_values():
    assert _status("\\ln(y^3)", "3\\ln y") == "correct"  # an identity math-verify may not see
    assert _status("(t+1)^2", "t^2 + 1") == "incorrect"  # different functions of t
    assert _status("\\frac{h}{m u}", "\\frac{h}{p}") == "uncertain"  # other symbols
    assert _status("\\frac{2}{7}", "\\frac{7}{2}") == "incorrect"  # two numbers


def test_as_many_numbers_but_not_the_same_ones():
    gold = "4 signals in the first spectrum and 6 signals in the second"
    assert text_verdict(gold, "First spectrum: 4 signals; second: 5 signals.")[0] == "incorrect"
    assert text_verdict(gold, "6 signals in the second, 4 in the first")[0] == "uncertain"


def test_formulas_in_the_equivalents_table_keep_their_case():
    assert text_verdict("carbon monoxide", "CO")[0] == "correct"
    assert text_verdict("carbon monoxide", "Co")[0] != "correct"  # cobalt


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("\\frac{1}{2}", "½", "correct"),  # a vulgar fraction character is its fraction
        ("2.5", "2½", "correct"),  # a mixed number
        ("\\frac{2}{3}", "−⅔", "incorrect"),  # the sign still counts
        ("\\frac{1}{2}", "1⁄2", "correct"),  # the fraction slash
    ],
)
def test_unicode_fractions(gold, answer, expected):
    assert _status(gold, answer) == expected
