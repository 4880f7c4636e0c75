"""Revisits without a check cue, round 8 (labeling.split.revisits, labeling.split.grammar), in
wording and topics of their own: a reference early in a sentence that the sentence's topic
confirms, a bare number after a check cue in a response that labels its questions, and "the
answer N" that states a value rather than naming question N."""

from __future__ import annotations

from drqa.labeling.split import split_batched_response

PROBLEMS = [
    "A tank holds 240 litres. How many buckets of 12 litres fill it?",
    "What is the median of 3, 9, 4, 15, 8?",
    "How many edges does a hexagonal pyramid have?",
]
ANSWERS = (
    "</think>\n\nAnswer to Question 1: \\boxed{20}\n\nAnswer to Question 2: \\boxed{8}\n\n"
    "Answer to Question 3: \\boxed{12}"
)


def _split(thinking: str):
    return split_batched_response(thinking + ANSWERS, 3, problems=PROBLEMS)


def test_an_early_reference_confirmed_by_the_topic_turns_without_a_cue():
    chains = _split(
        "Question 1: 240 / 12 = 20 buckets.\n\nQuestion 2: sorted 3, 4, 8, 9, 15, median 8.\n\n"
        "Question 3: a hexagon base has 6 edges and 6 lateral edges, 12.\n\n"
        "Hmm, a final thought about question 1: the tank of 240 litres, buckets 12 each, so 20."
    )
    assert "a final thought" in chains[0].thinking
    assert "a final thought" not in chains[2].thinking


def test_an_early_reference_the_topic_does_not_confirm_stays():
    chains = _split(
        "Question 1: 240 / 12 = 20 buckets.\n\nQuestion 2: sorted 3, 4, 8, 9, 15, median 8.\n\n"
        "Question 3: a hexagon base has 6 edges and 6 lateral edges, 12.\n\n"
        "Hmm, just as in question 1 the count adds up: 6 + 6 edges, nothing left over."
    )
    assert "nothing left over" in chains[2].thinking


def test_a_possessive_reference_cites_a_value_and_turns_nowhere():
    chains = _split(
        "Question 1: 240 / 12 = 20 buckets.\n\nQuestion 2: sorted 3, 4, 8, 9, 15, median 8.\n\n"
        "Question 3: a hexagon base has 6 edges and 6 lateral edges, 12.\n\n"
        "I nearly wrote question 1's 240 litres here. The pyramid has 12 edges."
    )
    assert "nearly wrote" in chains[2].thinking


def test_a_check_cue_with_a_bare_number_and_a_period_turns_when_the_topic_agrees():
    chains = _split(
        "1. 240 / 12 = 20 buckets.\n\n2. sorted 3, 4, 8, 9, 15, median 8.\n\n"
        "3. a hexagon base has 6 edges and 6 lateral edges, 12.\n\n"
        "Let me verify 1. 240 litres over 12 per bucket: 20. Right."
    )
    assert "over 12 per bucket" in chains[0].thinking
    assert "over 12 per bucket" not in chains[2].thinking


def test_a_check_cue_with_a_number_that_is_a_value_stays():
    chains = _split(
        "1. 240 / 12 = 20 buckets.\n\n2. sorted 3, 4, 8, 9, 15, median 8.\n\n"
        "3. a hexagon base has 6 edges and 6 lateral edges, so 12.\n\n"
        "Let me verify 2. Six plus six is twelve edges, yes."
    )
    assert "Six plus six" in chains[2].thinking


def test_a_bare_number_check_turns_where_questions_are_labelled_by_name():
    chains = _split(
        "Question 1: 240 / 12 = 20 buckets.\n\nQuestion 2: sorted 3, 4, 8, 9, 15, median 8.\n\n"
        "Question 3: a hexagon base has 6 edges and 6 lateral edges, 12.\n\n"
        "Second look at 2: the middle of five sorted numbers is 8."
    )
    assert "middle of five" in chains[1].thinking
    assert "middle of five" not in chains[2].thinking


def test_the_answer_followed_by_a_number_is_a_value_not_a_question():
    chains = _split(
        "Question 1: 240 / 12 = 20 buckets.\n\nQuestion 2: sorted 3, 4, 8, 9, 15, median 8.\n\n"
        "Question 3: a hexagon base has 6 edges and 6 lateral edges, 12.\n\n"
        "Hmm, wait, was the answer 2 times 6 edges? Yes: 6 base edges and 6 lateral ones."
    )
    assert "2 times 6 edges" in chains[2].thinking
    assert "2 times 6 edges" not in chains[1].thinking


def test_the_next_sentence_may_confirm_an_early_reference():
    chains = _split(
        "Question 1: 240 / 12 = 20 buckets.\n\nQuestion 2: sorted 3, 4, 8, 9, 15, median 8.\n\n"
        "Question 3: a hexagon base has 6 edges and 6 lateral edges, 12.\n\n"
        "Hmm, a stray worry about question 1 keeps nagging at me for some reason. "
        "If a bucket held 24 litres instead, 240 litres would take 10 trips."
    )
    assert "stray worry" in chains[0].thinking
    assert "stray worry" not in chains[2].thinking


def test_go_back_over_a_question_later_in_a_paragraph_turns_to_it():
    chains = _split(
        "Question 1: 240 / 12 = 20 buckets.\n\nQuestion 2: sorted 3, 4, 8, 9, 15, median 8.\n\n"
        "Question 3: a hexagon base has 6 edges and 6 lateral edges, 12. "
        "I will go back over question 2 now. Middle value of five: 8."
    )
    assert "Middle value of five" in chains[1].thinking
    assert "Middle value of five" not in chains[2].thinking
