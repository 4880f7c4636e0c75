"""Numbers as written: value, unit, the precision they state, and how two of them compare.

A gold answer states a precision: ``0.83`` is 0.83 to the hundredth, ``3.2e-5`` to 1e-6, ``~ 33``
or ``about 120`` are approximate. :func:`compare_values` accepts an answer within half a unit of
the gold's last digit (``0.83`` accepts ``0.8333`` and 5/6), calls numbers clearly apart
``incorrect`` (more than :data:`CLOSE` apart relatively, or of opposite signs) and abstains in
between (``uncertain``; a precise measured gold: :mod:`drqa.labeling.sig_digits`). Integers
without a unit or marker are exact counts (GSM8K): a near miss is a miss. A one-digit gold
(``0.3``) says too little to accept on precision alone (``uncertain``).
Units (:mod:`drqa.labeling.units`): a quantity against the bare number compares the numbers;
two units convert when simple (``cm``/``m``), else abstain."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from drqa.labeling import sig_digits
from drqa.labeling.lexicon import superscript_powers
from drqa.labeling.units import (
    BODY_UNITS,
    conversion,
    different_kinds,
    parse_unit,
    same_unit,
    unit_text,
)

CLOSE = Decimal("0.03")  # relative gap up to which unequal numbers are "close" (uncertain)
_PREFIX_POWERS = (-2, 2, *range(-24, 0, 3), *range(3, 25, 3))  # SI prefixes, not deci/deca
_EXPLICIT_SLACK = Decimal("0.01")  # "~ 33.5": also within 1% of an explicitly approximate gold
APPROX_MARKER = re.compile(
    r"^(?:~|≈|\\approx|\\sim|approx\.?|approximately|about|around|roughly|nearly)\s*", re.I
)
"""An approximation marker opening a value (``~``, ``≈``, ``\\approx``, ``about``)."""
_MANTISSA = r"[-+−]?(?:\d{1,3}(?:[ ,]\d{3})+|\d+)(?:\.\d+)?|[-+−]?\.\d+"
_TIMES = r"(?:\\times|×|\*|x|\\cdot|·|⋅)"
_EXPONENT = (
    rf"(?:\s*{_TIMES}\s*(?:10\s*(?:\^|\*\*)\s*\{{?\(?\s*([-+−]?\d+)\s*\)?\}}?|1[eE]([-+]?\d+))"
    r"|[eE]([-+]?\d+))?"
)
_NUMBER = re.compile(rf"^({_MANTISSA}){_EXPONENT}\s*(\\?%|percent)?(.*)$", re.S)
_POWER_OF_TEN = re.compile(r"^10\s*(?:\^|\*\*)\s*\{?\(?\s*([-+−]?\d+)\s*\)?\}?(.*)$", re.S)
_RANGE = re.compile(
    rf"^({_MANTISSA})\s*(–|—|-|to)\s*({_MANTISSA})(\s*(?:\\?%|[A-Za-zµμΩÅ°].*)?)$", re.S
)
_RANGE_START = re.compile(r"\s*(?:–|—|-|to\s)\s*[-+−]?\.?\d")
_NAMED_VALUE = re.compile(
    r"^\$?\s*(?:(?:\\[A-Za-z]+\s*[A-Za-z]{0,3}|[A-Za-z]{1,3})(?:_\{?[\w,]+\}?)?(?:\^\{?[*\w]+\}?)?"
    r"\s*(?:=|:|(?=(?:\\approx|≈|\\sim)\s*\.?\d))|pH|pOH|pK_?a)"
    r"\s*(?=(?:[-+−~≈$]|\\\$|\\approx|\\sim)?\s*\.?\d)"
)  # E = 2.5 eV, \lambda_{max} \approx 5000 Å, \Delta G = -20 kJ/mol, pH 4.5
_ERROR_BAR = re.compile(r"(?<=\d)\s*(?:\\pm|±|\+/-)\s*\d+(?:\.\d+)?(?=\s*(?:[A-Za-zµμΩÅ%\\]|$))")
_TRAILING_ASIDE = re.compile(r"(?<!/)\s*\([^()]{1,40}\)\s*\.?\s*$")  # not J/(mol K)
# LaTeX thousands separators between digits (10,\!080, 1{,}000, 10\,080): read as a comma
THOUSANDS_MARKUP = re.compile(r"(?<=\d)(?:,\\!|\{,\}|,\\,|\\,)(?=\d{3})")
_CURRENCY = re.compile(r"^(?:\\?\$|€|£|¥)\s*")
_VARIABLE = re.compile(r"[a-z]")  # one lower-case letter after a number: 3x, 2i
_UNIT = re.compile(
    r"[A-Za-zµμΩÅ°][A-Za-zµμΩÅ°/·*\-]{0,14}(?:\^-?\d)?"
    r"(?:\s*[/·*]?\s*[A-Za-z]{1,15}(?:\^-?\d)?){0,3}"
    r"|[A-Za-zµμΩÅ°]{1,6}\s*/\s*\([A-Za-z]{1,6}(?:\s*[·*]?\s*[A-Za-z]{1,6}(?:\^-?\d)?){1,2}\)"
)  # J/(mol K)


@dataclass(frozen=True)
class Quantity:
    """A number as written: value, unit (as written, markup removed), the precision it states."""

    value: Decimal
    unit: str = ""
    approximate: bool = False  # "~", "≈", "about": the writer says it is rounded
    percent: bool = False
    step: Decimal | None = None  # the unit of the last digit written (0.01 for 0.83)
    digits: int = 0  # significant digits written
    span: bool = False  # a range ("81-83 years"): value is its middle, step its width
    measured: bool = False  # a whole number in a physical unit to its last digit (656 nm)

    @property
    def rounded(self) -> bool:
        """Written as a rounded value: a marker, a decimal point or a power of ten."""
        return self.approximate or (self.step is not None and self.step < 1) or self._scaled

    @property
    def _scaled(self) -> bool:
        return self.measured or (self.step is not None and self.step > 1)


_ONE_MATH_SPAN = re.compile(
    r"^\\[(\[]((?:(?!\\[()\[\]]).)*)\\[)\]](\s*[A-Za-zµμΩÅ/^·]{0,12})$", re.S
)  # one \( ... \) alone or before its unit: \(10^3\) pc


def read_quantity(text: str) -> Quantity | None:
    """The quantity ``text`` states (``~ 3 060 000 km.``, ``16.9%``, ``3.2·10⁻⁵``,
    ``2.6*1e5 GeV``, ``10^(-16) J``, ``0.01 (10^-2).``), or None when it is not one. A symbol
    naming it (``E = 2.5 eV``, ``\\Delta G = -20 kJ/mol``, ``pH 4.5``) and an error bar
    (``5.00 \\pm 0.05``) are read past: the value is what the answer states."""
    text = _ONE_MATH_SPAN.sub(r"\1\2", text.strip().strip("$").strip())  # \( 5 \, \text{s} \)
    text = _ERROR_BAR.sub("", _NAMED_VALUE.sub("", text.strip(), count=1))  # E = 2.5 ± 0.1 eV
    found = _read(text)
    if found is None and _TRAILING_ASIDE.search(text):  # an aside restating the value
        found = _read(_TRAILING_ASIDE.sub("", text))
    return found


def _range(text: str) -> Quantity | None:
    """``81-83 years``, ``1.5 to 2.0 eV``, ``10–20%``: the middle, with the half-width as the
    precision (an answer inside the range is within it). A bare ``3-5`` is a subtraction."""
    match = _RANGE.match(text)
    if not match or (match.group(2) == "-" and not match.group(4).strip()):
        return None
    low, high = (_read(match.group(k) + match.group(4)) for k in (1, 3))
    if low is None or high is None or low.unit != high.unit or not low.value < high.value:
        return None
    middle = (low.value + high.value) / 2
    width = high.value - low.value
    return Quantity(middle, low.unit, True, low.percent, width, digits=2, span=True)


def _read(text: str) -> Quantity | None:
    text = text.strip().strip("$").strip()
    text = superscript_powers(text)
    approximate = bool(APPROX_MARKER.match(text))
    text = THOUSANDS_MARKUP.sub(",", _CURRENCY.sub("", APPROX_MARKER.sub("", text)))
    power = _POWER_OF_TEN.match(text)
    if power:
        mantissa, exponent, percent, rest = "1", power.group(1), None, power.group(2)
    else:
        match = _NUMBER.match(text)
        if not match:
            return None
        if _RANGE_START.match(match.group(6)):
            return _range(text)
        mantissa = match.group(1)
        exponent = match.group(2) or match.group(3) or match.group(4)
        percent, rest = match.group(5), match.group(6)
    digits = mantissa.replace(" ", "").replace(",", "").replace("−", "-")
    try:
        value = Decimal(digits)
        shift = int(exponent.replace("−", "-")) if exponent else 0
    except (InvalidOperation, ValueError):
        return None
    unit = unit_text(rest)
    if unit and (not _UNIT.fullmatch(unit) or _VARIABLE.fullmatch(unit) and not parse_unit(unit)):
        return None  # 3x, 3i: a lower-case letter that is no unit is a variable
    return Quantity(
        value=value.scaleb(shift),
        unit=unit,
        approximate=approximate,
        percent=bool(percent),
        step=Decimal(1).scaleb(value.as_tuple().exponent + shift),
        digits=len(value.as_tuple().digits) if value else 1,
    )


def numbers_verdict(gold: str, answer: str, approximate: bool = False) -> tuple[str, str] | None:
    """The verdict for two texts that are each one quantity (normalised or not), else None;
    ``approximate``: the gold was marked approximate before normalisation removed the marker."""
    gold_quantity, answer_quantity = read_quantity(gold), read_quantity(answer)
    if gold_quantity is None or answer_quantity is None:
        return None
    if approximate and not gold_quantity.approximate:
        gold_quantity = replace(gold_quantity, approximate=True)
    return compare_quantities(gold_quantity, answer_quantity)


def compare_quantities(gold: Quantity, answer: Quantity) -> tuple[str, str]:
    """The verdict for two quantities: units first (converted or abstained on), then the
    numbers (percent against a fraction tried both ways)."""
    value, factor = answer.value, Decimal(1)
    if gold.unit and answer.unit and not same_unit(gold.unit, answer.unit):
        factor = conversion(answer.unit, gold.unit)
        if factor is None and different_kinds(answer.unit, gold.unit):
            return "incorrect", "units of different kinds"
        if factor is None:
            return "uncertain", "different units"
        value = (value * factor).quantize(Decimal(1).scaleb((value * factor).adjusted() - 20))
    if answer.span and gold.percent == answer.percent:  # the answer hedges with a range
        return _range_verdict(gold.value, value, answer.step * factor)
    candidates = [value]
    step = answer.step * factor if answer.step is not None else None
    steps = [step]
    if gold.percent != answer.percent:  # 44% vs 0.44
        scale = Decimal(100) if gold.percent else Decimal("0.01")
        candidates = [value * scale, value]
        steps = [step * scale if step is not None else None, step]
        bare_fraction = answer.percent and abs(gold.value) <= 1 and value == gold.value != 0
        if bare_fraction:  # 0.25 against 0.25%: a fraction, or a percent written bare?
            return "uncertain", "a percent sign the gold does not have"
    gold = _round_measurement(gold)
    exact_count = not (gold.unit or gold.rounded or answer.rounded) and answer.step is not None
    verdict = compare_values(
        gold, candidates, exact_count=exact_count and answer.step >= 1,
        answer_steps=steps, answer_digits=answer.digits,
    )  # fmt: skip
    if verdict[0] == "incorrect" and (
        _bare_in_other_prefix(gold, answer) or _bare_in_other_prefix(answer, gold)
    ):
        return "uncertain", "a bare number, perhaps in another prefix of the other's unit"
    if verdict[0] == "correct" and unit_the_gold_lacks(gold, answer):
        return "uncertain", "a bare gold against the number in a unit (the question's unit?)"
    return verdict


def unit_the_gold_lacks(gold: Quantity, answer: Quantity) -> bool:
    """A bare gold measurement (a decimal: its unit is in the question) against an answer that
    gives the number a unit of measurement: the digits agree, but the unit may not be the
    question's (``1.23`` asked in nm against ``1.23 Å``). A whole-number gold (a count: ``4``
    against ``4 minutes``) and a bare answer against a gold with its unit stay correct."""
    if gold.unit or gold.percent or not answer.unit or gold.value == gold.value.to_integral():
        return False
    return parse_unit(answer.unit) is not None


def _round_measurement(gold: Quantity) -> Quantity:
    """A measured whole number in a physical unit ending in zeros (``3 060 000 km``) states its
    precision to its last non-zero digit when that keeps three significant digits or more; one
    of three digits or more without a trailing zero (``656 nm``), to its last digit."""
    digits = (
        str(abs(gold.value)) if gold.step == 1 and gold.value == gold.value.to_integral() else ""
    )
    zeros = len(digits) - len(digits.rstrip("0"))
    if len(digits) - zeros < 3 or parse_unit(gold.unit) is None or zeros == 1:
        return gold
    if zeros == 0:
        return replace(gold, measured=True)
    return replace(gold, step=Decimal(10) ** zeros, digits=len(digits) - zeros)


def _bare_in_other_prefix(gold: Quantity, answer: Quantity) -> bool:
    """``1.5 km`` against a bare ``1500`` (either side bare): the bare number is the other in
    another SI prefix of its unit (a factor 10^±2, 10^±3k), a unit left out to a reader."""
    parsed = parse_unit(gold.unit) if gold.unit and not answer.unit else None
    if parsed is None or not (gold.value and answer.value) or dict(parsed[0]).keys() & BODY_UNITS:
        return False  # no bare number, or a unit nobody prefixes (Msun)
    ratio = answer.value / gold.value
    return any(ratio == Decimal(1).scaleb(k) for k in _PREFIX_POWERS)


def _range_verdict(gold: Decimal, middle: Decimal, width: Decimal) -> tuple[str, str]:
    """A gold against an answer's range: inside or near it a reader judges, far off it is
    incorrect."""
    outside = abs(gold - middle) - width / 2
    if outside > 0 and outside > CLOSE * max(abs(gold), abs(middle)):
        return "incorrect", "the gold is outside the answer's range"
    return "uncertain", "the answer gives a range"


def compare_values(
    gold: Quantity,
    candidates: list[Decimal],
    *,
    exact_count: bool = False,
    answer_steps: list[Decimal | None] | None = None,
    answer_digits: int = 0,
) -> tuple[str, str]:
    """The verdict for a gold quantity and the answer's value(s) (see the module doc).
    ``exact_count``: both are integers written without marker or unit (a near miss is a miss).
    ``answer_steps``/``answer_digits``: the precision the answer states (per candidate); an
    answer of :func:`~drqa.labeling.sig_digits.rounded_answer_digits` digits that the gold rounds to
    (``2.71`` for ``2.714``, ``12.57`` for ``4\\pi``) is correct: right within its own
    precision."""
    g = gold.value
    for value in candidates:
        if value == g:
            return "correct", "same number"
    for value in candidates:
        if _within_precision(gold, value):
            if gold.approximate or gold.digits >= 2:
                return "correct", "within the gold's precision"
            return "uncertain", "within a one-digit gold's precision"
    rounding = not exact_count and answer_digits >= sig_digits.rounded_answer_digits(gold.digits)
    for value, step in zip(candidates, answer_steps or [], strict=False):
        if rounding and step and sig_digits.within_rounding(abs(value - g), step, answer_digits):
            return "correct", "the gold rounds to the answer"
    nearest = min(candidates, key=lambda value: abs(value - g))
    if nearest * g < 0:
        return "incorrect", "opposite signs"
    scale = max(abs(g), abs(nearest))
    if scale and abs(nearest - g) / scale <= CLOSE:
        if exact_count:
            return "incorrect", "different integers"
        measured = parse_unit(gold.unit) is not None
        if sig_digits.agrees_to_three_digits(g, gold.digits, measured, nearest):
            return "correct", "within a precise gold's third digit (a unit of measurement)"
        return "uncertain", "close but unequal numbers"
    return "incorrect", "different numbers"


def _within_precision(gold: Quantity, value: Decimal) -> bool:
    """``value`` rounds to the gold at the precision the gold states (only a rounded gold)."""
    if not gold.rounded or gold.step is None or gold.value == 0:
        return False
    gap = abs(value - gold.value)
    if gap <= gold.step / 2 * Decimal("1.0000001"):
        return True
    return gold.approximate and gap / abs(gold.value) <= _EXPLICIT_SLACK
