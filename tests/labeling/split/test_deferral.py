"""A piece that sends the reader back to the reasoning instead of answering gives no answer,
like a decline; a box in it still answers. A multiple-choice piece naming its option by an
emphasised letter gives the letter. Own wording and topics."""

from __future__ import annotations

from drqa.labeling.lexicon import declines
from drqa.labeling.split import split_batched_response

PROBLEMS = ["How many sides does a hexagon have?", "What is 15% of 80?"]


def test_a_section_that_defers_to_the_thinking_gives_no_answer():
    text = (
        "6 sides; 12.</think>\n\n"
        "Answer to Question 1: A hexagon has \\boxed{6} sides.\n\n"
        "Answer to Question 2: Refer to the working above; it is a tenth plus a half of that.\n"
    )
    chains = split_batched_response(text, 2, problems=PROBLEMS)
    assert [c.answer for c in chains] == ["6", None]


def test_deferral_forms_and_what_is_no_deferral():
    assert declines("See the steps above.")
    assert declines("**Q4:** please see my thinking above for this one, roughly 30")
    assert not declines("As worked out above, the total is 45.")  # states its value
    assert not declines("Seeing that 9 is above 7, the larger is 9.")
    assert not declines("See: the answer is 7")


def test_an_emphasised_option_letter_picks_it_over_a_number_in_the_working():
    problems = [
        "Which is a prime? (A) 21 (B) 23 (C) 25 (D) 27",
        "Which is even? (A) 7 (B) 9 (C) 12 (D) 15",
    ]
    text = "x</think>\n\n1. 23 has no divisor up to 4.8, so __B__.\n2. 12 = 2 x 6, hence *C*.\n"
    chains = split_batched_response(text, 2, problems=problems)
    assert [c.answer for c in chains] == ["B", "C"]


def test_a_clause_restating_the_problems_numbers_before_its_working_is_no_value():
    problems = ["What is the mean of 4, 8 and 9?", "How many days are in 3 weeks?"]
    text = (
        "x</think>\n\nThe mean of 4, 8 and 9 is (4 + 8 + 9) / 3 = 21 / 3 = 7.\n\n"
        "Three weeks hold 3 × 7 = 21 days.\n"
    )
    chains = split_batched_response(text, 2, problems=problems)
    assert [c.answer for c in chains] == ["7", "21"]
