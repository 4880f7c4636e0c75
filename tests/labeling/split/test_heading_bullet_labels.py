"""A bullet before a markdown heading mark before the item number ("- ### 2.") is a line label:
answers written out of order are matched by the number they name."""

from drqa.labeling.split import split_batched_response

OUT_OF_ORDER = """Two quick ones. The area one first: 6 by 4 gives 24. Then the sum: 15 + 27 = 42.
</think>

- ### 2. The rectangle covers $\\boxed{24}$ square units
- ### 1. Adding them gives $\\boxed{42}$
"""


def test_bulleted_heading_numbers_match_answers_out_of_order():
    chains = split_batched_response(OUT_OF_ORDER, 2)
    assert [chain.answer for chain in chains] == ["42", "24"]


def test_bulleted_heading_numbers_in_order_keep_their_answers():
    text = OUT_OF_ORDER.replace("- ### 2.", "- ### 9.").replace("- ### 1.", "- ### 2.")
    text = text.replace("- ### 9.", "- ### 1.")
    chains = split_batched_response(text, 2)
    assert [chain.answer for chain in chains] == ["24", "42"]
