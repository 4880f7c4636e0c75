"""Batch scaffolding leaves batched chains; the reasoning and single chains stay as written."""

from __future__ import annotations

from drqa.labeling.scaffold import clean_chain, remove_scaffolding

BATCHED = """Okay, let's tackle the second question now.
**Question 2:** Tom has 3 apples and buys 4 more.
For the second problem, 3 + 4 = 7. So he has 7 apples. The value 3.5 is not it.
Both questions are done. Moving on to Question 3.
Question 3: 5 times 6 is 30.
1. First step: add."""


def test_markers_lead_ins_and_other_questions_leave_the_chain():
    cleaned = remove_scaffolding(BATCHED, 3, 1)
    assert cleaned.text == (
        "Tom has 3 apples and buys 4 more.\n"
        "3 + 4 = 7. So he has 7 apples. The value 3.5 is not it.\n"
        "1. First step: add."
    )
    assert len(cleaned.edits) == 6
    assert "removed line 'Question 3: 5 times 6 is 30.'" in cleaned.edits


def test_answer_labels_lose_their_prefix_and_keep_the_value():
    text = "**Answer to Question 2:** $\\boxed{7}$\nAnswer 2: 7\n**2.** 7\nQ2: 7\nQ2 → 7\nQ1 -> 3"
    cleaned = remove_scaffolding(text, 2, 1)
    assert cleaned.text.split("\n") == ["$\\boxed{7}$", "7", "7", "7", "7"]
    assert cleaned.edits[-1] == "removed line 'Q1 -> 3'"  # the other question's answer line


def test_an_answer_table_keeps_only_this_questions_value():
    text = "Done.\n\n| Question | Answer |\n|---|---|\n| 1 | $84$ |\n| 2 | 7 |"
    assert remove_scaffolding(text, 2, 0).text == "Done.\n\n$84$"
    data = "| x | y |\n|---|---|\n| 1 | 2 |"  # a table of the reasoning itself stays
    assert remove_scaffolding(data, 2, 0).text == data


def test_single_question_chains_and_plain_math_are_unchanged():
    text = "Question 2 of the exam asks for 3 + 4.\nQ2: 7"
    assert remove_scaffolding(text, 1, 0).text == text
    plain = "We need 3 + 4 = 7.\n\n2. Then q2 = 5, so the answer is 7."
    assert remove_scaffolding(plain, 3, 0).text == plain
    assert remove_scaffolding(plain, 3, 0).edits == ()


def test_clean_chain_says_what_was_cut():
    chain = clean_chain("Thinking about it", "", batch_size=2, position=0,
                        truncation="in_thinking", shared_thinking=True)  # fmt: skip
    assert not chain.closed and chain.answer_section == ""
    assert chain.edits[0].startswith("cut from a response to 2 questions (question 1)")
    assert any("shared by all 2 questions" in e for e in chain.edits)
    assert any("no </think>" in e for e in chain.edits)
