"""Prose answer values (labeling.split.values): cases written for these tests, in their own
wording, one per mechanism."""

from __future__ import annotations

from drqa.labeling.split.values import piece_value


def test_a_bold_value_is_the_conclusion_its_sentence_marks():
    line = "4 crates x 1.5 kg = **6 kg** (the 0.5 kg lids left out)."
    assert piece_value(line, line)[0] == "6"
    line = "**Step 3:** so the fence needs $3 \\times 14 = \\mathbf{42}$ posts."
    assert piece_value(line, line)[0] == "42"
    assert (
        piece_value("**Gears**: 8 teeth turn **24** times.", "Gears**: 8 teeth turn **24** times.")[
            0
        ]
        == "24"
    )


def test_a_value_is_read_before_the_reason_given_for_it():
    assert piece_value("The smallest such n is 12, because 11 leaves a remainder.")[0] == "12"
    assert piece_value("Its height comes to 9 (three rows of 3).")[0] == "9"
    assert piece_value("The mean is about 4.33 \\approx 4.3")[0] == "4.3"


def test_an_approximation_keeps_the_exact_form_unless_it_rounds_a_decimal():
    assert (
        piece_value("So the volume is $\\frac{4}{3}\\pi \\approx 4.19$.")[0] == "\\frac{4}{3}\\pi"
    )
    assert piece_value("Rounded: $0.4567 \\approx 0.46$")[0] == "0.46"


def test_a_unicode_minus_and_an_algebraic_item_read_as_written():
    assert (
        piece_value("The change in height is **−15** m", "The change in height is **−15** m")[0]
        == "-15"
    )
    assert piece_value("y = −3", "y = −3")[0] in ("-3", "y = -3")
    assert piece_value(" 3n, ", "3n, ")[0] == "3n"


def test_a_price_on_an_earlier_line_is_not_open_math():
    from drqa.labeling.split import split_batched_response

    text = "ok</think>\n**1.** $4 pays for two pens, so **2** pens.\n**2.** The sum 5 + 6 = **11**."
    chains = split_batched_response(text, 2)
    assert [(c.answer, c.status) for c in chains] == [("2", "ok"), ("11", "ok")]


def test_a_piece_that_does_not_know_or_will_not_say_gives_no_value():
    assert piece_value("I don't know the 40th Catalan number by heart, sorry.") == (
        None,
        "declined",
    )
    assert piece_value("I'd rather not give a number for 9 cards here.") == (None, "declined")
    assert piece_value("Still, I do not know why, but \\boxed{7} holds.")[0] == "7"


def test_a_later_correction_of_a_question_wins():
    from drqa.labeling.split import split_batched_response

    text = (
        "ok</think>\n1. $\\boxed{14}$\n2. $\\boxed{9}$\n\n"
        "Correction: on reflection, the second answer should be $3^2 + 1 = 10$, not 9."
    )
    assert [c.answer for c in split_batched_response(text, 2)] == ["14", "10"]


def test_unicode_math_and_numbers_inside_cjk_text():
    assert piece_value("The arc is **6π** cm long.", "The arc is **6π** cm long.")[0] == "6\\pi"
    assert piece_value("so the side is 3√5", "so the side is 3√5")[0] == "3\\sqrt{5}"
    assert piece_value("答：共有36种。", "答：共有36种。")[0] == "36"


def test_bold_topic_lines_under_a_final_answers_heading():
    from drqa.labeling.split import split_batched_response

    problems = [
        "A ribbon 90 cm long is cut into 6 equal parts. How long is each?",
        "What is the mode of 2, 7, 7, 3?",
    ]
    text = "x</think>\n## Final Answers\n\n- **Ribbon:** 15 cm\n- **Mode:** $7$"
    assert [c.answer for c in split_batched_response(text, 2, problems=problems)] == ["15", "7"]


def test_a_statement_that_is_only_its_value_is_read_as_written():
    from drqa.labeling.split import split_batched_response

    problems = [
        "Which city is the capital of Canada?",
        "Where do y = 3x - 1 and y = x + 3 cross?",
        "Is 57 prime? Answer yes or no.",
        "Solve t^2 = 16.",
    ]
    text = "x</think>\n1) Ottawa\n2) (2, 5)\n3) No, since 57 = 3 x 19.\n4) t = 4 or t = -4"
    chains = split_batched_response(text, 4, problems=problems)
    assert [c.answer for c in chains] == ["Ottawa", "(2, 5)", "No", "t = 4 or t = -4"]


def test_a_title_over_working_is_not_a_value():
    piece = " Marbles\nShe has 3 bags of 4, so 12 marbles."
    assert piece_value(piece, "Marbles")[0] == "12"


def test_a_heading_then_one_line_and_a_closing_rule():
    from drqa.labeling.split import split_batched_response

    problems = [
        "Which gas do plants absorb for photosynthesis?",
        "Where does y = x meet y = 4 - x?",
    ]
    text = (
        "x</think>\n### Problem 1\nCarbon dioxide\n\n---\n\n"
        "### Problem 2\nSetting x = 4 - x, they meet at $(2, 2)$.\n\n---\n"
    )
    chains = split_batched_response(text, 2, problems=problems)
    assert [c.answer for c in chains] == ["Carbon dioxide", "(2, 2)"]
