"""The labels a response opens its questions with, in a script the lexicon may not list or as
bracketed letters ("(b)", "(iii)"), found again later in its thinking (used by
:mod:`.revisits`)."""

from __future__ import annotations

import re

from drqa.labeling.split.align import Piece
from drqa.labeling.split.sentences import BREAK

_LETTER = re.compile(r"\((?P<l>[a-j]|i{1,3}|iv|vi{0,3}|ix|x)\)")  # "(b)" opening a line
_OPEN_LABEL = re.compile(r"\s*[*#>_-]*[ \t]*(?P<label>[^\n:：.。!?]{2,30}?)[ \t*]*[:：]")


def own_labels(text: str, pieces: list[Piece]) -> list[tuple[re.Pattern[str], int]]:
    """The labels this response opens its questions with in a script the lexicon may not list
    ("두 번째 문제:", "पहला प्रश्न:"), each a pattern finding the label again later in the
    text, its words' last letter free ("पहले प्रश्न को" names "पहला प्रश्न"); [] unless two
    questions or more open on distinct labels."""
    found: dict[int, str] = {}
    for piece in pieces:  # the first of its first paragraphs that opens on a label
        starts = [piece.start] + [m.end() for m in BREAK.finditer(text, piece.start, piece.end)]
        labels = (_OPEN_LABEL.match(text, start, piece.end) for start in starts[:3])
        label = next((match for match in labels if match), None)
        phrase = label.group("label").strip() if label else ""
        if phrase and not phrase.isascii() and piece.index not in found:
            found[piece.index] = phrase
    if len(found) < 2 or len(set(found.values())) < len(found):
        return letter_labels(text, pieces)
    patterns = []
    for k, phrase in found.items():
        words = [re.escape(w[:-1]) + r"\S?" if len(w) > 2 else re.escape(w) for w in phrase.split()]
        patterns.append((re.compile(r"\s+".join(words) + r"(?!\d)"), k))
    return patterns


def letter_labels(text: str, pieces: list[Piece]) -> list[tuple[re.Pattern[str], int]]:
    """The bracketed letters the response opens its questions with at line starts ("(a)" ..
    "(d)"), each a pattern finding it again in a sentence ("Let me go back to (a)."); [] unless
    two questions or more open on distinct letters."""
    found: dict[int, str] = {}
    for piece in pieces:
        cut = piece.cut
        label = _LETTER.search(text, cut.start, cut.end) if cut and cut.context == "line" else None
        if label and piece.index not in found:
            found[piece.index] = label.group("l")
    if len(found) < 2 or len(set(found.values())) < len(found):
        return []
    return [(re.compile(rf"(?<![\w)\]])\({letter}\)"), k) for k, letter in found.items()]
