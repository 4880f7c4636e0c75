"""The value a prose answer states for a numeric gold when it names several numbers.

``sentence_numbers`` reads a sentence's only number; an answer that works its way to a value
names several. Two places still say which one is the answer:

- the gold names its quantity by a symbol (``z ≈ 0.10``) and the answer gives that symbol one
  value (``z = 0.1, which corresponds to ... 30,000 km/s``): that value is compared;
- the answer concludes on a value (``..., so pH = 8.95.``, ``..., i.e. about 20.3.``): equal to
  the gold within its precision is ``correct``; apart is ``incorrect`` only when no other number
  of the answer is the gold's (the gold may be a step the answer states before a last remark).

A negation abstains. Used by :mod:`drqa.labeling.answer_kinds` after
:func:`drqa.labeling.sentence_numbers.sentence_verdict` abstained on several numbers.
"""

from __future__ import annotations

import re

from drqa.labeling.quantities import THOUSANDS_MARKUP, Quantity, compare_quantities, read_quantity

_NUMBER = r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?"
_UNIT = r"(?:\s*(?:\\[,;! ]\s*)*[A-Za-zµμΩÅ°%][A-Za-zµμΩÅ°%/^\-\d]{0,11})?"
_GOLD_SYMBOL = re.compile(r"\s*([A-Za-z](?:_\{?\w{1,6}\}?)?|pH|pK_?a)\s*(?:=|≈|\\approx|~)")
_ASSIGNS = r"\s*(?:=|≈|\\approx|~)\s*(?:about|approximately|roughly)?\s*"
_CONCLUSION = re.compile(
    r"(?:\b(?:so|thus|hence|therefore|giving|that is)\b|\bi\.e\.),?\s*"
    r"(?:[A-Za-z][\w{}^\\]{0,12}\s*(?:=|≈|\\approx)\s*|(?:the\s+)?[a-z][a-z\s\-]{0,30}?\s+is\s+)?"
    rf"(?:about|approximately|roughly|≈|~|\\approx)?\s*((?:{_NUMBER}){_UNIT})\s*\.?\s*$",
    re.I,
)
_NEGATION = re.compile(r"\b(?:not|no|never|cannot|isn't|incorrect|wrong)\b", re.I)
_ANY_NUMBER = re.compile(rf"(?<![\w.,\-^_])(?:{_NUMBER})(?![\w]|[.,]\d)")


def _plain(answer: str) -> str:
    return THOUSANDS_MARKUP.sub(",", re.sub(r"\*\*|\\\$|\$|\\[()]", " ", answer)).strip()


def stated_verdict(gold_text: str, gold: Quantity, answer: str) -> tuple[str, str] | None:
    """The verdict on the value the answer states for the gold (see the module doc), or None."""
    plain = _plain(answer)
    if len(plain) > 600 or _NEGATION.search(plain):
        return None
    symbol = _GOLD_SYMBOL.match(gold_text)
    if symbol:
        pattern = rf"(?<![A-Za-z\\]){re.escape(symbol.group(1))}{_ASSIGNS}((?:{_NUMBER}){_UNIT})"
        values = {match.group(1).strip() for match in re.finditer(pattern, plain)}
        value = read_quantity(values.pop()) if len(values) == 1 else None
        if value is not None:
            status, detail = compare_quantities(gold, value)
            return status, f"the value the answer gives the gold's symbol: {detail}"
    concluded = _CONCLUSION.search(plain)
    value = read_quantity(concluded.group(1)) if concluded else None
    if value is None:
        return None
    status, detail = compare_quantities(gold, value)
    if status == "incorrect" and any(
        (other := read_quantity(number)) is not None
        and compare_quantities(gold, other)[0] != "incorrect"
        for number in _ANY_NUMBER.findall(plain)
    ):
        return None  # the gold's value is stated too: which is the answer?
    return status, f"the value the answer concludes on: {detail}"
