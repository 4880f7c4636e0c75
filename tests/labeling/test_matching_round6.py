"""Free-form matching mechanisms of issue 17 point 2, fourth round (MATCH6): each row written
from the mechanism, not copied from a benchmark pair; each decides only on evidence.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from drqa.labeling.units import conversion, different_kinds, parse_unit
from drqa.labeling.verdict_reasons import reason_code
from drqa.labeling.verifier import verdict_here


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("37.5%", "\\( \\frac{3}{8} \\)", "correct"),  # a fraction in math delimiters
        ("37.5%", "\\[ \\frac{3}{8} \\]", "correct"),
        ("37.5%", "\\( \\frac{5}{8} \\)", "incorrect"),
        ("\\( \\frac{3}{8} \\)", "37.5%", "correct"),
    ],
)
def test_a_percent_against_a_delimited_fraction_compares_its_value(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


def test_astronomical_lengths_convert_and_take_prefixes():
    assert conversion("Mpc", "kpc") == 1000
    assert parse_unit("AU")[0] == parse_unit("km")[0]
    assert round(conversion("pc", "ly"), 3) == Decimal("3.262")
    assert different_kinds("pc", "s") and not different_kinds("ly", "km")
    assert parse_unit("au") is None  # atomic units? never read as the astronomical unit


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("2 Mpc", "\\(2 \\times 10^3\\) kpc", "correct"),  # one \( \) span before its unit
        ("2 Mpc", "\\(2 \\times 10^2\\) kpc", "incorrect"),
        ("3.26 ly", "1 pc", "correct"),  # within the gold's precision
        ("1 AU", "\\(1.496 \\times 10^8\\) km", "correct"),
    ],
)
def test_a_quantity_in_another_astronomical_unit_converts(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("\\sqrt{3}, -\\sqrt{3}", "\\pm 1.732", "correct"),  # each sign within its precision
        ("-\\sqrt{3}, \\sqrt{3}", "\\pm 1.732", "correct"),  # a set: either order
        ("\\pm 5", "-5, 5", "correct"),
        ("y = \\pm 4", "4, -4", "correct"),
        ("2+\\sqrt{5}, -2-\\sqrt{5}", "\\pm (2+\\sqrt{5})", "correct"),  # negated in brackets
        ("\\sqrt{3}, -\\sqrt{3}", "\\pm 1.9", "incorrect"),  # math-verify's verdict stands
        ("\\pm 5", "5, -6", "incorrect"),
    ],
)
def test_plus_minus_stands_for_both_signs(gold, answer, expected):
    verdict = verdict_here(gold, answer)
    assert verdict[0] == expected
    if expected == "correct":
        assert reason_code(*verdict) == "structure"


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        # a trivial ring name against a von Baeyer name ending on the same principal group
        # (locants and all): perhaps one compound, for a reader; other groups stay apart
        (
            "5-norbornene-2-carboxylic acid",
            "bicyclo[2.2.1]hept-5-ene-2-carboxylic acid",
            "uncertain",
        ),  # fmt: skip
        ("spiro[4.5]decan-6-one", "2-methylcyclohexan-1-one", "incorrect"),  # other groups
        ("bicyclo[3.2.1]octan-2-one", "6-methylcyclohex-2-en-1-ol", "incorrect"),
        ("bicyclo[2.2.2]octan-2-one", "bicyclo[3.2.1]octan-2-one", "incorrect"),
    ],
)
def test_a_ring_system_named_in_another_convention_abstains(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("486 nm", "4861 Å", "correct"),  # 486.1 nm: within the last digit the gold states
        ("486 nm", "486.4 nm", "correct"),
        ("486 nm", "487 nm", "uncertain"),  # one unit of the last digit apart: for a reader
        ("486 nm", "520 nm", "incorrect"),
        ("486", "486.4", "uncertain"),  # a bare whole number may be a count
        ("48 nm", "48.4 nm", "uncertain"),  # two digits: no stated precision
    ],
)
def test_a_measured_whole_number_states_its_last_digit(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("~2.4 \\times 10^5 solar masses", "\\( 2.4 \\times 10^{5} \\, M_\\odot \\)", "correct"),
        ("~2.4 \\times 10^5 solar masses", "\\( 9 \\times 10^{5} \\, M_{\\odot} \\)", "incorrect"),
        ("3 Jupiter masses", "3 M_J", "correct"),
        ("0.8 solar radii", "0.8 R_\\odot", "correct"),
        ("2.5 Earth masses", "2.5 M_\\odot", "uncertain"),  # another body: never converted
        ("~2.4 \\times 10^5 solar masses", "4.8 \\times 10^{35} kg", "uncertain"),
        ("~2.4 \\times 10^5 solar masses", "2.4 \\times 10^8", "incorrect"),  # never prefixed
    ],
)
def test_a_body_mass_or_radius_is_one_unit_in_any_spelling(gold, answer, expected):
    assert verdict_here(gold, answer)[0] == expected
