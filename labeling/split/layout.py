"""The layout the compose prompt asks for, parsed strictly.

``builders/compose/templates/batched-v1.jinja`` asks: after the reasoning, one section per
question, in order, each ``Answer to Question k: <short justification> \\boxed{<final answer>}``.
A response complies when its answer section holds exactly those n headings, each at a line
start (markdown decoration allowed), naming questions 1..n once each and in order (headings
of unasked questions after them, a bonus, belong to none). Its pieces are then read without any
guessing; anything else goes to the reference grammar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drqa.labeling.split.grammar import STRONG, Candidate

_HEADING = re.compile(
    r"^[ \t>*#_-]*answer[ \t]+to[ \t]+question[ \t]+(\d{1,2})[ \t]*(?:\*\*|__)?[ \t]*[:：]",
    re.IGNORECASE | re.MULTILINE,
)

_BONUS = re.compile(r"^[ \t>*#_-]*answer[ \t]+to[ \t]+question[ \t]+(\d{1,2})\b", re.I | re.M)


@dataclass(frozen=True)
class LayoutPiece:
    """Question ``index``'s section: ``text[start:end]`` (heading included)."""

    index: int
    start: int
    end: int
    heading_end: int = -1  # where its heading ends (its answer follows)


def requested_layout(answer_section: str, n: int) -> list[LayoutPiece] | None:
    """The n sections of an answer section in the requested layout, or ``None`` when it does
    not comply (a heading missing, repeated or out of order)."""
    if "nswer" not in answer_section and "NSWER" not in answer_section:
        return None
    headings = list(_HEADING.finditer(answer_section))
    if [int(m.group(1)) for m in headings] != list(range(1, n + 1)):
        return None
    after = (m for m in _BONUS.finditer(answer_section, headings[-1].end()) if int(m[1]) > n)
    end_of_asked = next((m.start() for m in after), len(answer_section))  # an unasked bonus
    pieces = []
    for i, match in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else end_of_asked
        pieces.append(LayoutPiece(i + 1, match.start(), end, match.end()))
    return pieces


def heading(piece: LayoutPiece) -> Candidate:
    """The heading of a layout piece as the reference that opens it: its answer is read after
    it ("Answer to Question 2: The ratio is 3:2." states "3:2", not the heading's words)."""
    return Candidate(piece.start, piece.heading_end, piece.index, STRONG, 3.0, "answer")
