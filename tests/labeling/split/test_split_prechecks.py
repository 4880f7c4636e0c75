"""The split's cheap prechecks find what the full scans find (they only skip text that cannot
hold a match): sentence spans, line-start template labels, bare ordinals, expression shingles,
and a revisit read with or without the piece-level shortcut."""

from __future__ import annotations

import re

import pytest

from drqa.labeling.split.align import Piece
from drqa.labeling.split.revisits import _BARE_ORDINAL, SENTENCE, Reader, spans
from drqa.labeling.split.templates import template_labels
from drqa.labeling.split.topics import topic_tokens

TEXTS = [
    "12 squared is 144. A pentagon has 5 sides! so 7! = 5040?  Yes.\nNext line.  \n\n(b) end",
    "Wait.  Check 3!  No: 2 ! Then\tTab. lower case after a stop. **Bold** after.",
    "第一题答案是12。第二题呢？再看。 Mixed. Text here.",
    "",
    "   \n\n  ",
]


@pytest.mark.parametrize("text", TEXTS)
def test_sentence_spans_match_the_full_pattern(text):
    full = re.compile(SENTENCE.pattern)  # not SENTENCE itself: no shortcut taken
    for start, end in [(0, len(text)), (1, max(1, len(text) - 2)), (5, len(text))]:
        start, end = min(start, len(text)), max(min(end, len(text)), min(start, len(text)))
        assert spans(SENTENCE, text, start, end) == spans(full, text, start, end)


def test_template_labels_start_at_line_starts():
    text = "문제 1: 3\nsome work\n문제 2: 12\n\n  문제 3: 150"
    found = template_labels(text, 3)
    assert [k for _, _, k in found] == [1, 2, 3]
    assert [text[start:end] for start, end, _ in found] == ["문제 1:", "문제 2:", "  문제 3:"]
    assert template_labels("\n" + text, 3)[0][0] == 1  # a leading line break: the next line


@pytest.mark.parametrize(
    "text",
    [
        "Working on it.\nNow the third: 12 apples. And the second one again: 5.",
        "İstanbul is far. Back to the first: it was 7.",  # lower() lengthens İ
        "THE SECOND: 4. la première: 3.",
    ],
)
def test_a_bare_ordinal_is_never_skipped(text):
    reader = Reader(text, 3, None)
    for match in SENTENCE.finditer(text):
        head = text[match.end() : match.end() + 100]
        if _BARE_ORDINAL.search(head.lower() if len(head.lower()) == len(head) else head):
            assert reader._ordinal(match.end(), match.end() + 100)
    assert reader._ordinal(0, len(text))


def test_a_piece_naming_only_its_own_question_turns_nowhere_and_others_still_turn():
    text = "Question 1: 2 + 2 = 4.\n\nThat is done.\n\nNow back to question 2: 3 + 3 is 6."
    reader = Reader(text, 2, None)
    mine = Piece(1, 0, text.index("\n\nNow"))
    assert reader.points(mine) == [(0, 1)]
    whole = Piece(1, 0, len(text))
    assert [k for _, k in reader.points(whole)] == [1, 2]


def test_no_shingle_without_a_digit_or_an_operator():
    assert not any(" " in token for token in topic_tokens("then x + y = z"))  # no number
    assert "2 ^ 5" in topic_tokens("so 2^5 is 32")
    assert not any(" " in token for token in topic_tokens("so two to the fifth, thirty-two"))
