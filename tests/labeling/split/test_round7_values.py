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


PROBLEMS = [
    "A train covers 240 km in 3 hours. What is its average speed in km/h?",
    "How many diagonals does a pentagon have?",
    "What is 2 to the power 7?",
]


def test_a_line_naming_a_question_after_a_word_of_correction_corrects_its_answer():
    response = (
        "Working.\n</think>\n\nAnswer to Question 1: $240 / 3 = \\boxed{80}$ km/h\n\n"
        "Answer to Question 2: $5 \\cdot 4 / 2 = \\boxed{10}$\n\n"
        "Answer to Question 3: $2^7 = \\boxed{128}$\n\n"
        "Oops, there is a typo in my answer to Question 1: 240 / 3 is \\boxed{80}, and the "
        "speed I meant to box for the train is \\boxed{80}.\n"
        "Hmm, and an error in Question 2: a pentagon has 5(5-3)/2, so \\boxed{5} instead."
    )
    chains = split_batched_response(response, 3, problems=PROBLEMS)
    assert [c.answer for c in chains] == ["80", "5", "128"]
    assert "typo" in chains[0].reasoning and "typo" not in chains[2].reasoning
    assert "5(5-3)/2" in chains[1].reasoning and "5(5-3)/2" not in chains[2].reasoning


def test_a_mistake_named_in_a_later_sentence_turns_nowhere():
    response = (
        "Working.\n</think>\n\nAnswer to Question 1: \\boxed{80}\n\n"
        "Answer to Question 2: \\boxed{5}\n\n"
        "Answer to Question 3: \\boxed{128}\nDoubling seven times. No mistake, unlike a guess "
        "for Question 1: 64."
    )
    chains = split_batched_response(response, 3, problems=PROBLEMS)
    assert [c.answer for c in chains] == ["80", "5", "128"]
