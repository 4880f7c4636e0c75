"""Answer sections laid out as data in less common shapes: a table with one column per
question, ``key: value`` lines (YAML), a numbered list counted from 0. Written for these tests,
in their own wording and topics."""

from __future__ import annotations

from drqa.labeling.split import split_batched_response
from drqa.labeling.split.structured import key_value_answers, table_answers

PROBLEMS = [
    "A shop sells pens at 3 for $2. How much do 12 pens cost?",
    "How many faces does a cube have?",
    "What is the greatest common divisor of 84 and 36?",
]


def test_a_table_with_one_column_per_question_reads_its_answer_row():
    text = (
        "all done</think>\n\n"
        "| | Problem 1 | Problem 2 | Problem 3 |\n"
        "|---|---|---|---|\n"
        "| Working | 12 / 3 x 2 | count them | Euclid |\n"
        "| Result | $8 | 6 | 12 |\n"
    )
    chains = split_batched_response(text, 3, problems=PROBLEMS)
    assert [c.answer for c in chains] == ["8", "6", "12"]


def test_a_transposed_table_without_an_answer_row_name_reads_its_first_row():
    table = "| Q1 | Q2 |\n|:-:|:-:|\n| 4 | 9 |\n| (even) | (square) |"
    assert table_answers(table, 2) == {1: "4", 2: "9"}


def test_a_header_of_bare_numbers_is_no_question_row():
    table = "| x | 1 | 2 | 3 |\n|---|---|---|---|\n| f(x) | 5 | 7 | 9 |"
    assert table_answers(table, 3) == {}


def test_key_value_lines_drop_their_comments():
    block = "```yaml\nresults:\n  q1: 8     # 4 packs of 2\n  q2: 6     # 2 x 3 faces\n  q3: 12\n"
    block += "```"
    assert key_value_answers(block, 3) == {1: "8", 2: "6", 3: "12"}
    chains = split_batched_response("worked out</think>\n\n" + block, 3, problems=PROBLEMS)
    assert [c.answer for c in chains] == ["8", "6", "12"]


def test_key_value_lines_need_two_questions_and_short_values():
    assert key_value_answers("answer_1: 7", 2) == {}
    prose = "Q1: the shop charges two dollars for every three pens bought today\nQ2: 6"
    assert key_value_answers(prose, 2) == {}
    assert key_value_answers("Problem 1: 7\nProblem 2: 9", 2) == {}  # a label, not a key


def test_a_list_numbered_from_zero_names_questions_one_to_n():
    text = (
        "Quick ones.</think>\n\nIn order, counting from zero:\n\n"
        "0. Pens: 12 pens are 4 groups of 3, so **8** dollars\n"
        "1. Cube: **6** faces\n"
        "2. GCD of 84 and 36: **12**\n"
    )
    chains = split_batched_response(text, 3, problems=PROBLEMS)
    assert [c.answer for c in chains] == ["8", "6", "12"]
    assert "Cube" in chains[1].answer_section and "GCD" not in chains[1].answer_section


def test_a_list_from_one_is_not_shifted_by_a_zero_elsewhere():
    text = "x</think>\n\n0 problems were skipped:\n\n1. **8**\n2. **6**\n3. **12**"
    chains = split_batched_response(text, 3, problems=PROBLEMS)
    assert [c.answer for c in chains] == ["8", "6", "12"]


def test_a_phrase_value_in_unicode_math_reads_as_latex():
    text = "x</think>\n\n(1) Result: 3√7 (units)\n\n(2) Result: 12π (cm)\n"
    chains = split_batched_response(text, 2, problems=["Root?", "Circle?"])
    assert [c.answer for c in chains] == ["3\\sqrt{7}", "12\\pi"]


def test_a_title_line_ending_on_its_colon_states_no_value():
    problems = ["A circle has radius 2. Find its area.", "A square has side 3. Find its area."]
    text = (
        "x</think>\n\n**Shape 1 (circle):**\nArea = π × 2² = **4π**\n\n"
        "**Shape 2 (square):**\nArea = 3 × 3 = **9**\n"
    )
    chains = split_batched_response(text, 2, problems=problems)
    assert [c.answer for c in chains] == ["4\\pi", "9"]


def test_rows_of_delimited_data_give_the_answers():
    from drqa.labeling.split.structured import delimited_answers

    assert delimited_answers("id,value\n1,14\n2,3/8\n3,no", 3) == {1: "14", 2: "3/8", 3: "no"}
    assert delimited_answers("1\t5\n2\t-2", 2) == {1: "5", 2: "-2"}
    assert delimited_answers("1, 2, 3 and 4 are small\n2, 5", 2) == {}  # prose, not rows
    assert delimited_answers("1,14\n3,9", 3) == {}  # question 2 has no row
