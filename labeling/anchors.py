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
_COMMON = frozenset(("the", "a", "an", "of", "to", "and", "is", "in", "for", "on", "at", "be"))


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = [word.lower() for word in _WORD.findall(text)]
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def problem_shingles(problems: Sequence[str]) -> dict[tuple[str, ...], int]:
    """Shingle -> 1-based problem index, for shingles found in exactly one problem (and not made
    only of the commonest words)."""
    owner: dict[tuple[str, ...], int] = {}
    shared: set[tuple[str, ...]] = set()
    for index, problem in enumerate(problems, start=1):
        for shingle in _shingles(problem or ""):
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
    markers: list[Marker] = []
    current, run_index, run_start, run = None, None, 0, 0
    for i in range(len(words) - SHINGLE + 1):
        index = owner.get(tuple(word for word, _ in words[i : i + SHINGLE]))
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
