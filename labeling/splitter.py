"""Split one (possibly batched) reasoning response into one chain per question.

A chain holds the thinking attributed to its question plus its answer section, the final answer
as written (``None`` when none was given: never a guess) and a status:

- ``ok``: an answer was found for this question;
- ``missing``: the response is complete but gives no answer for this question;
- ``truncated``: the response was cut off before this question's answer was complete: in the
  thinking, by the length limit, or in an answer section that stops mid-way
  (:func:`drqa.text.cut_off_reason`); ``truncation`` says which;
- ``unsplittable``: a batched response whose answers cannot be attributed to questions.

The last answer written for a question counts (restated or corrected answers). Answers in the
answer section win; an answer is taken from the thinking only when the response finished, its
answer section is complete and simply does not restate it (``answer_source`` says where each
answer came from). A cut-off or missing answer section never takes its answer from the thinking.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from drqa.labeling.answers import extract_answer
from drqa.schema import SplitStatus
from drqa.text import cut_off_reason, ends_on_a_step, split_sections

SPLITTER_VERSION = "splitter@2"
ANSWER_SOURCES = ("answer-section", "summary", "table", "order", "thinking", "")


@dataclass(frozen=True)
class Chain:
    """The part of a response that belongs to one question."""

    position: int  # 0-based question position in the prompt
    reasoning: str | None  # thinking attributed to the question + its answer section
    answer: str | None  # final answer as written; None when none was given
    status: SplitStatus
    confidence: float  # 0..1: how sure the attribution is
    thinking: str = ""
    answer_section: str = ""
    answer_source: str = ""  # one of ANSWER_SOURCES: where the answer came from
    truncation: str = ""  # why the chain is truncated (drqa.text.TRUNCATION_REASONS)
    shared_thinking: bool = False  # the whole thinking is shared: it could not be cut

    @property
    def detail(self) -> str:
        """Where the answer came from (the earlier name of ``answer_source``)."""
        return self.answer_source


@dataclass(frozen=True)
class Parts:
    """A response cut into its thinking and its answer section."""

    thinking: str
    answer_part: str
    thinking_closed: bool


def separate_thinking(
    text: str | None,
    reasoning: str | None = None,
    *,
    starts_in_thinking: bool = False,
    truncated: bool = False,
) -> Parts:
    """Cut a response into thinking and answer section (:func:`drqa.text.split_sections`);
    a ``truncated`` response whose separate reasoning came with no answer text never closed
    its thinking."""
    sections = split_sections(text, reasoning, starts_in_thinking=starts_in_thinking)
    closed = sections.closed and not (reasoning and truncated and not sections.answer.strip())
    return Parts(sections.thinking or "", sections.answer, closed)


def split_batched_response(
    text: str | None,
    n: int,
    reasoning: str | None = None,
    *,
    truncated: bool = False,
    starts_in_thinking: bool = False,
    problems: Sequence[str] | None = None,
) -> list[Chain]:
    """Exactly ``n`` chains for a response to ``n`` questions (``n == 1``: the whole response).

    ``truncated`` says the generation stopped on its length limit (``finish_reason ==
    "length"``); ``problems`` (the batch's problem texts, in order) anchor the attribution where
    the response restates them. Never raises on arbitrary text; linear in its length.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    parts = separate_thinking(
        text, reasoning, starts_in_thinking=starts_in_thinking, truncated=truncated
    )
    if n == 1:
        return [_single(parts, truncated)]
    from drqa.labeling.batched import BatchedSplit

    return BatchedSplit(parts, n, truncated, problems).chains()


def join_text(thinking: str, answer_section: str) -> str | None:
    """The chain text: its thinking and its answer section, blank line between."""
    joined = "\n\n".join(piece.strip() for piece in (thinking, answer_section) if piece.strip())
    return joined or None


def _single(parts: Parts, truncated: bool) -> Chain:
    reasoning = join_text(parts.thinking, parts.answer_part)
    if not parts.thinking_closed:
        return Chain(0, reasoning, None, "truncated", 1.0, parts.thinking, "", "", "in_thinking")
    cut = cut_off_reason(parts.answer_part)
    if cut is not None:
        return Chain(0, reasoning, None, "truncated", 1.0, parts.thinking, parts.answer_part,
                     "", cut)  # fmt: skip
    answer, source, confidence = extract_answer(parts.answer_part), "answer-section", 1.0
    if answer is None and ends_on_a_step(parts.answer_part):  # stopped before concluding
        return Chain(0, reasoning, None, "truncated", 1.0, parts.thinking, parts.answer_part,
                     "", "no_conclusion")  # fmt: skip
    if answer is None and not truncated:
        answer, source, confidence = extract_answer(parts.thinking), "thinking", 0.6
    if answer is not None:
        return Chain(0, reasoning, answer, "ok", confidence, parts.thinking, parts.answer_part,
                     source)  # fmt: skip
    status, why = ("truncated", "length") if truncated else ("missing", "")
    return Chain(0, reasoning, None, status, 1.0, parts.thinking, parts.answer_part, "", why)
