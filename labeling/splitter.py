"""Split one (possibly batched) reasoning response into one chain per question.

A chain holds the thinking attributed to its question plus its answer section, the final answer
as written (``None`` when none was given: never a guess) and a status:

- ``ok``: an answer was found for this question;
- ``missing``: the response is complete but gives no answer for this question;
- ``truncated``: the response was cut off (in the thinking, or before this question's answer);
- ``unsplittable``: a batched response whose answers cannot be attributed to questions.

The last answer written for a question counts (restated or corrected answers); answers in the
answer section win over answers in the thinking, which are used only when the thinking finished.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drqa.labeling.answers import (
    answer_phrases,
    boxed_contents,
    extract_answer,
    last_answer_with_offset,
)
from drqa.labeling.markers import Marker, find_markers, segments

SPLITTER_VERSION = "splitter@1"
SPLIT_STATUSES = ("ok", "missing", "truncated", "unsplittable")
_THINK_OPEN = "<think>"
_THINK_CLOSE = "</think>"
_SUMMARY = re.compile(r"final\s+answers?|summary\s+of\s+(?:the\s+)?answers|answers\s*:", re.I)
_MARKER_VALUE = re.compile(r"^\s*(?:\*\*)?\s*[:=.)]?\s*(?:\*\*)?\s*([^\n,;]{1,40})")
_SHORT_VALUE = re.compile(r"[-+$€£]?\s*[\d\\(\[{.][^\n]{0,25}|\(?[A-E]\)?")


@dataclass(frozen=True)
class Chain:
    """The part of a response that belongs to one question."""

    position: int  # 0-based question position in the prompt
    reasoning: str | None  # thinking attributed to the question + its answer section
    answer: str | None  # final answer as written; None when none was given
    status: str  # one of SPLIT_STATUSES
    confidence: float  # 0..1: how sure the attribution is
    thinking: str = ""
    answer_section: str = ""
    detail: str = ""  # where the answer came from


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
    """Cut a response into thinking and answer section.

    ``reasoning`` is thinking delivered separately (an API's ``reasoning_content``). A response
    holding ``</think>`` without ``<think>`` started inside the thinking; one with ``<think>`` and
    no ``</think>`` (or, with ``starts_in_thinking``, no tag at all) was cut off in the thinking,
    as was a ``truncated`` one whose separate reasoning came with no answer text.
    """
    text = text or ""
    if reasoning is not None:
        if _THINK_CLOSE in text:
            text = text.rsplit(_THINK_CLOSE, 1)[1]
        return Parts(reasoning, text, not (truncated and not text.strip()))
    if _THINK_CLOSE in text:
        thinking, answer_part = text.rsplit(_THINK_CLOSE, 1)
        thinking = thinking.replace(_THINK_OPEN, "", 1) if _THINK_OPEN in thinking else thinking
        return Parts(thinking, answer_part, True)
    if _THINK_OPEN in text:
        return Parts(text.split(_THINK_OPEN, 1)[1], "", False)
    if starts_in_thinking:
        return Parts(text, "", False)
    return Parts("", text, True)


def split_batched_response(
    text: str | None,
    n: int,
    reasoning: str | None = None,
    *,
    truncated: bool = False,
    starts_in_thinking: bool = False,
) -> list[Chain]:
    """Exactly ``n`` chains for a response to ``n`` questions (``n == 1``: the whole response).

    ``truncated`` says the generation stopped on its length limit (``finish_reason == "length"``).
    Never raises on arbitrary text.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    parts = separate_thinking(
        text, reasoning, starts_in_thinking=starts_in_thinking, truncated=truncated
    )
    if n == 1:
        return [_single(parts, truncated)]
    return _Batched(parts, n, truncated).chains()


def _join(thinking: str, answer_section: str) -> str | None:
    joined = "\n\n".join(piece.strip() for piece in (thinking, answer_section) if piece.strip())
    return joined or None


def _single(parts: Parts, truncated: bool) -> Chain:
    answer, detail, confidence = None, "", 1.0
    if parts.thinking_closed:
        answer = extract_answer(parts.answer_part)
        detail = "answer-section"
        if answer is None:
            answer, detail, confidence = extract_answer(parts.thinking), "thinking", 0.6
    if answer is not None:
        status = "ok"
    else:
        status = "truncated" if truncated or not parts.thinking_closed else "missing"
        detail = ""
    return Chain(
        0,
        _join(parts.thinking, parts.answer_part),
        answer,
        status,
        confidence,
        parts.thinking,
        parts.answer_part,
        detail,
    )


class _Batched:
    """Attribution of one batched response's thinking and answers to its n questions."""

    def __init__(self, parts: Parts, n: int, truncated: bool) -> None:
        self.parts, self.n, self.truncated = parts, n, truncated
        self.answers: dict[int, tuple[str, str, float]] = {}  # index -> (answer, detail, conf)
        self.sections: dict[int, list[str]] = {k: [] for k in range(1, n + 1)}
        self.thinking: dict[int, list[str]] = {k: [] for k in range(1, n + 1)}
        self.attributed = False

    def chains(self) -> list[Chain]:
        self._cut_thinking()
        if self.parts.thinking_closed:
            self._answers_from_section()
            self._answers_from_thinking()
        return [self._chain(k) for k in range(1, self.n + 1)]

    # -- thinking ---------------------------------------------------------------------------
    def _cut_thinking(self) -> None:
        markers = find_markers(self.parts.thinking, self.n, families=("explicit", "bold"))
        self.thinking_markers = markers
        if not markers:  # no cut possible: every chain shares the whole thinking
            for k in self.thinking:
                self.thinking[k].append(self.parts.thinking)
            return
        self.attributed = True
        for index, piece in segments(self.parts.thinking, markers):
            self.thinking[index or markers[0].index].append(piece)

    def _answers_from_thinking(self) -> None:
        if not self.thinking_markers:
            return
        for k in range(1, self.n + 1):
            if k in self.answers:
                continue
            found = extract_answer("".join(self.thinking[k][-1:]))
            if found is not None:
                self.answers[k] = (found, "thinking", 0.5)

    # -- answer section ---------------------------------------------------------------------
    def _answers_from_section(self) -> None:
        text = self.parts.answer_part
        markers = find_markers(text, self.n)
        if markers:
            self.attributed = True
            self._assign_by_markers(text, markers, "answer-section", 0.9)
        else:
            self._assign_by_order(text, 0.7)
        summary = list(_SUMMARY.finditer(text))
        if summary:
            tail = text[summary[-1].end() :]
            if len(boxed_contents(tail)) + len(answer_phrases(tail)) >= 2:
                tail_markers = find_markers(tail, self.n)
                if tail_markers:
                    self._assign_by_markers(tail, tail_markers, "summary", 0.85, sections=False)
                elif len(boxed_contents(tail)) == self.n:
                    self._assign_by_order(tail, 0.85, sections=False)

    def _assign_by_markers(
        self, text: str, markers: list[Marker], detail: str, conf: float, sections: bool = True
    ) -> None:
        for index, piece in segments(text, markers):
            if index is None:
                continue
            if sections:
                self.sections[index].append(piece)
            found = last_answer_with_offset(piece)
            value = found[1] if found else self._marker_value(piece)
            if value:
                self.answers[index] = (value, detail, conf)

    @staticmethod
    def _marker_value(piece: str) -> str | None:
        """``Q1: 42`` / ``2) 17``: a short value right after the marker."""
        after = re.sub(r"^.*?[\d\]]\)?(?:\*\*)?", "", piece.lstrip("*# \t(["), count=1)
        match = _MARKER_VALUE.match(after)
        if not match:
            return None
        value = match.group(1).strip().rstrip(".*").strip()
        if not _SHORT_VALUE.fullmatch(value) or len(re.findall(r"[a-zA-Z]{2,}", value)) > 2:
            return None
        return value

    def _assign_by_order(self, text: str, conf: float, sections: bool = True) -> None:
        boxes = boxed_contents(text)
        if len(boxes) != self.n:
            return
        self.attributed = True
        previous = 0
        for k, (offset, value) in enumerate(boxes, start=1):
            end = text.find("}", offset) + 1 if "}" in text[offset:] else len(text)
            if sections:
                self.sections[k].append(text[previous:end])
            previous = end
            self.answers[k] = (value, "order", conf)

    # -- result -----------------------------------------------------------------------------
    def _chain(self, k: int) -> Chain:
        thinking = "".join(self.thinking[k])
        section = "".join(self.sections[k])
        shared = not self.thinking_markers and bool(self.parts.thinking.strip())
        if not self.parts.thinking_closed:
            return Chain(k - 1, _join(thinking, ""), None, "truncated", 0.5 if shared else 0.8,
                         thinking, "", "")  # fmt: skip
        if k in self.answers:
            value, detail, conf = self.answers[k]
            conf = round(conf * (0.8 if shared else 1.0), 3)
            return Chain(k - 1, _join(thinking, section), value, "ok", conf, thinking, section,
                         detail)  # fmt: skip
        if self.truncated:
            status = "truncated"
        elif not self.attributed:
            status = "unsplittable"
            thinking, section = self.parts.thinking, self.parts.answer_part
        else:
            status = "missing"
        conf = 0.0 if status == "unsplittable" else 0.5
        return Chain(k - 1, _join(thinking, section), None, status, conf, thinking, section, "")
