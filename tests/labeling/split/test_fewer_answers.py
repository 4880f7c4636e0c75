"""Answer sections with fewer values than questions, one value for all, and a lead-in before
a "respectively" list: cases written for these tests, in their own wording."""

from __future__ import annotations

from drqa.labeling.split import split_batched_response
from drqa.labeling.split.positional import value_list

PROBLEMS = [
    "A tank holds 240 litres and drains 8 litres a minute. How long until it is empty?",
    "How many diagonals does a heptagon have?",
    "A recipe for 4 people uses 300 g of flour. How much for 10 people?",
]


def test_each_of_fewer_boxes_goes_to_the_question_its_clause_names():
    text = (
        "Working through them.</think>\n\nThe flour for ten people comes to $\\boxed{750}$ g, "
        "and the tank is empty after $\\boxed{30}$ minutes of draining."
    )
    chains = split_batched_response(text, 3, problems=PROBLEMS)
    assert [c.answer for c in chains] == ["30", None, "750"]
    assert chains[1].status == "missing"
    assert "flour" in chains[2].answer_section and "flour" not in chains[0].answer_section


def test_a_value_does_not_name_the_problem_whose_number_it_equals():
    problems = ["What is 6! / 4!?", "A bike costs $30 after a 40% sale. Price before?"]
    text = "x</think>\n- $6!/4! = 6 \\times 5 = \\boxed{30}$, the rest cancels."
    chains = split_batched_response(text, 2, problems=problems)
    assert [c.answer for c in chains] == ["30", None]


def test_one_value_stated_for_every_question():
    problems = ["What is 3 + 5?", "What is 2 * 4?"]
    text = "both</think>\n\nThe result for both is $\\boxed{8}$."
    assert [c.answer for c in split_batched_response(text, 2, problems=problems)] == ["8", "8"]


def test_a_respectively_list_after_a_lead_in():
    line = "Reading the three scales, the masses come out as $y = 2.5$, $4$ and $9$, respectively."
    assert value_list(line, 3) == ["y = 2.5", "4", "9"]


def test_comma_clauses_each_stating_a_value_in_another_order():
    problems = [
        "How many handshakes do 5 people make?",
        "A pool is 25 m long; how many metres are 8 lengths?",
        "How many faces does a tetrahedron have?",
    ]
    text = (
        "done</think>\nA tetrahedron has 4 faces, eight lengths of the pool make 200 metres, "
        "and the handshakes number 10."
    )
    chains = split_batched_response(text, 3, problems=problems)
    assert [c.answer for c in chains] == ["10", "200", "4"]


def test_the_one_value_naming_no_problem_answers_the_question_left():
    problems = [
        "A hiker walks 4.5 km/h for 3 hours. How far does she walk?",
        "Compute 9!/7!.",
    ]
    text = (
        "x</think>\nThe quick one first: 9! over 7! leaves 9·8 = **72**.\n\n"
        "As for the hiker, 4.5 km/h for 3 h comes to **13.5 km**."
    )
    chains = split_batched_response(text, 2, problems=problems)
    assert [c.answer for c in chains] == ["13.5", "72"]


def test_chinese_ordinals_with_a_measure_word_open_a_sentence():
    text = (
        "好的，有两道题。先看第一个：正方体有12条棱。\n\n第二个问题：2x = 10，所以 x = 5。\n"
        "</think>\n1. 12\n2. 5"
    )
    chains = split_batched_response(text, 2)
    assert "正方体" in chains[0].thinking and "正方体" not in chains[1].thinking
    assert not chains[0].shared_thinking


def test_one_prose_value_goes_to_the_question_its_words_name():
    problems = [
        "How many diagonals does an octagon have?",
        "A sphere has radius 3. What is its volume? Exact value.",
    ]
    text = "x</think>\nThe sphere's volume is $\\frac{4}{3}\\pi 3^3 = 36\\pi \\approx 113.1$."
    chains = split_batched_response(text, 2, problems=problems)
    assert [c.answer for c in chains] == [None, "36\\pi"]


def test_a_choice_named_in_bold_or_by_its_option_text():
    problems = [
        "Which is smallest? (A) 1/2 (B) 2/5 (C) 3/4",
        "Which is even? (A) 9 (B) 14 (C) 21",
    ]
    text = "x</think>\n1. Smallest is $\\frac{2}{5}$.\n2. It is 14, choice **B**."
    assert [c.answer for c in split_batched_response(text, 2, problems=problems)] == ["B", "B"]
