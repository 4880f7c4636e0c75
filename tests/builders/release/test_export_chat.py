"""The column-wise ``chat`` rows (issue 20) are those the per-row reference builds, byte for
byte: cut-off chains, batch scaffolding edits, missing sections, unicode and odd whitespace."""

from __future__ import annotations

import random

import polars as pl
import pytest

from drqa.builders.release.chat import SCAFFOLD_TRIGGER, chat_rows, chat_rows_per_row
from drqa.labeling.scaffold import CARDINALS, ORDINALS, RELATIVE, ROMANS, remove_scaffolding

TEXTS = [
    None,
    "",
    "  \n ",
    "so then we add carry check the sum",
    "The answer is 5, so the problem is solved.",
    "**Question 2:**\nLet us solve it. Now the third problem.\nFor the second problem, we add 3.",
    "| Question | Answer |\n|---|---|\n| 1 | 5 |\n| 2 | 7 |\n  Both questions are done.  ",
    "\u2003 Ünïcode ſ thinking — 问题 2：答案 ıK wait\x1c ",
    "Q2. the next one is here\n**3** item\n\n\n\nAnswer to Question 1: 7",
    "\x1f\u3000 padded \x85 \u2028",
    "Okay, let's tackle the second question now.\nx = 3 + 4 = 7.",
    "Answer 2: 12\nAns (ii) 4\nFinal answer: $\\boxed{12}$",
    "QUESTION 3 ſolution: İtem one",
]
SLOTS = [(None, None), (0, 0), (1, 0), (2, 0), (2, 1), (3, 2), (3, 0)]


def _rows(n: int, seed: int) -> pl.DataFrame:
    pick = random.Random(seed)
    rows = []
    for i in range(n):
        batch, position = pick.choice(SLOTS)
        rows.append({
            "chain_id": f"c{i:04d}", "problem_id": f"p{i}", "label": pick.choice("ABC"),
            "batch_size": batch, "position": position, "model": "m",
            "problem": pick.choice([None, "What is 2 + 2?", "  Ünï 问题  "]),
            "chain": pick.choice(TEXTS), "thinking": pick.choice(TEXTS),
            "answer_section": pick.choice(TEXTS),
            "truncation": pick.choice([None, "in_thinking", "in_answer"]),
            "shared_thinking": pick.choice([None, True, False]),
        })  # fmt: skip
    schema = {"batch_size": pl.Int32, "position": pl.Int32, "shared_thinking": pl.Boolean}
    return pl.DataFrame(rows, schema_overrides=schema, infer_schema_length=None)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_column_wise_chat_rows_equal_the_per_row_reference(seed):
    rows = _rows(400, seed)
    fast, reference = chat_rows(rows), chat_rows_per_row(rows)
    assert fast.schema == reference.schema
    assert fast.to_arrow().equals(reference.to_arrow())
    edits = fast["chat_edits"].to_list()
    assert any(any(e.startswith("thinking: removed") for e in row) for row in edits)
    assert any(any("cut off by the length limit" in e for e in row) for row in edits)


def test_chat_rows_of_no_rows_have_the_reference_columns():
    empty = _rows(5, 0).clear()
    assert chat_rows(empty).schema == chat_rows_per_row(empty).schema
    assert chat_rows(empty).height == 0


def test_text_without_a_trigger_is_never_edited():
    # the trigger is a superset of the rules: text it does not match comes back unchanged
    words = [*ORDINALS, *CARDINALS, *ROMANS, *RELATIVE, "questio", "proble", "answe", "Q", "q",
             "the", "for", "now", "both", "2", "(3)", "#", "*", "-", ":", ".", "\n", "|", "**",
             "ques tion", "one", "Qx", "ANS", "items", "é", "ſ", "ı"]  # fmt: skip
    pick, untouched = random.Random(7), 0
    for _ in range(3000):
        text = " ".join(pick.choice(words) for _ in range(pick.randint(1, 12)))
        triggered = pl.Series([text]).str.contains(SCAFFOLD_TRIGGER)[0]
        edited = any(remove_scaffolding(text, 3, p).edits for p in range(3))
        assert triggered or not edited, text
        untouched += not triggered
    assert untouched > 100  # the check saw text without a trigger
