"""Judge a (gold, answer) pair at the level of its text, before any normalisation to math.

Rule-based matching is sure of itself only where the forms allow it. This module reads what
kind of thing each side is (a number with a unit, a math expression, a name, a labelled list,
prose) and decides the pairs whose text settles them:

- the same text (case, spacing, punctuation, LaTeX wrappers and Unicode sub/superscripts aside)
  is ``correct``;
- two numbers (a unit on either side, ``~``/``≈`` approximations, percent vs fraction,
  scientific notation) are compared by :mod:`drqa.labeling.quantities`: equal, or within the
  precision the gold states, is ``correct``; clearly apart is ``incorrect``; close but unequal,
  or units that do not convert simply, is ``uncertain``;
- two short names (chemical names, terms) that differ are ``incorrect``; labelled lists
  (``A = ..., B = ...``) are compared label by label;
- a name or prose with positive evidence of another answer (:mod:`drqa.labeling.unrelated`:
  none of the gold's names, no content word or no number in common) is ``incorrect``;
- prose (a sentence), a number found only inside words, or a number against a name is
  ``uncertain``: never reduced to a single number, left to review (or the optional LLM judge).

Everything else (two math expressions) returns None: the normaliser and math-verify decide it.
All patterns are linear; inputs are capped at :data:`MAX_CHARS`.
"""

from __future__ import annotations

import re

from drqa.labeling.angles import angle_verdict
from drqa.labeling.asides import abbreviation_verdict, aside_verdict
from drqa.labeling.condensed import condensed_verdict
from drqa.labeling.configurations import configuration_verdict
from drqa.labeling.labelled import labelled_values, labelled_verdict, listed_verdict
from drqa.labeling.name_classes import (
    class_value_verdict,
    formula_counts,
    formula_verdict,
    multiplicity_verdict,
    stated_point_group_verdict,
)
from drqa.labeling.names import equivalent, names_verdict, point_group_verdict
from drqa.labeling.normalise import choice_letter, hedges, plain_text_math
from drqa.labeling.number_forms import exact_fraction
from drqa.labeling.quantities import (
    Quantity,
    compare_quantities,
    read_quantity,
    unit_the_gold_lacks,
)
from drqa.labeling.ratios import ratio_verdict
from drqa.labeling.sentence_numbers import qualified_verdict, sentence_verdict
from drqa.labeling.shapes import shape_verdict
from drqa.labeling.stated_values import stated_verdict
from drqa.labeling.text_items import canonical_text, case_apart, items_verdict, same_marks
from drqa.labeling.units import body_units, units_apart
from drqa.labeling.unrelated import unrelated
from drqa.labeling.words import FUNCTION_WORDS as _FUNCTION_WORDS
from drqa.labeling.words import LATEX_NAMES as _LATEX_NAMES
from drqa.labeling.words import words as _words

MAX_CHARS = 4000
_PROSE_WORD = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{4,}")
_NAME_PART = re.compile(
    r"\d[,\d']*-[A-Za-z]{2,}|[A-Za-z]{2,}-\d|\(\d*[EZRS](?:,\d*[EZRS])*\)-"
)  # a locant, or a stereodescriptor opening a name ((2R)-..., (E)-...): not the (2R) of I/(2R)
_SINGLE_WORD = re.compile(r"[A-Za-z]{3,}")
_MATH_WORDS = frozenset(("sin", "cos", "tan", "cot", "sec", "csc", "log", "exp", "max", "min"))
_DEGREES = re.compile(r"°|\\circ|\\degree|\bdeg(?:rees?)?\b", re.I)
_RADIANS = re.compile(r"\\pi|π|\brad(?:ians?)?\b")
_SEVERAL_VALUES = re.compile(r"(?<!\\),\s|(?<!\\);|\b(?:or|and)\b")  # x = 3 or x = -3: no one chain
_CHAIN_TAIL = re.compile(r"(?s:.*)(=|\\approx|≈)\s*([^=≈]{1,40}?)\s*(?:\$|\\\)|\\\])?\s*\.?$")
# "either A or B" (not "either way, ...")
_EITHER_OR = re.compile(r"\beither\b(?:[^.;!?]|\.(?=\d)){1,80}?\bor\b", re.I)
_SENTENCE_WORDS = 5
_PROSE = ("uncertain", "prose")


def is_prose(text: str) -> bool:
    """A sentence or phrase: at least five words, or three with a function word."""
    words = _words(text)
    if len(words) >= _SENTENCE_WORDS and len(_PROSE_WORD.findall(_LATEX_NAMES.sub(" ", text))) >= 2:
        return True
    return len(words) >= 3 and any(w.lower() in _FUNCTION_WORDS for w in words)


def is_name(text: str) -> bool:
    """A short name or term (chemical names, words), not math and not a sentence."""
    if is_prose(text) or len(text) > 200 or number_with_unit(text):
        return False
    plain = _LATEX_NAMES.sub(" ", text)
    if _SINGLE_WORD.fullmatch(plain.strip()) and plain.strip().lower() not in _MATH_WORDS:
        return True  # "Red", "Cs", "Navin"
    if plain_text_math(text):  # gamma*B, -12*hbar/25: symbols, not words
        return False
    return bool(_NAME_PART.search(plain) or _PROSE_WORD.search(plain))


def number_with_unit(text: str) -> Quantity | None:
    """The quantity ``text`` states, a body's mass or radius as one unit (``M_\\odot``)."""
    return read_quantity(body_units(text))


def _units_by_case(gold: Quantity | None, answer: Quantity | None) -> bool:  # M, m
    return bool(gold and answer and gold.unit and answer.unit and gold.unit != answer.unit)


def text_verdict(gold: str | None, answer: str | None) -> tuple[str, str] | None:
    """A verdict from the text alone, or None to leave the pair to math normalisation; an
    answer that hedges (``A or B``, ``probably``) where the gold does not is never correct, and
    one offering two answers (``either A or B``) is incorrect: a judge takes no hedge."""
    if not gold or not answer or not gold.strip() or not answer.strip():
        return None
    gold, answer = gold.strip()[:MAX_CHARS], answer.strip()[:MAX_CHARS]
    if choice_letter(gold) and len(gold) <= 12:  # multiple choice: the letter decides
        return None
    verdict = _text_verdict(gold, answer)
    if verdict is None or verdict[0] == "uncertain":  # "X (a note)": X decides when correct
        verdict = (
            aside_verdict(gold, answer, _text_verdict)
            or abbreviation_verdict(gold, answer)  # "X (XYZ)" answered by "XYZ" or by "X"
            or verdict
        )
    if hedges(answer, gold) and _EITHER_OR.search(answer) and not _EITHER_OR.search(gold):
        return "incorrect", "the answer hedges between alternatives it names (either ... or)"
    if hedges(answer, gold) and (verdict is None or verdict[0] == "correct"):
        return "uncertain", "the answer hedges between alternatives"
    return verdict


def _text_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    gold_number, answer_number = number_with_unit(gold), number_with_unit(answer)
    same = canonical_text(gold)
    marks_agree = same_marks(gold, answer)  # brackets, percent, a formula's case
    bare = gold_number and answer_number and unit_the_gold_lacks(gold_number, answer_number)
    bare = bare or _units_by_case(gold_number, answer_number)  # 2 M is not 2 m, mM not mm
    if same and same == canonical_text(answer) and marks_agree and not bare:
        return "correct", "same text"
    if case_apart(gold, answer):
        return "uncertain", "formulas apart in letter case (CO, Co)"
    by_notation = (
        ratio_verdict(gold, answer)  # 9:3:3:1 term by term, never a chain of divisions
        or configuration_verdict(gold, answer)  # 1s2 2s2 against 1s^2 2s^2
    )
    if by_notation is not None:
        return by_notation
    if len(gold) <= 60 and len(answer) <= 60 and equivalent(gold, answer):
        return "correct", "equivalent names"
    if len(gold) <= 12 and len(answer) <= 12 and point_group_verdict(gold, answer):
        return point_group_verdict(gold, answer)
    by_group = stated_point_group_verdict(gold, answer) if len(gold) <= 12 else None
    if by_group is not None:  # "... belongs to the $C_{2v}$ point group."
        return by_group
    if len(gold) <= 40 and len(answer) <= 40 and shape_verdict(gold, answer):
        return shape_verdict(gold, answer)  # square planar against tetrahedral
    if len(gold) <= 40 and len(answer) <= 40 and multiplicity_verdict(gold, answer):
        return multiplicity_verdict(gold, answer)
    if formula_counts(gold) and formula_counts(answer):  # never read as products of symbols
        return formula_verdict(gold, answer) or ("uncertain", "a formula or an acronym: isomers?")
    by_condensed = condensed_verdict(gold, answer)  # (CH3)2CHOH against a name: the atoms
    if by_condensed is not None:
        return by_condensed
    if (
        _DEGREES.search(gold)
        and not _DEGREES.search(answer)
        and not (answer_number and not _RADIANS.search(answer))
    ):  # an angle against radians or an expression: converted, else for a reader
        return angle_verdict(gold, answer) or ("uncertain", "degrees against radians")
    if _DEGREES.search(answer) and not _DEGREES.search(gold) and _RADIANS.search(gold):
        return angle_verdict(answer, gold) or ("uncertain", "degrees against radians")  # pi/4
    if ("%" in gold) != ("%" in answer):  # 25% against \frac{1}{4}: the fraction's value
        gold_number = gold_number or exact_fraction(gold)
        answer_number = answer_number or exact_fraction(answer)
    if gold_number and answer_number:
        return compare_quantities(gold_number, answer_number)
    one = gold_number and not answer_number and not _SEVERAL_VALUES.search(answer)
    tail = _CHAIN_TAIL.search(answer) if one else None
    if tail and number_with_unit(tail.group(2)) and not is_prose(answer):  # "... \approx 1.26"
        verdict = compare_quantities(gold_number, number_with_unit(tail.group(2)))
        if verdict[0] != "uncertain":  # a chain's last member is the value it states
            return verdict[0], f"the value the answer ends on: {verdict[1]}"
    qualified = None if gold_number else qualified_verdict(gold, answer)
    if qualified is not None:  # "~201 km/s, receding": the quantity decides only when apart
        return qualified
    gold_labels, answer_labels = labelled_values(gold), labelled_values(answer)
    if gold_labels and answer_labels and set(gold_labels) == set(answer_labels):
        return labelled_verdict(gold_labels, answer_labels, text_verdict)
    by_items = None if gold_labels or answer_labels or gold_number else items_verdict(gold, answer)
    by_items = by_items or (None if gold_labels else listed_verdict(gold, answer, text_verdict))
    if by_items is not None:
        return by_items
    if gold_number and (is_prose(answer) or is_name(answer)):
        verdict = sentence_verdict(gold_number, answer)  # several numbers: the stated one
        return (verdict == _PROSE and stated_verdict(gold, gold_number, answer)) or verdict
    by_value = None if gold_labels or answer_labels else class_value_verdict(gold, answer)
    if by_value is not None:  # "increases" against "It increases."
        return by_value
    if is_name(gold) and is_name(answer) and not (gold_labels or answer_labels):
        return names_verdict(gold, answer)
    prose = is_prose(gold) or is_prose(answer)
    if not (prose or gold_labels or answer_labels or is_name(gold) or is_name(answer)):
        if units_apart(gold, answer):  # the normaliser drops units: bare numbers prove nothing
            return "uncertain", "numbers in units the rules cannot compare"
        return None
    why = unrelated(gold, answer)
    if why:
        return "incorrect", why
    if prose:
        return "uncertain", "prose"
    if gold_labels or answer_labels:
        return "uncertain", "several labelled values"
    return "uncertain", "a name against a value"
