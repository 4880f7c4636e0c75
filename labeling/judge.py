"""Judge one normalised (gold, answer) pair: the fast paths, then math-verify on sympy.

Before the fast paths, two quantities are compared with the precision and units they state
(:mod:`drqa.labeling.quantities`); structures are compared elementwise and, where math-verify
finds two answers unequal, a closed form against a rounded value by its numeric value
(:mod:`drqa.labeling.closed_forms`). A gold marked approximate (``~ 20``) keeps that in its key
(:func:`approximate_key`). ``judge`` runs in a worker process's main thread: math-verify's own
signal timeouts are turned off and one ``setitimer`` alarm bounds the whole pair instead (the
parent process kills a worker that ignores it, e.g. stuck in C code). Parsed golds and answers
are cached per worker.
"""

from __future__ import annotations

import functools
import logging
import re
import signal
from collections.abc import Callable
from decimal import Decimal

from drqa.labeling.closed_forms import closed_form_verdict, structure_verdict
from drqa.labeling.normalise import choice_verdict
from drqa.labeling.number_forms import marked_approximate
from drqa.labeling.plus_minus import plus_minus_verdict
from drqa.labeling.quantities import numbers_verdict
from drqa.labeling.symbolic import same_symbols_verdict, unequal_verdict

APPROXIMATE = "~"  # prefix of a gold key whose gold was marked approximate
_BY_MATH_VERIFY = "math-verify"
_UNEQUAL_NOT_PLAIN = "math-verify finds them unequal, but the gold is not plain math"
_UNEQUAL = (_BY_MATH_VERIFY, _UNEQUAL_NOT_PLAIN)
_BARE_LOG = re.compile(r"\\log(?![A-Za-z_])")  # \log without a base

_INTEGER = re.compile(r"[-+]?\d+")
_WORDS = re.compile(r"[A-Za-z][A-Za-z '\-]{1,}")
_CHOICE_ONLY = re.compile(r"\(?[A-E]\)?")
_DECIMAL = re.compile(r"-?(?:\d+(?:\.\d+)?|\.\d+)")
_NUMERIC_SUM = re.compile(r"\s*-?\s*\d+(?:\.\d+)?(?:\s*[-+]\s*\d+(?:\.\d+)?)*\s*")
_SUM_TERM = re.compile(r"[-+]?\s*\d+(?:\.\d+)?")
_FAR_APART = Decimal("1e-5")  # math-verify rounds floats to 6 places before comparing
_FRAC_DIGITS = re.compile(r"\\frac\s*(\d)\s*(\d)(?!\d)")  # \frac34
_FRAC_DIGIT_FIRST = re.compile(r"\\frac\s*(\d)\s*\{")  # \frac9{19}
# a space math-verify ignores: no letter or backslash next to it, not between two digits
_LOOSE_SPACE = re.compile(r"(?<![A-Za-z0-9\\]) (?![A-Za-z])|(?<![A-Za-z\\]) (?![A-Za-z0-9])")
_UNIT_AT_END = re.compile(r"[cdghlmost]$")
# math-verify drops a trailing unit ("5 t", "x m"), and so a symbol after a number ("0.5c")
_DROPPED_LETTER = re.compile(r"\d\s*[cdghlmost]$")
# The plain forms (after _plain_form) whose parse math-verify always finds equal to itself:
# sums of monomials (a leading number, then lower-case letters with integer powers, \pi,
# \sqrt{n} and flat \frac{}{}), tuples and intervals of those, unions of intervals, equations,
# vectors of numbers. Checked against math-verify on generated and real answers.
_NUMBER = r"(?:\d+(?:\.\d+)?)"
_SYMBOL = r"(?:[a-df-z](?:\^\d+)?|\\pi(?![A-Za-z])|\\sqrt\{\d+\})"
_MONOMIAL = rf"(?:{_NUMBER}{_SYMBOL}{{0,3}}|{_SYMBOL}{{1,3}})"
_FLAT = rf"-?{_MONOMIAL}(?:[-+]{_MONOMIAL})*"
_TERM = rf"(?:{_NUMBER}?(?:{_SYMBOL}|\\frac\{{{_FLAT}\}}\{{{_FLAT}\}}){{1,3}}|{_NUMBER})"
_SUM = rf"-?{_TERM}(?:[-+]{_TERM})*"
_INTERVAL = rf"(?:\(-\\infty|[(\[]{_SUM}),(?:\\infty\)|{_SUM}[)\]])"
_PLAIN_EXPRESSION = re.compile(
    rf"{_SUM}|{_SUM}={_SUM}|\({_SUM}(?:,{_SUM})+\)|{_INTERVAL}(?:\\cup{_INTERVAL})*"
    rf"|\\begin\{{pmatrix\}}-?\d+(?:/\d+)?(?:\\{{1,2}} ?-?\d+(?:/\d+)?)+\\end\{{pmatrix\}}"
)
_LETTER_RUN = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{2,}")
_THOUSANDS_GROUP = re.compile(r",\d{3}(?!\d)")
_SPACED_ARGUMENT = re.compile(r"\\[A-Za-z]+ +\{")  # "\begin { pmatrix }": math-verify fails
_PLAIN_COMMANDS = frozenset(
    ("frac", "sqrt", "pi", "infty", "cup", "cap", "pm", "mp", "cdot", "times", "div", "le", "ge",
     "leq", "geq", "lt", "gt", "ne", "neq")
)  # fmt: skip


_KNOWN_COMMANDS = re.compile(
    r"\\(?:d?t?frac|sqrt|pi|cdot|times|div|pm|mp|infty|cup|cap|le|ge|leq|geq|lt|gt|ne|neq|in"
    r"|sin|cos|tan|cot|sec|csc|log|ln|exp|circ|theta|begin\{pmatrix\}|end\{pmatrix\}|left|right"
    r"|emptyset|varnothing|mathbb\{[A-Z]\}|binom|dbinom|angle|approx|%|\$|,|!|;|:| )(?![A-Za-z])"
)
_UNITS_OR_NAMES = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{2,}")
_OTHER_COMMAND = re.compile(r"\\[A-Za-z]+")
_UNIT_LETTER = re.compile(r"(?<=[\d)}] )[A-Z]\.?$")  # "10^(-16) J"


_warm = False  # math-verify imported and warmed up in this process


class ItemTimeout(BaseException):
    """Raised by the alarm: a BaseException, so math-verify's ``except Exception`` cannot eat it."""


def fast_judge(gold: str, answer: str) -> tuple[str, str] | None:
    """A verdict without sympy where the forms make it certain; ``None`` to ask math-verify."""
    if not gold:
        return "gold_unparseable", "empty gold"
    if not answer:
        return "no_answer", ""
    if _INTEGER.fullmatch(gold) and _INTEGER.fullmatch(answer):
        return ("correct" if _integer_key(gold) == _integer_key(answer) else "incorrect"), "integer"
    if _CHOICE_ONLY.fullmatch(gold):
        return choice_verdict(gold.strip("()"), answer)
    one_word = _WORDS.fullmatch(gold) and " " not in gold.strip() and len(gold) > 2
    if one_word and gold.lower() == answer.lower():
        return "correct", "text"
    if _DECIMAL.fullmatch(gold) and _DECIMAL.fullmatch(answer):
        return _decimal_verdict(gold, answer)
    if _NUMERIC_SUM.fullmatch(gold) and _NUMERIC_SUM.fullmatch(answer):
        return _decimal_verdict(str(_sum(gold)), str(_sum(answer)))
    if _same_plain_expression(gold, answer):
        return "correct", "same expression"
    return None


def _integer_key(text: str) -> tuple[bool, str]:
    """(negative, digits without leading zeros): equal integers of any length compare equal
    (``int()`` refuses strings of more than 4300 digits)."""
    digits = text.lstrip("+-").lstrip("0") or "0"
    return text.startswith("-") and digits != "0", digits


def _sum(text: str) -> Decimal:
    """The exact value of a sum of decimals such as ``1 + 2.5 - 3`` (any number of terms)."""
    return sum((Decimal(term.replace(" ", "")) for term in _SUM_TERM.findall(text)), Decimal(0))


def _decimal_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """Equal decimals are correct; ones too far apart for math-verify's 6-place rounding (and
    small enough for its 15-digit floats) are incorrect; the rest is left to math-verify."""
    gold_value, answer_value = Decimal(gold), Decimal(answer)
    if gold_value == answer_value:
        return "correct", "decimal"
    digits = max(len(gold), len(answer))
    small = max(abs(gold_value), abs(answer_value)) < 10**9 and digits <= 15
    if small and abs(gold_value - answer_value) > _FAR_APART:
        return "incorrect", "decimal"
    return None


def _plain_form(text: str) -> str:
    """``text`` with digit ``\\frac`` shorthands spelled out and spaces next to symbols removed."""
    text = _FRAC_DIGITS.sub(r"\\frac{\1}{\2}", text)
    text = _FRAC_DIGIT_FIRST.sub(r"\\frac{\1}{", text)
    return _LOOSE_SPACE.sub("", text)


def _same_plain_expression(gold: str, answer: str) -> bool:
    """Gold and answer are the same plain expression (see ``_PLAIN_EXPRESSION``) written with
    different spacing: math-verify parses both to one expression and finds it equal to itself,
    so the pair is correct without sympy."""
    if len(gold) > 80 or len(answer) > 80:
        return False
    if _SPACED_ARGUMENT.search(gold) or _SPACED_ARGUMENT.search(answer):
        return False
    plain = _plain_form(gold)
    if plain != _plain_form(answer):
        return False
    compact = re.sub(r"(?<!\\) ", "", plain)  # the same spacing on both sides: check the form
    if not _PLAIN_EXPRESSION.fullmatch(compact) or _UNIT_AT_END.search(compact):
        return False
    bare = compact.replace("\\begin{pmatrix}", "").replace("\\end{pmatrix}", "")
    return not (_THOUSANDS_GROUP.search(compact) or _LETTER_RUN.search(bare))


@functools.lru_cache(maxsize=65536)
def parse_expression(text: str) -> tuple:
    """math-verify's parse of one normalised answer (boxed first, then plain), no own timeout."""
    from math_verify import ExprExtractionConfig, LatexExtractionConfig, parse

    configs = [LatexExtractionConfig(boxed_match_priority=0), ExprExtractionConfig()]
    parsed = parse("\\boxed{" + text + "}", extraction_config=configs, parsing_timeout=None)
    if not parsed:
        parsed = parse(text, parsing_timeout=None)
    return tuple(parsed)


def approximate_key(gold: str | None, normalised: str) -> str:
    """The cache key of a normalised gold: prefixed :data:`APPROXIMATE` when the gold was
    marked approximate (``~ 20``, ``about 120``), which normalisation removes."""
    return APPROXIMATE + normalised if normalised and marked_approximate(gold) else normalised


def quick_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """A verdict without sympy for a normalised pair (gold key from :func:`approximate_key`):
    two quantities compared with their precision and units, then the fast paths; else None."""
    approximate = gold.startswith(APPROXIMATE)
    gold = gold.removeprefix(APPROXIMATE)
    if gold and answer:
        by_number = numbers_verdict(gold, answer, approximate)
        if by_number is not None:
            return by_number
    return fast_judge(gold, answer)


def judge(gold: str, answer: str) -> tuple[str, str]:
    """The verdict for a normalised pair, without any time limit (callers add one): the quick
    verdicts, structures elementwise, then math-verify with closed forms evaluated."""
    quick = quick_verdict(gold, answer)
    if quick is not None:
        return quick
    approximate = gold.startswith(APPROXIMATE)
    gold = gold.removeprefix(APPROXIMATE)
    structured = structure_verdict(gold, answer, judge) or plus_minus_verdict(gold, answer, judge)
    if structured is not None:
        return structured
    status, detail = math_verify_judge(gold, answer)
    if status != "correct" and detail in _UNEQUAL:  # parses are cached: no second parse
        parsed = parse_expression(gold), parse_expression(answer)
        numeric = closed_form_verdict(gold, answer, *parsed, approximate=approximate)
        if numeric is not None and numeric[0] == "incorrect" and _BARE_LOG.search(answer):
            natural = _BARE_LOG.sub(r"\\ln", answer)  # \log 2: base 10 to math-verify, e to many
            again = closed_form_verdict(gold, natural, parsed[0], parse_expression(natural),
                                        approximate=approximate)  # fmt: skip
            if again is not None and again[0] == "correct":
                return "uncertain", "correct only if \\log is the natural logarithm"
        if numeric is not None:
            return numeric
        checked = (
            unequal_verdict(gold, answer, *parsed)
            if status == "incorrect"
            else same_symbols_verdict(gold, answer, *parsed)
        )
        if checked is not None:
            return checked
    return status, detail


def math_verify_judge(gold: str, answer: str) -> tuple[str, str]:
    """The verdict of math-verify alone (no fast path) for a normalised, non-empty pair."""
    from math_verify import verify

    parsed_gold = parse_expression(gold)
    text_only = all(isinstance(item, str) for item in parsed_gold)
    if not parsed_gold or (text_only and not _WORDS.fullmatch(gold)):
        return "gold_unparseable", "math-verify found no expression in the gold answer"
    parsed_answer = parse_expression(answer)
    if not parsed_answer:
        return "uncertain", "math-verify cannot read the answer"  # a reader may: never "incorrect"
    same = verify(list(parsed_gold), list(parsed_answer), timeout_seconds=None)
    if not same and not (plain_math(gold) and not _DROPPED_LETTER.search(answer)):
        return "uncertain", _UNEQUAL_NOT_PLAIN
    return ("correct" if same else "incorrect"), _BY_MATH_VERIFY


def plain_math(text: str) -> bool:
    """Numbers, one-letter variables and common LaTeX: no units, subscripts, Greek physics
    symbols or multi-letter names, where math-verify's "unequal" can be trusted."""
    if "_" in text or _UNIT_LETTER.search(text) or _DROPPED_LETTER.search(text):
        return False
    if _UNITS_OR_NAMES.search(_KNOWN_COMMANDS.sub(" ", text)):
        return False
    return not _OTHER_COMMAND.search(_KNOWN_COMMANDS.sub(" ", text))


def judge_with_alarm(gold: str, answer: str, timeout_s: float) -> tuple[str, str]:
    """``judge`` bounded by a real-time alarm; must run in a process's main thread."""

    if not _warm:  # never let an alarm fire inside the first import of math-verify/sympy
        warm_up()

    def on_alarm(signum, frame):  # noqa: ARG001
        raise ItemTimeout()

    previous: Callable | int | None = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout_s)
    try:
        return judge(gold, answer)
    except ItemTimeout:
        return "timeout", f"no verdict within {timeout_s:g}s"
    except Exception as exc:  # a sympy bug on one pair: its own status, routed to review
        return "error", f"verifier error: {type(exc).__name__}: {str(exc)[:200]}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous or signal.SIG_DFL)


def warm_up() -> None:
    """Import math-verify and sympy and judge one pair, with no time limit (worker start-up)."""
    global _warm
    import math_verify  # noqa: F401

    math_verify_judge("\\frac{1}{2}+x", "0.5 + x")
    _warm = True


def quiet_math_verify() -> None:
    """math-verify warns once per process that its own timeout is off: we bound time ourselves."""
    for name in ("math_verify", "math_verify.parser", "math_verify.grader"):
        logging.getLogger(name).setLevel(logging.ERROR)
