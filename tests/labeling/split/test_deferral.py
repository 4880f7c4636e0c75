"""A piece that sends the reader back to the reasoning instead of answering gives no answer,
like a decline; a box in it still answers. Own wording and topics."""

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
