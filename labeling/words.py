"""The words of an answer's text: LaTeX commands and wrapper names are no words of it.

Shared by :mod:`drqa.labeling.answer_kinds` (is it prose, is it a name?) and
:mod:`drqa.labeling.unrelated` (do two texts share a word?).
"""

from __future__ import annotations

import re

from drqa.labeling.lexicon import LATEX_WRAPPERS, alternation

LATEX_NAMES = re.compile(
    rf"\\(?:begin|end|{alternation(LATEX_WRAPPERS)})\s*\{{[A-Za-z*]*\}}|\\[A-Za-z]+"
)  # environment names and one-word wrapper contents (units, names) are not words of the text
FUNCTION_WORDS = frozenset(("the", "an", "is", "are", "was", "of", "and", "or", "to", "in", "on",
    "at", "by", "for", "with", "from", "that", "this", "it", "be", "not", "as"))  # fmt: skip


def words(text: str) -> list[str]:
    """Words of two letters or more, LaTeX commands and environment names left out."""
    return re.findall(r"[A-Za-z]{2,}", LATEX_NAMES.sub(" ", text))
