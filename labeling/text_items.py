"""Texts compared as written: one canonical form, and short lists of names item by item.

:func:`canonical_text` keeps lower-case letters and digits only (spacing, punctuation, LaTeX
wrappers and sub/superscripts aside). :func:`items_verdict` compares two short lists of names
(``benzoic acid and methanol``): the same items joined by ``and`` in another order are the same
set, and an answer naming only some of the gold's items misses the rest. Used by
:mod:`drqa.labeling.answer_kinds`.
"""

from __future__ import annotations

import re

from drqa.labeling.lexicon import LATEX_WRAPPERS, SCRIPT_DIGITS, alternation

_WRAPPERS = re.compile(
    rf"\\\(|\\\)|\\\[|\\\]|\$|\\(?:{alternation(LATEX_WRAPPERS)})(?![A-Za-z])\s*"
)  # delimiters and the wrappers of the lexicon's one table: their content is the value
_NOT_WORD = re.compile(r"[^0-9a-z\u0370-\u03ff<>=+/^*#]+")
_DIGIT_GAP = re.compile(r"(?<=\d)[^0-9a-z\u0370-\u03ff<>=+/^*]+(?=\d)")
_NEGATIVE = re.compile(r"(?<![0-9a-z])-(?=\d)")
_WORD = re.compile(r"[A-Za-z]{3,}")
_NOT_A_NAME_LIST = re.compile(r"[()\[\]{}=<>\\^_]")
_CONJUNCTION = re.compile(r"\band\b|\+")
_ITEM_SEPARATOR = re.compile(r"\s*(?:,|;|\+|\band\b)\s*")


def canonical_text(text: str) -> str:
    """Lower-case letters and digits only: the same text written with other spacing,
    punctuation, LaTeX wrappers or Unicode sub/superscripts compares equal; two digit runs
    stay apart (``#``), so ``3.14`` is not ``314``."""
    text = text.translate(SCRIPT_DIGITS)
    text = _NEGATIVE.sub("−", _WRAPPERS.sub("", text).lower())
    text = _DIGIT_GAP.sub("#", text)  # 3.14 is not 314, nor "1, 2" 12: digit runs stay apart
    return _NOT_WORD.sub("", text.replace("−", "neg "))


def _items(text: str) -> list[str] | None:
    """The items of a short list of names (``benzoic acid and methanol``, ``A, B; C``) in
    canonical text, or None (one item, an item of more than three words, or a sentence)."""
    if _NOT_A_NAME_LIST.search(text):
        return None  # tuples, intervals, equations: an order or a bracket means something
    pieces = _ITEM_SEPARATOR.split(text.strip(" ."))
    if any(len(piece.split()) > 3 or not _WORD.search(piece) for piece in pieces):
        return None
    items = [canonical_text(piece) for piece in pieces]
    if "" in items:
        return None
    return items


def items_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """Two short lists of names: the same items in another order are ``correct``; an answer
    naming some of the gold's items and nothing else is ``incorrect`` (an item missing)."""
    gold_items, answer_items = _items(gold), _items(answer)
    if not gold_items or not answer_items or len(gold_items) < 2:
        return None
    joined = all(_CONJUNCTION.search(side) for side in (gold, answer))
    if sorted(gold_items) == sorted(answer_items) and (joined or gold_items == answer_items):
        return "correct", "the same items in another order"  # "and" joins a set; "," may order
    if len(answer_items) < len(gold_items) and set(answer_items) < set(gold_items):
        return "incorrect", "items of the gold missing from the answer"
    return None
