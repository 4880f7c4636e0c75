"""Answer values, round 7 (labeling.split): forms the blind sets unseen7 and unseen8 showed, each
tested here in its own wording and topics."""

from __future__ import annotations

from drqa.labeling.normalise import normalise_answer
from drqa.labeling.split import split_batched_response


def test_a_boxed_unit_raised_to_a_power_stays_a_unit_of_the_value():
    response = (
        "Squares and cubes.\n</think>\n\nAnswer to Question 1: The floor is $5^2 = "
        "\\boxed{25 \\text{ m}^2}$\n\nAnswer to Question 2: The tank holds "
        "$\\boxed{8 \\text{ dm}^{3}}$\n\nAnswer to Question 3: $\\boxed{\\text{12}}$"
    )
    chains = split_batched_response(response, 3)
    assert [normalise_answer(c.answer) for c in chains] == ["25", "8", "12"]
