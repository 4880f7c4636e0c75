"""Splitting responses into (reasoning, content): one row per shape seen from real servers."""

from __future__ import annotations

import pytest

from drqa.builders.generation.backends.thinking import split_thinking

CASES = [
    # (text, reasoning_content, opened_in_prompt, expected reasoning, expected content)
    ("<think>\n2+2=4\n</think>\n\nThe answer is \\boxed{4}.", None, False, "2+2=4",
     "The answer is \\boxed{4}."),
    # R1 chat template opened the thinking: the response holds only the closing tag
    ("2+2=4, so 4.\n</think>\n\n\\boxed{4}", None, True, "2+2=4, so 4.", "\\boxed{4}"),
    ("2+2=4, so 4.\n</think>\n\n\\boxed{4}", None, False, "2+2=4, so 4.", "\\boxed{4}"),
    # the server separated the thinking: both parts exactly as received
    ("\n\\boxed{4}", " 2+2=4\n", False, " 2+2=4\n", "\n\\boxed{4}"),
    # separated, but the content still carries a stray closing tag
    ("tail</think>\n\\boxed{4}", "2+2=4", False, "2+2=4", "\\boxed{4}"),
    # no thinking at all
    ("The answer is 4.", None, False, None, "The answer is 4."),
    ("", None, False, None, ""),
    (None, None, False, None, ""),
    # cut off while thinking (max_tokens): all thinking, no answer
    ("<think>\nlet me see, 2+2", None, False, "let me see, 2+2", ""),
    ("let me see, 2+2", None, True, "let me see, 2+2", ""),
    # leading text before the thinking is dropped from both parsed fields
    ("  <think>a</think>b", None, False, "a", "b"),
    # the last closing tag ends the thinking (drqa.text: one convention for every stage)
    ("<think>a</think>b</think>c", None, False, "a</think>b", "c"),
    # an empty separated reasoning is no reasoning: fall back to the tags
    ("<think>a</think>b", "", False, "a", "b"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "separated", "opened", "reasoning", "content"), CASES)
def test_split_thinking(text, separated, opened, reasoning, content):
    assert split_thinking(text, separated, opened_in_prompt=opened) == (reasoning, content)
