"""One text cut into its pieces per question: the reference grammar's candidates and the
problems' restatements aligned (:mod:`.align`), else paragraphs by their overlap with the
problems (:mod:`.overlap`)."""

from __future__ import annotations

from collections.abc import Sequence

from drqa.labeling.split.align import Piece, align, pieces
from drqa.labeling.split.grammar import candidates
from drqa.labeling.split.overlap import paragraph_pieces, restatements


def cut(
    text: str, n: int, problems: Sequence[str] | None, listed: bool = False
) -> tuple[list[Piece], float]:
    """The pieces of ``text`` per question and how sure the cut is (0 when none); ``listed``:
    ``text`` is an answer section."""
    cands = sorted(candidates(text, n) + restatements(text, problems), key=lambda c: c.start)
    cuts = align(cands, n, len(text), listed)
    named = {c.index for c in cuts}
    strength = sum(min(c.score, 3.0) for c in cuts) / (3.0 * len(cuts)) if cuts else 0.0
    first_unnamed = named == set(range(2, n + 1)) and bool(cuts) and text[: cuts[0].start].strip()
    if len(named) == n or first_unnamed:  # "...7/8.\nNow the second one": 1 is what precedes
        return pieces(text, cuts), round(0.5 + 0.5 * strength, 3)
    found = paragraph_pieces(text, n, problems, cuts, clauses=not listed)
    if found:
        return found, 0.6
    if len(named) >= min(2, n):
        return pieces(text, cuts), round(0.5 + 0.5 * strength * len(named) / n, 3)
    return [], 0.0
