"""Scans that find many places in a text at once, fast: a pattern that opens on a literal is
searched by the regex engine in a tight loop, one that opens on an alternation or a
look-behind is tried at every character."""

from __future__ import annotations

import re
from collections.abc import Sequence


def every_start(patterns: Sequence[re.Pattern[str]], text: str) -> list[int]:
    """Where any of ``patterns`` matches in ``text``, overlapping matches too, in order (one
    pattern per literal opening finds the same starts as their alternation, faster)."""
    starts = set()
    for pattern in patterns:
        match = pattern.search(text)
        while match:
            starts.add(match.start())
            match = pattern.search(text, match.start() + 1)
    return sorted(starts)
