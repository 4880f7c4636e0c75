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
