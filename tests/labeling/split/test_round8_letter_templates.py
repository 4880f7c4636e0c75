"""An answer section labelled by a word and a bracketed letter ("Item (a):" .. "Item (c):"),
round 8 (labeling.split.templates), in wording of its own."""

from __future__ import annotations

from drqa.labeling.split import split_batched_response

PROBLEMS = [
    "What is 7 squared?",
    "How many days are in 3 weeks?",
    "What is half of 90?",
]


def test_lines_opening_alike_but_for_a_bracketed_letter_label_the_questions():
    text = (
        "7 * 7 = 49. 3 * 7 = 21. 90 / 2 = 45.\n</think>\n\n"
        "__Item (a):__ seven times seven gives 49.\n\n"
        "__Item (b):__ each week has seven days, so 21 days.\n\n"
        "__Item (c):__ halving gives 45."
    )
    chains = split_batched_response(text, 3, problems=PROBLEMS)
    assert [c.answer for c in chains] == ["49", "21", "45"]
    assert "each week" in chains[1].answer_section
    assert "each week" not in chains[0].answer_section


def test_step_letters_make_no_template():
    text = (
        "Working.\n</think>\n\n"
        "Step (a): square 7.\nStep (b): get 49.\nStep (c): done.\n\n"
        "Then 21 days, and half of 90 is 45.\n\n\\boxed{49}, \\boxed{21}, \\boxed{45}"
    )
    chains = split_batched_response(text, 3, problems=PROBLEMS)
    assert [c.answer for c in chains] == ["49", "21", "45"]
