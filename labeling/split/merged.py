"""Labels that name several questions at once: "3–4. Both are 10.", "Q3-Q5: 10, 10, 1/4",
"Answer to Question 2 and Question 4: \\boxed{6}".

A range (``a-b``, ``a to b``, ``a through b``) names a..b, a pair (``a and b``, ``a & b``,
``a, b``) names both. When the labels opening the lines of an answer section, ranges and pairs
with the single labels of the grammar, name 1..n each once, they cut the section:
a single label's piece gives its value as any piece does; a merged label gives one value to
each of its questions when its line lists that many (boxes, or values whatever separates them),
else the one value its line states to every one of them.
"""

from __future__ import annotations

import re

from drqa.labeling.split.grammar import candidates, fold
from drqa.labeling.split.positional import value_list
from drqa.labeling.split.values import piece_value
from drqa.text import find_boxes

_NOUN = r"(?:(?:questions?|problems?|q)[ \t]*#?[ \t]*)"
_MERGED = re.compile(
    r"^[ \t>*#_+\-]*(?:\*\*|__)?[ \t]*"
    rf"(?:(?:final[ \t]+)?answers?[ \t]+(?:to|for)[ \t]+)?{_NOUN}?\(?(?P<a>\d{{1,2}})\)?[ \t]*"
    r"(?:(?P<span>[-–—~]|to|through|thru)|and|&|,)[ \t]*"
    rf"{_NOUN}?\(?(?P<b>\d{{1,2}})\)?[ \t]*(?:\*\*|__)?[ \t]*[.):：](?:\*\*|__)?",
    re.MULTILINE,
)


def merged_pieces(text: str, n: int) -> list[tuple[int, int, int, str | None]]:
    """(question, start, end, value) for every question 1..n when ``text``'s line labels,
    one of them naming several questions, name each once; [] otherwise. The
    questions of a merged label after its first get an empty place (start == end)."""
    folded = fold(text)
    merged = []
    for match in _MERGED.finditer(folded):
        a, b = int(match.group("a")), int(match.group("b"))
        if 1 <= a < b <= n:
            named = list(range(a, b + 1)) if match.group("span") else [a, b]
            merged.append((match.start(), match.end(), named))
    if not merged:
        return []
    inside = [(start, end) for start, end, _ in merged]
    singles = [
        (c.start, c.end, [c.index])
        for c in candidates(text, n)
        if c.context in ("line", "answer")
        and (c.start == 0 or text[c.start - 1] == "\n")  # a label opening its line
        and not any(s <= c.start < e for s, e in inside)
    ]
    labels = sorted(merged + singles)
    if sorted(k for _, _, named in labels for k in named) != list(range(1, n + 1)):
        return []
    found: list[tuple[int, int, int, str | None]] = []
    for i, (start, end, named) in enumerate(labels):
        stop = labels[i + 1][0] if i + 1 < len(labels) else len(text)
        body = text[end:stop]
        statement = body.lstrip(" \t*_:：").split("\n", 1)[0]
        values = _values(body, statement, len(named))
        found.append((named[0], start, stop, values[0]))
        found += [(k, stop, stop, value) for k, value in zip(named[1:], values[1:], strict=True)]
    return found


def _values(body: str, statement: str, m: int) -> list[str | None]:
    """m values of a piece naming m questions: m boxes, m listed values, else its one value
    for each."""
    boxes = find_boxes(body)
    if m > 1 and len(boxes) == m:
        return [box.content for box in boxes]
    listed = value_list(statement, m) if m > 1 else []
    if listed:
        return list(listed)
    return [piece_value(body, statement)[0]] * m
