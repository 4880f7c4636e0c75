"""The lower-cased marker patterns find exactly what the IGNORECASE patterns find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from drqa.labeling import markers
from drqa.labeling.markers import _explicit


def _reference(text: str, n: int) -> list[tuple[int, int, int]]:
    """Start, end and index of every explicit marker, straight from the IGNORECASE patterns."""
    with_fast = markers._lower_for_matching
    markers._lower_for_matching = lambda text: None
    try:
        return [(m.start, m.end, m.index) for m in _explicit(text, n)]
    finally:
        markers._lower_for_matching = with_fast


def _found(text: str, n: int) -> list[tuple[int, int, int]]:
    return [(m.start, m.end, m.index) for m in _explicit(text, n)]


PIECES = st.sampled_from(
    ["Question 1", "QUESTION 2", "question#3", "Problem No. 2", "problema 3", "Frage 2",
     "the second question", "For the FIRST one", "next problem", "the last one", "la segunda "
     "pregunta", "Die zweite Aufgabe", "Q2", "q2", "A[1]", "Q [3]", "вопрос 2", "ЗАДАЧА 3",
     "第二题", "问题 1", "ı", "İ", "ſ", "K", "é", "xquestion 2", "_first one", "1st part",
     " ", "\n", ".", "theSecond question", "thethe third problem", "for  the\tfourth question"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(PIECES, max_size=30), n=st.integers(min_value=1, max_value=5))
def test_lower_cased_patterns_find_the_same_markers(pieces, n):
    text = "".join(pieces)
    assert _found(text, n) == _reference(text, n)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200), n=st.integers(min_value=1, max_value=5))
def test_same_markers_on_arbitrary_text(text, n):
    assert _found(text, n) == _reference(text, n)


def test_fold_unsafe_characters_are_complete():
    """Every character IGNORECASE and str.lower() treat differently is routed to IGNORECASE."""
    source = markers._EXPLICIT_NUMBER.pattern + markers._ORDINAL.pattern
    letters = {char for char in source if char.isalpha()}
    every = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    folded = set(re.compile(f"[{''.join(sorted(letters))}]", re.IGNORECASE).findall(every))
    differ = {c for c in folded if len(c.lower()) != 1 or c.lower() not in letters}
    differ |= {c for c in every if c.lower() in letters and c not in folded}
    assert differ <= set(markers._FOLD_UNSAFE) | {c for c in differ if len(c.lower()) != 1}
