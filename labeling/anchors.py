"""Problem texts as anchors: where a batched response restates (part of) question k.

Models often restate or quote a question before working on it ("The robe takes 2 bolts of blue
fiber...") without any "Question 2" marker. Every run of six words that occurs in exactly one of
the batch's problem texts identifies that problem; the places where a response moves on to
another problem's words are cut points, like markers. One pass over the words of the response,
so linear in its length.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from drqa.labeling.markers import Marker

SHINGLE = 6  # words per shingle: long enough to be distinctive, short enough to be restated
_WORD = re.compile(r"[A-Za-z0-9]+(?:\.[0-9]+)?")
_WHOLE = "\x00whole"  # key prefix of a problem too short for shingles: matched as a whole
_COMMON = frozenset(("the", "a", "an", "of", "to", "and", "is", "in", "for", "on", "at", "be"))


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = [word.lower() for word in _WORD.findall(text)]
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def problem_shingles(problems: Sequence[str]) -> dict[tuple[str, ...], int]:
    """Shingle -> 1-based problem index, for shingles found in exactly one problem (and not made
    only of the commonest words). A problem shorter than a shingle is one key of all its words
    (at least three)."""
    owner: dict[tuple[str, ...], int] = {}
    shared: set[tuple[str, ...]] = set()
    for index, problem in enumerate(problems, start=1):
        words = [word.lower() for word in _WORD.findall(problem or "")]
        keys = _shingles(problem or "") if len(words) > SHINGLE else {(_WHOLE, *words)}
        for shingle in keys:
            if len(shingle) < 3 or (shingle[0] == _WHOLE and len(shingle) < 4):
                continue
            if all(word in _COMMON or word.isdigit() for word in shingle):
                continue
            if shingle in owner and owner[shingle] != index:
                shared.add(shingle)
            owner.setdefault(shingle, index)
    return {shingle: index for shingle, index in owner.items() if shingle not in shared}


def anchor_markers(
    text: str, problems: Sequence[str] | None, shingles: dict | None = None
) -> list[Marker]:
    """A marker (family ``anchor``) where ``text`` starts restating a problem other than the one
    it restated last; needs two overlapping shingles (seven words) in a row to count."""
    if not problems or len(problems) < 2 or not text:
        return []
    owner = problem_shingles(problems) if shingles is None else shingles
    if not owner:
        return []
    words = [(m.group().lower(), m.start()) for m in _WORD.finditer(text)]
    short = sorted({len(key) - 1 for key in owner if key[0] == _WHOLE})  # whole short problems
    markers: list[Marker] = []
    current, run_index, run_start, run = None, None, 0, 0
    for i in range(len(words)):
        index = owner.get(tuple(word for word, _ in words[i : i + SHINGLE]))
        for length in short:
            if index is None:
                found = owner.get((_WHOLE, *(word for word, _ in words[i : i + length])))
                index, run = (found, 1) if found is not None else (None, run)
                if found is not None and found != current:
                    markers.append(Marker(words[i][1], words[i][1], found, "anchor"))
                    current = found
        if index is None:
            run, run_index = 0, None
            continue
        if index == run_index:
            run += 1
        else:
            run_index, run_start, run = index, words[i][1], 1
        if run == 2 and index != current:
            markers.append(Marker(run_start, run_start, index, "anchor"))
            current = index
    return markers


def overlap_counts(text: str, shingles: dict[tuple[str, ...], int]) -> dict[int, int]:
    """How many of each problem's distinctive shingles occur in ``text``."""
    counts: dict[int, int] = {}
    words = [word.lower() for word in _WORD.findall(text)]
    for i in range(len(words) - SHINGLE + 1):
        index = shingles.get(tuple(words[i : i + SHINGLE]))
        if index is not None:
            counts[index] = counts.get(index, 0) + 1
    return counts


_UNIT_BREAK = re.compile(r"\n[ \t]*\n|(?<=[.!?])[ \t]+(?=[A-Z])")
_KEYWORD = re.compile(r"[A-Za-z]{4,}")
_MIN_HITS = 2  # distinctive words a paragraph needs to be attributed on its own


def _keywords(text: str) -> list[str]:
    return [word.lower() for word in _KEYWORD.findall(text)]


def paragraph_markers(text: str, problems: Sequence[str] | None) -> list[Marker]:
    """Where a text with no markers and no restated problem moves from one problem's words to
    another's: paragraphs (or sentences, in a single paragraph) are attributed to the problem
    whose distinctive words (four letters or more, in no other problem) they use most; an
    undecided unit stays with the one before. Empty unless two problems or more are found."""
    if not problems or len(problems) < 2 or not text.strip():
        return []
    owner: dict[str, int] = {}
    shared: set[str] = set()
    for index, problem in enumerate(problems, start=1):
        for word in set(_keywords(problem or "")):
            if word in owner and owner[word] != index:
                shared.add(word)
            owner.setdefault(word, index)
    for word in shared:
        del owner[word]
    if not owner:
        return []
    starts = [0] + [m.end() for m in _UNIT_BREAK.finditer(text)]
    markers: list[Marker] = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        counts: dict[int, int] = {}
        for word in _keywords(text[start:end]):
            if word in owner:
                counts[owner[word]] = counts.get(owner[word], 0) + 1
        ranked = sorted(counts.items(), key=lambda item: -item[1])
        if not ranked or ranked[0][1] < _MIN_HITS:
            continue
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            continue
        best, hits = ranked[0]
        current = markers[-1].index if markers else None
        # moving on needs the new problem's words to clearly outnumber the current one's
        if current is not None and best != current and hits < counts.get(current, 0) + 2:
            continue
        if best != current:
            markers.append(Marker(start, start, best, "paragraph"))
    return markers if len({m.index for m in markers}) >= 2 else []


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def block_markers(text: str, n: int) -> list[Marker]:
    """The last resort for a text with no markers, anchors or distinctive words: when it is
    exactly ``n`` paragraphs (or, in one paragraph, exactly ``n`` lines), one per question in
    order, as short batched thinking is written ("6 * 7 is 42.\\n81 / 9 is 9."). Else empty."""
    for pattern in (_BLANK_LINE, re.compile(r"\n")):
        starts, position = [], 0
        for piece in [*pattern.split(text)]:
            at = text.find(piece, position)
            if piece.strip():
                starts.append(at + len(piece) - len(piece.lstrip()))
            position = at + len(piece)
        if len(starts) == n:
            return [Marker(start, start, k, "block") for k, start in enumerate(starts, start=1)]
        if len(starts) > 1:
            return []
    return []
