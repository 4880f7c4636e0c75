"""A pass over the questions whose first one is worked with no label, and a bullet recap cut
where an item restates its problem, round 8 (labeling.split.align, labeling.split.sections),
in wording of its own."""

from __future__ import annotations

from drqa.labeling.split import split_batched_response
from drqa.labeling.split.sections import section_sentences

PROBLEMS = [
    "A train covers 150 km in 2 hours. What is its average speed in km/h?",
    "What is the least common multiple of 8 and 12?",
    "How many faces does a triangular prism have?",
]


def test_a_sequence_from_the_second_after_an_unlabelled_first_piece_cuts_the_thinking():
    text = (
        "Okay, three to do.\n\n"
        "The train one to begin with. 150 over 2 is 75.\n\n"
        "Second, the least common multiple of 8 and 12. Multiples of 12: 12, 24. So 24.\n\n"
        "Hmm, and 24 / 8 = 3, a whole number, fine.\n\n"
        "Third: two triangles and three rectangles, 5 faces.\n\n"
        "Hmm, wait: 150 over 2, is that 75? Yes.\n\n"
        "Back to the third: the two ends and the sides, nothing else. 5.\n\n"
        "And for the second, 8 = 2^3 and 12 = 2^2 * 3 give 2^3 * 3 = 24.\n"
        "</think>\n\n1. \\boxed{75}\n2. \\boxed{24}\n3. \\boxed{5}"
    )
    chains = split_batched_response(text, 3, problems=PROBLEMS)
    assert "a whole number" in chains[1].thinking
    assert "a whole number" not in chains[0].thinking
    assert "three rectangles" in chains[2].thinking
    assert "three rectangles" not in chains[0].thinking


def test_a_bullet_recap_cut_at_a_restated_item_gives_each_item_to_its_question():
    sections = {
        1: ["In short:\n\n- The train: 75 km/h.\n1. \\boxed{75}\n"],
        2: [
            "- The least common multiple of 8 and 12 is 24.\n"
            "- So the solid gets 5 faces.\n\n"
            "**Final answers:**\n2. \\boxed{24}\n"
        ],
        3: ["3. \\boxed{5}"],
    }
    moved = section_sentences(sections, 3, PROBLEMS)
    assert any("solid gets 5 faces" in text for text in moved[3])
    assert not any("solid gets 5 faces" in text for text in moved[2])
    assert any("least common multiple" in text for text in moved[2])
