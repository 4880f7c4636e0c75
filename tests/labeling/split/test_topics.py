"""Topic overlap between a response and the batch's problems (labeling.split.topics): cases
written for these tests, in their own wording, one per mechanism."""

from __future__ import annotations

from drqa.labeling.split import split_batched_response
from drqa.labeling.split.topics import owned_tokens, topic_tokens


def test_words_share_a_stem_and_sentence_final_numbers_count():
    tokens = topic_tokens("The baker is baking; she bakes 75 rolls. Take 15% of 80.")
    assert tokens.count("bak") == 2 and "80" in tokens and "75" in tokens
    assert "rectángulo" in topic_tokens("Área del rectángulo")


def test_expression_shingles_tell_single_digit_problems_apart():
    owner = owned_tokens(["Evaluate 6^2 - 4^2.", "Add 1/7 and 3/7."])
    assert owner.get("6 ^ 2") == 1 and owner.get("1 / 7") == 2
    assert "6 ^ 2" in topic_tokens("so 6² is... wait, 6^2 = 36 and 4^2 = 16")
    assert not any(t.isdigit() and len(t) == 1 for t in topic_tokens("2 + 3 = 5"))


PARAGRAPHS = (
    "Fine, three short ones here.\n\n"
    "Evaluating 6^2 - 4^2: that is 36 - 16 = 20, or (6-4)(6+4) = 20.\n\n"
    "Moving along to the next.\n\n"
    "The owl population: 9 owls each night and the forest keeps 9 of them, so 9 x 9 = 81 owls.\n"
    "</think>\n\n1. 20\n2. 2/7\n3. 81"
)


def test_a_paragraph_with_no_topic_words_fills_the_question_between():
    problems = [
        "Evaluate 6^2 - 4^2.",
        "Add 1/7 and 1/7.",
        "An owl colony grows to 9 times its 9 nests. How many owls?",
    ]
    chains = split_batched_response(PARAGRAPHS, 3, problems=problems)
    assert [c.answer for c in chains] == ["20", "2/7", "81"]
    assert "(6-4)" in chains[0].thinking and "owl" not in chains[0].thinking
    assert "Moving along" in chains[1].thinking and "(6-4)" not in chains[1].thinking
    assert "owl" in chains[2].thinking and not chains[2].shared_thinking


def test_an_untitled_line_after_a_paragraph_stays_with_it():
    text = (
        "The kite's string is 50 m at 30 degrees: height 50 sin 30 = 25 m.\n\n"
        "Yes, that one checks.\n\n"
        "The canal lock fills 12 cubic metres per minute over 15 minutes: 180.\n"
        "</think>\n\n1. 25\n2. 180"
    )
    problems = [
        "A kite on a 50 m string flies at 30 degrees. How high is it?",
        "A canal lock fills at 12 cubic metres a minute for 15 minutes. Volume?",
    ]
    chains = split_batched_response(text, 2, problems=problems)
    assert "Yes, that one checks." in chains[0].thinking
    assert "canal" not in chains[0].thinking and "kite" not in chains[1].thinking


def test_a_paragraph_turning_back_to_another_question_by_topic_goes_there():
    problems = [
        "A kettle heats 1.5 litres of water from 20 to 100 degrees. How much energy?",
        "A gardener plants 6 rows of 14 tulips. How many tulips?",
    ]
    text = (
        "Question 1: the kettle needs 1.5 x 4200 x 80 = 504000 J.\n\n"
        "Question 2: the gardener has 6 x 14 = 84 tulips.\n\n"
        "Going back to the kettle: heating water from 20 to 100 degrees is 80 degrees, so the "
        "kettle energy stays 504 kJ.\n</think>\n1. 504000 J\n2. 84"
    )
    chains = split_batched_response(text, 2, problems=problems)
    assert "Going back to the kettle" in chains[0].thinking
    assert "kettle" not in chains[1].thinking


def test_a_paragraph_far_more_about_another_question_goes_there():
    problems = [
        "What is 17% of 300?",
        "How many positive divisors does 48 have?",
        "Evaluate 3^0 + 3^1.",
    ]
    text = (
        "Let me begin with the third one, it is quickest: 3^0 + 3^1 = 1 + 3 = 4.\n\n"
        "Then the first: 17% of 300 is 51, since 10% is 30 and 7% is 21.\n\n"
        "Second: divisors of 48 = 2^4 * 3, so (4+1)(1+1) = 10 divisors.\n</think>\n"
        "1. 51\n2. 10\n3. 4"
    )
    chains = split_batched_response(text, 3, problems=problems)
    assert "17%" in chains[0].thinking and "divisors" not in chains[0].thinking
    assert "divisors" in chains[1].thinking and "17%" not in chains[1].thinking
    assert "3^0" in chains[2].thinking


def test_one_sentence_of_thinking_is_cut_at_its_clauses():
    problems = [
        "A baker sells 7 pies at 3 dollars. Takings?",
        "A fence has 9 posts 2 m apart. Length?",
    ]
    text = "Pies bring 21, the fence is 16 m.</think>\n1. 21\n2. 16"
    chains = split_batched_response(text, 2, problems=problems)
    assert "Pies" in chains[0].thinking and "fence" not in chains[0].thinking
    assert "fence" in chains[1].thinking and not chains[1].shared_thinking
