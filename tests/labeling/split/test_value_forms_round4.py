"""Value forms of the fourth round: a list item of a negative value ("- -2"), an option named by
its number ("option (4)"), a number spelled out at the end of its sentence. Written for these
tests, in their own wording and topics."""

from __future__ import annotations

from drqa.labeling.split import split_batched_response
from drqa.labeling.split.extract import answer_value
from drqa.labeling.split.values import piece_value
from drqa.labeling.split.words import closing_spelled


def answers(section: str, problems: list[str]) -> list[str | None]:
    text = "Done.</think>\n\n" + section
    return [c.answer for c in split_batched_response(text, len(problems), problems=problems)]


def test_a_bullet_before_a_negative_value_is_no_part_of_it():
    problems = ["Solve 2x + 9 = 1.", "What is -3 + 1.25?", "What is the slope of y = 7 - 2x?"]
    section = "In order:\n\n* -4\n- −1.75\n- - 2 (falling line)\n"
    assert answers(section, problems) == ["-4", "-1.75", "-2"]
    assert piece_value("- 8 (a plain item)")[0] == "8"  # one dash is the bullet only


def test_an_option_named_by_its_number_or_letter_gives_its_label():
    assert answer_value("option (4)") == "4"
    assert answer_value("Choice **(1)**") == "1"
    assert answer_value("alternative C") == "C"
    assert answer_value("options") == "options"
    assert answer_value("(3, 4)") == "(3, 4)"


def test_a_sentence_closing_on_a_spelled_number_states_it_after_the_digits():
    assert closing_spelled("Halving 18 and taking away 2 leaves seven.", None) == "7"
    assert closing_spelled("After 5 rounds the total is twenty-two points.", None) == "22"
    assert closing_spelled("The value is 9, which has one digit.", None) is None
    assert closing_spelled("Cut 3 times, each piece into two.", None) is None  # not stated
    assert closing_spelled("The bill is $12 for three pens and two pads.", None) is None


def test_a_sentence_of_words_needs_a_counting_problem():
    count = "How many ways can 4 books stand on a shelf?"
    assert closing_spelled("They can stand in twenty-four ways.", count) == "24"
    assert closing_spelled("They can stand in twenty-four ways.", "What is 4!?") is None
    problems = ["How many ways can 4 books stand on a shelf?", "What is 6 squared, minus 1?"]
    section = (
        "**Books:** the shelf can be filled in twenty-four ways.\n\n"
        "**Square:** 6 times 6 is 36, and one less than that is thirty-five."
    )
    assert answers(section, problems) == ["24", "35"]


def test_a_result_line_after_the_working_states_the_piece_value():
    problems = ["How far does a car go in 3 hours at 40 km/h?", "What is 3 cubed minus 2?"]
    section = (
        "**Car.** distance = speed x time, with speed \\(40\\) km/h.\n\n"
        "**Final:** \\(120\\) km\n\n"
        "**Cube.** Step one: \\(3^3 = 27\\).\nStep two: \\(27 - 2\\) → **25**\n"
    )
    assert answers(section, problems) == ["120", "25"]


def test_a_result_line_before_the_statement_does_not_override_it():
    piece = "Result: unclear at first.\nQ2: 14 after checking"
    assert piece_value(piece, "14 after checking")[0] == "14"


def test_a_recap_after_the_answers_wins_and_a_later_mention_of_it_opens_none():
    problems = ["What is 6 x 7?", "How many days are in a leap year?"]
    section = (
        "Answer to Question 1: \\boxed{42}\n\nAnswer to Question 2: \\boxed{365}\n\n"
        "**Recap:** Q1 = 42, Q2 = 366.\n(Q2 is fixed in the recap: a leap year adds a day.)"
    )
    assert answers(section, problems) == ["42", "366"]
    silent = "**Sheep.** 6 x 7 = 42.\n\n**Calendar.** 365 days.\n\n**Summary:** 42, 366."
    assert answers(silent, problems) == ["42", "366"]


def test_an_unasked_bonus_answer_after_the_requested_layout_belongs_to_none():
    problems = ["What is 6 x 7?", "How many days are in a leap year?"]
    section = (
        "Answer to Question 1: \\boxed{42}\n\nAnswer to Question 2: \\boxed{366}\n\n"
        "Answer to Question 3 (an extra, for fun): a common year has \\boxed{365}."
    )
    text = "Done.</think>\n\n" + section
    chains = split_batched_response(text, 2, problems=problems)
    assert [c.answer for c in chains] == ["42", "366"]
    assert chains[1].layout == "requested" and "for fun" not in chains[1].answer_section


def test_a_closing_list_of_footnotes_is_no_sentence_cut_midway():
    problems = ["What is 6 x 7?", "How many days are in a leap year?"]
    section = (
        "**Product.** Six sevens[1] make **42**.\n\n**Leap year.** One day more[2]: **366**.\n\n"
        "Notes:\n[1] repeated addition\n[2] the Gregorian rule"
    )
    text = "Done.</think>\n\n" + section
    chains = split_batched_response(text, 2, problems=problems)
    assert [(c.answer, c.status) for c in chains] == [("42", "ok"), ("366", "ok")]
    cut = "Done.</think>\n\n**Product.** **42**.\n\n**Leap year.** One day more, so"
    assert split_batched_response(cut, 2, problems=problems)[1].status == "truncated"


def test_an_answer_citing_another_question_is_no_label_of_that_question():
    problems = ["What is 3 + 5?", "What is 4 x 4?", "How many legs do 2 spiders have?"]
    section = (
        "Answers:\n\n1. 3 + 5 = **8**\n"
        "2. 4 x 4 is 16, which happens to be twice my answer to problem 1, so **16**\n"
        "3. Problem 1's answer again, as each spider has eight: **16**\n"
    )
    assert answers(section, problems) == ["8", "16", "16"]


def test_an_answer_label_with_a_possessive_still_labels():
    problems = ["What is 3 + 5?", "What is 4 x 4?"]
    section = "Question 1's answer: **8**\n\nMy answer to question 2: **16**\n"
    assert answers(section, problems) == ["8", "16"]


def test_a_fraction_in_words_is_its_value():
    assert [answer_value(v) for v in ("two fifths", "a quarter", "five halves")] == [
        "2/5",
        "1/4",
        "5/2",
    ]
    assert answer_value("the fifth") == "the fifth"  # an ordinal alone is no fraction
    problems = ["What share of 12 eggs is 3 eggs?", "What is 9 - 4?"]
    section = "**Eggs:** 3 of the 12 is one quarter.\n\n**Difference:** **5**"
    assert answers(section, problems) == ["1/4", "5"]


def test_a_negative_in_words_and_dash_or_dot_separators():
    assert [answer_value(v) for v in ("negative seven", "minus twelve", "minus")] == [
        "-7",
        "-12",
        "minus",
    ]
    problems = ["What is 1 - 8?", "What is 2 + 2?"]
    assert answers("Q1 — -7\nQ2 — 4", problems) == ["-7", "4"]
    assert answers("So: Q1: −7 · Q2: 4", problems) == ["-7", "4"]


def test_a_short_label_before_a_bare_value_is_no_part_of_it():
    problems = ["How many faces has a cube?", "Solve y - 2 = -9."]
    assert answers("- Cube faces: 6\n- y: -7", problems) == ["6", "-7"]
    assert (
        piece_value("Note: the result is 6 (checked)", "Note: the result is 6 (checked)")[0] == "6"
    )


def test_a_line_listing_the_values_in_words_gives_them_in_order():
    problems = ["How many legs has a spider?", "What is 7 - 10?", "How many days in a week?"]
    assert answers("In the order asked: eight; negative three; seven.", problems) == [
        "8",
        "-3",
        "7",
    ]
