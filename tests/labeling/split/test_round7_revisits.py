"""Revisits named by the number a response labels its questions with, round 7
(labeling.split.revisits), in wording and topics of their own."""

from __future__ import annotations

from drqa.labeling.split import split_batched_response

PROBLEMS = [
    "How many minutes are in 3 hours?",
    "What is the perimeter of a square with side 9?",
    "How many letters does the word ALPHABET have?",
]
ANSWERS = (
    "</think>\n\n**Question 1:** \\boxed{180}\n\n**Question 2:** \\boxed{36}\n\n"
    "**Question 3:** \\boxed{8}"
)


def _split(thinking: str):
    return split_batched_response(thinking + ANSWERS, 3, problems=PROBLEMS)


def test_a_check_naming_a_numbered_question_by_its_number_turns_to_it():
    chains = _split(
        "1. 3 hours of 60 minutes: 180 minutes.\n\n2. A square of side 9: 4 * 9 = 36.\n\n"
        "3. ALPHABET: A-L-P-H-A-B-E-T, 8 letters.\n\n"
        "Let me recheck 1: sixty minutes each hour, times three hours, 180."
    )
    assert "sixty minutes each" in chains[0].thinking
    assert "sixty minutes each" not in chains[2].thinking


def test_a_check_of_a_number_that_is_a_value_names_no_question():
    chains = _split(
        "1. 3 hours of 60 minutes: 180 minutes.\n\n2. A square of side 9: 4 * 9 = 36.\n\n"
        "3. ALPHABET: A-L-P-H-A-B-E-T, 8 letters. Let me check 8 = 2 * 4 letters twice."
    )
    assert "Let me check 8" in chains[2].thinking


def test_bare_ordinals_listing_items_in_one_sentence_are_no_turn_to_questions():
    chains = _split(
        "For the first question, 3 * 60 = 180 minutes.\n\n"
        "For the second question, four sides of 9 make 36.\n\n"
        "For the third question, I number the letters of ALPHABET. The first is 1 (A) and the "
        "last is 8 (T), six letters between them, so 8 letters."
    )
    assert "six letters between" in chains[2].thinking
    assert "six letters between" not in chains[0].thinking
