"""The seam for the model fallback (``label.split_judge``, issue 17.1).

For a response the grammar split with low confidence (its lowest chain confidence below
``min_confidence``), a split judge (any callable ``judge(text, n, problems)`` returning one
answer per question, ``None`` where the model found none, or ``None`` when it could not
answer: :mod:`drqa.labeling.split_judge` wraps an OpenAI-compatible model that returns JSON
spans, checked against the text and cached) is asked. Where it agrees with the grammar the
chains are kept, marked ``layout="model"`` with ``min_confidence``; where it disagrees, every
chain of the response goes to review (confidence 0, below the label rule's review threshold).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from drqa.labeling.normalise import normalise_answer
from drqa.labeling.split.chain import Chain

SplitJudgeFn = Callable[[str, int, Sequence[str]], "list[str | None] | None"]


def needs_judge(chains: Sequence[Chain], min_confidence: float) -> bool:
    """Whether a batched response was split with too little confidence."""
    return len(chains) > 1 and min(c.confidence for c in chains) < min_confidence


def check_with_judge(
    chains: list[Chain],
    judge: SplitJudgeFn,
    text: str,
    problems: Sequence[str],
    min_confidence: float,
) -> list[Chain]:
    """``chains`` checked by ``judge`` when :func:`needs_judge`; unchanged otherwise."""
    if not needs_judge(chains, min_confidence):
        return chains
    answers = judge(text, len(chains), problems)
    if answers is None or len(answers) != len(chains):
        return chains
    agree = all(
        (a is None and c.answer is None)
        or (
            a is not None
            and c.answer is not None
            and normalise_answer(a) == normalise_answer(c.answer)
        )
        for a, c in zip(answers, chains, strict=True)
    )
    confidence = min_confidence if agree else 0.0
    return [replace(c, confidence=max(c.confidence, confidence) if agree else 0.0, layout="model")
            for c in chains]  # fmt: skip
