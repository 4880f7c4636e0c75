"""Rewards against a table of completions: with and without ``</think>``, several letters, none,
garbage, chat-message completions; the registry's names and errors."""

from __future__ import annotations

import pytest

from drqa.errors import DrqaError
from drqa.trainer.rewards import (
    REWARDS,
    get_reward,
    label_match,
    letter_format,
    picked_letter,
    register_reward,
    trl_reward,
)

# (completion, starts_in_thinking, picked letter, letter_format reward)
TABLE = [
    ("<think>short</think>\n\\boxed{B}", False, "B", 1.0),
    ("reasoning only, then</think> The chain is concise. \\boxed{B}", True, "B", 1.0),
    ("</think>\\boxed{\\text{A}}", True, "A", 1.0),
    ("</think>$\\boxed{c}$.", True, "C", 1.0),
    ("</think>\\boxed{ B }", True, "B", 1.0),
    ("</think>\\boxed{A} no wait \\boxed{C}", True, "C", 0.0),  # last box counts; two boxes
    ("thinking about \\boxed{A} but cut off", True, None, 0.0),  # never closed its thinking
    ("<think>considering \\boxed{A}", False, None, 0.0),  # opened and cut off
    ("\\boxed{A}", False, "A", 1.0),  # a model without thinking
    ("</think>The answer is B.", True, None, 0.0),  # no box
    ("</think>\\boxed{D}", True, None, 0.0),  # not a label
    ("</think>\\boxed{AB}", True, None, 0.0),
    ("</think>\\boxed{B", True, None, 0.0),  # unclosed box
    ("</think>\\boxed{42}", True, None, 0.0),
    ("", True, None, 0.0),
    ("\x00\ufffd}}}{{{\\boxed{{{", False, None, 0.0),  # garbage never raises
    ("</think>" + "\\boxed{" * 500, True, None, 0.0),
]


@pytest.mark.parametrize(("text", "thinking", "letter", "fmt"), TABLE)
def test_reward_table(text, thinking, letter, fmt):
    assert picked_letter(text, thinking) == letter
    flags = {"starts_in_thinking": [thinking]}
    assert letter_format([text], **flags) == [fmt]
    for gold in "ABC":
        expected = 1.0 if letter == gold else 0.0
        assert label_match([text], label=[gold], **flags) == [expected]


def test_chat_message_completions_and_missing_flags():
    completions = [
        [{"role": "assistant", "content": "</think>\\boxed{C}"}],
        [{"role": "assistant", "content": "no box at all"}],
    ]
    assert label_match(completions, label=["C", "C"]) == [1.0, 0.0]
    assert letter_format(completions) == [1.0, 0.0]


def test_trl_wrapper_is_named_for_logging_and_passes_columns():
    fn = trl_reward("label_match")
    assert fn.__name__ == "label_match"
    out = fn(
        prompts=["p", "p"],
        completions=["</think>\\boxed{A}", "</think>\\boxed{B}"],
        completion_ids=[[1], [2]],
        label=["A", "A"],
        starts_in_thinking=[True, True],
        trainer_state=None,
    )
    assert out == [1.0, 0.0]


def test_registry_versions_and_unknown_name():
    assert get_reward("label_match").key == "label_match@1"
    assert get_reward("letter_format").key == "letter_format@1"
    with pytest.raises(DrqaError, match="unknown reward 'label_matc'.*label_match"):
        get_reward("label_matc")


def test_register_a_project_reward():
    @register_reward("always_half", version=3)
    def always_half(completions, **_):
        """Half a point for anything."""
        return [0.5] * len(completions)

    try:
        assert get_reward("always_half").key == "always_half@3"
        assert get_reward("always_half").doc == "Half a point for anything."
        assert trl_reward("always_half")(completions=["x", "y"]) == [0.5, 0.5]
    finally:
        REWARDS.pop("always_half")
