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
import unicodedata
from fractions import Fraction

from drqa.labeling.lexicon import (
    LATEX_WRAPPERS,
    alternation,
    superscript_powers,
    unicode_math_latex,
)
from drqa.labeling.quantities import APPROX_MARKER
from drqa.labeling.units import parse_unit

WORD_WRAPPERS = tuple(w for w in LATEX_WRAPPERS if w.startswith("text") or w in ("mbox", "mathrm"))
"""The wrappers of the lexicon's one table whose content is words (a unit, a name), not math:
``\\text{ dollars}`` goes, ``\\mathbf{i}`` stays."""
_CHOICE = re.compile(
    rf"^(?:\\(?:{alternation(WORD_WRAPPERS)})\{{)?"
    r"\s*(?:option|choice|answer)?\s*[:\s]*\(?\s*([A-E])\s*\)?\s*\}?"
    r"(?:(?:[.:)]|\s)\s*.*)?$",
    re.IGNORECASE,
)
_UNICODE = {
    "−": "-",
    "–": "-",
    "×": "\\times",
    "÷": "/",
    "∞": "\\infty",
    "≤": "\\le",
    "≥": "\\ge",
    "\u2044": "/",  # fraction slash: 1⁄2
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
}
GREEK_LETTERS = (
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta",
    "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau",
    "upsilon", "phi", "varphi", "chi", "psi", "omega", "hbar", "Gamma", "Delta", "Theta",
    "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
)  # fmt: skip
"""Greek letters (and ħ) by their LaTeX names: spelled out in plain-text math (``gamma*B``,
``-12*hbar/25``) they are symbols, written ``\\gamma`` for math-verify."""
_UNICODE_GREEK = dict(
    zip("αβγδεζηθικλμνξρστυφχψωħℏΓΔΘΛΞΣΦΨΩ", (*GREEK_LETTERS[:3], "delta", "epsilon", "zeta",
        "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "sigma", "tau",
        "upsilon", "phi", "chi", "psi", "omega", "hbar", "hbar", "Gamma", "Delta", "Theta",
        "Lambda", "Xi", "Sigma", "Phi", "Psi", "Omega"), strict=True)
)  # fmt: skip
SPELLED_GREEK = re.compile(
    rf"(?<![A-Za-z\\])(?:{'|'.join(sorted(GREEK_LETTERS, key=len, reverse=True))})(?![A-Za-z])"
)
_HAS_GREEK = re.compile(f"[{''.join(_UNICODE_GREEK)}]")
_OTHER_WORD = re.compile(r"(?<![A-Za-z\\])[A-Za-z]{3,}")
_MATH_NAMES = frozenset(("sqrt", "sin", "cos", "tan", "exp", "log", "cot", "sec", "csc"))
_PLAIN_SQRT = re.compile(r"(?<![A-Za-z\\])sqrt\s*\(([^()]*)\)")  # sqrt(k/m) -> \sqrt{k/m}
_TEXT_GROUP = re.compile(
    rf"\\(?:{alternation(WORD_WRAPPERS)})\s*\{{([^{{}}]*)\}}(?:\^(?:\{{\d+\}}|\d))?"
)
_TEXT_CONJUNCTION = re.compile(
    rf"\\(?:{alternation(WORD_WRAPPERS)})\s*\{{\s*(?:or|and)\s*\}}"
)  # "x = 2 \text{ or } x = 3": the values listed (a hedge is judged on the text as written)
MAX_NORMALISED_CHARS = 2000  # keeps every pattern below linear-time in practice
_LEFT_RIGHT = re.compile(r"\\(?:left|right)(?![A-Za-z])")
_APPROX = APPROX_MARKER
_DEGREES = re.compile(r"\^\s*\{?\s*\\circ\s*\}?|\\circ|°|\\degree")
_TRIG = re.compile(r"\\(?:sin|cos|tan|cot|sec|csc)(?![A-Za-z])")
_DEGREE_ARGUMENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:\^\s*\{?\s*\\circ\s*\}?|°|\\degree)")
_PERCENT = re.compile(r"\\?%")
_CURRENCY = re.compile(r"\\\$|\$|€|£|¥|\\euro\b|\bUSD\b|\bdollars?\b|\bcents?\b", re.IGNORECASE)
_THOUSANDS_MARKUP = re.compile(r"\{,\}|,\\!\s*|,\\ \s*|,\\,\s*")
# a marked-up separator between a digit and a group of three: a thousands separator anywhere in
# the text (``= 34{,}650`` after a formula), not only when the number is the whole answer
_MARKED_GROUP = re.compile(r"(?<=\d)(?:\{,\}|,\\!\s*|,\\,\s*)(?=\d{3}(?![\d.]))")
_THOUSANDS = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])")
_SPACING = re.compile(r"(?<!\\)\\(?:[!,;: ]|quad|qquad)")  # never the row break "\\\\ "
_ANGLE = re.compile(r"\\(?:langle|rangle)(?![A-Za-z])|[⟨⟩]")
_TIMES_TEN = re.compile(r"(?<=\d)\s*(?:\*|x|\\times)\s*10\s*\^")  # 3.1*10^-5, 3.1 x 10^-5
_SIGNED_POWER = re.compile(r"\^\s*([-+]\d+(?:\.\d+)?)")  # ^-5 unbraced: math-verify cannot read it
_E_NOTATION = re.compile(r"(?<![\w.\\])(\d+(?:\.\d+)?)[eE]([-+]?\d+)(?![\w^.])")
_TIMES_DOT = re.compile(r"\s*[·⋅]\s*")
_NUMBER_THEN_WORDS = re.compile(r"^([-+]?\d[\d,]*(?:\.\d+)?)\s*(?:[a-zA-Z][a-zA-Z./ ]*|\^?\d*)$")
_ORDINAL_SUFFIX = re.compile(r"^([-+]?\d+)(?:st|nd|rd|th)$")
_GLUED_SYMBOL = re.compile(r"[a-zA-Z](?<![mgsLAKNVJWCTFSM])")  # one letter, no SI unit
_LEADING_ZEROS = re.compile(r"^([-+]?)0+(\d)")
_MEMBERSHIP = re.compile(r"^[a-zA-Z]\s*\\in\s*")
_BOLD = re.compile(r"^\*\*(.*)\*\*$")
_LONE_LETTER = re.compile(r"\(?[A-Ja-j]\)?\.?")
_NAMED_OPTION = re.compile(
    r"\(([A-J])\)|\b(?:[Oo]ption|[Cc]hoice)\s+\(?([A-J])\b|\banswer is:?\s+\(?([A-J])\b"
)
_LETTER_LIST = re.compile(r"\(?[A-J]\)?(?:\s*(?:,|and|&|\+|/)\s*\(?[A-J]\)?)+\s*\.?")
_OPENING_OPTION = re.compile(r"(?:[Oo]ption\s+|[Cc]hoice\s+)?\(?[A-J](?:[.:)]|\s*$|\)?\s)")


_HEDGE = re.compile(
    r"\b(?:or|either|maybe|perhaps|possibly|probably|might be|could also|could be|likely)\b"
    r"|\\lor\b|\\vee\b",
    re.IGNORECASE,
)


_SEVERAL = re.compile(r",|\\pm|±|\\\{|\band\b|\\cup|;")


def hedges(answer: str, gold: str = "") -> bool:
    """``answer`` offers alternatives or hedges (``A or B``, ``either``, ``probably``) where
    ``gold`` does not: such an answer is never ``correct``."""
    if _SEVERAL.search(gold):  # "x = 3 or x = -3" against {-3, 3}: the set, not a hedge
        return False
    return bool(_HEDGE.search(answer)) and not _HEDGE.search(gold)


def plain_text_math(text: str) -> bool:
    """Math written in plain text (``gamma*B``, ``-12*hbar/25``): Greek names with symbols, no
    other word (``gamma`` alone, ``the gamma ray`` or ``beta-carotene`` name things)."""
    if not SPELLED_GREEK.search(text):
        return False
    rest = SPELLED_GREEK.sub(" ", text)
    words = [w for w in _OTHER_WORD.findall(rest) if w.lower() not in _MATH_NAMES]
    return not words and bool(re.search(r"[-+*/^=()\d\\]|\w\s+\w", text))


def choice_letter(answer: str) -> str | None:
    """The option letter of a multiple-choice answer (``\\text{(B)}``, ``(b)``, ``Option B``)."""
    text = answer.strip().strip("$").strip()
    match = _CHOICE.match(text)
    return match.group(1).upper() if match else None


def option_letters(answer: str) -> set[str]:
    """The option letters an answer names: the whole answer (``B``, ``(b)``, ``Option B``,
    ``(C) 20``, ``C. 29``) or each bracketed/named letter in a sentence (``the answer is (B)``);
    a lower-case letter opening words (``a photon``) is an article, not an option."""
    stripped = answer.strip()
    if _LONE_LETTER.fullmatch(stripped):
        return {stripped.strip("().").upper()}
    if _LETTER_LIST.fullmatch(stripped):  # "A and B", "(A), (C)": every letter listed
        return set(re.findall(r"[A-J]", stripped))
    found = {a or b or c for a, b, c in _NAMED_OPTION.findall(answer)}
    whole = choice_letter(answer)
    if whole and not found and _OPENING_OPTION.match(stripped):
        found = {whole}
    return found


def choice_verdict(gold: str, answer: str) -> tuple[str, str]:
    """A multiple-choice gold letter: the answer's one letter decides; several letters hedge
    and an answer naming no letter (the option's text, a value) is for a reader."""
    letters = option_letters(answer)
    if len(letters) > 1 or hedges(answer):
        return "uncertain", "several option letters"
    if not letters:
        return "uncertain", "an option letter against an answer without one"
    return ("correct" if letters == {gold.upper()} else "incorrect"), "choice"


def _strip_text_groups(text: str) -> str:
    groups = _TEXT_GROUP.findall(text)
    rest = _TEXT_GROUP.sub("", text).strip()
    if not rest:  # the whole answer is text ("\text{Evelyn}")
        return " ".join(g.strip() for g in groups).strip()
    return _TEXT_GROUP.sub(" ", text)


_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"
_VULGAR_FRACTION = re.compile(rf"(?:(\d+) ?)?([{_VULGAR}])")


def _vulgar_fraction(match: re.Match) -> str:
    """``½`` -> ``\\frac{1}{2}``; a mixed number ``2½`` -> ``\\frac{5}{2}``."""
    value = Fraction(unicodedata.numeric(match.group(2))).limit_denominator(10)
    value += int(match.group(1) or 0)
    return f"\\frac{{{value.numerator}}}{{{value.denominator}}}"


_SUBSCRIPT_TEXT = re.compile(r"_\{?\s*\\(?:text|mathrm|rm)\s*\{([A-Za-z0-9]{1,12})\}\s*\}?")
_NAUGHT = re.compile(r"(\\(?:var)?epsilon|\\mu)\s*_\s*(?:\{\s*o\s*\}|o(?![A-Za-z]))")
_VECTOR_UNIT = re.compile(
    r"(?<=[)\]}])\s*((?:\\[,;! ]\s*)*[^()\[\]{}=,]{1,30}"
    r"(?:\{[^{}]{1,20}\}[^()\[\]{}=,]{0,12}){0,3})$"
)  # a unit after a closing bracket: kg m^2/s, \, \text{kg·m}^2/\text{s}
_VECTOR = re.compile(
    r"^[(\[].*,.*[)\]]$|\\(?:hat|mathbf|vec)\s*\{?\s*[ijk]\b|\\end\{[pbB]?matrix\}$", re.S
)  # a tuple, a vector in unit vectors, a column vector


def _drop_vector_unit(text: str) -> str:
    """A tuple or a vector in unit vectors followed by its unit (``(-6, 12, -6) kg m^2/s``,
    ``3\\hat{i} - 4\\hat{j} \\, \\text{N}``): the unit goes, as after a number."""
    unit = _VECTOR_UNIT.search(text)
    if unit and _VECTOR.search(text[: unit.start()]) and parse_unit(unit.group(1)) is not None:
        return text[: unit.start()].rstrip()
    return text


def normalise_answer(answer: str | None) -> str:
    """The canonical string of ``answer`` (empty when there is nothing to judge)."""
    if answer is None:
        return ""
    text = answer.strip()
    if len(text) > MAX_NORMALISED_CHARS:  # no final answer is this long: judge it as written
        return text
    if "\\\\" in text and "\\begin" not in text:  # "6\\\\sqrt{3}" from a JSON dump
        text = text.replace("\\\\", "\\")
    text = unicode_math_latex(text)
    for char, replacement in _UNICODE.items():
        text = text.replace(char, replacement)
    text = _VULGAR_FRACTION.sub(_vulgar_fraction, text)
    if _HAS_GREEK.search(text):
        text = "".join(f"\\{_UNICODE_GREEK[c]} " if c in _UNICODE_GREEK else c for c in text)
    if SPELLED_GREEK.search(text) and plain_text_math(text):
        text = SPELLED_GREEK.sub(lambda m: "\\" + m.group(), text)  # gamma*B: a symbol
    text = _PLAIN_SQRT.sub(r"\\sqrt{\1}", text)
    bold = _BOLD.match(text)
    text = bold.group(1) if bold else text
    text = _APPROX.sub("", text.strip().strip("$").strip())  # ~0.83: an approximate value
    if text.startswith(("\\(", "\\[")) and text.endswith(("\\)", "\\]")):
        text = text[2:-2].strip()
    text = text.replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac")
    text = _drop_vector_unit(text)
    text = _ANGLE.sub(lambda m: "(" if m.group() in ("\\langle", "⟨") else ")", text)
    text = superscript_powers(text)
    text = _TIMES_DOT.sub(r" \\cdot ", text)
    text = _E_NOTATION.sub(r"\1 \\times 10^{\2}", text)  # 3.2e-5: math-verify reads 3.2e - 5
    text = _SIGNED_POWER.sub(r"^{\1}", _TIMES_TEN.sub(r" \\times 10^", text))  # 3 x 10^-5
    text = _LEFT_RIGHT.sub("", text)  # \left( but not \leftarrow
    text = _SUBSCRIPT_TEXT.sub(r"_{\1}", text)  # v_{\text{max}}: a label, not a unit to drop
    text = _NAUGHT.sub(r"\1_0", text)  # \epsilon_o is \epsilon_0 (the o of "naught")
    text = _strip_text_groups(_TEXT_CONJUNCTION.sub(", ", text))
    if _TRIG.search(text):  # \sin 30^\circ: the argument in radians, not the mark dropped
        text = _DEGREE_ARGUMENT.sub(r"(\1\\pi/180)", text)
    text = _DEGREES.sub("", text)
    text = _PERCENT.sub("", text)
    text = _CURRENCY.sub("", text)
    text = _THOUSANDS_MARKUP.sub(",", _MARKED_GROUP.sub("", text))
    text = _SPACING.sub(" ", text)
    text = _MEMBERSHIP.sub("", text)
    text = re.sub(r"\s+", " ", text).strip().rstrip(".").strip()
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    match = _NUMBER_THEN_WORDS.match(text) or _ORDINAL_SUFFIX.match(text)
    if match and _GLUED_SYMBOL.fullmatch(text[match.end(1) :]):
        match = None  # "0.5c", "3R": a symbol times the number, not a unit to drop
    if match and "^" not in text:
        number = match.group(1)
        if _THOUSANDS.fullmatch(number) or "," not in number:
            text = number.replace(",", "")
    text = _LEADING_ZEROS.sub(r"\1\2", text)
    if re.fullmatch(r"[-+]?\d+\.0+", text):
        text = text.split(".")[0]
    return text
