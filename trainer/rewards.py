"""Reward functions by name and version, like the label rules: plain functions that TRL calls.

Every reward has TRL's signature ``fn(completions, **columns) -> list[float | None]``: the
completions (text, or chat messages) and every dataset column as a list. A completion a reward
cannot read scores 0.0; a reward never raises on model text. Text is read the one way
:mod:`drqa.text` reads it: the answer section follows the last ``</think>``; a completion cut off
while thinking has no answer; the picked letter is the last complete ``\\boxed{}``.

``register_reward`` adds rewards (a project's own, or a test probe); the names, versions and
weights used by a run are recorded in its ``drqa_training.json``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from drqa.errors import DrqaError
from drqa.schema import LABELS
from drqa.text import scan_boxes, split_sections

RewardFn = Callable[..., list[float | None]]
LETTERS = LABELS
_WRAPPER = re.compile(r"^\\(?:text|textbf|mathrm|mathbf|mbox)\s*\{(.*)\}$", re.DOTALL)


@dataclass(frozen=True)
class Reward:
    """A registered reward: ``name@version`` identifies its behaviour."""

    name: str
    version: int
    fn: RewardFn
    doc: str

    @property
    def key(self) -> str:
        return f"{self.name}@{self.version}"


REWARDS: dict[str, Reward] = {}


def register_reward(name: str, version: int) -> Callable[[RewardFn], RewardFn]:
    """Decorator: register ``fn`` as reward ``name`` (bump ``version`` when behaviour changes)."""

    def add(fn: RewardFn) -> RewardFn:
        doc = (fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else ""
        REWARDS[name] = Reward(name, version, fn, doc)
        return fn

    return add


def get_reward(name: str) -> Reward:
    """The reward registered as ``name``, or one line naming the known ones."""
    if name not in REWARDS:
        known = ", ".join(sorted(REWARDS))
        raise DrqaError(f"unknown reward {name!r} in train.rewards; known rewards: {known}")
    return REWARDS[name]


def trl_reward(name: str) -> RewardFn:
    """The reward as TRL wants it: a function whose ``__name__`` is the reward's name (TRL logs
    ``rewards/<name>/mean``)."""
    reward = get_reward(name)

    def call(completions: Sequence[Any], **columns: Any) -> list[float | None]:
        return reward.fn(completions, **columns)

    call.__name__ = name
    call.__qualname__ = name
    return call


def completion_text(completion: Any) -> str:
    """The text of one completion: a string, or the content of chat messages."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, dict):
        return str(completion.get("content") or "")
    if isinstance(completion, Sequence):
        return "".join(completion_text(part) for part in completion)
    return ""


def _letter(box: str) -> str | None:
    text = box.strip().strip("$").strip()
    while match := _WRAPPER.match(text):
        text = match.group(1).strip()
    text = text.rstrip(".").strip()
    return text.upper() if text.upper() in LETTERS else None


def answer_boxes(completion: Any, starts_in_thinking: bool = False) -> tuple[list[str], bool]:
    """(contents of the complete boxes in the answer section, whether one was left unclosed).

    A completion cut off while thinking has no answer section: no boxes.
    """
    sections = split_sections(completion_text(completion), starts_in_thinking=starts_in_thinking)
    if not sections.closed:
        return [], False
    boxes, unclosed = scan_boxes(sections.answer)
    return [box.content for box in boxes], unclosed


def picked_letter(completion: Any, starts_in_thinking: bool = False) -> str | None:
    """The letter the completion picked (its last box in the answer section), or None."""
    boxes, _ = answer_boxes(completion, starts_in_thinking)
    return _letter(boxes[-1]) if boxes else None


def _thinking_flags(n: int, columns: dict[str, Any]) -> list[bool]:
    flags = columns.get("starts_in_thinking")
    return [bool(f) for f in flags] if flags is not None else [False] * n


@register_reward("label_match", version=1)
def label_match(completions: Sequence[Any], label: Sequence[str], **columns: Any) -> list[float]:
    """1.0 when the picked letter equals the gold label, else 0.0 (no letter counts as wrong)."""
    flags = _thinking_flags(len(completions), columns)
    return [
        1.0 if picked_letter(c, f) == str(gold) else 0.0
        for c, gold, f in zip(completions, label, flags, strict=True)
    ]


@register_reward("letter_format", version=1)
def letter_format(completions: Sequence[Any], **columns: Any) -> list[float]:
    """1.0 when the answer section holds exactly one box and it is one letter A/B/C, else 0.0."""
    out = []
    for completion, flag in zip(completions, _thinking_flags(len(completions), columns),
                                strict=True):  # fmt: skip
        boxes, unclosed = answer_boxes(completion, flag)
        out.append(1.0 if len(boxes) == 1 and not unclosed and _letter(boxes[0]) else 0.0)
    return out


MIN_LONG_REWARD = 0.1  # a correct answer, however long, scores above a wrong one


def budget_score(correct: bool, truncated: bool, tokens: int, budget: float) -> float:
    """``budget@1`` for one completion: 1.0 when correct within ``budget`` tokens; correct but
    longer: ``max(0.1, 1 - excess / budget)``; wrong, unanswered or truncated: 0.0."""
    if truncated or not correct:
        return 0.0
    if tokens <= budget:
        return 1.0
    return max(MIN_LONG_REWARD, 1.0 - (tokens - budget) / max(budget, 1.0))


def _truncated(ids: Sequence[int], stops: Sequence[int] | None, limit: int | None) -> bool:
    """Cut by the length limit: TRL's rule (the last token is no stop token), else the length."""
    if stops:
        return not ids or ids[-1] not in set(stops)
    return limit is not None and len(ids) >= limit


@register_reward("budget", version=1)
def budget(completions: Sequence[Any], gold_answer: Sequence[str], budget_tokens: Sequence[float],
           completion_ids: Sequence[Sequence[int]], **columns: Any) -> list[float]:  # fmt: skip
    """Correct (drqa eval's scorer) within the problem's B-chain token budget: 1.0; correct but
    longer: less, falling with the excess (floor 0.1); wrong or truncated: 0.0."""
    from drqa.trainer.solve import correct_flags

    n = len(completions)
    stops = columns.get("stop_token_ids") or [None] * n
    limits = columns.get("max_completion_tokens") or [None] * n
    truncated = [_truncated(ids, s, m) for ids, s, m in zip(completion_ids, stops, limits,
                                                             strict=True)]  # fmt: skip
    tokens = [len(ids) for ids in completion_ids]
    texts = [completion_text(c) for c in completions]
    correct = correct_flags(texts, gold_answer, truncated, tokens, _thinking_flags(n, columns))
    return [
        budget_score(c, t, k, float(b))
        for c, t, k, b in zip(correct, truncated, tokens, budget_tokens, strict=True)
    ]
