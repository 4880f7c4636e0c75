"""Normalise a gold or predicted answer string before math-verify sees it.

The forms real outputs take: text units (``18 \\text{ dollars}``, ``15\\mbox{ cm}^2``,
``45 minutes``),
currency (``\\$``, ``$``, ``€``), thousands separators (``58,500``, ``10,\\!080``, ``1{,}000``),
percent, degrees, ``\\dfrac``, leading zeros (AIME ``016``), ``\\left( ... \\right]`` intervals and
tuples, ``x \\in [a, b]``, multiple-choice letters (``\\text{(B)}``, ``(B)``, ``Option B``),
unicode math (``√``, ``π``, ``−``) and doubly escaped backslashes from JSON outputs.
"""

from __future__ import annotations

import re

from drqa.labeling.quantities import APPROX_MARKER

_CHOICE = re.compile(
    r"^(?:\\text(?:bf)?\{)?\s*(?:option|choice|answer)?\s*[:\s]*\(?\s*([A-E])\s*\)?\s*\}?"
    r"(?:(?:[.:)]|\s)\s*.*)?$",
    re.IGNORECASE,
)
_UNICODE = {
    "√": "\\sqrt",
    "π": "\\pi",
    "−": "-",
    "–": "-",
    "×": "\\times",
    "÷": "/",
    "∞": "\\infty",
    "≤": "\\le",
    "≥": "\\ge",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
}
_TEXT_GROUP = re.compile(
    r"\\(?:text|textrm|textnormal|mbox|mathrm)\s*\{([^{}]*)\}(?:\^(?:\{\d+\}|\d))?"
)
MAX_NORMALISED_CHARS = 2000  # keeps every pattern below linear-time in practice
_LEFT_RIGHT = re.compile(r"\\(?:left|right)(?![A-Za-z])")
_APPROX = APPROX_MARKER
_DEGREES = re.compile(r"\^\s*\{?\s*\\circ\s*\}?|\\circ|°|\\degree")
_PERCENT = re.compile(r"\\?%")
_CURRENCY = re.compile(r"\\\$|\$|€|£|¥|\\euro\b|\bUSD\b|\bdollars?\b|\bcents?\b", re.IGNORECASE)
_THOUSANDS_MARKUP = re.compile(r"\{,\}|,\\!\s*|,\\ \s*|,\\,\s*")
_THOUSANDS = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])")
_SPACING = re.compile(r"(?<!\\)\\(?:[!,;: ]|quad|qquad)")  # never the row break "\\\\ "
_ANGLE = re.compile(r"\\(?:langle|rangle)(?![A-Za-z])|[⟨⟩]")
_E_NOTATION = re.compile(r"(?<![\w.\\])(\d+(?:\.\d+)?)[eE]([-+]?\d+)(?![\w^.])")
_TIMES_DOT = re.compile(r"\s*[·⋅]\s*")
_SUPERSCRIPT_RUN = re.compile(r"[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_NUMBER_THEN_WORDS = re.compile(r"^([-+]?\d[\d,]*(?:\.\d+)?)\s*(?:[a-zA-Z][a-zA-Z./ ]*|\^?\d*)$")
_ORDINAL_SUFFIX = re.compile(r"^([-+]?\d+)(?:st|nd|rd|th)$")
_LEADING_ZEROS = re.compile(r"^([-+]?)0+(\d)")
_MEMBERSHIP = re.compile(r"^[a-zA-Z]\s*\\in\s*")
_BOLD = re.compile(r"^\*\*(.*)\*\*$")


def choice_letter(answer: str) -> str | None:
    """The option letter of a multiple-choice answer (``\\text{(B)}``, ``(b)``, ``Option B``)."""
    text = answer.strip().strip("$").strip()
    match = _CHOICE.match(text)
    return match.group(1).upper() if match else None


def _strip_text_groups(text: str) -> str:
    groups = _TEXT_GROUP.findall(text)
    rest = _TEXT_GROUP.sub("", text).strip()
    if not rest:  # the whole answer is text ("\text{Evelyn}")
        return " ".join(g.strip() for g in groups).strip()
    return _TEXT_GROUP.sub(" ", text)


def normalise_answer(answer: str | None) -> str:
    """The canonical string of ``answer`` (empty when there is nothing to judge)."""
    if answer is None:
        return ""
    text = answer.strip()
    if len(text) > MAX_NORMALISED_CHARS:  # no final answer is this long: judge it as written
        return text
    if "\\\\" in text and "\\begin" not in text:  # "6\\\\sqrt{3}" from a JSON dump
        text = text.replace("\\\\", "\\")
    for char, replacement in _UNICODE.items():
        text = text.replace(char, replacement)
    bold = _BOLD.match(text)
    text = bold.group(1) if bold else text
    text = _APPROX.sub("", text.strip().strip("$").strip())  # ~0.83: an approximate value
    if text.startswith(("\\(", "\\[")) and text.endswith(("\\)", "\\]")):
        text = text[2:-2].strip()
    text = text.replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac")
    text = _ANGLE.sub(lambda m: "(" if m.group() in ("\\langle", "⟨") else ")", text)
    text = _SUPERSCRIPT_RUN.sub(lambda m: "^{" + m.group().translate(_SUPERSCRIPTS) + "}", text)
    text = _TIMES_DOT.sub(r" \\cdot ", text)
    text = _E_NOTATION.sub(r"\1 \\times 10^{\2}", text)  # 3.2e-5: math-verify reads 3.2e - 5
    text = _LEFT_RIGHT.sub("", text)  # \left( but not \leftarrow
    text = _strip_text_groups(text)
    text = _DEGREES.sub("", text)
    text = _PERCENT.sub("", text)
    text = _CURRENCY.sub("", text)
    text = _THOUSANDS_MARKUP.sub(",", text)
    text = _SPACING.sub(" ", text)
    text = _MEMBERSHIP.sub("", text)
    text = re.sub(r"\s+", " ", text).strip().rstrip(".").strip()
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    match = _NUMBER_THEN_WORDS.match(text) or _ORDINAL_SUFFIX.match(text)
    if match and "^" not in text:
        number = match.group(1)
        if _THOUSANDS.fullmatch(number) or "," not in number:
            text = number.replace(",", "")
    text = _LEADING_ZEROS.sub(r"\1\2", text)
    if re.fullmatch(r"[-+]?\d+\.0+", text):
        text = text.split(".")[0]
    return text
