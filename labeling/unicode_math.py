"""Unicode mathematics read as plain text or LaTeX: script digits, superscript powers, roots
and pi (one reading of them, used by the values, the normaliser and the quantities)."""

from __future__ import annotations

import re

SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
"""Superscript digits and signs as plain characters (``x²`` once marked as a power)."""
SCRIPT_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "01234567890123456789-+")
"""Sub- and superscript digits and signs as plain characters (``H₂O`` is ``H2O``)."""
_SUPERSCRIPT_RUN = re.compile(r"[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_ROOT_OF = re.compile(r"√\s*(\d+(?:\.\d+)?|[A-Za-z])")
_PI_BEFORE_LETTER = re.compile(r"π(?=[A-Za-z])")


def unicode_math_latex(text: str) -> str:
    """Unicode roots and pi as LaTeX, the one reading of them: ``5√2`` is ``5\\sqrt{2}``, ``√(x)``
    is ``\\sqrt(x)``, ``20π`` is ``20\\pi`` (``2πr`` is ``2\\pi r``)."""
    text = _ROOT_OF.sub(r"\\sqrt{\1}", text).replace("√", "\\sqrt")
    return _PI_BEFORE_LETTER.sub(r"\\pi ", text).replace("π", "\\pi")


def superscript_powers(text: str) -> str:
    """Superscript runs as LaTeX powers: ``10⁻³`` is ``10^{-3}``, ``x²`` is ``x^{2}``."""
    return _SUPERSCRIPT_RUN.sub(
        lambda run: "^{" + run.group().translate(SUPERSCRIPT_DIGITS) + "}", text
    )
