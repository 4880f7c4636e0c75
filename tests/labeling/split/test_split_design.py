"""The one-design splitter (issue 17): requested layout, grammar, values, fallback seam.

New cases written for these tests, in forms the issue lists (interleaving, out of order,
Chinese thinking, declines, answers only in the thinking, cut answer sections, prose ordinals).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drqa.labeling.lexicon import declines, numeral_value
from drqa.labeling.split import split_batched_response, split_with_grammar
from drqa.labeling.split.fallback import check_with_judge
from drqa.labeling.split.layout import requested_layout
from drqa.labeling.split.values import piece_value

LAYOUT = (
    "Thinking about both.</think>\n"
    "Answer to Question 1: eight plus five. \\boxed{13}\n"
    "**Answer to Question 2:** seven squared. \\boxed{49}\n"
)


def test_requested_layout_is_parsed_strictly_and_recorded():
    chains = split_batched_response(LAYOUT, 2)
    assert [c.answer for c in chains] == ["13", "49"]
    assert {c.layout for c in chains} == {"requested"} and chains[0].confidence >= 0.8
    assert requested_layout("Answer to Question 2: \\boxed{1}\nAnswer to Question 1: x", 2) is None
    other = split_batched_response("x</think>Question 1: \\boxed{13}\nQuestion 2: \\boxed{49}", 2)
    assert {c.layout for c in other} == {"grammar"}


def test_lexicon_reads_every_numeral_family():
    assert [numeral_value(t) for t in ("2", "second", "zweite", "второй", "二", "iii", "②")] == [
        2, 2, 2, 2, 2, 3, 2,
    ]  # fmt: skip
    assert declines("I could not solve this one, sorry.") and not declines("It is 12.")


def test_values_come_from_math_verify_extraction():
    assert piece_value("so 3 + 4 = 7 apples.")[0] == "7"
    assert piece_value("It is $\\frac{1}{2}$.")[0] == "\\frac{1}{2}"
    assert piece_value("I could not solve this one.") == (None, "declined")


def test_grammar_out_of_order_interleaved_and_declined():
    text = (
        "问题1：先算 8+5=13。\n\nQuestion 2: seven squared is 49.\n\n"
        "Going back to question 1, yes 13 is right.\n\nThird question: no idea.\n</think>\n"
        "**Question 2:** \\boxed{49}\n**Question 1:** \\boxed{13}\n"
        "**Question 3:** I could not solve this one."
    )
    chains = split_with_grammar(text, 3)
    assert [c.answer for c in chains] == ["13", "49", None]
    assert "Going back to question 1" in chains[0].thinking
    assert "Going back" not in chains[1].thinking
    assert chains[2].status == "missing"


def test_an_answer_only_in_the_thinking_never_counts():
    text = "Question 1: \\boxed{4}. Question 2: \\boxed{9}.</think>I answered above."
    assert [c.answer for c in split_with_grammar(text, 2)] == [None, None]


def test_a_cut_answer_section_keeps_the_answers_before_the_cut():
    text = "x</think>Answer to Question 1: \\boxed{5}\nAnswer to Question 2: it is \\boxed{1"
    chains = split_batched_response(text, 2, truncated=True)
    assert [c.status for c in chains] == ["ok", "truncated"] and chains[1].answer is None


def test_the_split_judge_seam_routes_disagreement_to_review():
    chains = split_with_grammar("a</think>The answers are 3 and 4.", 2)
    assert [c.answer for c in chains] == ["3", "4"]
    agreed = check_with_judge(chains, lambda text, n, problems: ["3", "4"], "t", ["p", "q"], 0.9)
    assert {c.layout for c in agreed} == {"model"} and min(c.confidence for c in agreed) >= 0.6
    disagreed = check_with_judge(chains, lambda text, n, problems: ["3", "5"], "t", ["p", "q"], 0.9)
    assert {c.confidence for c in disagreed} == {0.0}
    confident = check_with_judge(chains, lambda *a: ["9", "9"], "t", ["p", "q"], 0.1)
    assert confident == chains  # above the threshold the judge is not asked


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet="Qq1234 .:*#()\n第二题①ab</think>\\boxed{}", max_size=300),
    st.integers(1, 5),
)
def test_any_text_gives_exactly_n_chains(text, n):
    chains = split_batched_response(text, n, problems=["apples and pears"] * n)
    assert len(chains) == n and [c.position for c in chains] == list(range(n))
    assert all(0.0 <= c.confidence <= 1.0 for c in chains)
