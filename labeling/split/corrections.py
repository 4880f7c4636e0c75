"""Later paragraphs inside a complying answer section that turn to another question.

A response in the requested layout (``Answer to Question k: ...``) may add, after the section
of question k, a line that opens by naming another question ("Correction to Q2: ...",
"Going back to problem 1, ...") or names it after a word of correction ("I made a slip in
Question 2: ..."). That line and what follows it (up to the next section)
belong to the question it names: its value, when it states one, corrects that question's
answer, and its text is that question's chain, not question k's.
"""

from __future__ import annotations

import re

from drqa.labeling import lexicon as lx
from drqa.labeling.split.align import Piece
from drqa.labeling.split.grammar import MENTION, STRONG, Candidate, candidates

_LABEL_END = re.compile(r"[ \t*_)]*(?:[:：]|[-–—][ \t])")
_CORRECTION = re.compile(lx.alternation(lx.CORRECTION_CUES))
_SENTENCE_END = re.compile(r"[.!?。](?:[ \t]|$)")


def _line_start(text: str, at: int) -> bool:
    return not text[text.rfind("\n", 0, at) + 1 : at].strip(" \t>*_#-")


def _labels_its_line(text: str, cand: Candidate) -> bool:
    """A mention that a short line label ends on: ``Note on Question 1:``, ``Erratum, Q2 -``
    (at most three words before it, a colon or a dash after it)."""
    begin = text.rfind("\n", 0, cand.start) + 1
    before = text[begin : cand.start].strip(" \t>*_#-,")
    return len(before.split()) <= 3 and _LABEL_END.match(text, cand.end) is not None


def _corrects(text: str, cand: Candidate) -> bool:
    """A reference in a line's first sentence after a word of correction: ``Wait, I made a
    slip in Question 2: ...``, ``Oops, my answer to Q1 has an error``."""
    begin = text.rfind("\n", 0, cand.start) + 1
    before = text[begin : cand.start].lower()
    return not _SENTENCE_END.search(before) and bool(_CORRECTION.search(before))


def _begin(text: str, cand: Candidate) -> int:
    """Where the turn begins: its line, when a word of correction opens it, else the candidate."""
    return text.rfind("\n", 0, cand.start) + 1 if _corrects(text, cand) else cand.start


def _turns(text: str, cand: Candidate) -> bool:
    if cand.tier == STRONG:
        return _line_start(text, cand.start) or _corrects(text, cand)
    return cand.tier == MENTION and (_labels_its_line(text, cand) or _corrects(text, cand))


def with_turns(text: str, found: list[Piece], n: int) -> list[Piece]:
    """``found`` (pieces of ``text`` per question) with each line inside piece k that opens
    naming another question j (a heading, an opener, an answer label; not a list number) cut
    off into a piece of j running to the next such line or the end of piece k; in text order."""
    turns = [(_begin(text, c), c) for c in candidates(text, n) if _turns(text, c)]
    if not turns:
        return found
    result: list[Piece] = []
    for piece in found:
        inside = [
            (start, c)
            for start, c in turns
            if piece.start < start < piece.end
            and text[piece.start : start].count("\n")  # not on the section's own heading line
        ]
        opening, current = piece, piece.index
        for start, cand in inside:
            if cand.index == current:
                continue
            result.append(Piece(opening.index, opening.start, start, opening.cut))
            opening, current = Piece(cand.index, start, piece.end, cand), cand.index
        result.append(Piece(opening.index, opening.start, piece.end, opening.cut))
    return result
