"""Chain purity of interleaved thinking (labeling.split.revisits): text that works another
question moves to it, wherever the model wrote it. Cases written for these tests, in their own
wording and topics, one per mechanism."""

from __future__ import annotations

from drqa.labeling.split import split_batched_response

PROBLEMS = [
    "A garden hose fills a 60 litre barrel in 5 minutes. How many litres per minute?",
    "How many edges does a cube have?",
    "What is 15% of 80?",
]
ANSWERS = (
    "</think>\n\nAnswer to Question 1: \\boxed{12}\nAnswer to Question 2: \\boxed{12}\n"
    "Answer to Question 3: \\boxed{12}"
)


def _split(thinking: str, problems=PROBLEMS, answers=ANSWERS):
    return split_batched_response(thinking + answers, len(problems), problems=problems)


def test_a_revisit_naming_a_question_by_ordinal_word_moves_to_it():
    chains = _split(
        "Three to do.\n\nFirst: 60 litres in 5 minutes is 12 litres each minute.\n\n"
        "Second: a cube has 12 edges.\n\nThird: 15% of 80 is 0.15 * 80 = 12.\n\n"
        "Let me re-verify the first: the barrel holds 60, the hose runs 5 minutes, 60/5 = 12."
    )
    assert "barrel holds" in chains[0].thinking and "barrel holds" not in chains[2].thinking
    assert "0.15 * 80" in chains[2].thinking


def test_a_revisit_naming_a_question_by_number_moves_to_it_and_back_again():
    chains = _split(
        "Question 1: 60 / 5 = 12 litres per minute.\n\nQuestion 2: 12 edges on a cube.\n\n"
        "Hmm, let me reconsider question 1. Litres per minute means 60 litres over 5 minutes.\n\n"
        "Question 3: 0.15 times 80 is 12."
    )
    assert "Litres per minute means" in chains[0].thinking
    assert "Litres per minute means" not in chains[1].thinking
    assert "12 edges" in chains[1].thinking and "0.15 times" in chains[2].thinking


def test_a_revisit_naming_a_question_by_its_topic_moves_to_it():
    chains = _split(
        "Problem 1: 60/5 = 12.\n\nProblem 2: the cube has 12 edges.\n\n"
        "Problem 3: 15% of 80 is 12.\n\n"
        "Wait, let me double check the barrel one. The hose gives 12 litres a minute, so in 5 "
        "minutes 60 litres. Right."
    )
    assert "barrel one" in chains[0].thinking and "barrel one" not in chains[2].thinking


def test_an_aside_that_works_a_later_question_early_moves_to_it():
    chains = _split(
        "Problem 1: 60/5 = 12 litres each minute.\n\n"
        "Oh, and for problem 3, 15% of 80: ten percent is 8, five percent 4, so 12.\n\n"
        "Problem 2: a cube has 12 edges.\n\nProblem 3: as found, 12."
    )
    assert "ten percent is 8" in chains[2].thinking
    assert "ten percent is 8" not in chains[0].thinking


def test_a_sentence_naming_several_questions_is_a_recap_not_a_turn():
    chains = _split(
        "Problem 1: 60/5 = 12.\n\nProblem 2: 12 edges.\n\nProblem 3: 15% of 80 = 12.\n\n"
        "So the first and the second and the third are all 12. Funny."
    )
    assert "all 12" in chains[2].thinking


def test_a_topic_word_in_working_with_no_check_cue_does_not_turn():
    chains = _split(
        "Problem 1: 60/5 = 12.\n\nProblem 2: 12 edges.\n\n"
        "Problem 3: 15% of 80 is 12, like the number of cube edges, nice coincidence."
    )
    assert "cube edges" in chains[2].thinking


def test_a_paragraph_working_two_questions_sentence_by_sentence_is_cut_between_them():
    problems = ["What is 13 squared?", "How many faces does a dodecahedron have?"]
    chains = split_batched_response(
        "Two easy ones. 13 squared is 169. A dodecahedron has 12 faces.\n\nDone: 169 and 12."
        "</think>\n\nAnswer to Question 1: \\boxed{169}\nAnswer to Question 2: \\boxed{12}",
        2,
        problems=problems,
    )
    assert "13 squared is 169" in chains[0].thinking
    assert "dodecahedron" not in chains[0].thinking
    assert "dodecahedron" in chains[1].thinking and "squared" not in chains[1].thinking


def test_a_paragraph_with_an_unclear_sentence_stays_whole():
    problems = ["What is 13 squared?", "How many faces does a dodecahedron have?"]
    chains = split_batched_response(
        "Two easy ones. 13 squared is 169. A dodecahedron has 12 faces, squared is not needed."
        "\n\nDone: 169 and 12.</think>\n\nAnswer to Question 1: \\boxed{169}\n"
        "Answer to Question 2: \\boxed{12}",
        2,
        problems=problems,
    )
    assert "13 squared is 169. A dodecahedron" in chains[0].thinking


def test_chinese_revisit_with_a_check_word_moves_to_its_question():
    problems = ["一个正方形边长 6 厘米，周长是多少？", "汽车每小时行 50 千米，3 小时行多少千米？"]
    chains = split_batched_response(
        "第一题，正方形周长 = 4 × 6 = 24 厘米。\n\n第二题，汽车 50 × 3 = 150 千米。\n\n"
        "再检查第一题：边长 6，四条边，24 厘米，没错。</think>\n\n"
        "Answer to Question 1: \\boxed{24}\nAnswer to Question 2: \\boxed{150}",
        2,
        problems=problems,
    )
    assert "四条边" in chains[0].thinking and "四条边" not in chains[1].thinking


def test_a_paragraph_opening_close_on_a_reference_turns_to_it_but_a_comparison_does_not():
    chains = _split(
        "Problem 1: 60/5 = 12.\n\nSo, in problem 3 the percent: 0.15 * 80 = 12 as well.\n\n"
        "Problem 2: a cube has 12 edges.\nLike in problem 1, the count is twelve.\n\n"
        "Problem 3: done above."
    )
    assert "0.15 * 80" in chains[2].thinking and "0.15 * 80" not in chains[0].thinking
    assert "Like in problem 1" in chains[1].thinking


def test_a_topic_word_checked_again_in_another_form_names_its_question():
    problems = [
        "How many integers from 1 to 50 inclusive are multiples of 7?",
        "What is the cube root of 343?",
    ]
    chains = split_batched_response(
        "Problem 1: 7, 14, ..., 49: seven multiples.\n\nProblem 2: 7^3 = 343, so 7.\n\n"
        "One more check on the inclusion of 50: 50 is not a multiple of 7, still seven."
        "</think>\n\nAnswer to Question 1: \\boxed{7}\nAnswer to Question 2: \\boxed{7}",
        2,
        problems=problems,
    )
    assert "inclusion of 50" in chains[0].thinking
    assert "inclusion of 50" not in chains[1].thinking


def test_a_latex_fraction_and_a_slash_fraction_are_one_formula():
    from drqa.labeling.split.topics import owned_tokens, topic_tokens

    owner = owned_tokens([r"Evaluate 2 + \dfrac{3}{5}.", "Evaluate 2 + 7/9."])
    assert owner.get("3 / 5") == 1 and owner.get("7 / 9") == 2
    assert "3 / 5" in topic_tokens("so 2 + 3/5 = 13/5")


def test_answer_prose_working_two_questions_is_cut_between_their_sections():
    problems = ["How many legs do 7 spiders have?", "What is the area of a circle of radius 3?"]
    chains = split_batched_response(
        "Spiders first, then the circle.</think>\n\n"
        "Seven spiders with 8 legs each have 56 legs. The circle's area is 9\\pi.\n\n"
        "So the answers are 56 and 9\\pi.",
        2,
        problems=problems,
    )
    assert [c.answer for c in chains] == ["56", "9\\pi"]
    assert "circle's area" not in chains[0].answer_section
    assert "circle's area" in chains[1].answer_section


def test_answer_paragraphs_in_another_order_than_asked_go_to_their_sections():
    problems = ["How many legs do 7 spiders have?", "What is the area of a 4 by 5 rectangle?"]
    chains = split_batched_response(
        "Both quick.</think>\n\nThe rectangle, 4 by 5, has area **20**.\n\n"
        "And the spiders: 7 spiders times 8 legs is **56**.",
        2,
        problems=problems,
    )
    assert [c.answer for c in chains] == ["56", "20"]
    assert "spiders" in chains[0].answer_section and "rectangle" not in chains[0].answer_section
    assert "rectangle" in chains[1].answer_section and "spiders" not in chains[1].answer_section


def test_a_factorial_is_no_sentence_end_and_latex_operators_are_operators():
    from drqa.labeling.split.revisits import SENTENCE
    from drqa.labeling.split.topics import topic_tokens

    assert not SENTENCE.search("since 7! = 7 * 6 * 5!, the ratio is 42")
    assert "3 * √" in topic_tokens(r"\sqrt{3} \times \sqrt{12}")


def test_a_question_named_by_its_nickname_and_again_moves_to_it():
    chains = _split(
        "Problem 1: 60/5 = 12.\n\nProblem 2: the cube has 12 edges.\n\n"
        "Problem 3: 15% of 80 is 12.\n\n"
        "Thinking about the barrel problem again: the hose runs 5 minutes for 60 litres."
    )
    assert "barrel problem again" in chains[0].thinking
    assert "barrel problem again" not in chains[2].thinking


def test_the_responses_own_labels_in_another_script_name_their_question_again():
    problems = [
        "연필 한 자루가 300원입니다. 연필 4자루는 얼마입니까?",
        "정육면체의 꼭짓점은 몇 개입니까?",
    ]
    chains = split_batched_response(
        "좋아, 두 문제.\n\n첫째 문제: 300 × 4 = 1200원.\n\n둘째 문제: 꼭짓점은 8개.\n\n"
        "다시 보면, 첫째 문제는 300원짜리 4자루라서 1200원이 맞다.</think>\n\n"
        "Answer to Question 1: \\boxed{1200}\nAnswer to Question 2: \\boxed{8}",
        2,
        problems=problems,
    )
    assert "1200원이 맞다" in chains[0].thinking and "1200원이 맞다" not in chains[1].thinking


def test_a_worked_list_of_every_question_before_the_final_answers_goes_item_by_item():
    problems = [
        "How many legs do 7 spiders have?",
        "What is the area of a 4 by 5 rectangle?",
        "How many minutes are in 3 hours?",
    ]
    chains = split_batched_response(
        "Quick ones.</think>\n\nWorking:\n\n1. Seven spiders, 8 legs each: 56.\n"
        "2. The rectangle: 4 * 5 = 20.\n3. Three hours of 60 minutes: 180.\n\n"
        "**Final answers**\n**Q1:** 56\n**Q2:** 20\n**Q3:** 180",
        3,
        problems=problems,
    )
    assert [c.answer for c in chains] == ["56", "20", "180"]
    assert "rectangle" not in chains[0].answer_section
    assert "rectangle" in chains[1].answer_section and "minutes" in chains[2].answer_section
