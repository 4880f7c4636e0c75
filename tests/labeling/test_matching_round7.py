"""Free-form matching mechanisms of issue 17 point 2, fifth round (MATCH7): each row written
from the mechanism, not copied from a benchmark pair; each decides only on evidence.
"""

from __future__ import annotations

import pytest

from drqa.labeling.name_formulas import molecular_formula
from drqa.labeling.verdict_reasons import reason_code
from drqa.labeling.verifier import verdict_here


def _formula(name: str) -> str | None:
    read = molecular_formula(name)
    if read is None:
        return None
    return "".join(f"{el}{read[0][el]}" for el in sorted(read[0]))


@pytest.mark.parametrize(
    ("name", "formula"),
    [
        ("pentan-3-one", "C5H10O1"),
        ("2-methylbutanoic acid", "C5H10O2"),
        ("cyclohex-2-en-1-ol", "C6H10O1"),
        ("1,3-dichloropropane", "C3Cl2H6"),
        ("3-(2-chloroethyl)pentane", "C7Cl1H15"),  # a compound substituent, read flat
        ("bis(2-hydroxyethyl)benzene", "C10H14O2"),  # a multiplier before a bracket
        ("ethyl butanoate", "C6H12O2"),  # an ester: the alkyl in place of the acid's hydrogen
        ("diethyl butanedioate", "C8H14O4"),
        ("propanedioic anhydride", "C3H2O3"),  # a cyclic anhydride: the diacid less water
        ("3-nitrobenzoic acid", "C7H5N1O4"),
        ("cyclopentanecarbaldehyde", "C6H10O1"),
        ("hexa-2,4-dienal", "C6H8O1"),
        ("tert-butylbenzene", "C10H14"),
        ("propyl acetate", "C5H10O2"),  # a trivial acid's name read as its systematic one
        ("2-styrylpyridine", "C13H11N1"),
        ("prop-2-ynylbenzene", "C9H8"),
        ("4-acetoxybenzoic acid", "C9H8O4"),
        ("diethyl isophthalate", "C12H14O4"),  # a diester of a common diacid's name
        ("2,2-dimethylpropyl acetate", "C7H14O2"),  # di- multiplies a methyl, not the ester
        ("4-methylcyclohexyl propanoate", "C10H18O2"),  # a substituted alkyl: one ester group
    ],
)
def test_a_substitutive_name_spells_its_molecular_formula(name, formula):
    assert _formula(name) == formula


@pytest.mark.parametrize(
    "name",
    ["1H-indole", "bicyclo[2.2.1]heptane", "cyclohexylidene", "ethanoic anhydride", "glucose"],
)
def test_a_name_the_grammar_cannot_read_whole_spells_nothing(name):
    assert molecular_formula(name) is None


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("pentan-2-one", "pentanoic acid", "incorrect"),  # C5H10O against C5H10O2
        ("benzaldehyde", "1-phenylmethanol", "incorrect"),  # a common name's row spells it
        ("ethyl acetate", "ethyl propanoate", "incorrect"),  # acetate read as ethanoate
        ("2-methylpentane", "3-methylpentane", "incorrect"),  # one parent: locants decide
        ("(3-chloropropyl)benzene", "1-chloro-3-phenylpropane", "uncertain"),  # parents swap
        ("(3-chloropropyl)benzene", "1-chloro-2-phenylpropane", "uncertain"),  # which locant?
        ("butylbenzene", "n-butylbenzene", "correct"),  # the normal chain, in lower case
        ("4-butylaniline", "N-butylaniline", "incorrect"),  # N- names the nitrogen
        ("hexane", "n-hexane", "correct"),
        ("3-ethylcyclopentan-1-ol", "3-ethylcyclopentanol", "correct"),  # a ring's implied 1
        ("cyclopent-2-en-1-one", "cyclopent-2-enone", "correct"),
        ("5-cyclopentylpentan-1-ol", "5-cyclopentylpentanol", "uncertain"),  # a chain's: which?
        ("1-ethylcyclopentan-1-ol", "ethylcyclopentanol", "uncertain"),  # the ethyl's locant?
    ],
)
def test_names_compared_by_the_molecular_formulas_they_spell(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


def test_a_formula_verdict_has_its_own_reason():
    status, detail = verdict_here("butan-2-one", "butan-2-ol")
    assert (status, reason_code(status, detail)) == ("incorrect", "names-formula")


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        # one skeleton, one side stating a locant the other leaves implicit: another numbering?
        ("trans-cyclohexene-4,5-diol", "The product is trans-cyclohex-1-ene-4,5-diol", "uncertain"),
        # the same, but a word descriptor of one notation apart (syn against anti)
        ("syn-cyclohexene-4,5-diol", "The product is anti-cyclohex-1-ene-4,5-diol", "incorrect"),
        # a locant list's comma is inside the name: 2,3- is no list of two names
        ("2,3-dimethylbutane-2,3-diol", "It forms 2,3-dimethylbutane-2,3-diol", "uncertain"),
        ("2,3-dimethylbutane-2,3-diol", "It forms 2,2-dimethylbutane-1,3-diol", "incorrect"),
    ],
)
def test_names_in_a_sentence_are_found_on_their_skeleton(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("trigonal bipyramidal", "Trigonal bipyramidal (five electron domains)", "correct"),
        ("RNA polymerase II", "RNA polymerase II (the one transcribing mRNA)", "correct"),
        ("RNA polymerase II", "RNA polymerase II (or possibly III)", "uncertain"),  # it hedges
        ("RNA polymerase II", "RNA polymerase II (not I)", "uncertain"),  # it negates
        ("RNA polymerase II", "RNA polymerase II (only in yeast)", "uncertain"),  # qualifies
        ("RNA polymerase II", "RNA polymerase III (the one for tRNA)", "uncertain"),  # as bare
        ("x^2", "x^2 (x+1)", "incorrect"),  # brackets after math without a word: a product
    ],
)
def test_an_aside_after_the_gold_answer_leaves_it_correct(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("6.6743 * 10^-11 N", "6.67 \\times 10^{-11} N", "correct"),  # three digits agree
        ("6.6743 * 10^-11 N", "6.68 \\times 10^{-11} N", "correct"),  # one unit of the third
        ("6.6743 * 10^-11 N", "6.64 \\times 10^{-11} N", "uncertain"),  # three units apart
        ("1.6726 km", "1673 m", "correct"),  # converted first
        ("2.3456", "2.34", "uncertain"),  # a bare gold: exact for all the rules know
        ("2.35 eV", "2.34 eV", "uncertain"),  # a three-digit gold states its own precision
    ],
)
def test_a_precise_measured_gold_accepts_three_agreeing_digits(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        # numbers in words count as the digits would: 4 and 6 stated, 4 and 5 asked
        (
            "4 bands when warm and 5 when cold",
            "Four bands when warm and six when cold.",
            "incorrect",
        ),
        (
            "4 bands when warm and 5 when cold",
            "Four bands when warm and five when cold.",
            "uncertain",
        ),
        (
            "3 isomers in total",
            "three-fold symmetry gives several isomers",
            "uncertain",
        ),  # no count
    ],
)
def test_numbers_spelled_in_words_are_the_numbers_a_sentence_states(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("Photosystem II", "photosystem I", "incorrect"),  # one family, another member
        ("Factor X", "Factor V", "incorrect"),
        ("type II", "Type 2", "uncertain"),  # a Roman numeral is its value: never apart
        ("Complex IV", "Complex IV inhibitor", "uncertain"),
    ],
)
def test_names_apart_only_in_a_roman_numeral_are_other_members(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("3.87 BM", "\\( 3.87 \\, \\mu_B \\)", "correct"),  # the Bohr magneton, two spellings
        ("3.87 BM", "$ 2.83 \\mu_{B} $", "incorrect"),
        ("3.87 μB", "3.87 BM", "correct"),
    ],
)
def test_the_bohr_magneton_is_one_unit_in_its_spellings(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("~2.45 s", "\\( t = \\sqrt{2h/g} \\approx 2.45 \\, \\text{s} \\)", "correct"),
        ("0.75 J", "\\( W = \\frac{1}{2} k x^2 = 0.50 \\, \\text{J} \\)", "incorrect"),
        ("6", "\\( 3! = 6 \\)", "correct"),  # a chain's last member is its value
        ("6", "\\( 3! = 24 \\)", "incorrect"),
        ("2", "x = 2 or x = -2", "uncertain"),  # two values: no one chain
    ],
)
def test_an_answer_chain_states_its_last_value(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("decreases", "It decreases.", "correct"),  # a value of a closed class, stated
        ("decreases", "It would increase.", "incorrect"),
        ("slower", "It becomes faster", "incorrect"),
        ("decreases", "It does not decrease", "uncertain"),  # negated
        ("lower", "B's is higher", "uncertain"),  # a subject of its own: which one is higher?
        ("lower", "higher than before", "uncertain"),  # a comparison says more
        ("Yes", "No.", "incorrect"),  # the value is the negation itself
        ("decreases", "It doesn't decrease", "uncertain"),
    ],
)
def test_a_sentence_stating_one_value_of_a_class(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("\\frac{\\pi}{6}", "30°", "correct"),  # radians in the gold, degrees in the answer
        ("\\frac{\\pi}{6}", "60^\\circ", "incorrect"),
        ("\\pi/2 rad", "90 degrees", "correct"),
    ],
)
def test_a_gold_in_radians_against_an_answer_in_degrees(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("25 m/s", "25 metres per second", "correct"),  # a unit in words, with per
        ("25 m/s", "90 kilometers per hour", "correct"),
        ("25 m/s", "25 kilometers per hour", "incorrect"),
        ("1.8 eV", "1.8 electron volts", "correct"),
    ],
)
def test_units_spelled_in_words_with_per(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("0.707c", "\\frac{1}{\\sqrt{2}} c", "correct"),  # a gold with its unit keeps its precision
        ("0.707c", "\\frac{1}{2} c", "incorrect"),
        ("0.707 T", "\\frac{1}{\\sqrt{2}} mT", "uncertain"),  # units the rules cannot compare
    ],
)
def test_a_closed_form_against_a_rounded_gold_with_a_unit(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("(2, -3, 1)", "(2, 3, 1)", "incorrect"),  # a minus inside a list is no punctuation
        ("(2, -3, 1)", "(2,-3,1)", "correct"),
        ("[-1, 4]", "[1, 4]", "incorrect"),
    ],
)
def test_a_negative_element_of_a_list_keeps_its_sign(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("-7", "minus seven", "correct"),  # a sign in words
        ("-7", "The result is negative 7.", "correct"),
        ("7", "minus seven", "incorrect"),
        ("-120 kJ/mol", "-120 kJ", "uncertain"),  # per mole or not: a convention
        ("-120 kJ/mol", "-120 kg", "incorrect"),
    ],
)
def test_a_sign_in_words_and_a_unit_per_mole(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


def test_an_explanation_twice_as_long_as_the_gold_shares_no_word_and_proves_nothing():
    gold, answer = "Hund's first rule", "electrons spread over empty orbitals before pairing"
    assert verdict_here(gold, answer)[0] == "uncertain"


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("2-methylhexane", "5-methylhexane", "uncertain"),  # one chain, numbered from its other end
        ("hexan-2-ol", "hexan-5-ol", "uncertain"),
        ("hept-2-ene", "hept-5-ene", "uncertain"),  # a bond spans two atoms: 2 mirrors to 5
        ("hept-2-ene", "hept-6-ene", "incorrect"),
        ("1-phenylpropanol", "3-phenylpropanol", "incorrect"),  # the -ol's unwritten 1 moves too
        ("2-methylhexane", "3-methylhexane", "incorrect"),
    ],
)
def test_a_chain_numbered_from_the_other_end_is_for_a_reader(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("between 6 and 9", "7", "uncertain"),  # a range in words holds the answer's number
        ("from 10 to 20 minutes", "15 minutes", "uncertain"),
        ("6 signals in A and 9 in B", "7 and 8", "incorrect"),  # no range: no number in common
    ],
)
def test_a_range_in_words_is_no_number_apart(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        (
            "A = pentan-2-one, B = pentan-3-one",
            "**A**: pentan-2-one\n**B**: pentan-3-one",
            "correct",
        ),
        ("A = pentan-2-one, B = pentan-3-one", "(A) pentan-2-one (B) hexan-3-one", "incorrect"),
        ("A = pentan-2-one, B = pentan-3-one", "A) pentan-2-one; B) pentan-3-one", "correct"),
        ("(R)-butan-2-ol and (S)-butan-2-ol", "(S) and (R) butan-2-ol", "uncertain"),  # no labels
    ],
)
def test_labels_in_bold_or_brackets_are_labels(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("3, 5, 7", "first peak: 3, second peak: 5, third peak: 7", "correct"),
        ("3, 5, 7", "first peak: 3, second peak: 5, third peak: 9", "incorrect"),
        ("3, 5, 7", "first peak: 5, second peak: 3, third peak: 7", "uncertain"),  # reordered
        ("3, 5, 7", "first peak: 3, second peak: 5", None),  # not the gold's length: other rules
    ],
)
def test_a_gold_list_against_values_under_phrase_labels(gold, answer, expected):
    from drqa.labeling.labelled import listed_verdict

    found = listed_verdict(gold, answer, verdict_here)
    assert (found and found[0]) == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("C", "C and D", "uncertain"),  # two option letters listed: a hedge
        ("C", "(B), (C)", "uncertain"),
        ("C", "C) 12 m/s", "correct"),
        ("6", "at least 6", "uncertain"),  # a bound is not the value
        ("6", "There are fewer than 6 isomers.", "uncertain"),
        ("6", "There are 6 isomers.", "correct"),
    ],
)
def test_listed_letters_and_bounds_are_no_answer(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("HF", "Hf", "uncertain"),  # hydrogen fluoride, hafnium: case carries the formula
        ("CO", "Co", "uncertain"),
        ("H2SO4", "h2so4", "correct"),  # a formula written in lower case
        ("Blue", "BLUE", "correct"),  # a word in capitals
        ("[1, 3)", "[1, 3]", "incorrect"),
    ],
)
def test_letter_case_matters_between_formulas_of_element_symbols(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("4", "4y", "incorrect"),  # a letter that is no unit is a variable
        ("4", "4j", "incorrect"),
        ("4", "4 s", "correct"),  # a unit: the bare gold's number
        ("4 g", "4g", "correct"),
    ],
)
def test_a_number_with_a_letter_that_is_no_unit_is_a_product(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected
