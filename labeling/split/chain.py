"""What the splitter returns: one :class:`Chain` per question, and the response's thinking and
answer section (:func:`separate_thinking`, the one reading of :mod:`drqa.text`).

A chain holds the thinking attributed to its question plus its answer section, the final answer
as written (``None`` when none was given: never a guess) and a status:

- ``ok``: an answer was found for this question;
- ``missing``: the response is complete but gives no answer for this question;
- ``truncated``: the response was cut off before this question's answer was complete: in the
  thinking, by the length limit, or in an answer section that stops mid-way
  (:func:`drqa.text.cut_off_reason`); ``truncation`` says which;
- ``unsplittable``: a batched response whose answers cannot be attributed to questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drqa.labeling.lexicon import THINKING_OPENERS, alternation
from drqa.schema import SplitStatus
from drqa.text import CLOSE_TAG, OPEN_TAG, split_sections

SPLITTER_VERSION = "splitter@8"  # @8: revisits confirmed by topic, "the answer N" is a value
ANSWER_SOURCES = ("answer-section", "summary", "table", "order", "thinking", "")
LAYOUTS = ("requested", "grammar", "model", "single")
"""How a response was split: the prompt's requested layout parsed strictly, the reference
grammar, the model fallback (``label.split_judge``), or a single-question response."""


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
    layout: str = "single"  # one of LAYOUTS: how the response was split

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
    its thinking. A response holding ``</think>`` and no ``<think>`` starts inside the
    thinking (whatever ``starts_in_thinking`` says), and so does a ``truncated`` one with no
    tag at all that opens in self-talk (:func:`opens_as_thinking`)."""
    if truncated and not starts_in_thinking and not reasoning and opens_as_thinking(text):
        starts_in_thinking = True
    sections = split_sections(text, reasoning, starts_in_thinking=starts_in_thinking)
    closed = sections.closed and not (reasoning and truncated and not sections.answer.strip())
    return Parts(sections.thinking or "", sections.answer, closed)


_OPENER = re.compile(rf"[\s*#>]*(?:{alternation(THINKING_OPENERS)})(?![^\W\d_])", re.IGNORECASE)


def opens_as_thinking(text: str | None) -> bool:
    """Whether ``text`` holds no think tag and opens in the self-talk of a model's thinking
    ("Okay, so I need to ...": :data:`~drqa.labeling.lexicon.THINKING_OPENERS`)."""
    if not text or OPEN_TAG in text or CLOSE_TAG in text:
        return False
    return _OPENER.match(text) is not None


def join_text(thinking: str, answer_section: str) -> str | None:
    """The chain text: its thinking and its answer section, blank line between."""
    joined = "\n\n".join(piece.strip() for piece in (thinking, answer_section) if piece.strip())
    return joined or None
