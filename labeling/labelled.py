"""Labelled values (``A = mCPBA, B = LiAlH4``, ``A: x; B: y``), compared label by label.

Used by :mod:`drqa.labeling.answer_kinds`: each label's value is judged as a pair of its own;
every value matching is ``correct``, one differing is ``incorrect``, and an answer value that is
another label's gold value and not its own (the values swapped between labels) is ``incorrect``
too: the whole text says no more than its labels.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from drqa.labeling.text_items import canonical_text

_LABELLED = re.compile(
    r"(?:^|[\s,;])(?:(?:\*\*)?\(?([A-Z])\)?(?:\*\*)?\s*[:=]\s*|\(?([A-Da-d])\)\s+)"
)  # A = x, A: x, **A**: x, (A) x, a) x (a bracket alone: A-D only, never (R) or (E))
Judge = Callable[[str, str], "tuple[str, str] | None"]


def labelled_values(text: str) -> dict[str, str] | None:
    """``A = x, B = y`` / ``A: x; B: y`` / ``(a) x (b) y`` as {label: value}; None unless two
    labels or more."""
    found = list(_LABELLED.finditer(text))
    labels = [match.group(1) or match.group(2) for match in found]
    if len(found) < 2 or len(set(labels)) != len(found):
        return None
    values = {}
    for i, (match, label) in enumerate(zip(found, labels, strict=True)):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        values[label] = text[match.end() : end].strip(" ,;\n*")
    return values


def labelled_verdict(gold: dict[str, str], answer: dict[str, str], judge: Judge):
    """The verdict for two texts with the same labels (see the module doc)."""
    verdicts = [judge(gold[k], answer[k]) for k in sorted(gold)]
    if all(v and v[0] == "correct" for v in verdicts):
        return "correct", "every labelled value matches"
    if any(v and v[0] == "incorrect" for v in verdicts):
        return "incorrect", "a labelled value differs"
    keys = {label: canonical_text(value) for label, value in gold.items()}
    for label, value in answer.items():
        key = canonical_text(value)
        if key and key != keys[label] and key in set(keys.values()):
            return "incorrect", "a labelled value differs (another label's value)"
    return "uncertain", "labelled values"  # each label judged: the whole text says no more


_PHRASE_LABEL = re.compile(r"\s*[*_]*([A-Za-z][\w '\-]{0,40}?)[*_]*\s*:\s*(\S.*?)\s*\.?\s*$")
_SEPARATOR = re.compile(r"[,;\n]")


def listed_verdict(gold: str, answer: str, judge: Judge) -> tuple[str, str] | None:
    """A gold listing k values (``10E, 15E, 18E``) against an answer giving k values under
    phrase labels in one list (``Ground state: 10E, First excited state: 15E, ...``): each
    value judged against the gold's in its place; every one matching is ``correct``, one apart
    ``incorrect`` unless the answer holds the gold's values in another order (``uncertain``:
    its labels may order them otherwise). None for any other shape."""
    items = [item.strip() for item in _SEPARATOR.split(gold.strip(" ."))]
    pieces = _SEPARATOR.split(answer.strip())
    if len(items) < 2 or len(pieces) != len(items) or any(c in gold for c in ":="):
        return None
    found = [_PHRASE_LABEL.fullmatch(piece) for piece in pieces]
    if not all(items) or None in found or any(len(m.group(1).split()) > 5 for m in found):
        return None
    values = [match.group(2) for match in found]
    verdicts = [judge(g, a) for g, a in zip(items, values, strict=True)]
    if all(v and v[0] == "correct" for v in verdicts):
        return "correct", "every labelled value matches the gold's list"
    if sorted(map(canonical_text, items)) == sorted(map(canonical_text, values)):
        return "uncertain", "labelled values"  # the gold's values in another order
    if any(v and v[0] == "incorrect" for v in verdicts):
        return "incorrect", "a labelled value differs from the gold's list"
    return None
