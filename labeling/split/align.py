"""The monotone alignment: which candidates cut a text into the pieces of questions 1..n.

A Viterbi pass over the candidates in text order with one state per question (so linear in the
number of candidates): a path scores its candidates plus transitions that favour ``k -> k+1``,
tolerate a repeated ``k``, charge skipped questions, and allow a step back only where the text
says so (a revisit cue: "going back to question 1") or where a heading, a sentence opener or an
answer label names its question outright (answers written out of order are matched by the
number they name); a mid-sentence mention never steps back. The weakest tier
of references used is the strongest that names two questions or more: mid-sentence mentions
never cut where headings do.
"""

from __future__ import annotations

from dataclasses import dataclass

from drqa.labeling.split.grammar import LABEL, LIST, MENTION, ORDINAL, SEQUENCE, Candidate

_SPREAD = 0.25  # weak references must spread over this share of the text after the first
_START_SKIP = -0.5  # a path may open on a later question (answers out of order)
_NEXT, _REPEAT, _SKIP, _BACK_CUED, _BACK_OPENER, _BACK = 1.0, -0.2, -1.0, -0.3, -0.5, -4.0


@dataclass(frozen=True)
class Piece:
    """``text[start:end]`` belongs to question ``index`` (``cut``: the candidate opening it)."""

    index: int
    start: int
    end: int
    cut: Candidate | None = None
    last: Candidate | None = None  # the last of several cuts merged into this piece


def _runs(cands: list[Candidate]) -> list[int]:
    """The questions named, consecutive repeats collapsed ("1, 1, 2" -> [1, 2])."""
    runs: list[int] = []
    for cand in cands:
        if not runs or runs[-1] != cand.index:
            runs.append(cand.index)
    return runs


def _pool(
    cands: list[Candidate], n: int, text_length: int, listed: bool = False, opens=frozenset()
) -> list[Candidate]:
    """Strong references, plus the one weak tier (labels or bare ordinals) that names the most
    further questions without returning to one (numbered steps are not questions); on a tie,
    the tier spread over more of the text. ``listed`` (an answer section): labels naming
    exactly 1..n in order are its answers even when bunched together (a short list, then a
    long note)."""
    strong = [c for c in cands if c.tier == 1]
    named = {c.index for c in strong}
    best: list[Candidate] = []
    best_key = (len(named), 0)
    if len(named) < n and cands:
        length = max(text_length, 1)
        for tier in (LABEL, ORDINAL, SEQUENCE, LIST):
            weak = [c for c in cands if c.tier == tier]
            runs = _runs(weak)
            if not weak or len(runs) != len(set(runs)):
                continue
            spread = weak[-1].start - weak[0].start
            complete = listed and runs == list(range(1, n + 1)) and len(weak) == n
            goes_on = tier == SEQUENCE and not listed and _goes_on(strong, weak, runs, n, opens)
            bunched = len(weak) > 1 and spread < _SPREAD * (length - weak[0].start)
            if bunched and not complete and not goes_on:
                continue  # bunched together: steps inside one question
            if tier == SEQUENCE and runs != list(range(1, n + 1)) and not goes_on:
                continue  # "First, ... Second, ...", or "Second, ..." going on from the first
            key = (len(named | set(runs)), spread / length)
            if key > best_key:
                best, best_key = weak, key
    sequence = [c for c in cands if c.tier == SEQUENCE]
    if (
        not best
        and sequence
        and not listed
        and _goes_on(strong, sequence, _runs(sequence), n, opens)
    ):
        best = sequence  # every question named strongly, but on a later pass (revisits)
    named |= {c.index for c in best}
    openers = [c for c in cands if c.tier == ORDINAL and c.context == "opener" and c.index in named]
    pool = strong + best + [c for c in openers if c not in best]  # "And for the second, ..."
    if len({c.index for c in pool}) < min(2, n):
        return []
    revisits = [c for c in cands if c.tier == MENTION and c.revisit]
    return sorted(pool + revisits, key=lambda c: (c.start, c.tier))


def _goes_on(
    strong: list[Candidate], weak: list[Candidate], runs: list[int], n: int, opens: frozenset
) -> bool:
    """Whether a sequence opening paragraphs (``opens``: "Second, ...", "Third, ...") goes on to
    the last question from strong references naming every question before it ("Let me start
    with the first one: ..."), or from the second after text naming none ("The bill one
    first. ..." then "Second, ..."): one pass over the questions, however long the text after."""
    before = {c.index for c in strong if c.start < weak[0].start}
    unnamed_first = not before and runs[0] == 2 and weak[0].start > 0
    return (
        runs[0] > 1
        and (before.issuperset(range(1, runs[0])) or unnamed_first)
        and runs == list(range(runs[0], n + 1))
        and all(c.start in opens for c in weak)
    )


def _transition(previous: int, cand: Candidate) -> float:
    k = cand.index
    if k == previous + 1:
        return _NEXT
    if k == previous:
        return _REPEAT
    if k > previous:
        return _SKIP * (k - previous - 1)
    if cand.revisit or cand.context in ("line", "answer", "table"):
        return _BACK_CUED
    return _BACK_OPENER if cand.context == "opener" else _BACK


def align(
    cands: list[Candidate], n: int, text_length: int, listed: bool = False, opens=frozenset()
) -> list[Candidate]:
    """The candidates of the best-scoring path, in text order (empty: no cut found);
    ``listed``: the text is an answer section (see :func:`_pool`); ``opens``: where its
    paragraphs start."""
    pool = _pool(cands, n, text_length, listed, opens)
    if not pool:
        return []
    best_at: dict[int, tuple[float, int]] = {}  # question -> (score, candidate) of best path
    back: list[int] = []
    scores: list[float] = []
    for i, cand in enumerate(pool):
        score, previous = cand.score + _START_SKIP * (cand.index - 1), -1
        for k, (path, j) in best_at.items():
            if pool[j].start >= cand.start and j != i:
                continue
            option = path + cand.score + _transition(k, cand)
            if option > score:
                score, previous = option, j
        scores.append(score)
        back.append(previous)
        if cand.index not in best_at or score > best_at[cand.index][0]:
            best_at[cand.index] = (score, i)
    end = max(range(len(pool)), key=lambda i: scores[i])
    chosen = []
    while end >= 0:
        chosen.append(pool[end])
        end = back[end]
    return chosen[::-1]


def pieces(text: str, cuts: list[Candidate]) -> list[Piece]:
    """``text`` cut at ``cuts``; the text before the first cut goes with the first question
    named (a preamble); consecutive cuts naming one question make one piece."""
    if not cuts:
        return []
    found: list[Piece] = []
    floor = 0
    starts = []
    for cut in cuts:
        start = max(cut.start, floor)
        starts.append(start)
        floor = max(start, cut.end)
    if cuts[0].index == 2 and text[: starts[0]].strip():  # "...six sides. As for the second,"
        found.append(Piece(1, 0, starts[0]))
    for i, cut in enumerate(cuts):
        begin = 0 if i == 0 and not found else starts[i]
        end = starts[i + 1] if i + 1 < len(cuts) else len(text)
        if found and found[-1].index == cut.index:  # a later reference continues the piece
            found[-1] = Piece(cut.index, found[-1].start, end, found[-1].cut, cut)
        else:
            found.append(Piece(cut.index, begin, end, cut))
    return found
