"""A thinking text cut into paragraphs and sentences (read by :mod:`.revisits` and
:mod:`.sections`)."""

from __future__ import annotations

import re

BREAK = re.compile(r"\n[ \t]*\n")
SENTENCE = re.compile(r"(?:(?<=[.?])|(?<=[^\d]!))[ \t]+(?=[^\sa-z])|(?<=[。！？])(?=\S)|\n")
_NONSPACE, _CJK_STOP = re.compile(r"\S"), re.compile(r"[。！？]")
_ASCII_SENTENCE = re.compile(r"[ \t](?:(?<=[.?][ \t])|(?<=[^\d]![ \t]))[ \t]*(?=[^\sa-z])|\n")


def spans(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of ``text[start:end]`` between matches of ``pattern`` holding text."""
    if pattern is SENTENCE and not _CJK_STOP.search(text, start, end):
        pattern = _ASCII_SENTENCE  # the same matches, found from their first character
    spans, position, nonspace = [], start, _NONSPACE.search
    for match in pattern.finditer(text, start, end):
        if nonspace(text, position, match.start()):
            spans.append((position, match.start()))
        position = match.end()
    if nonspace(text, position, end):
        spans.append((position, end))
    return spans
