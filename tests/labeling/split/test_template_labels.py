"""Line labels found by their shape (split/templates.py): lines opening alike but for a number
counting 1..n name the questions, whatever language or spelling the label is in."""

from __future__ import annotations

from drqa.labeling.split import split_batched_response
from drqa.labeling.split.templates import template_labels

PROBLEMS = [
    "A rope of 12 m is cut into 4 equal parts. How long is each part?",
    "What is 15% of 80?",
    "How many minutes are in 2.5 hours?",
]


def test_a_label_word_no_table_lists_names_the_questions():
    text = "ok</think>\n\nSwali la 1: 3 m\n\nSwali la 2: 12\n\nSwali la 3: 150"
    chains = split_batched_response(text, 3, problems=PROBLEMS)
    assert [c.answer for c in chains] == ["3 m", "12", "150"]
    assert "Swali la 2" in chains[1].answer_section


def test_a_number_before_its_word_and_a_letter_glued_to_it():
    assert [k for _, _, k in template_labels("1번: 3\n2번: 12\n3번: 150", 3)] == [1, 2, 3]
    assert [k for _, _, k in template_labels("r1) 3\nr2) 12\nr3) 150", 3)] == [1, 2, 3]


def test_steps_of_one_solution_and_incomplete_counts_are_no_labels():
    assert template_labels("Step 1: halve it\nStep 2: add 4\nStep 3: done", 3) == []
    assert template_labels("Swali 1: 3\nSwali 3: 150", 3) == []  # 2 is missing
    assert template_labels("Swali 1: 3\nSwali 2: 12\nSwali 1: 3", 2) == []  # not 1..n in order


def test_symbols_before_a_label_decorate_it_like_a_bullet():
    problems = ["What is 9 + 10?", "What is 3 cubed?"]
    for mark in ("➤", "✅", "▶", "★"):
        text = f"ok</think>\n\n{mark} Q1: 19\n{mark} Q2: 27"
        assert [c.answer for c in split_batched_response(text, 2, problems=problems)] == [
            "19",
            "27",
        ]
