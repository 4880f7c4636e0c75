"""Round-3 mechanisms of the batched splitter (issue 17), each in wording and topics of its own:
values written in words, yes/no answers after a restated question, a statement that restates
its problem, n values on one line whatever separates them (a program's output included), and
labels that name several questions at once."""

from __future__ import annotations

import pytest

from drqa.labeling.split import split_batched_response
from drqa.labeling.split.merged import merged_pieces
from drqa.labeling.split.positional import value_list
from drqa.labeling.split.values import answer_value, piece_value
from drqa.labeling.split.words import (
    asks_or_restates,
    asks_yes_no,
    counted,
    spelled_in_prose,
    spelled_number,
    verdict,
    word_value,
)


@pytest.mark.parametrize(
    ("text", "digits"),
    [("seven", "7"), ("Fifteen", "15"), ("forty-two", "42"), ("one hundred and five", "105"),
     ("two thousand", "2000"), ("drei", "3"), ("zero", "0")],
)  # fmt: skip
def test_spelled_numbers_read_as_digits(text, digits):
    assert spelled_number(text) == digits
    assert answer_value(f"\\text{{{text}}}") == digits


def test_words_that_are_no_number_stay_words():
    assert spelled_number("Saturn") is None and spelled_number("a dozen eggs") is None
    assert word_value("ninety students") == "90"
    assert word_value("true") == "true" and word_value("the tallest of them") is None


def test_bold_number_words_answer_each_question():
    problems = [
        "A pizza is cut into 8 slices and 5 are eaten. How many slices remain?",
        "How many legs do 4 spiders have in total?",
    ]
    text = (
        "Quick ones.</think>\n\n**First.** Eight slices minus the five eaten leaves **three** "
        "slices.\n\n**Second.** Each spider has eight legs, so together they have "
        "**thirty-two** legs."
    )
    assert [c.answer for c in split_batched_response(text, 2, problems=problems)] == ["3", "32"]


def test_a_restated_question_is_no_answer_a_bold_verdict_after_it_is():
    problems = ["Is 221 divisible by 13?", "Can a triangle have two right angles?"]
    text = (
        "ok</think>\n\n## Question 1: Is 221 divisible by 13?\n\n13 x 17 = 221.\n\n**Yes**\n\n"
        "## Question 2: Can a triangle have two right angles?\n\nThe angles would already sum "
        "to 180 degrees.\n\n**False**"
    )
    chains = split_batched_response(text, 2, problems=problems)
    assert [c.answer for c in chains] == ["Yes", "False"]


def test_a_statement_restating_its_problem_is_read_past():
    problem = "Write 3/20 as a percentage."
    assert asks_or_restates("Problem: Write 3/20 as a percentage.", problem)
    assert not asks_or_restates("It is 15 percent.", problem)
    piece = "Write 3/20 as a percentage.\nSolution: 3/20 = 15/100 = **15%**"
    assert piece_value(piece, "Write 3/20 as a percentage.", problem=problem)[0] == "15%"


@pytest.mark.parametrize(
    ("line", "n", "values"),
    [("Results: 12 / 5/6 / -4", 3, ["12", "5/6", "-4"]),
     ("9 | 0.25 | 14", 3, ["9", "0.25", "14"]),
     ("81 2/9 -7 3.5", 4, ["81", "2/9", "-7", "3.5"]),
     ("5 / 8", 2, []),  # one fraction, not two answers
     ("there are 4 cats here", 2, [])],
)  # fmt: skip
def test_n_values_on_one_line_whatever_separates_them(line, n, values):
    assert value_list(line, n) == values


def test_a_program_output_line_gives_the_answers_in_order():
    problems = [
        "How many ways can 5 books be arranged on a shelf?",
        "What is the remainder when 100 is divided by 7?",
    ]
    text = (
        "Let me just run it.</think>\n\nA quick check in Python:\n\n```python\nimport math\n"
        "print(math.factorial(5), 100 % 7)  # two results\n```\n\nwhich prints\n\n```\n120 2\n```"
    )
    chains = split_batched_response(text, 2, problems=problems)
    assert [c.answer for c in chains] == ["120", "2"]


def test_slash_separated_answer_line():
    problems = ["What is 9 squared?", "What is 1/2 + 1/3?", "What is 10 - 17?"]
    text = "All quick.</think>\n\nFinal: 81 / 5/6 / -7"
    chains = split_batched_response(text, 3, problems=problems)
    assert [c.answer for c in chains] == ["81", "5/6", "-7"]


def test_a_range_label_with_one_value_for_each_question():
    text = "1) 14\n2-4) 3, 9 and 27\n5) 0"
    found = merged_pieces(text, 5)
    assert [(k, v) for k, _, _, v in found] == [(1, "14"), (2, "3"), (3, "9"), (4, "27"), (5, "0")]


def test_a_pair_label_with_one_value_shared():
    problems = ["How many edges has a tetrahedron?", "What is 4!?", "What is 2 * 3?",
                "How many faces has a cube?"]  # fmt: skip
    text = (
        "done</think>\n\n**Problems 1 & 3:** both come to $\\boxed{6}$\n\n"
        "**Problem 2:** $\\boxed{24}$\n\n**Problem 4:** $\\boxed{6}$"
    )
    chains = split_batched_response(text, 4, problems=problems)
    assert [c.answer for c in chains] == ["6", "24", "6", "6"]
    assert "Problem 2" in chains[1].answer_section


def test_labels_that_do_not_cover_every_question_are_no_merged_cut():
    assert merged_pieces("1. 4\n2-3. 7\n", 4) == []  # question 4 is never named
    assert merged_pieces("1. 4\n2. 7\n", 2) == []  # no label names two questions


def test_a_yes_no_problem_takes_the_verdict_not_a_number_of_the_working():
    problems = ["Does 7 divide 343?", "What is 12 * 11?"]
    text = "fine</think>\n\n1) 343 = 7 x 49, so yes.\n2) 132"
    assert [c.answer for c in split_batched_response(text, 2, problems=problems)] == ["yes", "132"]
    assert verdict("It has no factor below 10, so no.") == "no"
    assert verdict("There is no remainder left at all") is None  # a determiner, no verdict
    assert verdict("5² + 12² = 13², so yes, it is a right triangle.") == "yes"
    assert verdict("so no more coins are left") is None
    assert asks_yes_no("True or false: every square is a rectangle.")
    assert not asks_yes_no("How many squares are there?")


def test_a_spelled_number_a_verb_states_in_prose():
    assert spelled_in_prose("The farmer now has twenty-four sheep.") == "24"
    assert counted("So there are six left.", "How many eggs remain?") == "6"
    assert counted("A hexagon has six sides.", "What is the angle sum of a hexagon?") is None
    assert spelled_in_prose("It is divisible by three, as the digits show.") is None
    assert spelled_in_prose("The garden has 12 rows.") is None  # digits: read as a number


def test_values_in_words_listed_on_one_line():
    problems = ["How many days are in a fortnight?", "Is 0 an even number?"]
    text = "sure</think>\n\nThe answers are fourteen and yes."
    assert [c.answer for c in split_batched_response(text, 2, problems=problems)] == ["14", "yes"]
    assert value_list("Final: 6 | no | 1/2", 3) == ["6", "no", "1/2"]


def test_a_box_of_words_reads_its_words():
    problems = ["Is 2 the only even prime?", "What is 5 + 6?"]
    text = "ok</think>\n\n$\\boxed{\\text{True}}$ and $\\boxed{11}$"
    assert [c.answer for c in split_batched_response(text, 2, problems=problems)] == ["True", "11"]


def test_a_label_glued_to_its_value_on_one_line():
    problems = ["What is 6 * 7?", "What is 50 / 2?"]
    text = "ok</think>\n\nQ1=42, Q2=25"
    assert [c.answer for c in split_batched_response(text, 2, problems=problems)] == ["42", "25"]


def test_the_requested_layout_reads_a_sentence_after_its_heading():
    problems = ["What is the ratio of 12 to 8 in lowest terms?", "How long is 90 minutes?"]
    text = (
        "ok</think>\n\nAnswer to Question 1: The ratio simplifies to 3/2.\n\n"
        "Answer to Question 2: 1 hour 30 minutes (that is, 1.5 h)"
    )
    chains = split_batched_response(text, 2, problems=problems)
    assert [c.answer for c in chains] == ["3/2", "1 hour 30 minutes"]
    assert chains[0].layout == "requested"


def test_an_answer_label_line_is_its_value_as_written_unless_a_sentence():
    assert piece_value(" Neptune, the outermost\nIt is far.", "Neptune, the outermost",
                       labelled=True)[0] == "Neptune, the outermost"  # fmt: skip
    assert piece_value(" The sum is 40.", "The sum is 40.", labelled=True)[0] == "40"
    same = "Same as the first one, 9 (3 squared)"
    assert piece_value(same, same, labelled=True)[0] != "Same"


def test_topic_labelled_lines_in_another_order_go_to_their_problems():
    problems = [
        "A cyclist rides 45 km in 1.5 hours. What is her average speed in km/h?",
        "How many diagonals does an octagon have?",
        "What is the simple interest on $500 at 4% for 3 years?",
    ]
    text = "ok</think>\n\n- Octagon: 20\n- Interest: 60 dollars\n- Cyclist: 30 km/h"
    chains = split_batched_response(text, 3, problems=problems)
    assert [c.answer for c in chains] == ["30", "20", "60"]
    assert "Octagon" in chains[1].answer_section and "Octagon" not in chains[0].answer_section


def test_prose_values_in_another_order_pass_over_the_problems_numbers():
    problems = [
        "A square has sides of 7 m. What is its area?",
        "How many multiples of 4 lie between 1 and 50?",
        "Ben reads 15 pages a day. How many pages in 6 days?",
    ]
    text = (
        "ok</think>\n\nBen gets through 90 pages in those 6 days, the square covers 49 m², "
        "and there are 12 multiples of 4 between 1 and 50."
    )
    chains = split_batched_response(text, 3, problems=problems)
    assert [c.answer for c in chains] == ["49", "12", "90"]


def test_a_result_after_an_arrow_is_the_value():
    assert piece_value("2, 3, 5, 7 → 4", "2, 3, 5, 7 → 4")[0] == "4"
    assert piece_value("3 × 5 ⇒ 15", "3 × 5 ⇒ 15")[0] == "15"


def test_bold_values_in_prose_go_to_the_problem_named_before_each():
    problems = ["What is the perimeter of a 6 by 4 rectangle?", "Lena buys 5 pens at $2. Cost?"]
    text = "ok</think>\n\nLena pays **$10** and the rectangle's perimeter is **20**."
    assert [c.answer for c in split_batched_response(text, 2, problems=problems)] == ["20", "10"]


def test_a_struck_value_is_retracted():
    assert answer_value("~~17~~ 19") == "19"
    problems = ["What is 11 + 8?", "What is 4 * 4?"]
    text = "ok</think>\n\n1. ~~18~~ 19\n2. 16"
    assert [c.answer for c in split_batched_response(text, 2, problems=problems)] == ["19", "16"]


def test_a_later_labelled_line_corrects_a_key_value_answer():
    problems = ["What is 7 * 8?", "What is 90 / 6?", "What is 33 - 19?"]
    text = "ok</think>\n\nQ1: 56\nQ2: 15\nQ3: 13\n\nFixed Q3: 14"
    assert [c.answer for c in split_batched_response(text, 3, problems=problems)] == [
        "56",
        "15",
        "14",
    ]


def test_a_placeholder_statement_declines():
    problems = ["What is 5 + 5?", "What is the area of the shaded region?", "What is 3 * 3?"]
    for placeholder in ("N/A", "unknown", "TBD", "?"):
        text = f"ok</think>\n\n1. 10\n2. {placeholder}\n3. 9"
        chains = split_batched_response(text, 3, problems=problems)
        assert [c.answer for c in chains] == ["10", None, "9"]
    assert piece_value("Let the unknown be x, so x = 4.", "Let the unknown be x, so x = 4.")[0]
