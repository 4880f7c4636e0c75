"""A complying answer section (``Answer to Question k:``) with a later line turning to another
question: a correction or a note belongs to the question it names. Own wording and topics."""

from __future__ import annotations

from drqa.labeling.split import split_batched_response

PROBLEMS = [
    "A car uses 6 litres of fuel per 100 km. How much fuel for 250 km?",
    "What is the sum of the interior angles of a pentagon in degrees?",
    "How many seconds are there in 7 minutes?",
]
HEAD = (
    "done</think>\n\n"
    "Answer to Question 1: 2.5 x 6 gives \\boxed{15} litres.\n\n"
    "Answer to Question 2: (5 - 2) x 180 = \\boxed{540}.\n\n"
    "Answer to Question 3: 7 x 60 = \\boxed{410} seconds.\n\n"
)


def test_a_correction_after_the_last_section_corrects_the_question_it_names():
    text = HEAD.replace("410", "420").replace("\\boxed{15}", "\\boxed{12}")
    text += "Note on Question 1: I slipped; the fuel is 2.5 x 6 = \\boxed{15} litres.\n"
    chains = split_batched_response(text, 3, problems=PROBLEMS)
    assert [c.answer for c in chains] == ["15", "540", "420"]
    assert "fuel" in chains[0].answer_section and "fuel" not in chains[2].answer_section


def test_a_turn_that_states_no_value_keeps_the_answer_but_moves_its_text():
    text = HEAD.replace("410", "420") + "Going back to problem 2: a pentagon has five sides.\n"
    chains = split_batched_response(text, 3, problems=PROBLEMS)
    assert [c.answer for c in chains] == ["15", "540", "420"]
    assert "five sides" in chains[1].answer_section
    assert "five sides" not in chains[2].answer_section


def test_a_question_named_mid_line_stays_in_its_section():
    text = HEAD.replace("410", "420").replace(
        "= \\boxed{540}.", "= \\boxed{540}, more than Question 1 by far."
    )
    chains = split_batched_response(text, 3, problems=PROBLEMS)
    assert [c.answer for c in chains] == ["15", "540", "420"]


def test_an_ordinal_deep_in_a_long_sentence_opens_no_question():
    problems = [
        "How many ways can 3 of 7 books be put on a shelf in order?",
        "How many 3-digit codes use different digits?",
        "What is 5 + 5?",
    ]
    text = (
        "For the first, 7 x 6 x 5 = 210 arrangements of the books.\n\n"
        "For the second, the codes: any of the 10 digits can lead the code, but each later "
        "digit of the code must differ from all the earlier digits, so for the first one "
        "there are 10 choices, then 9, then 8.\n\nMultiplying out: 10 x 9 x 8 = 720 codes.\n\n"
        "For the third, 5 + 5 = 10.\n"
        "</think>\n\n1. \\boxed{210}\n2. \\boxed{720}\n3. \\boxed{10}\n"
    )
    chains = split_batched_response(text, 3, problems=problems)
    assert [c.answer for c in chains] == ["210", "720", "10"]
    assert "Multiplying" in chains[1].thinking and "Multiplying" not in chains[0].thinking


def test_a_cjk_ordinal_with_the_measure_word_for_questions_opens_its_question():
    problems = ["What is 6 x 7?", "What is 100 - 37?"]
    text = (
        "第一道：六乘七，等于 42。检查一下没错。\n\n第二道：一百减三十七，等于 63。\n"
        "</think>\n\n(1) \\boxed{42}\n(2) \\boxed{63}\n"
    )
    chains = split_batched_response(text, 2, problems=problems)
    assert [c.answer for c in chains] == ["42", "63"]
    assert "检查" in chains[0].thinking and "一百" in chains[1].thinking
    assert "一百" not in chains[0].thinking


def test_thinking_naming_every_question_but_the_first_gives_the_first_what_precedes():
    problems = ["What is 2/3 of 9?", "How many legs do 5 ants have?", "What is 11 squared?"]
    text = (
        "Two thirds of 9: a third is 3, times two is 6.\n\n"
        "Hmm, double-check: 9 / 3 = 3, 3 x 2 = 6. Fine.\nNow the second one: ants have 6 legs, "
        "so 5 ants have 30.\n\nYes, 30.\nNow the third one: 11 x 11 = 121.\n"
        "</think>\n\n1. \\boxed{6}\n2. \\boxed{30}\n3. \\boxed{121}\n"
    )
    chains = split_batched_response(text, 3, problems=problems)
    assert [c.answer for c in chains] == ["6", "30", "121"]
    assert "double-check" in chains[0].thinking and "double-check" not in chains[1].thinking
