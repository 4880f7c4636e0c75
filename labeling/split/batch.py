"""One batched response -> n chains: the requested layout first, then the reference grammar.

1. The thinking is cut by the grammar (:mod:`.grammar` candidates and the problems'
   restatements, aligned by :mod:`.align`), else by paragraph overlap with the problems
   (:mod:`.overlap`); when nothing cuts it, every chain shares it.
2. The answer section is parsed in the prompt's layout (:mod:`.layout`); else cut by the
   grammar; else read by position (:mod:`.positional`). A closing summary ("Final answers:
   1) 7, 2) 12") or a list of n values comes last and wins, then the answers written as data
   (a table's answer column, a JSON block: :mod:`.structured`).
3. Each piece gives its value (:func:`.values.piece_value`); a piece that declines gives none.
   An answer only in the thinking never counts; a cut-off answer section keeps the answers
   given before the cut.

Confidence per chain: how the response was split (layout 1.0, grammar by its references'
scores, position 0.6), lowered when the thinking could not be cut.
"""

from __future__ import annotations

import re

from drqa.labeling import lexicon as lx
from drqa.labeling.split.align import Piece
from drqa.labeling.split.chain import Chain, Parts, join_text
from drqa.labeling.split.choices import choice_letter, options
from drqa.labeling.split.corrections import with_turns
from drqa.labeling.split.cutting import cut
from drqa.labeling.split.deferrals import only_givens, refers_back
from drqa.labeling.split.grammar import candidates, fold
from drqa.labeling.split.layout import heading, requested_layout
from drqa.labeling.split.merged import merged_pieces
from drqa.labeling.split.overlap import content_order
from drqa.labeling.split.positional import (
    boxes_in_order,
    clause_values,
    inline_sequence,
    line_sequence,
    one_named,
    value_list,
    values_in_order,
)
from drqa.labeling.split.recaps import without_recaps
from drqa.labeling.split.restart import restart_at
from drqa.labeling.split.revisits import interleaved
from drqa.labeling.split.sections import section_sentences
from drqa.labeling.split.structured import json_answers, key_value_answers, table_answers
from drqa.labeling.split.values import (
    last_sentence,
    piece_value,
    problem_numbers,
)
from drqa.text import cut_off_reason, find_boxes

_CLOSED = re.compile(r"(?:[}$.!?。)\]]|\*\*)\s*$")  # how a finished answer section ends
_SUMMARY = re.compile(lx.alternation(lx.SUMMARY_CUES))
_NOTE = re.compile(r"[ \t]*(?:\[\^?\d{1,2}\]:?|\^\d{1,2})[ \t]+\S")  # "[3] n-gon angle sums"
_TOPIC_LABEL = re.compile(r"[ \t>*_\-]*(?:[^\W\d][\w'’-]*[ \t]*){1,4}(?:\*\*)?[:：]")


class BatchSplit:
    """``BatchSplit(parts, n, truncated, problems).chains()``: exactly n chains."""

    def __init__(self, parts: Parts, n: int, truncated: bool, problems=None, finished=False):
        self.parts, self.n, self.truncated, self.finished = parts, n, truncated, finished
        self.problems = list(problems) if problems is not None and len(problems) == n else None
        self.thinking: dict[int, list[str]] = {k: [] for k in range(1, n + 1)}
        self.sections: dict[int, list[str]] = {k: [] for k in range(1, n + 1)}
        self.answers: dict[int, tuple[str, str]] = {}  # k -> (value, source)
        self.declined: set[int] = set()
        self.layout, self.confidence, self.thinking_cut = "grammar", 0.0, False
        self.found: list[Piece] = []  # the thinking's pieces (self.cut: before revisits)
        self.cut_piece: int | None = None
        self.reached = 0

    def chains(self) -> list[Chain]:
        """Every question decided on its own."""
        self._cut_thinking()
        cut_reason = None
        if self.parts.thinking_closed:
            again = restart_at(self.parts.answer_part, self.n, self.problems, self.truncated)
            if again is not None:  # answered, then started over: the second pass is no answer
                self.parts = Parts(self.parts.thinking, self.parts.answer_part[:again], True)
            cut_reason = cut_off_reason(self.parts.answer_part)
            if cut_reason is None and self.truncated and self._stops_on_a_bare_value():
                cut_reason = "length"  # stopped by its limit on a bare number: "3. **2"
            if cut_reason == "mid_sentence" and not self.truncated:
                done = self.finished or self._ends_on_a_value_line()
                cut_reason = None if done or _NOTE.match(self._last_line()) else cut_reason
            if cut_reason != "empty_answer":
                self._read_answers(self.parts.answer_part, cut_reason)
                self.sections = section_sentences(self.sections, self.n, self.problems, self.layout)
        self._fill_thinking()
        return [self._chain(k, cut_reason) for k in range(1, self.n + 1)]

    def _cut_thinking(self) -> None:
        text = self.parts.thinking
        self.cut = cut(text, self.n, self.problems)[0] if text.strip() else []
        self.found = interleaved(text, self.cut, self.n, self.problems)  # by topic, revisits
        self.thinking_cut = bool(self.found)

    def _fill_thinking(self) -> None:
        """Each question's thinking: its pieces, less a recap listing the answers read (no
        one's); all of it for every question when nothing cut it."""
        text = self.parts.thinking
        if not self.found:
            for k in self.thinking:
                self.thinking[k].append(text)
        values = {k: value for k, (value, _) in self.answers.items()}
        for piece in without_recaps(text, self.found, self.n, values, self.cut):
            self.thinking[piece.index].append(text[piece.start : piece.end])

    def _stops_on_a_bare_value(self) -> bool:
        """Whether the section ends on an unclosed value line that is no closing summary (a
        summary's cut last item is left to :meth:`_summary`)."""
        line = self.parts.answer_part.rstrip().rsplit("\n", 1)[-1]
        summary = _SUMMARY.search(fold(line)) or inline_sequence(line, self.n)
        return not _CLOSED.search(line) and not summary

    def _last_line(self) -> str:
        return self.parts.answer_part.rstrip().rsplit("\n", 1)[-1]

    def _ends_on_a_value_line(self) -> bool:
        """Whether the answer section's last line names a question and states its value
        ("- Problem 3: $6$ vertices"): a finished line, not a sentence cut mid-way."""
        line = self.parts.answer_part.rstrip().rsplit("\n", 1)[-1]
        labels = [c for c in candidates(line, self.n) if c.start == 0 and c.context == "line"]
        topic = _TOPIC_LABEL.match(line)  # "Books: 24 ways"
        end = labels[0].end if labels else topic.end() if topic else len(line)
        rest = line[end:].lstrip(" \t*_:：—–")
        return bool(rest) and piece_value(rest, rest)[0] is not None

    def _read_answers(self, text: str, cut_reason: str | None) -> None:
        layout = requested_layout(text, self.n)
        merged = merged_pieces(text, self.n)  # "3-4. Both are 10.", "Q2 and Q4: 6"
        found: list[Piece] = []
        for k, start, end, value in merged:
            self.sections[k].append(text[start:end])
            self.answers.update({k: (value, "answer-section")} if value is not None else {})
            self.confidence, self.reached = 0.7, self.n
            self.cut_piece = k if cut_reason is not None and end > start else self.cut_piece
        if layout is not None and not merged:
            found = [Piece(p.index, p.start, p.end, heading(p)) for p in layout]
            self.layout, self.confidence = "requested", 1.0
            if layout[0].start and text[: layout[0].start].strip():
                found[0] = Piece(1, 0, found[0].end)
            found = with_turns(text, found, self.n)  # "Correction to Q2: ..." after Q3
        elif not merged:
            found, self.confidence = cut(text, self.n, self.problems, listed=True)
            if len({p.index for p in found}) < 2:
                found = line_sequence(text, self.n) or one_named(text, self.n)
                self.confidence = 0.8 if found else 0.0
        for piece in found:
            body = text[piece.start : piece.end]
            self.sections[piece.index].append(body)
            self._take(piece, body, "answer-section")
        by_content = found and all(p.cut is None for p in found) and cut_reason is None
        unread = by_content and len(self.answers) + len(self.declined) < self.n
        if unread and values_in_order(text, self.n)[0]:
            found = []  # cut by content alone, a question left unanswered: n values in order
            self.answers, self.sections = {}, {k: [] for k in range(1, self.n + 1)}
        if found:
            if cut_reason is not None:
                self.cut_piece = found[-1].index
            self.reached = max(p.index for p in found)
        elif not merged:
            self._by_position(text, cut_reason)
        self._summary(text)
        for source, found in (("table", table_answers(text, self.n)),
                              ("summary", key_value_answers(text, self.n)),
                              ("summary", json_answers(text, self.n))):  # fmt: skip
            self.answers.update((k, (value, source)) for k, value in found.items())
            self.reached = max([self.reached, *found])

    def _take(self, piece: Piece, body: str, source: str) -> bool:
        """Read the piece's value into the answers; whether it stated one."""
        if piece.last is not None:  # a later reference restates or corrects: it wins if it can
            later = Piece(piece.index, piece.last.start, piece.end, piece.last)
            if self._take(later, body[max(0, piece.last.start - piece.start) :], source):
                return True
        after = body[max(0, piece.cut.end - piece.start) :] if piece.cut is not None else body
        statement = after.lstrip(" \t*_:：—–").split("\n", 1)[0] if after.strip() else ""
        lines = [ln for ln in after.splitlines() if ln.strip(" \t*_-=#>")]
        if not statement.strip() and len(lines) == 1:  # "### Problem 3\nJupiter."
            statement = lines[0].strip()
        problem = self.problems[piece.index - 1] if self.problems else None
        labelled = piece.cut is not None and piece.cut.context == "answer"  # "Answer 2: Oslo"
        givens = problem_numbers(problem)
        value, how = piece_value(after, statement, givens, problem, labelled)
        if how in ("statement", "sentence") and refers_back(after) and only_givens(value, givens):
            value = None  # "I count the cubes below 50, as worked out above": a given, no answer
        choices = options(problem)
        if choices and value not in choices and how != "declined":  # a multiple-choice problem
            value = choice_letter(value, statement or last_sentence(after), choices) or value
        if how == "declined":
            self.declined.add(piece.index)
            self.answers.pop(piece.index, None)
        elif value is not None:
            self.answers[piece.index] = (value, source)
        return value is not None

    def _by_position(self, text: str, cut_reason: str | None) -> None:
        values, boxed, listed = (
            values_in_order(text, self.n, self.problems) if cut_reason is None else ([], [], False)
        )
        if values:
            self.confidence, previous = 0.6, 0
            ends = [] if listed else [end for _, end in boxed]  # one line: in the order asked
            order = content_order(text, ends, self.problems, values)
            for k, value in zip(order or range(1, self.n + 1), values, strict=True):
                self.answers[k] = (value, "order")
            for k in range(1, self.n + 1):
                end = boxed[k - 1][1] if boxed else len(text)
                self.sections[k].append(text[previous:end] if k < self.n else text[previous:])
                previous = end
            self.reached = self.n
            return
        boxes = find_boxes(text)
        stated = [(b.content, b.end) for b in boxes]
        stated = stated or (clause_values(text, self.n, fewer=True) if cut_reason is None else [])
        if cut_reason is None and 0 < len(stated) < self.n:  # fewer answers than questions
            ends, given = [end for _, end in stated], [value for value, _ in stated]
            order = content_order(text, ends, self.problems, given)
            previous = 0
            for i, (k, (value, end)) in enumerate(zip(order or (), stated, strict=False)):
                self.answers[k] = (value, "order")
                end = end if i + 1 < len(stated) else len(text)
                self.sections[k].append(text[previous:end])  # its clause: since the last value
                previous = end
            self.confidence, self.reached = 0.6, self.n if order else 0
            return
        partial = boxes_in_order(text, len(text)) is None and cut_reason is not None
        boxes = boxes if partial else []
        if 0 < len(boxes) < self.n:  # cut off after the last complete box
            previous = 0
            for k, box in enumerate(boxes, start=1):
                self.answers[k] = (box.content, "order")
                self.sections[k].append(text[previous : box.end])
                previous = box.end
            self.sections[len(boxes) + 1].append(text[previous:])
            self.cut_piece, self.reached, self.confidence = len(boxes) + 1, len(boxes), 0.6

    def _summary(self, text: str) -> None:
        """A closing list of every answer wins (the last cue that opens one: "in the recap" in a
        later note opens none); in a response stopped by its length limit its last item is where
        the cut fell (``3) 2`` of ``3) 270``) and is not read."""
        keep = slice(None, -1 if self.truncated else None)
        cues = list(_SUMMARY.finditer(fold(text)))
        if not cues:  # a closing line naming every question with its value is a summary
            line = text.rstrip().rsplit("\n", 1)[-1]
            for piece in inline_sequence(line, self.n)[keep]:
                self._take(piece, line[piece.start : piece.end], "summary")
            return
        for cue in reversed(cues[-4:]):  # the last few: bounded on degenerate text
            if self._summary_after(text[cue.end() :], keep):
                return

    def _summary_after(self, tail: str, keep: slice) -> bool:
        found = [p for p in cut(tail, self.n, None)[0] if p.cut is not None]
        if len({p.index for p in found}) < 2:
            line = tail.lstrip(" \t*:：").split("\n", 1)[0]
            found = inline_sequence(line, self.n)
            offset = len(tail) - len(tail.lstrip(" \t*:："))
            tail = tail[offset:]
        if len({p.index for p in found}) >= 2:
            for piece in found[keep]:
                self._take(piece, tail[piece.start : piece.end], "summary")
            return True
        boxed = boxes_in_order(tail, self.n)
        values = [v for v, _ in boxed] if boxed else value_list(tail.strip().split("\n")[0], self.n)
        for k, value in list(enumerate(values, start=1))[keep]:
            self.answers[k] = (value, "summary")
        return bool(values)

    def _chain(self, k: int, cut_reason: str | None) -> Chain:
        thinking, section = "".join(self.thinking[k]), "".join(self.sections[k])
        shared = not self.thinking_cut and bool(self.parts.thinking.strip())
        layout = self.layout
        if not self.parts.thinking_closed:
            return Chain(k - 1, join_text(thinking, ""), None, "truncated", 0.5 if shared else 0.8,
                         thinking, "", "", "in_thinking", shared, layout)  # fmt: skip
        cut_here = cut_reason is not None and (
            cut_reason == "empty_answer" or k == self.cut_piece or k > self.reached
        )
        conf = round(max(self.confidence, 0.3) * (0.8 if shared else 1.0), 3)
        if k in self.answers and not (cut_here and self.answers[k][1] != "summary"):
            value, source = self.answers[k]
            return Chain(k - 1, join_text(thinking, section), value, "ok", conf, thinking,
                         section, source, "", shared, layout)  # fmt: skip
        if cut_here or self.truncated:
            status, why = "truncated", (cut_reason if cut_here else "length")
        elif self.reached == 0 and not self.thinking_cut and not self.answers:
            status, why, conf = "unsplittable", "", 0.0
            thinking, section = self.parts.thinking, self.parts.answer_part
        else:
            status, why = "missing", ""
        return Chain(k - 1, join_text(thinking, section), None, status, conf, thinking, section,
                     "", why, shared, layout)  # fmt: skip
