"""drqa.text: one reading of model text (thinking, boxes, cut-off answers) for every stage."""

from __future__ import annotations

import pytest

from drqa.text import cut_off_reason, find_boxes, last_boxed, scan_boxes, split_sections

SECTIONS = [
    # (text, reasoning, starts_in_thinking, thinking, answer, closed)
    ("<think>a</think>b", None, False, "a", "b", True),
    ("a</think>b", None, True, "a", "b", True),  # the prompt opened the thinking
    ("a</think>b", None, False, "a", "b", True),
    ("<think>a</think>b</think>c", None, False, "a</think>b", "c", True),  # the last close
    ("<think>a, still thinking", None, False, "a, still thinking", "", False),
    ("still thinking", None, True, "still thinking", "", False),
    ("no thinking at all", None, False, None, "no thinking at all", True),
    ("answer", "thought apart", False, "thought apart", "answer", True),
    ("x</think>answer", "thought apart", False, "thought apart", "answer", True),
    ("<think>a</think>b", "", False, "a", "b", True),  # empty separate reasoning: none
    (None, None, False, None, "", True),
]


@pytest.mark.parametrize(("text", "reasoning", "opened", "thinking", "answer", "closed"), SECTIONS)
def test_split_sections(text, reasoning, opened, thinking, answer, closed):
    sections = split_sections(text, reasoning, starts_in_thinking=opened)
    assert (sections.thinking, sections.answer, sections.closed) == (thinking, answer, closed)


BOXES = [
    ("\\boxed{a\\}b}", "a\\}b"),  # escaped braces do not close the box (issue 8)
    ("\\boxed{\\{1, 2\\}}", "\\{1, 2\\}"),
    ("\\boxed{\\frac{1}{2}}", "\\frac{1}{2}"),
    ("first \\boxed{3} then \\fbox{4}", "4"),
    ("\\boxed 5$", "5"),
    ("\\boxed{\\boxed{7}}", "\\boxed{7}"),  # the outer box ends last
    ("x \\\\{ \\boxed{2}", "2"),  # a LaTeX line break before a brace is not an escape
    ("\\boxed{", None),
    ("\\boxed{12} and \\boxed{1", "12"),
    ("no box", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), BOXES)
def test_last_boxed(text, expected):
    assert last_boxed(text) == expected


def test_unclosed_box_is_reported_and_never_an_answer():
    boxes, unclosed = scan_boxes("so \\boxed{25")
    assert boxes == [] and unclosed


def test_gold_answers_and_labelling_read_boxes_the_same_way():
    from drqa.builders.ingest.gold_answers import extract_gold
    from drqa.labeling.answers import extract_answer

    for text in ("\\boxed{a\\}b}", "\\fbox{3}", "\\boxed{\\frac{1}{2}}"):
        assert extract_gold(text, "boxed") == extract_answer(text) == last_boxed(text)


CUT_OFF = [
    ("", "empty_answer"),
    ("   \n", "empty_answer"),
    ("The product is \\boxed{1", "unclosed_box"),
    ("so the speed is \\frac{\\text{distance}}{\\text{time}} = \\frac{", "unbalanced_braces"),
    ("The total is\n\\[\n3 \\times", "open_math"),
    ("\\begin{align*}\n1 &\\equiv 1", "open_math"),
    ("the units digit of \\(", "open_math"),
    ("Total cost = 5 + ", "trailing_operator"),
    ("**Final Answer:**", "trailing_operator"),
    ("Therefore, the answer is", "trailing_operator"),
    ("1. The total is 3.\n4. The cost", "mid_sentence"),
    ("Substituting W into the second equation", "mid_sentence"),
]
FINISHED = [
    "**Final Answer:**\n\\[\n\\boxed{18}\n\\]",
    "Thus, the answer is \\(\\boxed{25}\\) miles.",
    "**Therefore, Kenny started with \\(\\boxed{150}\\) Pokemon cards.**",
    "The answer is 42",
    "So the answer is B",
    "The answer is 42 dollars",
    "Let $x$ be $\\square$ and \\(\\boxed{3}\\).",
    "It costs $5 in total.",
    "\\boxed{28}",
    "All done.\n\n---",
    "(5, \\infty)",
]


@pytest.mark.parametrize(("text", "reason"), CUT_OFF)
def test_cut_off_answers(text, reason):
    assert cut_off_reason(text) == reason


@pytest.mark.parametrize("text", FINISHED)
def test_finished_answers(text):
    assert cut_off_reason(text) is None


def test_a_stray_early_delimiter_does_not_make_a_finished_answer_cut_off():
    text = "We call it $\\clubsuit\\). Then:\n\\[x = 3\\]\n\nThus, it is \\(\\boxed{3}\\)."
    assert cut_off_reason(text) is None


DEGENERATE = [
    "\\boxed{" * 160_000,
    "{" * 1_000_000,
    "}" * 1_000_000,
    "\\" * 1_000_000,
    "$" * 1_000_000,
    "\\(" * 500_000,
    "</think>" * 125_000,
    "<think>" * 140_000,
    "\\boxed " * 140_000,
]


@pytest.mark.parametrize("text", DEGENERATE, ids=lambda t: repr(t[:10]))
def test_every_reading_is_linear_on_degenerate_megabytes(text):
    import time

    start = time.perf_counter()
    split_sections(text)
    find_boxes(text)
    cut_off_reason(text)
    assert time.perf_counter() - start < 10
