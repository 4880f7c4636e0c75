"""Cut-off answer sections are truncated, and never take their answer from the thinking."""

from __future__ import annotations

import pytest

from drqa.labeling import split_batched_response

CUT = [
    "so the answer is 12</think>The speed is \\frac{\\text{d}}{\\text{t}} = \\frac{",
    "so the answer is 12</think>1. The total is 3.\n4. The cost",
    "so the answer is 12</think>Jason has \\boxed{25",
    "so the answer is 12</think>",
    "so the answer is 12</think>   \n",
    "so the answer is 12</think>Adding these, the total is \\( 80 + 80",
]


@pytest.mark.parametrize("text", CUT)
def test_cut_off_answer_section_is_truncated_not_taken_from_thinking(text):
    chain = split_batched_response(text, 1, starts_in_thinking=True)[0]
    assert chain.status == "truncated" and chain.answer is None
    assert chain.truncation and chain.answer_source == ""


def test_issue_example_with_finish_reason_length():
    chain = split_batched_response(
        "...so the answer is 12</think>The product is \\boxed{1", 1, truncated=True
    )[0]
    assert (chain.status, chain.answer, chain.truncation) == ("truncated", None, "unclosed_box")


def test_truncated_by_length_never_takes_the_thinking_answer():
    chain = split_batched_response("so 12</think>Let me now write it up", 1, truncated=True)[0]
    assert chain.status == "truncated" and chain.answer is None


def test_an_answer_only_in_the_thinking_never_counts():
    chain = split_batched_response("so the answer is \\boxed{12}</think>All done.", 1)[0]
    assert (chain.status, chain.answer, chain.answer_source) == ("missing", None, "")
    chain = split_batched_response("the total is 12 marbles.</think>That settles it.", 1)[0]
    assert chain.answer is None and "12 marbles" in chain.thinking
    chain = split_batched_response(
        "ferries: 6 x 8</think>The ferry carries **48 cars** in all.", 1
    )[0]
    assert (chain.status, chain.answer, chain.answer_source) == ("ok", "48", "answer-section")


def test_answer_section_source_recorded():
    chain = split_batched_response("think</think>So \\boxed{12}.", 1)[0]
    assert (chain.answer, chain.answer_source, chain.truncation) == ("12", "answer-section", "")


def test_batched_cut_off_affects_only_the_cut_question():
    text = (
        "Question 1: 3+4=7. Question 2: 3*4=12. Question 3: 2+2=4.</think>"
        "**Question 1:** \\boxed{7}\n**Question 2:** the product is \\boxed{1"
    )
    chains = split_batched_response(text, 3)
    assert [c.status for c in chains] == ["ok", "truncated", "truncated"]
    assert [c.answer for c in chains] == ["7", None, None]
    assert chains[1].truncation == "unclosed_box"


def test_batched_cut_off_never_uses_thinking_answers():
    text = "Question 1: \\boxed{7}. Question 2: \\boxed{12}.</think>Question 1: so 7 and then"
    chains = split_batched_response(text, 2)
    assert [c.status for c in chains] == ["truncated", "truncated"]


def test_batched_empty_answer_section_is_truncated():
    text = "Question 1: \\boxed{7}. Question 2: \\boxed{12}.</think>\n"
    assert [c.status for c in split_batched_response(text, 2)] == ["truncated"] * 2


def test_real_cut_off_traces_are_truncated(shared_traces):
    from drqa.text import cut_off_reason, split_sections

    cut = []
    for record in shared_traces.values():
        if record["_file"] != "reasoning_traces" or "</think>" not in record["response"]:
            continue
        if cut_off_reason(split_sections(record["response"]).answer):
            cut.append(record)
    assert 55 <= len(cut) <= 80  # the issue counted 74 by eye; 67 read as cut off here
    for record in cut:
        chain = split_batched_response(record["response"], 1, starts_in_thinking=True)[0]
        assert chain.status == "truncated" and chain.answer is None, record["id"]


def test_worked_answer_stopping_on_a_step_is_truncated():
    text = "so the answer is 90</think>**Revenue:**\n- 2x4 boards: 10 * 15 = 150\n- 4x4 boards: 5 *"
    chain = split_batched_response(text, 1)[0]
    assert chain.status == "truncated" and chain.answer is None
    text = "so \\boxed{90}</think>Steps:\n1. Revenue is 270.\n2. Cost of 2x4 boards is 100."
    chain = split_batched_response(text, 1)[0]
    assert (chain.status, chain.truncation) == ("truncated", "no_conclusion")


def test_a_cut_response_with_no_tags_that_opens_in_self_talk_is_unclosed_thinking():
    text = (
        "Alright, let me work out the ladder first. 13 squared minus 5 squared is 144, so 12."
        "\n\nNow the"
    )
    for n in (1, 2):
        chains = split_batched_response(text, n, truncated=True)
        assert {(c.status, c.truncation, c.answer) for c in chains} == {
            ("truncated", "in_thinking", None)
        }
    answers = "**Question 1:** the ladder reaches \\boxed{12}.\n\n**Question 2:** the slope is"
    chains = split_batched_response(answers, 2, truncated=True)
    assert [c.answer for c in chains] == ["12", None]
    finished = split_batched_response("Okay, the total is \\boxed{12}.", 1)[0]
    assert finished.answer == "12"  # not cut: an answer written without tags


def test_a_length_stop_on_a_bare_number_cuts_the_last_answer():
    text = "sums done</think>\n1. **81**\n2. **40**\n3. 1"
    chains = split_batched_response(text, 3, truncated=True)
    assert [(c.answer, c.status) for c in chains][:2] == [("81", "ok"), ("40", "ok")]
    assert (chains[2].answer, chains[2].status, chains[2].truncation) == (
        None,
        "truncated",
        "length",
    )
    finished = split_batched_response(text + "0", 3)
    assert finished[2].answer == "10"


def test_a_section_naming_one_question_answers_only_that_one():
    text = "all worked above</think>\n**Question 2:** $\\boxed{64}$"
    chains = split_batched_response(text, 3)
    assert [c.answer for c in chains] == [None, "64", None]


def test_a_price_followed_by_delimited_math_on_its_line_is_not_open_math():
    from drqa.text import cut_off_reason

    done = "A 20% tip on $45 comes to 0.2 x 45 = \\(\\boxed{9}\\) dollars."
    assert cut_off_reason(done) is None
    assert cut_off_reason("A 20% tip is $0.2 \\times 45 =") is not None  # math cut off
