"""Chain purity, round 7 (labeling.split): forms of interleaved thinking the blind sets unseen7 and
unseen8 showed, each tested here in its own wording and topics: a lone ordinal before a word that
leaves it standing ("re-check the third with a calculator"), ..."""

from __future__ import annotations

from drqa.labeling.split import split_batched_response

PROBLEMS = [
    "A recipe needs 250 grams of flour per loaf. How much flour do 4 loaves need, in grams?",
    "How many vertices does a hexagonal prism have?",
    "What is the remainder when 100 is divided by 7?",
]
ANSWERS = (
    "</think>\n\nAnswer to Question 1: \\boxed{1000}\nAnswer to Question 2: \\boxed{12}\n"
    "Answer to Question 3: \\boxed{2}"
)


def _split(thinking: str, problems=PROBLEMS, answers=ANSWERS):
    return split_batched_response(thinking + answers, len(problems), problems=problems)


def test_a_lone_ordinal_before_a_preposition_names_the_question_it_checks():
    chains = _split(
        "Three of them.\n\nFor the first question, 4 loaves at 250 grams is 1000 grams of flour."
        "\n\nFor the second question, a hexagonal prism has two hexagons, 6 + 6 = 12 vertices."
        "\n\nFor the third question, 7 * 14 = 98, so the remainder is 2.\n\n"
        "Let me re-check the first with another method: half a kilo makes 2 loaves, so 4 loaves "
        "take a kilo of flour."
    )
    assert "half a kilo" in chains[0].thinking
    assert "half a kilo" not in chains[2].thinking


def test_an_ordinal_before_a_noun_names_no_question():
    chains = _split(
        "For the first question, 4 loaves at 250 grams is 1000 grams.\n\n"
        "For the second question, 12 vertices.\n\nFor the third question, 98 = 7 * 14 so the "
        "remainder is 2. Let me check the first digit of 98 is a 9 with the second digit 8."
    )
    assert "first digit" in chains[2].thinking


def test_a_list_of_n_bullets_before_the_answers_goes_item_by_item_to_its_questions():
    response = (
        "Working each out.\n</think>\n\nThe reasoning for each:\n\n"
        "- Four loaves at 250 grams of flour each need 1000 grams.\n"
        "- A hexagonal prism has two hexagons of 6 vertices: 12 vertices.\n"
        "- The remainder is then 2.\n\n"
        "**Final answers:**\n1. \\boxed{1000}\n2. \\boxed{12}\n3. \\boxed{2}"
    )
    chains = split_batched_response(response, 3, problems=PROBLEMS)
    assert [c.answer for c in chains] == ["1000", "12", "2"]
    assert "loaves" in chains[0].reasoning and "hexagons" not in chains[0].reasoning
    assert "hexagons" in chains[1].reasoning and "is then 2" in chains[2].reasoning


def test_bullets_that_are_steps_of_one_question_stay_with_it():
    response = (
        "Working each out.\n</think>\n\nFor the flour:\n\n"
        "- one loaf takes 250 grams of flour\n- two loaves take 500 grams\n"
        "- four loaves take 1000 grams of flour\n\n"
        "**Final answers:**\n1. \\boxed{1000}\n2. \\boxed{12}\n3. \\boxed{2}"
    )
    chains = split_batched_response(response, 3, problems=PROBLEMS)
    assert "two loaves" in chains[0].reasoning and "loaves" not in chains[1].reasoning


def test_a_numbered_recap_closing_the_thinking_is_no_cut_of_it():
    chains = _split(
        "Let me begin with the baking one. Each loaf takes 250 grams of flour, and there are 4 "
        "loaves, so the flour comes to 1000 grams.\n\n"
        "The prism now. A hexagonal prism has a hexagon on top and one at the bottom, each with "
        "6 vertices, so 12 vertices in all.\n\n"
        "Last, 100 divided by 7: 7 * 14 = 98, so the remainder is 2.\n\n"
        "So:\n1. 1000\n2. 12\n3. 2"
    )
    assert "flour comes to" in chains[0].thinking and "hexagon on top" not in chains[0].thinking
    assert "hexagon on top" in chains[1].thinking and "the remainder is" in chains[2].thinking


def test_a_sentence_opening_on_a_problem_s_topic_turns_to_it_without_a_noun():
    chains = _split(
        "Question 1: 4 loaves at 250 grams of flour is 1000 grams.\n\n"
        "Question 2: a hexagonal prism has 12 vertices.\n\n"
        "Question 3: 100 divided by 7 is 14 with remainder 2.\n\n"
        "And for the loaves, once more: 250 + 250 + 250 + 250 grams makes 1000 grams of flour."
    )
    assert "once more" in chains[0].thinking and "once more" not in chains[2].thinking


def test_a_sequence_going_on_from_the_first_question_is_a_first_pass_before_revisits():
    chains = _split(
        "Three to do.\n\nStarting with the first question: 4 loaves of 250 grams is 1000 grams.\n\n"
        "Second, a hexagonal prism: two hexagons, 12 vertices.\n\n"
        "Third, 100 = 98 + 2 with 98 = 7 * 14, remainder 2.\n\n"
        "For the first one, to be careful: one loaf 250, four loaves four times that, so 1000 "
        "grams of flour, no doubt about it, and no other reading of the question makes sense.\n\n"
        "For the second one, a prism over a hexagon has 6 top corners and 6 bottom corners, and "
        "nothing else, so the vertex count is twelve.\n\n"
        "And the third one, 7 * 14 = 98 and 100 - 98 = 2, a remainder of 2 is below 7, fine."
    )
    assert "two hexagons" in chains[1].thinking and "two hexagons" not in chains[0].thinking
    assert "98 + 2" in chains[2].thinking and "top corners" in chains[1].thinking


def test_steps_counted_inside_the_first_question_are_no_pass_over_the_others():
    chains = _split(
        "For the first question:\nSecond, multiply 250 grams by 4 loaves.\nThird, that gives 1000 "
        "grams.\n\nFor the second question, a hexagonal prism has 12 vertices.\n\n"
        "For the third question, 100 = 7 * 14 + 2."
    )
    assert "multiply 250" in chains[0].thinking and "that gives 1000" in chains[0].thinking


def test_a_heading_naming_a_question_after_a_few_words_cuts_the_answers_out_of_order():
    response = (
        "Both done.\n</think>\n\n**Working for the second question:**\n\nA hexagonal prism has "
        "\\(6 + 6\\) vertices.\n\n\\[\\boxed{12}\\]\n\n**Working for the first question:**\n\n"
        "\\(4 \\times 250\\) grams.\n\n\\[\\boxed{1000}\\]"
    )
    chains = split_batched_response(response, 2, problems=PROBLEMS[:2])
    assert [c.answer for c in chains] == ["1000", "12"]
    assert "hexagonal" in chains[1].reasoning and "hexagonal" not in chains[0].reasoning


def test_a_sentence_naming_a_question_on_its_own_line_is_no_heading():
    response = (
        "Done.\n</think>\n\nQuestion 1: 4 loaves take \\boxed{1000} grams\n\n"
        "Question 2: it has \\boxed{12} vertices, the same count as in the second problem\n"
    )
    chains = split_batched_response(response, 2, problems=PROBLEMS[:2])
    assert [c.answer for c in chains] == ["1000", "12"]


def test_a_piece_pointing_back_to_its_working_with_only_a_given_states_no_answer():
    response = (
        "4 * 250 = 1000 grams. A hexagonal prism: 12 vertices. 100 = 7 * 14 + 2.\n</think>\n\n"
        "Answer to Question 1: \\boxed{1000}\n\n"
        "Answer to Question 2: The vertices of the hexagonal prism, which I calculated earlier.\n\n"
        "Answer to Question 3: Dividing 100 by 7, as found above.\n"
    )
    chains = split_batched_response(response, 3, problems=PROBLEMS)
    assert [c.answer for c in chains] == ["1000", None, None]


def test_a_piece_pointing_back_that_states_its_own_value_keeps_it():
    response = (
        "Working.\n</think>\n\nAnswer to Question 1: \\boxed{1000}\n\n"
        "Answer to Question 2: \\boxed{12}\n\n"
        "Answer to Question 3: As found above, the remainder is 2.\n"
    )
    chains = split_batched_response(response, 3, problems=PROBLEMS)
    assert chains[2].answer == "2"


def test_a_numbered_list_of_the_answers_after_the_work_belongs_to_no_chain():
    chains = _split(
        "Question 1: 4 loaves of 250 grams of flour make 1000 grams.\n\n"
        "Question 2: a hexagonal prism has 12 vertices.\n\n"
        "Question 3: 100 = 7 * 14 + 2, remainder 2.\n\n"
        "Going over them once more:\n1. 1000 grams\n2. 12 corners\n3. 2 left over\n\nAll good.",
        answers=ANSWERS.replace("boxed{12}\nAnswer to Question 3: \\boxed{12}", "boxed{12}\n"
                                "Answer to Question 3: \\boxed{2}"),
    )  # fmt: skip
    assert not any("12 corners" in c.thinking or "1000 grams\n" in c.thinking for c in chains)
    assert "4 loaves" in chains[0].thinking and "remainder 2" in chains[2].thinking


def test_answers_listed_after_a_summary_cue_belong_to_no_chain():
    chains = _split(
        "For the first, 4 * 250 = 1000 grams of flour.\n\nFor the second, the hexagonal prism "
        "has 12 vertices.\n\nFor the third, 100 - 98 = 2.\n\nSo the answers are:\n\n"
        "Flour: 1000 g.\n\nVertices: 12.\n\nRemainder: 2.",
        answers=ANSWERS.replace("boxed{12}\nAnswer to Question 3: \\boxed{12}", "boxed{12}\n"
                                "Answer to Question 3: \\boxed{2}"),
    )  # fmt: skip
    assert not any("Vertices: 12" in c.thinking or "Flour: 1000" in c.thinking for c in chains)


def test_a_numbered_list_that_is_the_only_thinking_stays_with_its_questions():
    chains = _split(
        "1. 4 * 250 = 1000.\n\n2. 6 + 6 = 12.\n\n3. 100 - 98 = 2.",
        answers=ANSWERS.replace("boxed{12}\nAnswer to Question 3: \\boxed{12}", "boxed{12}\n"
                                "Answer to Question 3: \\boxed{2}"),
    )  # fmt: skip
    assert "4 * 250" in chains[0].thinking and "6 + 6" in chains[1].thinking


def test_a_turn_by_topic_is_not_held_back_by_numbers_the_current_problem_also_has():
    problems = [
        "A tank holds 12 litres and loses 3 litres an hour. After how many hours is it empty?",
        "Two dice give 36 outcomes. What is the probability of rolling two sixes?",
    ]
    answers = "</think>\n\nAnswer to Question 1: \\boxed{4}\nAnswer to Question 2: \\boxed{1/36}"
    chains = _split(
        "Question 1: 12 / 3 = 4 hours.\n\nQuestion 2: each die shows a six with chance 1/6, so "
        "both do with (1/6)(1/6) = 1/36. And back to the tank: in 36 hours it would lose 108 "
        "litres, far more than its 12.",
        problems,
        answers,
    )
    assert "lose 108" in chains[0].thinking and "lose 108" not in chains[1].thinking


def test_a_second_look_at_a_question_turns_to_it():
    chains = _split(
        "Question 1: 4 loaves of 250 grams is 1000 grams.\n\n"
        "Question 2: the hexagonal prism has 12 vertices.\n\n"
        "Question 3: 100 = 7 * 14 + 2, so 2.\n\n"
        "Time for a closer look at question 1: is it 250 grams per loaf or per batch? Per loaf."
    )
    assert "per batch" in chains[0].thinking and "per batch" not in chains[2].thinking


def test_a_check_of_both_roots_names_no_problem_that_says_both():
    problems = [
        "Solve x^2 - 5x + 6 = 0 and give the larger root.",
        "Two coins are tossed. What is the probability that both show heads?",
    ]
    answers = "</think>\n\nAnswer to Question 1: \\boxed{3}\nAnswer to Question 2: \\boxed{1/4}"
    chains = _split(
        "Problem 1: x^2 - 5x + 6 = (x - 2)(x - 3), roots 2 and 3.\n\n"
        "Squaring nothing here, but I should check both.\n\n"
        "x = 3: 9 - 15 + 6 = 0. Fine.\n\nProblem 2: heads twice is 1/2 * 1/2 = 1/4.",
        problems,
        answers,
    )
    assert "check both" in chains[0].thinking and "check both" not in chains[1].thinking


def test_answers_boxed_in_the_thinking_close_the_work_of_each_question_in_turn():
    chains = _split(
        "I need the flour for 4 loaves at 250 grams each. That is 4 * 250 = 1000 grams.\n\n"
        "So the flour needed is \\boxed{1000} grams.\n\n"
        "Now the solid with two six-sided ends. Each end has 6 corners, so 12 in all.\n\n"
        "**Final Answer**\n\\boxed{12}\n\n"
        "Then I divide: 7 * 14 = 98, and 100 - 98 = 2 is left over, the remainder.",
        answers=ANSWERS.replace("boxed{12}\nAnswer to Question 3: \\boxed{12}", "boxed{12}\n"
                                "Answer to Question 3: \\boxed{2}"),
    )  # fmt: skip
    assert "six-sided ends" in chains[1].thinking and "six-sided ends" not in chains[0].thinking
    assert "98 = 2" not in chains[1].thinking and "left over" in chains[2].thinking


def test_boxes_inside_one_question_s_work_are_no_boundaries():
    chains = _split(
        "One loaf takes 250 grams of flour: \\boxed{250}.\n\n"
        "Two loaves take 500 grams of flour: \\boxed{500}.\n\n"
        "So 4 loaves take 1000 grams of flour.\n\n"
        "Question 2: the hexagonal prism has 12 vertices.\n\nQuestion 3: remainder 2."
    )
    assert "Two loaves" in chains[0].thinking and "Two loaves" not in chains[1].thinking
