"""Free-form matching mechanisms of issue 17 point 2, sixth round (MATCH8): each row written
from the mechanism, not copied from a benchmark pair; each decides only on evidence.
"""

from __future__ import annotations

import pytest

from drqa.labeling.condensed import condensed_counts
from drqa.labeling.configurations import configuration
from drqa.labeling.name_formulas import molecular_formula
from drqa.labeling.ratios import ratio_shares, ratio_terms
from drqa.labeling.units import drop_shared_unit
from drqa.labeling.verdict_reasons import reason_code
from drqa.labeling.verifier import verdict_here


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("2:2:1", "4:2:2", "incorrect"),  # both are 1 as chains of divisions: no ratio is
        ("1:2:1", "2 : 4 : 2", "correct"),  # one ratio, a common factor apart
        ("5:3", "10:6", "correct"),
        ("4:1", "1:4", "incorrect"),  # two terms: the order is the question's (A to B)
        ("15:1", "9:6:1", "incorrect"),  # other classes
        ("9:6:1", "1:6:9", "uncertain"),  # the classes listed from the other end
        ("9:6:1", "16", "uncertain"),  # a ratio of three terms is no one number
    ],
)
def test_ratios_are_compared_term_by_term(gold, answer, expected):
    status, detail = verdict_here(gold, answer)
    assert status == expected, detail
    assert reason_code(status, detail) == "ratio"


def test_ratio_terms_and_shares():
    assert ratio_terms("$1 : 3$") == [1, 3]
    assert ratio_terms("the ratio 1:3") is None
    assert ratio_terms("0:0") is None
    assert [float(s) for s in ratio_shares("1:3")] == [0.25, 25.0, 0.75, 75.0]


@pytest.mark.parametrize(
    "answer",
    [
        "One offspring in four (25%) is white and the other three (75%) are coloured.",
        "75% of the seeds are yellow, 25% green",
    ],
)
def test_a_ratio_stated_as_its_shares_is_not_incorrect(answer):
    assert verdict_here("3:1", answer)[0] != "incorrect"


@pytest.mark.parametrize(
    ("formula", "counts"),
    [
        ("CH3CH2CH2OH", {"C": 3, "H": 8, "O": 1}),
        ("(CH3)2CH-CHO", {"C": 4, "H": 8, "O": 1}),  # a bracket's multiplier, a bond
        ("HOOC-(CH2)3-COOH", {"C": 5, "H": 8, "O": 4}),
        ("C₂H₅OC₂H₅", {"C": 4, "H": 10, "O": 1}),  # subscript digits
        ("CH2=CH-CN", {"C": 3, "H": 3, "N": 1}),
    ],
)
def test_condensed_formulas_count_their_atoms(formula, counts):
    assert condensed_counts(formula) == counts


@pytest.mark.parametrize("text", ["DMSO", "NBS", "CH3COO-", "PhCH2OH", "2-methylpropanal", "(CH3"])
def test_acronyms_charges_abbreviations_and_names_are_no_condensed_formula(text):
    assert condensed_counts(text) is None


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("butanal", "CH3CH2CH2-CHO", "uncertain"),  # the name's atoms: perhaps an isomer
        ("pentan-2-one", "CH3-CO-CH2CH3", "incorrect"),  # a carbon short
        ("3-oxobutanal", "CH3-CO-CH2-CHO", "uncertain"),  # 'H2-C' is no locant of a name
        ("3-oxobutanal", "CH3-CO-CH2-CHO (3-oxobutanal)", "correct"),  # it names itself
        ("3-oxobutanal", "CH3-CO-CH2-CHO (not 3-oxobutanal)", "uncertain"),
    ],
)
def test_a_formula_against_a_name_by_its_atoms(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("1-phenylpent-1-en-3-one", "benzylidenebutanone", "uncertain"),  # ylidene in the chain
        ("propylidenecyclopentane", "1-propylcyclopent-1-ene", "incorrect"),  # one ring parent
    ],
)
def test_an_alkylidene_name_against_a_longer_chain_with_a_double_bond(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("1.41*10^-3 V", "\\sqrt{2} \\times 10^{-3}\\,\\mathrm{V}", "correct"),  # one unit dropped
        ("1.41 x 10^-3 V", "\\sqrt{3} \\times 10^{-3}\\ \\text{V}", "incorrect"),
        ("1.41*10^-3 V", "\\sqrt{2} \\times 10^{-3}\\ \\text{mV}", "uncertain"),  # other units
        ("6.2*10^-2", "0.062", "correct"),  # 10^-2 unbraced: math-verify reads no expression
    ],
)
def test_a_closed_form_with_the_gold_unit_and_plain_scientific_notation(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


def test_a_shared_unit_is_dropped_from_both_sides_only():
    assert drop_shared_unit("7.5 N", "\\frac{15}{2}\\ \\text{N}") == ("7.5", "\\frac{15}{2}")
    assert drop_shared_unit("7.5 N", "\\frac{15}{2}\\ \\text{kN}") == (
        "7.5 N",
        "\\frac{15}{2}\\ \\text{kN}",
    )
    assert drop_shared_unit("3x", "3x") == ("3x", "3x")  # a variable is no unit


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        (
            "Okazaki fragments (lagging strand pieces)",
            "lagging strand pieces (Okazaki fragments)",
            "correct",
        ),
        (
            "Okazaki fragments (lagging strand pieces)",
            "Okazaki fragments (leading strand)",
            "uncertain",
        ),
        ("T = 2\\pi\\sqrt{m/k}", "2\\pi\\sqrt{k/m}", "incorrect"),  # a named value, a bare one
        ("E = \\frac{1}{2} k A^2", "k A^2", "incorrect"),
        ("T = 2\\pi\\sqrt{m/k}", "2\\pi\\sqrt{\\frac{m}{k}}", "correct"),
    ],
)
def test_swapped_asides_and_a_named_value_against_a_bare_one(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("a frameshift mutation", "silent mutation", "incorrect"),  # one closed class of values
        ("meiosis", "mitosis", "incorrect"),
        ("uncompetitive inhibition", "competitive inhibition", "incorrect"),
        ("anaphase", "telophase", "incorrect"),
        ("silent mutation", "synonymous mutation", "uncertain"),  # synonyms: no class pair
    ],
)
def test_values_of_one_closed_class(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("k ≈ 0.35", "k = 0.35, which makes the half-life about 2 s.", "correct"),
        ("k ≈ 0.35", "k = 0.53, which makes the half-life about 1.3 s.", "incorrect"),
        (
            "k ≈ 0.35",
            "First k = 0.35, then on reflection k = 0.53 for the second run.",
            "uncertain",
        ),
        ("7.4", "With pKa 6.1 and a ratio of 20, log 20 = 1.3, so pH = 7.4.", "correct"),
        ("7.4", "With pKa 6.1 and a ratio of 2, log 2 = 0.3, so the pH is 6.4.", "incorrect"),
        ("12", "Each box holds 12, so in all there are 36.", "uncertain"),  # the gold stated too
        ("5", "It is not 5; the steps give 2 and 3, so the answer is 6.", "uncertain"),  # negation
    ],
)
def test_the_value_a_prose_answer_states(gold, answer, expected):
    status, detail = verdict_here(gold, answer)
    assert status == expected, detail


@pytest.mark.parametrize(
    ("name", "formula"),
    [
        ("propyl bromide", {"C": 3, "H": 7, "Br": 1}),  # an alkyl halide named by class
        ("benzoyl fluoride", {"C": 7, "H": 5, "O": 1, "F": 1}),  # an acyl halide
        ("potassium iodide", None),  # a salt: no substituent
    ],
)
def test_halides_named_by_class_read_as_formulas(name, formula):
    read = molecular_formula(name)
    assert (read and dict(read[0])) == formula


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("methyl benzoate", "benzoyl bromide", "incorrect"),  # other atoms
        ("1-iodobutane", "butyl iodide", "uncertain"),  # one formula: for a reader
    ],
)
def test_a_class_named_halide_against_a_name(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer"),
    [
        ("hexane-1,6-diamine", "hexamethylenediamine"),  # a bivalent -ylene group: old style
        ("ethane-1,2-diamine", "ethylenediamine"),
        ("methyl 2-methylpropenoate", "methyl methacrylate"),  # trivial acid stems
        ("methyl 2-hydroxybenzoate", "methyl salicylate"),
        ("diethyl propanedioate", "diethyl malonate"),
        ("cyclohexa-2,5-diene-1,4-dione", "p-benzoquinone"),
        ("diphenylmethanone", "benzophenone"),
        ("buta-1,3-diene", "butadiene"),  # the same name, its locants unstated
    ],
)
def test_a_common_name_of_the_same_compound_is_never_incorrect(gold, answer):
    assert verdict_here(gold, answer)[0] != "incorrect"


@pytest.mark.parametrize(
    ("gold", "answer"),
    [("1-phenylbutan-1-one", "4-ethylpropiophenone"), ("3-phenylpropanal", "cinnamaldehyde")],
)
def test_a_common_parent_with_other_atoms_is_incorrect(gold, answer):
    assert verdict_here(gold, answer)[0] == "incorrect"


@pytest.mark.parametrize(
    ("gold", "answer"),
    [
        ("I and III", "III, I"),  # roman numerals: no content word to compare
        ("No effect on the yield", "the yield is unchanged"),  # one claim of no change
        ("It stays constant", "unaffected by the pressure"),
    ],
)
def test_sharing_no_content_word_proves_nothing_without_content_words(gold, answer):
    assert verdict_here(gold, answer)[0] != "incorrect"


def test_two_unrelated_phrases_stay_incorrect():
    assert verdict_here("Western blot of the lysate", "Sanger sequencing")[0] == "incorrect"


def test_a_number_read_from_a_note_does_not_name_the_gold():
    assert verdict_here("6", "C6H12 (6 carbons)")[0] != "correct"


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("1s2 2s2 2p6 3s2 3p3", "1s^2 2s^2 2p^6 3s^2 3p^3", "correct"),  # carets or none
        ("1s2 2s2 2p6 3s2 3p3", "1s²2s²2p⁶3s²3p³", "correct"),
        ("[Kr] 4d10 5s1", "[Kr]5s^1 4d^{10}", "correct"),  # in another order
        ("1s2 2s2 2p6 3s2 3p3", "1s^2 2s^2 2p^6 3s^2 3p^4", "incorrect"),
        ("[Ne] 3s2 3p3", "1s2 2s2 2p6 3s2 3p3", "uncertain"),  # another core
    ],
)
def test_electron_configurations_orbital_by_orbital(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


def test_a_run_together_configuration_is_not_read():
    assert configuration("1s22s22p6") is None


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("F- > Cl- > Br-", "Br- < Cl- < F-", "correct"),  # one ranking of terms, read either way
        ("F- > Cl- > Br-", "Cl- > F- > Br-", "incorrect"),
        ("tertiary > secondary > primary", "primary < secondary < tertiary", "correct"),
    ],
)
def test_a_chain_of_terms_is_one_ranking(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected
