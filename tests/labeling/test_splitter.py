"""Batched responses, written by us, for every form the splitter must handle."""

from __future__ import annotations

import pytest

from drqa.labeling import split_batched_response


def answers(text, n, **kwargs):
    return [c.answer for c in split_batched_response(text, n, **kwargs)]


def statuses(text, n, **kwargs):
    return [c.status for c in split_batched_response(text, n, **kwargs)]


MARKER_FORMS = {
    "Question k": "Question 1: we get \\boxed{7}\n\nQuestion 2: so \\boxed{12}",
    "Qk": "Q1: first part gives \\boxed{7}\nQ2: then \\boxed{12}",
    "Problem k": "**Problem 1.** It is \\boxed{7}.\n**Problem 2.** It is \\boxed{12}.",
    "bold number": "**1.** Adding gives \\boxed{7}\n\n**2.** Multiplying gives \\boxed{12}",
    "k)": "1) The sum is \\boxed{7}\n2) The product is \\boxed{12}",
    "numbered list": "1. The sum is \\boxed{7}\n2. The product is \\boxed{12}",
    "heading": "### 1\nThe sum is \\boxed{7}\n### 2\nThe product is \\boxed{12}",
    "ordinal words": "For the first question the answer is \\boxed{7}. "
    "For the second question the answer is \\boxed{12}.",
    "the first one": "For the first one, \\boxed{7}. And the second one: \\boxed{12}.",
    "German": "Frage 1: Die Summe ist \\boxed{7}\nFrage 2: Das Produkt ist \\boxed{12}",
    "Spanish ordinal": "La primera pregunta: \\boxed{7}\nLa segunda pregunta: \\boxed{12}",
    "Chinese": "第一题：答案是 \\boxed{7}\n第二题：答案是 \\boxed{12}",
    "batch prompting A[k]": "A[1]: The answer is 7.\nA[2]: The answer is 12.",
}


@pytest.mark.parametrize("form", sorted(MARKER_FORMS))
def test_marker_forms(form):
    text = "Let me think about both.\n</think>\n" + MARKER_FORMS[form]
    assert answers(text, 2) == ["7", "12"], form
    assert statuses(text, 2) == ["ok", "ok"]


def test_starts_inside_thinking_only_close_tag():
    text = "Question 1 is easy: 3+4=7. Question 2: 3*4=12.</think>Q1: \\boxed{7}\nQ2: \\boxed{12}"
    chains = split_batched_response(text, 2)
    assert [c.answer for c in chains] == ["7", "12"]
    assert "3+4=7" in chains[0].thinking and "3*4=12" in chains[1].thinking
    assert "3*4" not in chains[0].thinking


def test_reasoning_delivered_separately():
    chains = split_batched_response(
        "Question 1: \\boxed{7}\nQuestion 2: \\boxed{12}",
        2,
        reasoning="Question 1 first: 7. Now question 2: 12.",
    )
    assert [c.answer for c in chains] == ["7", "12"]
    assert chains[1].thinking.startswith("Now question 2")  # the lead-in goes with it


def test_truncated_in_thinking_gives_no_answers():
    text = "<think>Question 1: clearly \\boxed{7}. Question 2: hmm, 3*4 is"
    assert statuses(text, 2) == ["truncated", "truncated"]
    assert answers(text, 2) == [None, None]


def test_truncated_in_answer_keeps_given_answers():
    text = "thinking</think>Question 1: \\boxed{7}\nQuestion 2: the product is \\boxed{1"
    chains = split_batched_response(text, 2, truncated=True)
    assert [c.status for c in chains] == ["ok", "truncated"]
    assert chains[1].answer is None


def test_answers_out_of_order_with_labels():
    text = "</think>Answer to Question 2: 12\nAnswer to Question 1: 7"
    assert answers(text, 2) == ["7", "12"]


def test_restated_answer_last_one_counts():
    text = (
        "</think>Question 1: \\boxed{8}. Wait, I made an error; Question 1 corrected: \\boxed{7}\n"
    )
    text += "Question 2: \\boxed{12}"
    assert answers(text, 2) == ["7", "12"]


def test_answers_only_inside_the_thinking_never_count():
    """DESIGN "Reading model text": an answer that appears only in the thinking never counts."""
    text = "Question 1: so the answer is \\boxed{7}. Question 2: the answer is \\boxed{12}.</think>"
    text += "\nAll done."
    chains = split_batched_response(text, 2)
    assert [c.answer for c in chains] == [None, None]
    assert [c.status for c in chains] == ["missing", "missing"]
    assert "boxed{7}" in chains[0].thinking and "boxed{12}" in chains[1].thinking


def test_answers_without_boxes():
    assert answers("</think>Answer to Question 1: 7\nAnswer to Question 2: 42", 2) == ["7", "42"]


def test_all_answers_on_one_line():
    assert answers("</think>Answers: Q1: 7, Q2: 12, Q3: 5", 3) == ["7", "12", "5"]
    assert answers("</think>1) 7, 2) 12, 3) 5", 3) == ["7", "12", "5"]


def test_intermediate_boxes_in_reasoning_do_not_win():
    text = "Question 1: subtotal \\boxed{3}, total \\boxed{7}.\nQuestion 2: \\boxed{6} then 12."
    text += "</think>Question 1: \\boxed{7}\nQuestion 2: \\boxed{12}"
    assert answers(text, 2) == ["7", "12"]


def test_model_returns_to_an_earlier_question():
    text = "Question 1: 3+4 is 7. Question 2: 3*4 is 12. Back to question 1: check 3+4=7, yes."
    text += "</think>Question 1: \\boxed{7}\nQuestion 2: \\boxed{12}"
    chains = split_batched_response(text, 2)
    assert "check 3+4=7" in chains[0].thinking
    assert "check" not in chains[1].thinking


def test_final_answers_summary_overrides():
    text = "</think>Question 1: we get 8 ... wait, \\boxed{8}\nQuestion 2: \\boxed{12}\n\n"
    text += "**Final answers:**\n1. \\boxed{7}\n2. \\boxed{12}"
    assert answers(text, 2) == ["7", "12"]


def test_boxes_in_order_without_markers():
    chains = split_batched_response("</think>So \\boxed{7} and then \\boxed{12}.", 2)
    assert [c.answer for c in chains] == ["7", "12"]
    assert all(c.detail == "order" for c in chains)


def test_unsplittable_and_missing():
    assert statuses("</think>I solved them all: 7 12 5", 2) == ["unsplittable"] * 2
    assert statuses("</think>Question 1: \\boxed{7}\nQuestion 2: I could not solve it.", 2) == [
        "ok",
        "missing",
    ]


def test_single_question_is_the_whole_response():
    chain = split_batched_response("Thinking. Question 2 is mentioned.</think>\\boxed{7}", 1)[0]
    assert chain.answer == "7" and chain.status == "ok" and chain.position == 0
    assert "Question 2 is mentioned" in chain.reasoning


def test_n_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        split_batched_response("x", 0)


# Issue 9: batched forms that failed before (one row per bug).
def test_one_question_without_an_answer_leaves_the_others():
    skipped = "t</think>**Question 1:** \\boxed{6}\n\n**Question 3:** \\boxed{8}"
    assert answers(skipped, 3) == ["6", None, "8"]
    prose = "t</think>1. \\boxed{6}\n2. Because shorter wavelengths scatter more.\n3. \\boxed{8}"
    assert answers(prose, 3) == ["6", None, "8"]
    cut = (
        "t</think>**Question 1:** \\boxed{6}\n**Question 2:** \\boxed{8}\n**Question 3:** 4 \\times"
    )
    assert statuses(cut, 3) == ["ok", "ok", "truncated"]


@pytest.mark.parametrize(
    "heading", ["Answer {k}:", "### Answer {k}\n", "**Answer {k}:**", "Answer {k}.", "Answer {k})"]
)
def test_answer_k_headings_are_markers(heading):
    body = "\n".join(heading.format(k=k) + f" {v}" for k, v in ((1, 7), (2, 12), (3, 5)))
    assert answers("t</think>" + body, 3) == ["7", "12", "5"]


def test_ordinals_without_a_noun_cut_the_thinking():
    text = (
        "For the first, the perimeter of the square is 20.\n"
        "For the second, the area of the rectangle is 12.\n</think>"
        "For the first, \\boxed{20}. For the second, \\boxed{12}."
    )
    chains = split_batched_response(text, 2)
    assert [c.answer for c in chains] == ["20", "12"]
    assert "rectangle" not in chains[0].thinking and "square" not in chains[1].thinking


def test_problem_texts_anchor_segments_without_markers():
    problems = [
        "Janet buys 3 bags of rice at 2 dollars each. How much does she spend?",
        "A garden has 4 rows of 5 tulips. How many tulips are there?",
    ]
    text = (
        "Janet buys 3 bags of rice at 2 dollars each, so 6 dollars.\n"
        "A garden has 4 rows of 5 tulips, so 20 tulips.\n</think>\\boxed{6} and \\boxed{20}"
    )
    chains = split_batched_response(text, 2, problems=problems)
    assert "tulips" not in chains[0].thinking and "rice" not in chains[1].thinking
