"""Recaps in the thinking: a list of every answer ("Let me verify everything again.\n1. 12\n2.
1275\n...", "Let me review all four answers:\n\nThe number of cows is 7.\n\n...") is about all
the questions at once, so it belongs to no question's chain (it is cut out of the pieces that
hold it). Only a list after every question (but one) has had its thinking, whose lines state
the answers read from the answer section in the order asked, is a recap (a list that is the
questions' only thinking is the work; numbered steps of one question state other values):

- a *numbered* recap: lines numbered exactly 1..n in order, each a short statement;
- a *cued* recap: a line holding a summary cue (:data:`~drqa.labeling.lexicon.SUMMARY_CUES`)
  and ending on a colon, then up to n short lines.
"""

from __future__ import annotations

import re

from drqa.labeling import lexicon as lx
from drqa.labeling.split.align import Piece

_ITEM = re.compile(r"[ \t>*_-]*(?:\*\*)?(\d{1,2})[.)](?:\*\*)?[ \t]+(\S.*)")
_SUMMARY = re.compile(lx.alternation(lx.SUMMARY_CUES))
_SHORT = 80  # characters: a recap line states a value, it works nothing out
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-blank lines of ``text[start:end]`` as (start, end)."""
    found, position = [], start
    while position < end:
        stop = text.find("\n", position, end)
        stop = end if stop < 0 else stop
        if text[position:stop].strip():
            found.append((position, stop))
        position = stop + 1
    return found


def _states(line: str, value: str | None) -> bool:
    """Whether a short line states ``value`` (every number in it: ``3/8`` states
    ``\\frac{3}{8}``)."""
    numbers = _NUMBER.findall(value or "")
    return len(line.strip()) <= _SHORT and bool(numbers) and all(x in line for x in numbers)


def _recap(lines: list[str], values: dict[int, str]) -> bool:
    """Whether the lines state the answers of questions 1.. in order (all but one of n)."""
    stated = sum(_states(line, values.get(k)) for k, line in enumerate(lines, start=1))
    return stated >= max(2, len(values) - 1)


def _numbered(text: str, lines: list[tuple[int, int]], n: int, values) -> list[tuple[int, int]]:
    spans = []
    for i in range(len(lines) - n + 1):
        items = [_ITEM.fullmatch(text, *lines[i + k]) for k in range(n)]
        numbers = [int(m.group(1)) for m in items if m]
        if numbers == list(range(1, n + 1)) and _recap([m.group(2) for m in items], values):
            spans.append((lines[i][0], lines[i + n - 1][1]))
    return spans


def _cued(text: str, lines: list[tuple[int, int]], n: int, values) -> list[tuple[int, int]]:
    spans = []
    for i, (start, end) in enumerate(lines):
        line = text[start:end].strip(" \t*_#>")
        if not line.endswith((":", "：")) or not _SUMMARY.search(line.lower()):
            continue
        after = [text[a:b] for a, b in lines[i + 1 : i + 1 + n]]
        if len(after) == n and _recap(after, values):
            spans.append((start, lines[i + n][1]))
    return spans


def _worked_before(start: int, cut: list[Piece], n: int) -> bool:
    """Whether all questions but one have a piece of thinking before ``start``: the list goes
    over them again (a list that is their only thinking is the work itself)."""
    return len({piece.index for piece in cut if piece.end <= start}) >= n - 1


def without_recaps(
    text: str, found: list[Piece], n: int, values: dict[int, str], cut: list[Piece]
) -> list[Piece]:
    """``found`` (the thinking's pieces) less each recap after the questions' pieces in ``cut``
    (the thinking as first cut, before revisits move its sentences; ``values``: the answers
    read, question -> value)."""
    if n < 2 or len(values) < 2:
        return found
    lines = _lines(text, 0, len(text))
    spans = _numbered(text, lines, n, values) + _cued(text, lines, n, values)
    spans = [span for span in spans if _worked_before(span[0], cut, n)]
    if not spans:
        return found
    result: list[Piece] = []
    for piece in found:
        position = piece.start
        for start, end in sorted(spans):
            start, end = max(start, position), min(end, piece.end)
            if start >= end:
                continue  # outside the piece, or overlapping a recap cut out already
            if text[position:start].strip():
                result.append(Piece(piece.index, position, start, piece.cut))
            position = end
        if text[position : piece.end].strip():
            result.append(Piece(piece.index, position, piece.end, None if result else piece.cut))
    return result
