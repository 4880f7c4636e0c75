"""Check a split judge's reply against the response it describes (``label.split_judge``).

A model is asked for JSON, one object per question: ``{"question": k, "start": ..., "end": ...,
"answer": ...}``. Models quote text far more reliably than they count characters, so ``start``
and ``end`` are the first and last words of the passage that answers question k, copied from the
response (character offsets are accepted too); ``answer`` is the final answer as written there,
or null when the response gives none. A reply is accepted only when it checks against the text:

- every question 1..n appears exactly once (``wrong_questions``);
- every quote is found in the response, whitespace aside (``quote_not_found``); offsets lie
  inside it with start before end (``out_of_range``);
- no passage starts inside the thinking when the response has a ``</think>`` (``in_thinking``:
  an answer stated only in the thinking never counts);
- passages do not overlap (``overlapping``);
- each answer is found inside its own passage (``answer_not_in_span``: a hallucinated or
  corrected answer is rejected).

Anything else is rejected with its reason (:data:`REASONS`); nothing here raises on bad input.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from drqa.text import split_sections

REASONS = (
    "no_json", "bad_item", "wrong_questions", "quote_not_found", "out_of_range", "in_thinking",
    "overlapping", "answer_not_in_span",
)  # fmt: skip
"""Why a reply is rejected, one name per check."""

THINK_CLOSE = "</think>"
_MAX_QUOTE_CHARS = 400
_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.S)


@dataclass(frozen=True)
class SplitSpan:
    """The passage of a response that answers one question: ``text[start:end]`` holds
    ``answer`` (as written); all None when the response gives that question no answer."""

    question: int
    start: int | None
    end: int | None
    answer: str | None


class Rejected(ValueError):
    """A reply that does not check against the text; ``reason`` is one of :data:`REASONS`."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def read_reply(reply: str | None) -> list:
    """The JSON list a reply holds (after any thinking, inside any code fence)."""
    answer = split_sections(reply or "").answer or ""
    fenced = _FENCE.search(answer)
    body = fenced.group(1) if fenced else answer
    start, end = body.find("["), body.rfind("]")
    if start < 0 or end <= start:
        raise Rejected("no_json", "no JSON list in the reply")
    try:
        items = json.loads(body[start : end + 1])
    except ValueError as exc:
        raise Rejected("no_json", str(exc)[:80]) from None
    if not isinstance(items, list):
        raise Rejected("no_json", "not a list")
    return items


def _locate(text: str, quote: object, begin: int, taken: list[tuple[int, int]]) -> re.Match:
    """The first occurrence of ``quote`` (whitespace-flexible) at or after ``begin`` that does not
    start inside a passage already taken."""
    if not isinstance(quote, str) or not quote.split() or len(quote) > _MAX_QUOTE_CHARS:
        raise Rejected("bad_item", "a quote must be a short non-empty string")
    pattern = re.compile(r"\s+".join(re.escape(word) for word in quote.split()))
    inside = False
    for match in pattern.finditer(text, begin):
        if not any(a <= match.start() < b for a, b in taken):
            return match
        inside = True
    if inside:  # found, but only inside another question's passage
        raise Rejected("overlapping", quote[:60])
    raise Rejected("quote_not_found", quote[:60])


def _bounds(text: str, item: dict, floor: int, taken: list[tuple[int, int]]) -> tuple[int, int]:
    """(start, end) of one item's passage from offsets or quotes."""
    start, end = item.get("start"), item.get("end")
    if isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool):
        if not 0 <= start < end <= len(text):
            raise Rejected("out_of_range", f"{start}..{end} of {len(text)} characters")
        return start, end
    first = _try_locate(text, start, floor, taken)
    if first is None:
        if floor and _try_locate(text, start, 0, taken) is not None:
            raise Rejected("in_thinking", f"question {item.get('question')}")
        raise Rejected("quote_not_found", str(start)[:60])
    last = _locate(text, end, first.start(), taken) if end is not None else first
    return first.start(), max(last.end(), first.end())


def _try_locate(text: str, quote: object, begin: int, taken: list[tuple[int, int]]):
    """Like :func:`_locate`, but None when the quote is not found."""
    try:
        return _locate(text, quote, begin, taken)
    except Rejected as rejected:
        if rejected.reason != "quote_not_found":
            raise
        return None


def check_spans(text: str, items: list, n: int) -> list[SplitSpan]:
    """The passages of ``items`` (a model's reply, read by :func:`read_reply`) for questions
    1..n of ``text``, checked (see the module doc); raises :class:`Rejected` with the reason."""
    if any(not isinstance(item, dict) for item in items):
        raise Rejected("bad_item", "every item must be an object")
    numbers = [item.get("question") for item in items]
    if sorted(k for k in numbers if isinstance(k, int)) != list(range(1, n + 1)):
        raise Rejected("wrong_questions", f"questions {numbers} for {n} asked")
    floor = text.rfind(THINK_CLOSE) + len(THINK_CLOSE) if THINK_CLOSE in text else 0
    taken: list[tuple[int, int]] = []
    spans: dict[int, SplitSpan] = {}
    for item in items:
        answer = item.get("answer")
        if answer is None:  # the response gives this question no final answer
            spans[item["question"]] = SplitSpan(item["question"], None, None, None)
            continue
        if not isinstance(answer, str | int | float) or isinstance(answer, bool):
            raise Rejected("bad_item", f"answer of question {item['question']}")
        start, end = _bounds(text, item, floor, taken)
        if start < floor:
            raise Rejected("in_thinking", f"question {item['question']}")
        if any(start < b and a < end for a, b in taken):
            raise Rejected("overlapping", f"question {item['question']}")
        answer = str(answer).strip()
        if not answer or _try_locate(text[start:end], answer, 0, []) is None:
            raise Rejected("answer_not_in_span", f"question {item['question']}: {answer[:40]!r}")
        taken.append((start, end))
        spans[item["question"]] = SplitSpan(item["question"], start, end, answer)
    return [spans[k] for k in range(1, n + 1)]
