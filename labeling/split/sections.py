"""The answer section's text per question: once its values are read, prose that works
another question goes to that question's section (the values do not move).

- a numbered list naming exactly 1..n ("1. Factor: ... 2. The vertex ..."), or a list of
  exactly n bullets, before a closing list of answers: item k is question k's, when the
  items' words agree (two at least name their own problem, none clearly another's);
- a paragraph working several questions sentence by sentence, or clearly one other question
  (:meth:`~.revisits.Reader.mixed`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from drqa.labeling.split.revisits import Reader
from drqa.labeling.split.sentences import BREAK, SENTENCE, spans

_BULLET = re.compile(r"^[ \t]*[-*+•][ \t]+\S", re.MULTILINE)


def section_sentences(
    sections: dict[int, list[str]], n: int, problems: Sequence[str] | None, layout: str = ""
) -> dict[int, list[str]]:
    """``sections`` (each question's answer-section text) with the sentences of a paragraph
    that clearly works several questions ("... so we need 12 eggs. The cube has volume 64."),
    or a paragraph that clearly works one other question (prose answers in another order than
    asked), moved to the sections of the questions they work on (the values are read
    already)."""
    if problems is None or len(problems) != n or layout == "requested":
        return sections  # the requested layout: each piece is its question's, as written
    moved: dict[int, list[str]] = {k: [] for k in sections}
    for k, texts in sections.items():
        for text in texts:
            reader = Reader(text, n, problems)
            kept, position = [], 0
            for start, end in spans(BREAK, text, 0, len(text)):
                sentences = spans(SENTENCE, text, start, end)
                labels = _listed(reader, sentences, n, k) or reader.mixed(sentences, k, whole=True)
                for i, label in enumerate(labels or ()):
                    if label != k:
                        stop = sentences[i + 1][0] if i + 1 < len(sentences) else end
                        kept.append(text[position : sentences[i][0]])
                        moved[label].append(text[sentences[i][0] : stop])
                        position = stop
            moved[k].append("".join(kept) + text[position:])
    return moved


def _listed(
    reader: Reader, sentences: list[tuple[int, int]], n: int, k: int = 1
) -> list[int] | None:
    """Each sentence's question when the paragraph is a list of items 1..n, each about its own
    problem (or about none), else None; a list of fewer bullets in question ``k``'s section is
    questions k, k+1, ... (a bullet recap cut where its second item restates its problem)."""
    start, end = sentences[0][0], sentences[-1][1]
    items = [c.start for c in reader.cands if c.context == "line" and start <= c.start < end]
    numbered = [c.index for c in reader.cands if c.context == "line" and start <= c.start < end]
    first = 1
    if numbered != list(range(1, n + 1)):  # else n bullets, in the order asked ("- ... $48.")
        items = [m.start() for m in _BULLET.finditer(reader.text, start, end)]
        first = k if 2 <= len(items) < n and items[0] == start and k + len(items) - 1 == n else 1
    if len(items) != n - first + 1 or not reader.owner:
        return None
    agree = 0
    for i, item in enumerate(items):
        stop = items[i + 1] if i + 1 < len(items) else end
        hits = reader.hits(item, stop)[0]
        best = max(range(1, n + 1), key=hits.__getitem__)
        if hits[best] and hits[1:].count(hits[best]) == 1:
            if best != first + i and not hits[first + i]:
                return None  # an item about another problem: steps, not the questions
            agree += best == first + i
    if agree < 2:
        return None
    labels, seen = [], 0
    for begin, _ in sentences:
        while seen < len(items) and items[seen] <= begin:
            seen += 1
        labels.append(first + seen - 1 if seen else 0)
    return labels if 0 not in labels else None
