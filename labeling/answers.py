"""Find the final answer a model wrote in a piece of text, as written (not yet normalised).

Priority inside one piece of text: the last complete ``\\boxed{}``/``\\fbox{}``; else the
``"answer"`` field of a JSON block (o1-style outputs); else the last "answer is / Answer: X" phrase.
An unbalanced ``\\boxed{`` (cut off mid-answer) is no answer: never a guess.
"""

from __future__ import annotations

import json
import re

from drqa.labeling.lexicon import ORDINALS, alternation
from drqa.text import find_boxes

_ANSWER_PHRASE = re.compile(
    r"(?:final\s+answer|answer|ответ|réponse|respuesta|resposta|antwort|答案|解答)"
    r"(?:\s+(?:to|for)\s+(?:the\s+)?(?:(?:question|problem|q)\s*#?\s*\[?\d+\]?"
    rf"|(?:{alternation((*ORDINALS['en'], 'last'))})"
    r"(?:\s+(?:question|problem|one))?))?"
    r"(?:\s*\([^)\n]{0,20}\))?"  # "Answer (Q2):"
    r"\s*(?:\*\*)?\s*(?:is|:|=|would\s+be|will\s+be)\s*(?:\*\*)?\s*"
    r"(?P<value>[^\n]{1,160})",
    re.IGNORECASE,
)
_JSON_ANSWER = re.compile(r'"answer"\s*:\s*("(?:[^"\\]|\\.)*"|-?[\d.]+)', re.DOTALL)
_TRAILING = re.compile(r"[\s.;,:*]+$")
_LEADING = re.compile(r"^[\s:*]+")


def boxed_contents(text: str) -> list[tuple[int, str]]:
    """Every complete ``\\boxed{...}`` in ``text`` as (start offset, content), in order
    (:func:`drqa.text.find_boxes`: escaped braces kept, linear time, unclosed boxes left out)."""
    return [(box.start, box.content) for box in find_boxes(text)]


def answer_phrases(text: str) -> list[tuple[int, str]]:
    """Every "answer is X" / "Answer: X" phrase as (start offset, value), in order."""
    found = []
    for match in _ANSWER_PHRASE.finditer(text):
        value = _clean_phrase_value(match.group("value"))
        if value:
            found.append((match.start(), value))
    return found


def _clean_phrase_value(value: str) -> str | None:
    boxed = boxed_contents(value)
    if boxed:
        return boxed[-1][1]
    if "\\boxed" in value or "\\fbox" in value:  # an unclosed box: cut off, no answer
        return None
    value = re.split(r"\.\s|\s{2,}", value)[0].strip().strip('"')
    value = re.sub(r"\s+(?:\(|because|since|which|so\b).*$", "", value)
    value = re.sub(r",\s+(?:and|while|whereas|but)\s+(?=[a-zA-Z]{2,}).*$", "", value)
    value = _TRAILING.sub("", _LEADING.sub("", value)).strip()
    value = value.strip("$").strip()
    if not value or not re.search(r"[\w\\]", value):
        return None
    if value.startswith("\\[") or value in {"\\(", "\\["}:
        return None
    return value


def json_answer(text: str) -> str | None:
    """The ``"answer"`` field of the last JSON object in ``text`` (as in o1 ZeroEval outputs)."""
    matches = list(_JSON_ANSWER.finditer(text))
    if not matches:
        return None
    raw = matches[-1].group(1)
    try:
        value = json.loads(raw) if raw.startswith('"') else raw
    except ValueError:
        value = raw.strip('"')
    value = str(value).strip()
    return value or None


def extract_answer(text: str | None) -> str | None:
    """The final answer written in ``text``: last box, else last answer phrase, else JSON field."""
    if not text:
        return None
    boxed = boxed_contents(text)
    if boxed:
        return boxed[-1][1] or None
    from_json = json_answer(text)
    if from_json is not None:
        return from_json
    phrases = answer_phrases(text)
    return phrases[-1][1] if phrases else None


def last_answer_with_offset(text: str) -> tuple[int, str] | None:
    """Like :func:`extract_answer` but with the answer's offset (boxes and phrases interleaved)."""
    candidates = boxed_contents(text) or answer_phrases(text)
    if candidates:
        return candidates[-1]
    value = json_answer(text)
    return (len(text), value) if value else None
