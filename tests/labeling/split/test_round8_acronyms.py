"""A response that names a problem by the acronym of its words ("GCD" for "greatest common
divisor"), round 8 (labeling.split.topics), in wording of its own."""

from __future__ import annotations

from drqa.labeling.split import split_batched_response
from drqa.labeling.split.topics import owned_tokens, topic_tokens

PROBLEMS = [
    "Find the greatest common divisor of 84 and 120.",
    "How many sides does a regular nonagon have?",
    "What is 2 to the power 7?",
]


def test_a_capitalised_acronym_is_a_token_of_the_problem_whose_words_it_abbreviates():
    owner = owned_tokens(PROBLEMS)
    assert [owner.get(t) for t in topic_tokens("so the GCD is")] == [1]
    assert "gcd" not in owned_tokens(["Find the greatest divisor.", "x"])


def test_a_check_naming_a_problem_by_its_acronym_turns_to_it():
    text = (
        "First: 84 = 2^2 * 3 * 7 and 120 = 2^3 * 3 * 5, common part 12.\n\n"
        "Second: a nonagon has 9 sides.\n\n"
        "Third: 2^7 = 128.\n\n"
        "Hmm, let me double check the GCD once more: 120 - 84 = 36, 84 - 72 = 12. Fine.\n"
        "</think>\n\n1. \\boxed{12}\n2. \\boxed{9}\n3. \\boxed{128}"
    )
    chains = split_batched_response(text, 3, problems=PROBLEMS)
    assert "120 - 84 = 36" in chains[0].thinking
    assert "120 - 84 = 36" not in chains[2].thinking
