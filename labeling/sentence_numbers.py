"""A numeric gold against an answer written as a sentence: the sentence's only number.

"Billy sold 7 DVDs on Tuesday" answers 7; an aside in brackets is left out ("10 lines (Lyman: 4,
Balmer: 3, ...)" answers 10), and with no digit at all one English number word is the number
("Four stereoisomers", the lexicon's :data:`drqa.labeling.lexicon.NUMBER_WORDS`). Several numbers
or a negation abstain; a right number beside an added claim is for a reader.
"""

from __future__ import annotations

import re
from decimal import Decimal

from drqa.labeling.lexicon import NUMBER_WORDS
from drqa.labeling.quantities import THOUSANDS_MARKUP, Quantity, compare_quantities, read_quantity
from drqa.labeling.units import parse_unit

_SCALE = r"(?:[eE][+\-−]?\d+|\s*(?:\\times|×|\\cdot|x)\s*10\^\{?[+\-−]?\d+\}?|\^\{?[+\-−]?\d+\}?)"
_SENTENCE_NUMBER = re.compile(
    r"(?<![\w.,\-^_])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w.,]\d)"
    rf"|(?<![\w.,\-^_])-?\d+(?:\.\d+)?{_SCALE}?(?![\w^]|[.,]\d)"
)  # a number with its scale ("8e-37", "10^36", "1.5 \times 10^8"), never a power's base alone
_NEGATION = re.compile(
    r"\b(?:not|no|never|none|cannot|can't|isn't|false|incorrect|wrong|without)\b", re.I
)
_ADDED_CLAIM = re.compile(
    r"[,;:]\s*(?:so|and|but|which|thus|hence|therefore|while|whereas|because|since|though"
    r"|although|meaning|implying)\b|;",
    re.I,
)
_WITH_UNIT = re.compile(
    r"\S+(?:\s*(?:\\[,;! ]\s*)*(?:\\(?:text|mathrm)\{[^}]{1,12}\}|[A-Za-zµμΩÅ°][^\s,;]{0,11}))?"
)  # the number and one unit token after it: "5000 Å", "12.8 kcal/mol", "5000\ \text{Å}"
_UNIT_NEXT = re.compile(r"\s*(?:\\[,;! ]\s*|\\text\{|\\mathrm\{)*[A-Za-zµμΩÅ°]")
_ASIDE = re.compile(r"\([^()]{1,120}\)")
_NUMBER_WORD = re.compile(
    rf"\b(?:{'|'.join(w for w in NUMBER_WORDS['en'] if w != 'one')})\b", re.I
)  # the lexicon's cardinal words; "one" is a pronoun as often as a number


_BOUND = re.compile(
    r"(?:\b(?:at\s+(?:least|most)|(?:more|less|fewer|greater|larger|smaller)\s+than|up\s+to|over"
    r"|under|below|above|exceeds?|within)|[<>≤≥]|\\[lg]eq?)\s*[~≈]?\s*$",
    re.I,
)
_SIGN_WORD = re.compile(
    rf"\b(?:minus|negative)\s+(?=\d|(?:{'|'.join(NUMBER_WORDS['en'])})\b)", re.I
)  # a sign in words before a number


def _value(match: re.Match) -> str:
    return str(NUMBER_WORDS["en"][match.group().lower()])


def spelled_numbers(text: str) -> list[Decimal]:
    """The lexicon's English cardinal words in ``text`` as numbers ("two peaks"; not "one", a
    pronoun as often, nor a compound's "two-fold")."""
    found = (m for m in _NUMBER_WORD.finditer(text) if not text.startswith("-", m.end()))
    return [Decimal(NUMBER_WORDS["en"][match.group().lower()]) for match in found]


def sentence_verdict(gold: Quantity, answer: str) -> tuple[str, str]:
    """The verdict for a numeric ``gold`` against an ``answer`` sentence (see the module doc)."""
    plain = THOUSANDS_MARKUP.sub(",", re.sub(r"\*\*|\\\$|\$|\\[()]", " ", answer))
    negated = _NEGATION.search(plain)  # an aside may deny the number: read before it goes
    plain = _SIGN_WORD.sub("-", _ASIDE.sub(" ", plain))  # "minus three" is -3, as "minus 3"
    numbers = _SENTENCE_NUMBER.findall(plain)
    if not numbers:  # "Four stereoisomers": one number word is the number
        found = list(_NUMBER_WORD.finditer(plain))
        numbers = [
            ("-" if plain[m.start() - 1 : m.start()] == "-" else "") + _value(m) for m in found
        ]
    if len(numbers) != 1 or negated:
        return "uncertain", "prose"
    value = read_quantity(numbers[0])
    if value is None or _BOUND.search(plain[: plain.find(numbers[0])]):
        return "uncertain", "prose"  # "at least 2", "more than 2": a bound, not the value
    stated = _WITH_UNIT.match(plain, plain.find(numbers[0]))  # "is 5000 Å, blue-green"
    with_unit = read_quantity(stated.group()) if stated else None
    if with_unit is not None and with_unit.value == value.value:
        value = with_unit
    elif gold.unit and _UNIT_NEXT.match(plain, plain.find(numbers[0]) + len(numbers[0])):
        return (
            "uncertain",
            "prose",
        )  # a unit the reader does not know: the number alone says nothing
    verdict, detail = compare_quantities(gold, value)
    if verdict == "correct" and _ADDED_CLAIM.search(plain):
        return "uncertain", "the answer adds a claim beside the number"
    return verdict, f"the sentence's only number: {detail}"


_QUALIFIER = re.compile(r"\s*[,;(]\s*[A-Za-z][A-Za-z \-]{2,60}\)?\.?\s*$")
_LEADING_SPAN = re.compile(r"\s*(\$[^$]{1,200}\$|\\\((?:(?!\\\)).){1,200}\\\))")


def qualified_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """A gold that is a quantity in a known unit with a qualifier after it (``~201 km/s,
    receding``, ``5.2 eV (bound)``) against an answer opening on a quantity: apart is incorrect
    whatever the words; the same value leaves the qualifier to a reader. None otherwise."""
    cut = _QUALIFIER.search(gold)
    gold_value = read_quantity(gold[: cut.start()]) if cut and cut.start() else None
    if gold_value is None or parse_unit(gold_value.unit) is None:
        return None
    span = _LEADING_SPAN.match(answer)
    opening = span.group(1) if span else re.split(r"[,;(]", answer)[0]
    answer_value = read_quantity(opening)
    if answer_value is None or parse_unit(answer_value.unit) is None:
        return None
    status, detail = compare_quantities(gold_value, answer_value)
    if status == "correct":
        return "uncertain", "the gold's quantity, its qualifier left to a reader"
    return status, f"the gold's quantity: {detail}"
