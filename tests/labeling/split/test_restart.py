"""A response that answers every question, then starts over at question 1 (a model looping on
its prompt): cases written for these tests."""

from __future__ import annotations

from drqa.labeling.split import split_batched_response
from drqa.labeling.split.positional import value_list
from drqa.labeling.split.restart import restart_at

PROBLEMS = [
    "A rope of 18 m is cut into pieces of 3 m. How many pieces are there?",
    "What is the product of 7 and 8?",
]
LOOP = (
    "Question 1: \\boxed{6}\nQuestion 2: \\boxed{56}\n\n"
    "Question 1: A rope of 18 m is cut into pieces of 3 m. How many"
)


def test_the_second_pass_is_no_answer():
    chains = split_batched_response(LOOP, 2, truncated=True, problems=PROBLEMS)
    assert [(c.answer, c.status) for c in chains] == [("6", "ok"), ("56", "ok")]
    assert "How many" not in chains[0].answer_section


def test_a_restart_needs_the_problem_restated_or_a_length_stop():
    assert restart_at(LOOP, 2, PROBLEMS, truncated=False) == LOOP.index("\n\nQuestion 1") + 2
    recap = "Question 1: \\boxed{6}\nQuestion 2: \\boxed{56}\nQuestion 1: six pieces, checked."
    assert restart_at(recap, 2, PROBLEMS, truncated=False) is None
    assert restart_at("Question 1: 6\nQuestion 1: again 6", 2, PROBLEMS, truncated=True) is None


def test_a_listed_item_of_bare_latex_reads_as_latex():
    assert value_list("\\frac{3}{4}, 2\\sqrt{3}", 2) == ["\\frac{3}{4}", "2\\sqrt{3}"]
