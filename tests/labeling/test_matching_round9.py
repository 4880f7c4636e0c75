"""Free-form matching mechanisms of issue 17 point 2, seventh round (MATCH9): each row written
from the mechanism, not copied from a benchmark pair; each decides only on evidence.
"""

from __future__ import annotations

import pytest

from drqa.labeling.constants import spelled_alike
from drqa.labeling.equation_sides import named_sides
from drqa.labeling.letter_variants import fold_variants
from drqa.labeling.quantities import read_quantity
from drqa.labeling.sentence_numbers import sentence_verdict
from drqa.labeling.shapes import shape
from drqa.labeling.sig_digits import rounded_answer_digits
from drqa.labeling.unrelated import unrelated
from drqa.labeling.verifier import verdict_here


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("\\pm 3", "3 and -3", "correct"),  # the two signs listed with "and", as with a comma
        ("\\pm\\sqrt{3}", "-1.732 and 1.732", "correct"),
        ("\\pm 3", "3; -3", "correct"),
        ("\\pm\\sqrt{3}", "1.732 and 1.732", "incorrect"),  # one sign twice: not both values
        ("\\pm\\sqrt{3}", "-1.5 and 1.5", "incorrect"),
    ],
)
def test_plus_minus_against_values_joined_by_and(gold, answer, expected):
    status, detail = verdict_here(gold, answer)
    assert status == expected, detail


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        # a number written with its scale is one number, never its mantissa or base alone
        ("4 \\times 10^{-20}", "The ratio comes to 4e-20 in the end.", "correct"),
        ("4e-20", "The ratio is 4 \\times 10^{-20} overall.", "correct"),
        ("3", "The count grows as 3 \\times 10^5 per hour.", "incorrect"),
        ("10", "It is 10^5 times larger than the other one.", "incorrect"),
        ("2", "There are 2^8 possible strings.", "uncertain"),  # a power read as no number
        ("~10^{-20}", "It is 10^20 times smaller, a ratio of about 7e-21.", "uncertain"),
    ],
)
def test_a_sentence_number_keeps_its_scale(gold, answer, expected):
    assert sentence_verdict(read_quantity(gold), answer)[0] == expected


@pytest.mark.parametrize(
    "answer",
    [
        "1,2,3,4-tetrahydronaphthalene",  # hydro prefixes on a retained parent
        "4a,8a-dihydronaphthalene-1,4-dione",  # fusion locants
    ],
)
def test_a_name_of_another_nomenclature_is_no_proof_of_another_compound(answer):
    assert unrelated("cyclohexa-1,3-diene-1,2-dicarboxylic anhydride", answer) is None


@pytest.mark.parametrize(
    ("gold", "answer"),
    [
        ("cyclohex-2-en-1-one", "2-(hydroxymethyl)cyclohexan-1-one"),  # hydroxy is no hydro
        ("4-methylhexan-2-one", "The product is 1,2-dihydronaphthalene and water."),  # prose
        ("4-methylhexan-2-one", "5-methylhexan-2-one"),  # one notation, other names
    ],
)
def test_names_still_apart_outside_that_case(gold, answer):
    assert unrelated(gold, answer) == "none of the gold's names in the answer"


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("fluorescence recovery after photobleaching (FRAP)", "FRAP", "correct"),
        ("fluorescence recovery after photobleaching (FRAP)", "FRAP.", "correct"),
        (
            "Fluorescence recovery after photobleaching (FRAP)",
            "fluorescence recovery after photobleaching",
            "correct",
        ),
        ("fluorescence recovery after photobleaching (FRAP)", "frap", "uncertain"),  # not as given
        ("fluorescence recovery after photobleaching (FRAP)", "FRET", "uncertain"),
        ("trigonal bipyramidal (D3h)", "D3h", "uncertain"),  # a note, not the name's abbreviation
        ("aldol condensation (crossed)", "crossed", "uncertain"),  # a qualifier, no abbreviation
    ],
)
def test_a_gold_name_with_its_abbreviation_is_answered_by_either(gold, answer, expected):
    status, detail = verdict_here(gold, answer)
    assert status == expected, detail


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("\\frac{q}{4\\pi\\epsilon_0 d^2}", "F = \\frac{q}{4\\pi\\varepsilon_0 d^2}", "correct"),
        ("\\sin\\vartheta + 1", "1 + \\sin\\theta", "correct"),
        ("2\\varphi", "2ϕ", "correct"),
        ("\\frac{q}{4\\pi\\epsilon_0 d^2}", "\\frac{q}{2\\pi\\varepsilon_0 d^2}", "incorrect"),
    ],
)
def test_a_letter_and_its_variant_glyph_are_one_symbol(gold, answer, expected):
    status, detail = verdict_here(gold, answer)
    assert status == expected, detail


def test_fold_variants_leaves_other_commands():
    assert fold_variants("\\varepsilon_r \\varpi \\variable") == "\\epsilon_r \\varpi \\variable"


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("4.2 mT", "42 G", "correct"),  # the gauss is 10^-4 T exactly
        ("4.2 mT", "42 gauss", "correct"),
        ("0.8 T", "8000 G", "correct"),
        ("4.2 mT", "4.2 G", "incorrect"),
    ],
)
def test_the_gauss_converts_to_tesla(gold, answer, expected):
    status, detail = verdict_here(gold, answer)
    assert status == expected, detail


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("trigonal bipyramidal", "T-shaped", "incorrect"),  # another geometry of the class
        ("trigonal bipyramidal", "octahedral", "incorrect"),
        ("T-shaped", "T shaped molecular geometry", "correct"),
        ("bent", "angular", "correct"),
        ("seesaw", "see-saw", "correct"),
        ("trigonal pyramidal", "pyramidal", "uncertain"),  # square or trigonal: no value
    ],
)
def test_molecular_shapes_are_one_class_of_values(gold, answer, expected):
    status, detail = verdict_here(gold, answer)
    assert status == expected, detail


def test_shape_reads_only_a_shape_alone():
    assert shape("The square-planar geometry.") == "square planar"
    assert shape("V-shaped") == "bent"
    assert shape("distorted octahedral") is None
    assert shape("tetrahedral carbon atoms") is None


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("\\frac{\\hbar^2 \\pi^2}{2 m a^2}", "\\frac{h^2}{8 m a^2}", "correct"),  # hbar = h/2pi
        ("\\frac{h^2}{8 m a^2}", "\\frac{ħ^2 π^2}{2 m a^2}", "correct"),
        ("\\frac{\\hbar^2 \\pi^2}{2 m a^2}", "\\frac{h^2}{2 m a^2}", "incorrect"),
        ("\\hbar \\omega", "\\hbar\\omega", "correct"),
    ],
)
def test_hbar_is_h_over_two_pi(gold, answer, expected):
    status, detail = verdict_here(gold, answer)
    assert status == expected, detail


def test_spelled_alike_keeps_hbar_without_a_planck_h():
    assert spelled_alike("\\hbar k", "\\hbar \\theta") == ("\\hbar k", "\\hbar \\theta")
    assert spelled_alike("\\hbar", "h") == ("(\\frac{h}{2\\pi})", "h")


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("2 + e^{-2\\beta J}", "2 + \\exp(-2J/k_B T)", "correct"),  # beta = 1/(k_B T)
        ("\\frac{J}{1 + e^{J/kT}}", "\\frac{J e^{-\\beta J}}{1 + e^{-\\beta J}}", "correct"),
        ("2 + e^{-2\\beta J}", "2 + e^{-2 J k_B T}", "incorrect"),
        ("2 + e^{-2\\beta J}", "2 + e^{-J/k_B T}", "incorrect"),
    ],
)
def test_thermal_beta_is_one_over_kt(gold, answer, expected):
    status, detail = verdict_here(gold, answer)
    assert status == expected, detail


def test_spelled_alike_leaves_beta_without_a_boltzmann_product():
    assert spelled_alike("\\beta = v/c", "v/c") == ("\\beta = v/c", "v/c")
    assert spelled_alike("e^{-\\beta E}", "e^{-E/k_{B}T}")[0] == "e^{-(\\frac{1}{k_{B}T}) E}"


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("C3v", "Ammonia belongs to the $C_{3v}$ point group.", "correct"),
        ("C3v", "Its point group is C₃ᵥ.", "correct"),
        ("C3v", "Ammonia belongs to the D3h point group.", "incorrect"),
        ("C3v", "The point group is C3v or D3h.", "uncertain"),  # a hedge
        ("C3v", "Its point group is D3h, not C3v.", "uncertain"),  # a negation
        ("C3v", "The point group drops from Td to C3v.", "uncertain"),  # a change of group
        ("C3v", "Ammonia is pyramidal with C3v symmetry.", "uncertain"),  # no point group said
    ],
)
def test_a_sentence_naming_one_point_group(gold, answer, expected):
    status, detail = verdict_here(gold, answer)
    assert status == expected, detail


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("6.38", "about 6.4", "correct"),  # the gold rounded to two digits: one dropped
        ("6.38 kJ", "6.4 kJ", "correct"),
        ("2.3 \\times 10^{-3} T", "23 G", "correct"),
        ("6.38", "6.3", "uncertain"),  # truncated, not rounded
        ("6.38", "6", "incorrect"),  # one digit is no rounding the rules accept
        ("6.3852", "6.4", "uncertain"),  # two digits of a five-digit gold: too much dropped
    ],
)
def test_an_answer_the_gold_rounds_to_with_one_digit_dropped(gold, answer, expected):
    status, detail = verdict_here(gold, answer)
    assert status == expected, detail


def test_rounded_answer_digits():
    assert [rounded_answer_digits(n) for n in (1, 2, 3, 4, 6)] == [3, 3, 2, 3, 3]


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("(l + 1)\\hbar", "L_z = \\hbar(1 + l)", "correct"),  # the quantity named with an index
        ("L = (l + 1)\\hbar", "L_{max} = \\hbar(1 + l)", "correct"),
        ("L = (l + 1)\\hbar", "L_{max} = \\hbar(2 + l)", "incorrect"),
    ],
)
def test_an_indexed_left_side_names_the_quantity(gold, answer, expected):
    status, detail = verdict_here(gold, answer)
    assert status == expected, detail


def test_named_sides_keeps_other_quantities_and_chains():
    assert named_sides("T_1 = 2a", "T_2 = 2a") == ("T_1 = 2a", "T_2 = 2a")
    assert named_sides("2a", "T_1 = b = 2a") == ("2a", "T_1 = b = 2a")
    assert named_sides("E = 2a", "E_n = 2a") == ("2a", "2a")


@pytest.mark.parametrize(
    ("gold", "answer", "status"),
    [
        ("6.38 kJ", "6.4 kJ", "correct"),  # one digit dropped, nearer than half a step
        ("6.35 kJ", "6.4 kJ", "uncertain"),  # exactly half a step: as near a 6.40 distractor
        ("6.35 kJ", "6.3 kJ", "uncertain"),
        ("1.835 kJ", "1.84 kJ", "correct"),  # three digits keep the tie, as before
    ],
)
def test_a_two_digit_answer_never_ties_with_a_three_digit_gold(gold, answer, status):
    assert verdict_here(gold, answer)[0] == status
