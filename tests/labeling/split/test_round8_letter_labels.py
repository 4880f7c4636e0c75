"""Questions the thinking labels with bracketed letters at line starts, named again by that
letter in a later sentence, round 8 (labeling.split.own_labels), in wording of its own."""

from __future__ import annotations

from drqa.labeling.split import split_batched_response

PROBLEMS = [
    "How many seconds are in 4 minutes?",
    "What is the volume of a cube with edge 3?",
    "What is 15% of 80?",
]
ANSWERS = (
    "</think>\n\nAnswer to Question 1: \\boxed{240}\n\nAnswer to Question 2: \\boxed{27}\n\n"
    "Answer to Question 3: \\boxed{12}"
)
WORK = "(a) 4 * 60 = 240 seconds.\n\n(b) Edge 3 cubed: 27.\n\n(c) 0.15 * 80 = 12, so 12.\n\n"


def _split(thinking: str):
    return split_batched_response(thinking + ANSWERS, 3, problems=PROBLEMS)


def test_a_later_paragraph_opening_on_a_letter_turns_to_that_question():
    chains = _split(WORK + "Back to (a) once more: four times sixty is still what I had.")
    assert "four times sixty" in chains[0].thinking
    assert "four times sixty" not in chains[2].thinking


def test_a_letter_in_a_formula_names_no_question():
    chains = _split(WORK + "Check: f(b) with b = 80 gives 0.15 * 80, and 12 stays.")
    assert "12 stays" in chains[2].thinking


def test_letters_listed_together_are_a_recap_and_turn_nowhere():
    chains = _split(WORK + "So (a) and (b) are quick; the percent one is 12.")
    assert "are quick" in chains[2].thinking
