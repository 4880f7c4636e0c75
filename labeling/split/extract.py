"""Reading one value out of a text: math_verify's own extraction patterns and the one rule for
what an answer value is (split out of :mod:`.values`, which reads whole answer pieces).

:func:`math_verify_value`: the rightmost match of math_verify's first priority group that
matches (LaTeX, then expressions), the problem's own numbers passed over; :func:`answer_value`:
a value with its wrappers, emphasis, ``$`` and trailing punctuation removed, a choice label
alone as its letter, unicode math as LaTeX, a spelled number as digits; :func:`clean_value`: a
match reduced to its result ("14 + 15 = 29" gives 29, "9\\pi \\approx 28.27" gives 9\\pi, "x = 5"
kept as written).
"""

from __future__ import annotations

import re
from functools import lru_cache

import drqa.labeling.split.words as words
from drqa.labeling.lexicon import CHOICE_LETTERS, unicode_math_latex, wrapper_pattern

_WRAPPER = wrapper_pattern()
_STRUCK = re.compile(r"~~[^~\n]+~~|<s>[^<\n]*</s>|<del>[^<\n]*</del>")
_EQUATION_TAIL = re.compile(r"(?:=|→|⇒|⟹|=>|->)\s*([^=→⇒⟹>]+)$")  # "... = 29", "... → 6"
_APPROX = re.compile(r"\\approx|≈")
_DECIMAL = re.compile(r"[-+]?\d*\.\d+")
_LABEL_ONLY = re.compile(rf"\(([{CHOICE_LETTERS}]|\d{{1,2}})\)")  # "(B)", "(3)": the label
_OPTION_WORD = re.compile(  # "option (3)", "choice B": the option's label
    rf"(?:option|choice|alternative)[ \t]*(?=\(?(?:[{CHOICE_LETTERS}]|\d{{1,2}})\)?$)", re.I
)
_ASSIGNED = re.compile(r"[a-zA-Z]\s*=")  # "x = 5": kept as written (the verifier reads it)
EMPHASIS = re.compile(r"\*\*|__|(?<![\w\\])\*(?=\S)|(?<=\S)\*(?![\w])")
_SPELLINGS = {
    "\\$": "$", "\\!": "", "\\,": "", "\\dfrac": "\\frac", "\\tfrac": "\\frac", "−": "-", "–": "-",
}  # fmt: skip
UNICODE_MATH = re.compile(  # "20π", "5√2", "3π/4": unicode math read as LaTeX
    r"(?<![\w$\\])[-+]?(?:\d+(?:\.\d+)?)?\s*(?:π|√\s*(?:\d+(?:\.\d+)?|[a-z]))(?:\s*/\s*\d+)?(?![\w$])"
)
_CJK_EDGE = re.compile(
    r"(?<=[\u3000-\u9fff\uff00-\uffef])(?=[-\d$\\])|(?<=[\d$])(?=[\u3000-\u9fff\uff00-\uffef])"
)


def as_latex(match: re.Match[str]) -> str:
    """A unicode-math match ("5√2") as inline LaTeX."""
    return f"${unicode_math_latex(match.group()).strip()}$"


_SPELLING = re.compile("|".join(re.escape(k) for k in _SPELLINGS))  # one value's spellings


@lru_cache(maxsize=1)
def _pattern_groups() -> list[list[re.Pattern[str]]]:
    """math_verify's extraction regexes (LaTeX, then expressions), grouped by priority."""
    from math_verify.parser import (
        ExprExtractionConfig,
        LatexExtractionConfig,
        get_extraction_regexes,
    )

    regexes = get_extraction_regexes([LatexExtractionConfig(), ExprExtractionConfig()])
    by_priority: dict[int, list[re.Pattern[str]]] = {}
    for patterns, _ in regexes:
        for pattern, priority in patterns:
            by_priority.setdefault(priority, []).append(pattern)
    return [by_priority[p] for p in sorted(by_priority)]


def _match_text(match: re.Match[str]) -> str:
    """The value a math_verify match holds: its first LaTeX group, else its number span."""
    groups = match.groupdict()
    for name, value in groups.items():
        if value is not None and name.startswith("first_") and not name.endswith("percent"):
            return value
    spans = [match.span(name) for name, value in groups.items() if value is not None]
    if not spans:
        return match.group()
    return match.string[min(s for s, _ in spans) : max(e for _, e in spans)]


def math_verify_value(text: str, givens: frozenset[str] = frozenset()) -> str | None:
    """The value math_verify's extraction finds in ``text`` (string as written), or None: the
    rightmost match of the first priority group that matches, passing over the problem's own
    numbers (``givens``) when another match is left ("left with 12 apples after giving 3")."""
    if not text or not any(ch.isdigit() or ch == "\\" for ch in text):
        return None
    text = respell(text)
    text = _CJK_EDGE.sub(" ", text)  # "和为55": math_verify reads a number between word edges
    text = UNICODE_MATH.sub(as_latex, text)
    for group in _pattern_groups():
        found = [match for pattern in group for match in pattern.finditer(text)]
        if not found:
            continue
        found.sort(key=lambda m: (m.end(), -m.start()), reverse=True)
        first = clean_value(_match_text(found[0]))
        if not givens or first is None or first not in givens:
            return first
        later = (clean_value(_match_text(match)) for match in found[1:])
        return next((v for v in later if v is not None and v not in givens), first)
    return None


def _unwrapped(match: re.Match[str]) -> str:
    """A wrapper's content, except a unit raised to a power after a number (``64 \\text{ cm}^3``):
    kept wrapped, as the normaliser reads a unit (unwrapped, ``cm^3`` would read as a formula)."""
    after = match.string[match.end() : match.end() + 1]
    number = match.string[: match.start()].rstrip()[-1:].isdigit()
    unit = after == "^" and number and match.group(1).strip().isalpha()
    return match.group() if unit else match.group(1)


def answer_value(raw: str | None) -> str | None:
    """The answer value ``raw`` states (the module's rule), or None when nothing is left."""
    if raw is None:
        return None
    value, previous = _STRUCK.sub("", raw), None  # "~~41~~ 42": a struck value is retracted
    while value != previous:  # nested wrappers: \\textbf{\\text{16}}
        previous, value = value, _WRAPPER.sub(_unwrapped, value)
    value = EMPHASIS.sub("", value).strip().strip("$").strip().rstrip(".,;:·•").strip()
    value = _OPTION_WORD.sub("", value)
    if _LABEL_ONLY.fullmatch(value):  # "(B)": the letter
        return value.strip("()")
    unicode_math = UNICODE_MATH.fullmatch(value)
    if unicode_math:  # "5√2" -> 5\sqrt{2}: one spelling whichever route read it
        return as_latex(unicode_math)[1:-1]
    return words.spelled_number(value) or value or None  # "four" -> 4 on every route


def clean_value(value: str) -> str | None:
    """``value`` reduced to the result it states (the module's rule)."""
    value = _WRAPPER.sub(r"\1", value).strip()
    if _APPROX.search(value):  # "9\pi \approx 28.27": the exact value; "2.675 ≈ 2.7": rounded
        head, tail = _APPROX.split(value)[:2]
        exact = head.rsplit("=", 1)[-1].strip(" \t$")
        value = tail.strip() if _DECIMAL.fullmatch(exact) or not exact else head.strip()
    tail = _EQUATION_TAIL.search(value)
    if (
        tail and tail.group(1).strip() and not _ASSIGNED.fullmatch(value[: tail.start() + 1])
    ):  # "14 + 15 = 29": the result
        value = tail.group(1).strip()
    return answer_value(value.strip(" \t$*"))


def respell(text: str) -> str:
    """``text`` with one spelling per value (``\\dfrac`` is ``\\frac``, ``\\$`` is ``$``)."""
    return _SPELLING.sub(lambda m: _SPELLINGS[m.group()], text)
