"""Attribution of one batched response's thinking and answers to its n questions.

The thinking and the answer section are each cut at markers (``labeling.markers``: "Question 2",
"Answer 2", "**2.**", "For the second, ..."), and at anchors (``labeling.anchors``: where the
response restates one of the batch's problem texts); a segment that restates problem k right
after its marker belongs to question k whatever the marker said. Answers come from each
question's answer segment (its last answer), then from a closing summary (``Final answers: 1) 3,
2) -4``) or a markdown table, which win because they come last; with no markers, n boxes in
order. Every question is decided on its own: one question without an answer, or cut off, leaves
the others as they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from drqa.labeling.anchors import (
    anchor_markers,
    block_markers,
    paragraph_markers,
    problem_shingles,
)
from drqa.labeling.answers import boxed_contents, extract_answer, last_answer_with_offset
from drqa.labeling.markers import (
    Marker,
    find_markers,
    inline_sequence,
    segments,
    sequence_markers,
)
from drqa.labeling.split.chain import Chain, Parts, join_text
from drqa.labeling.values import (
    BOLD_SPAN,
    DECLINED,
    NUMBERED_TITLE,
    SHORT_VALUE,
    bold_value,
    conclusion_number,
    equation_result,
    marker_value,
    table_answers,
    value_list,
)
from drqa.text import cut_off_reason, find_boxes

_SUMMARY = re.compile(  # matched on lower-cased text (IGNORECASE would be slow)
    r"final\s+answers|summary\s+of\s+(?:the\s+)?(?:final\s+)?answers|(?<![\w])answers\s*:"
    r"|in\s+summary|to\s+summari[sz]e|answers\s+are|\"answers\"|答案[:：]|综上|總結|总结"
)
_LINE_LEAD = re.compile(
    r"[\s*#>_\-(\[]*(?:(?:now|next|then|ok(?:ay)?|so|and|moving\s+on|back)[,:]?\s+)?"
    r"(?:(?:on\s+)?to\s+|(?:as\s+)?for\s+)?(?:the\s+)?",
    re.IGNORECASE,
)
_SAME_ANSWER = re.compile(r"\b(?:both|all)\b[^.\n]{0,40}\bsame\s+(?:answer|value|result)", re.I)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_ANCHOR_REACH = 60  # an anchor this close after a marker says which question the marker meant


def _merge(text: str, markers: list[Marker], anchors: list[Marker]) -> list[Marker]:
    """Markers and anchors in one cut list: an anchor right after a marker (same sentence)
    says which question the marker meant; any other anchor is a cut of its own."""
    if not anchors:
        return markers
    merged: list[Marker] = []
    pending = sorted(markers + anchors, key=lambda m: (m.start, m.family == "anchor"))
    for marker in pending:
        if marker.family == "anchor" and merged and merged[-1].family != "anchor":
            last = merged[-1]
            gap = text[last.end : marker.start]
            if len(gap) <= _ANCHOR_REACH and not _SENTENCE_END.search(gap):
                if marker.index != last.index:
                    merged[-1] = Marker(last.start, last.end, marker.index, last.family)
                continue
        if merged and merged[-1].index == marker.index and marker.family == "anchor":
            continue
        merged.append(marker)
    return merged


def _at_line_start(text: str, marker: Marker) -> bool:
    """Only decoration or a short lead-in ("Now, for the") before the marker on its line."""
    line_start = text.rfind("\n", max(0, marker.start - 40), marker.start) + 1
    if line_start == 0 and marker.start > 40:
        return False
    return bool(_LINE_LEAD.fullmatch(text[line_start : marker.start]))


def _labels_after_values(text: str, markers: list[Marker]) -> list[tuple[int, str]]:
    """(question, box) pairs when every marker comes right after its own box and no box
    follows the last marker; empty otherwise."""
    boxes = find_boxes(text) if markers else []
    if len(boxes) != len(markers):
        return []
    pairs = []
    for box, marker in zip(boxes, markers, strict=True):
        if not 0 <= marker.start - box.end <= 12:
            return []
        pairs.append((marker.index, box.content))
    return pairs


class BatchedSplit:
    """Split one batched response: ``BatchedSplit(parts, n, truncated, problems).chains()``."""

    def __init__(
        self, parts: Parts, n: int, truncated: bool, problems: Sequence[str] | None = None
    ) -> None:
        self.parts, self.n, self.truncated = parts, n, truncated
        usable = problems is not None and len(problems) == n
        self.problems = list(problems) if usable else None
        self.shingles = problem_shingles(self.problems) if usable else {}
        self.answers: dict[int, tuple[str, str, float]] = {}  # k -> (answer, source, conf)
        self.sections: dict[int, list[str]] = {k: [] for k in range(1, n + 1)}
        self.thinking: dict[int, list[str]] = {k: [] for k in range(1, n + 1)}
        self.cut_segment: int | None = None  # the question whose answer segment is cut off
        self.last_reached = 0  # the highest question the answer section reached
        self.attributed = False
        self.thinking_cut = False
        self.cut: str | None = None

    def _markers(self, text: str, families: tuple[str, ...] | None = None) -> list[Marker]:
        markers = find_markers(text, self.n, families) if families else find_markers(text, self.n)
        headings = [m for m in markers if _at_line_start(text, m)]
        if len({m.index for m in headings}) >= min(2, self.n):
            markers = headings  # "Question 2:" headings: mid-sentence ordinals are prose
        if not self.shingles:
            return markers
        return _merge(text, markers, anchor_markers(text, self.problems, self.shingles))

    def chains(self) -> list[Chain]:
        """Exactly n chains, each decided on its own."""
        self._cut_thinking()
        if self.parts.thinking_closed:
            self.cut = cut_off_reason(self.parts.answer_part)
            if self.cut != "empty_answer":
                self._answers_from_section()
            if self.cut is None and not self.truncated:
                self._answers_from_thinking()
        return [self._chain(k) for k in range(1, self.n + 1)]

    # -- thinking ---------------------------------------------------------------------------
    def _fallback_markers(self, text: str) -> list[Marker]:
        """With no markers or anchors: a numbered list naming each question exactly once, in
        order; else paragraphs attributed by the problems' distinctive words."""
        listed = [m for m in find_markers(text, self.n, ("list",)) if m.family == "list"]
        if [m.index for m in listed] == list(range(1, self.n + 1)):
            return listed
        return (
            sequence_markers(text, self.n)
            or paragraph_markers(text, self.problems)
            or block_markers(text, self.n)
        )

    def _cut_thinking(self) -> None:
        text = self.parts.thinking
        markers = self._markers(text, ("explicit", "bold")) if text.strip() else []
        if not markers and text.strip():
            markers = self._fallback_markers(text)
        elif len({m.index for m in markers}) < self.n and self.problems:
            named = {m.index for m in markers}  # add paragraphs of the questions not yet named
            extra = [m for m in paragraph_markers(text, self.problems) if m.index not in named]
            markers = sorted(markers + extra, key=lambda m: m.start)
        if not markers:  # no cut possible: every chain shares the whole thinking
            for k in self.thinking:
                self.thinking[k].append(text)
            return
        self.thinking_cut = self.attributed = True
        first = markers[0].index
        for index, piece in segments(text, markers):
            # text before the first marker: that question's, or the one before it when the
            # first marker names question 2 ("...six sides. As for the second, ...")
            self.thinking[index or (1 if first == 2 else first)].append(piece)

    def _answers_from_thinking(self) -> None:
        if not self.thinking_cut:
            return
        for k in range(1, self.n + 1):
            if k not in self.answers and not self.sections[k]:  # not restated, not refused
                found = extract_answer("".join(self.thinking[k][-1:]))
                if found is not None:
                    self.answers[k] = (found, "thinking", 0.5)

    # -- answer section ---------------------------------------------------------------------
    def _answers_from_section(self) -> None:
        text = self.parts.answer_part
        markers = self._markers(text) or sequence_markers(text, self.n)
        if len({m.index for m in markers}) < 2:  # "1 → 42, 2 → 21" / "**1)** 12 **2)** 7"
            markers = self._line_sequence(text) or markers
        trailing = _labels_after_values(text, markers)
        if trailing:  # "\(\boxed{7}\) (Q1), \(\boxed{12}\) (Q2)": each label follows its box
            self.attributed = True
            for index, value in trailing:
                self.answers[index] = (value, "answer-section", 0.8)
        elif skipped := self._skip_note(text, markers):
            self._boxes_around(text, skipped)
        elif markers:
            self.attributed = True
            pieces = [(k, piece) for k, piece in segments(text, markers) if k is not None]
            self._assign(pieces, "answer-section", 0.9)
            if self.cut is not None and pieces:
                self.cut_segment = pieces[-1][0]
            self.last_reached = max(k for k, _ in pieces) if pieces else 0
        else:
            self._assign_by_order(text, 0.7)
            ordered = bool(self.answers)  # (the thinking's cut sets self.attributed already)
            if not ordered and (fallback := paragraph_markers(text, self.problems)):
                self.attributed = True
                pieces = [(k, piece) for k, piece in segments(text, fallback) if k is not None]
                self._assign(pieces, "answer-section", 0.7)
                if self.cut is not None and pieces:
                    self.cut_segment = pieces[-1][0]
                self.last_reached = max(k for k, _ in pieces)
            if not self.answers:  # "Amy has **$12.75** left, and ... is **$9**."
                self._bold_by_order(text)
        self._summary(text)
        table = table_answers(text, self.n) if "|" in text else {}
        for k, value in table.items():
            self.answers[k] = (value, "table", 0.85)
        self.attributed = self.attributed or bool(table)

    def _assign(self, pieces, source: str, conf: float, sections: bool = True) -> None:
        for index, piece in pieces:
            if sections:
                self.sections[index].append(piece)
            found = last_answer_with_offset(piece)
            value = found[1] if found else marker_value(piece) or bold_value(piece)
            if not value and source == "answer-section":
                value = equation_result(piece) or conclusion_number(piece)
            if value:
                self.answers[index] = (value, source, conf)

    def _summary(self, text: str) -> None:
        summary = None
        folded = text.lower()
        for match in _SUMMARY.finditer(folded if len(folded) == len(text) else ""):
            summary = match
        if summary is None:
            return
        tail = text[summary.end() :]
        markers = find_markers(tail, self.n)
        if len({m.index for m in markers}) >= 2:
            pieces = [(k, piece) for k, piece in segments(tail, markers) if k is not None]
            self._assign(pieces, "summary", 0.85, sections=False)
        elif seq := inline_sequence(line := tail.lstrip(" \t*:：").split("\n", 1)[0], self.n):
            pieces = [(k, piece) for k, piece in segments(line, seq) if k is not None]
            self._assign(pieces, "summary", 0.85, sections=False)
        elif len(boxed_contents(tail)) == self.n:
            self._assign_by_order(tail, 0.85, sections=False, source="summary")
        else:  # "The answers are 7 and 12." / "Answers: 7; 12" / {"answers": [7, 12]}
            values = value_list(tail, self.n)
            for k, value in enumerate(values, start=1):
                self.answers[k] = (value, "summary", 0.8)
            self.attributed = self.attributed or bool(values)

    def _skip_note(self, text: str, markers: list[Marker]) -> int:
        """The question a lone note declines ("(Skipping question 2.)") among n - 1 boxes that
        carry no labels of their own; 0 when the answer section is not of that form."""
        if len({m.index for m in markers}) != 1 or self.cut is not None:
            return 0
        start = markers[0].start
        line = text[
            text.rfind("\n", 0, start) + 1 : (text.find("\n", start) + 1 or len(text) + 1) - 1
        ]
        if not DECLINED.search(line) or find_boxes(line):
            return 0
        return markers[0].index if len(find_boxes(text)) == self.n - 1 else 0

    def _boxes_around(self, text: str, skipped: int) -> None:
        self.attributed = True
        others = [k for k in range(1, self.n + 1) if k != skipped]
        for k, (_, value) in zip(others, boxed_contents(text), strict=True):
            self.answers[k] = (value, "order", 0.6)
        self.sections[skipped].append(text)
        self.last_reached = self.n

    def _line_sequence(self, text: str) -> list[Marker]:
        """The first line that labels the n answers in order, as markers in ``text``."""
        offset = 0
        for line in text.split("\n"):
            found = inline_sequence(line, self.n)
            if found:
                return [Marker(m.start + offset, m.end + offset, m.index, m.family) for m in found]
            offset += len(line) + 1
        return []

    def _bold_by_order(self, text: str) -> None:
        values = [v for v in map(str.strip, BOLD_SPAN.findall(text)) if not NUMBERED_TITLE.match(v)]
        if self.cut is None and len(values) == self.n and all(map(SHORT_VALUE.fullmatch, values)):
            self.attributed = True
            for k, value in enumerate(values, start=1):
                self.answers[k] = (value.rstrip("."), "order", 0.6)

    def _assign_by_order(
        self, text: str, conf: float, sections: bool = True, source: str = "order"
    ) -> None:
        boxes = boxed_contents(text)
        if len(boxes) == 1 and _SAME_ANSWER.search(text):  # "Both have the same answer: 12"
            boxes = boxes * self.n
        single = boxes[0][1].lstrip() if len(boxes) == 1 else "("  # a tuple is one value
        if (
            self.cut is None
            and not single.startswith(("(", "[", "\\left"))
            and (values := value_list(single, self.n))
        ):
            boxes = [(boxes[0][0], value) for value in values]  # "\boxed{12, 7}": all n at once
        complete = len(boxes) == self.n
        if not (complete or (self.cut is not None and 0 < len(boxes) < self.n)):
            return
        self.attributed = True
        previous = 0
        for k, (offset, value) in enumerate(boxes, start=1):
            end = text.find("}", offset) + 1 if "}" in text[offset:] else len(text)
            if sections:
                self.sections[k].append(text[previous:end])
            previous = end
            self.answers[k] = (value, source, conf if complete else 0.6)
        self.last_reached = len(boxes)
        if not complete and sections:  # cut off after the last complete box
            self.sections[len(boxes) + 1].append(text[previous:])
            self.cut_segment = len(boxes) + 1

    # -- result -----------------------------------------------------------------------------
    def _chain(self, k: int) -> Chain:
        thinking = "".join(self.thinking[k])
        section = "".join(self.sections[k])
        shared = not self.thinking_cut and bool(self.parts.thinking.strip())
        if not self.parts.thinking_closed:
            return Chain(k - 1, join_text(thinking, ""), None, "truncated", 0.5 if shared else 0.8,
                         thinking, "", "", "in_thinking", shared)  # fmt: skip
        cut_here = self.cut is not None and (
            self.cut == "empty_answer" or k == self.cut_segment or k > self.last_reached
        )
        if k in self.answers and not (cut_here and self.answers[k][1] != "summary"):
            value, source, conf = self.answers[k]
            conf = round(conf * (0.8 if shared else 1.0), 3)
            return Chain(k - 1, join_text(thinking, section), value, "ok", conf, thinking,
                         section, source, "", shared)  # fmt: skip
        if cut_here or self.truncated:
            status, why = "truncated", (self.cut if cut_here else "length")
        elif not self.attributed:
            status, why = "unsplittable", ""
            thinking, section = self.parts.thinking, self.parts.answer_part
        else:
            status, why = "missing", ""
        conf = 0.0 if status == "unsplittable" else 0.5
        return Chain(k - 1, join_text(thinking, section), None, status, conf, thinking, section,
                     "", why, shared)  # fmt: skip
