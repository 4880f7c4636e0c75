"""Problems that speak of questions themselves ("problem 3 of the worksheet"): the same words
in the response are that problem's content, not a turn to question 3, round 8
(labeling.split.quoted), in wording of its own."""

from __future__ import annotations

from drqa.labeling.split import split_batched_response

PROBLEMS = [
    "What is 6 times 7?",
    "A worksheet has 10 problems; problem 3 is worth double the others, which are worth 2 each. "
    "What is the total?",
    "How many corners does a cube have?",
]
ANSWERS = (
    "</think>\n\nAnswer to Question 1: \\boxed{42}\n\nAnswer to Question 2: \\boxed{22}\n\n"
    "Answer to Question 3: \\boxed{8}"
)


def test_a_reference_a_problem_quotes_is_its_content():
    chains = split_batched_response(
        "Question 1: 6 * 7 = 42.\n\n"
        "Question 2: nine problems at 2 each make 18. Then: problem 3 of the sheet is worth 4, "
        "so 18 + 4 = 22.\n\n"
        "Question 3: a cube has 8 corners.\n" + ANSWERS,
        3,
        problems=PROBLEMS,
    )
    assert "so 18 + 4 = 22" in chains[1].thinking
    assert "so 18 + 4 = 22" not in chains[2].thinking


def test_a_line_label_the_problem_quotes_still_labels():
    chains = split_batched_response(
        "Question 1: 6 * 7 = 42.\n\nQuestion 2: 9 * 2 + 4 = 22.\n\n"
        "Problem 3: a cube has 8 corners.\n" + ANSWERS,
        3,
        problems=PROBLEMS,
    )
    assert "8 corners" in chains[2].thinking
