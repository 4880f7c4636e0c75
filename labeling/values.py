"""Values read from one question's piece of an answer section, where it has no box and no
"answer is" phrase: a short value after its marker (``Q1: 42``, ``2) 17``, ``the first is 12``),
a bold value, the result its last equation comes to, the number a closing "so ..." clause
states; lists of n values (``\\boxed{12, 7}``, ``Answers: 12, 7``) and markdown tables."""

from __future__ import annotations

import re

from drqa.labeling.answers import extract_answer

_ARROW = r"(?:->|→|⇒|=>|⟹|⟶|\\to\b|\\Rightarrow|\\rightarrow|\\implies)"
_MARKER_VALUE = re.compile(
    rf"^\s*(?:\*\*)?\s*(?:{_ARROW}|[:=.)–—]|-(?=\s)|is\b|was\b|equals\b|(?:comes\s+(?:out\s+)?)?to\b"
    r"|(?:(?i:i|we)\s+)?(?:get|got|find|obtain)\b|gives\b|gave\b|yields\b|makes\b)?"
    r"(?:\s+(?:also|just|again)\b)?"
    r"\s*(?:\*\*)?\s*"
    rf"(?:{_ARROW})?\s*"
    r"((?:[^\n,;；，、]|,(?!\s))+)"
)
_MARKER_PREFIX = re.compile(
    r"^.{0,40}?(?:\b(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)"
    r"\b(?:\s+(?i:question|problem|one)\b)?|(?<!\d)(?<!\d\.)\d{1,2}(?![\d.,]\d|\d)(?:st|nd|rd|th)?\]?\)?|\b[a-j][.)]|\b(?:i{1,3}|iv|vi{0,3}|ix|x)\)"
    r"|\b(?i:one|two|three|four|five|six|seven|eight|nine|ten)\b)(?:\*\*)?",
    re.S,
)
SHORT_VALUE = re.compile(r"[-+$€£]?\s*[\d\\(\[{.][^\n]{0,25}|\(?[A-E]\)?")
_TRAILING_CONJUNCTION = re.compile(r"[\s,]+(?:and|or|while|whereas)$")
BOLD_SPAN = re.compile(r"\*\*([^*\n]{1,30})\*\*")
_LIST_SPLIT = re.compile(r"\s*(?:;|,(?!\\!|\d{3})|\band\b)\s*")
_TABLE_ROW = re.compile(r"^[ \t]*\|(.+)\|[ \t]*$", re.MULTILINE)
_TABLE_INDEX = re.compile(
    r"^\s*(?:\*\*)?\s*(?:q(?:uestion)?|problem|#)?\s*\.?\s*(\d{1,2})\s*(?:\*\*)?\s*[.):]?\s*$", re.I
)
_WORDS = re.compile(r"[a-zA-Z]{2,}")


def marker_value(piece: str) -> str | None:
    """``Q1: 42`` / ``2) 17`` / ``1 -> 3``: a short value right after the marker."""
    after = _MARKER_PREFIX.sub("", piece.lstrip("*# \t(["), count=1)
    match = _MARKER_VALUE.match(after)
    if not match:
        return None
    value = match.group(1)[:40].split(" | ")[0].strip().rstrip(".*|").strip()
    value = _TRAILING_CONJUNCTION.sub("", value)  # "12 and" (the second value follows)
    if not SHORT_VALUE.fullmatch(value) or len(re.findall(r"[a-zA-Z]{2,}", value)) > 2:
        return None
    if re.search(r"[=+\-*/^]\s*\$*$", value):  # "$125 \div 5 = $": a cut step, no value
        return None
    if "=" in value:  # "14 + 15 = 29": the result
        value = value.rsplit("=", 1)[1].strip(" $*")
    return value or None


NUMBERED_TITLE = re.compile(r"\(?\d{1,2}[.)]\s+[^\d\s$\\-]")  # "**1. Eggs in a box**"


def bold_value(piece: str) -> str | None:
    """The last bold short value (``**$18**``, ``**3 bolts**``): the emphasised answer of a
    segment that has no box and no "answer is" phrase."""
    lead = len(piece) - len(piece.lstrip())  # a bold span opening the piece is its marker
    values = [
        m.group(1).strip()
        for m in BOLD_SPAN.finditer(piece)
        if m.start() > lead
        and SHORT_VALUE.fullmatch(m.group(1).strip())
        and not NUMBERED_TITLE.match(m.group(1).strip())
    ]
    return values[-1].rstrip(".") if values else None


_EQUATION_END = re.compile(
    r"=\s*(-?\d+(?:\.\d+)?|-?\\[dt]?frac\{\d+\}\{\d+\})\s*(?:\\\]|\\\)|\$\$|\$)?[\s.]*$"
)


# a piece that says it gives no answer: its equations and numbers are not conclusions
DECLINED = re.compile(
    r"\b(?:not|cannot|unable|impossible|undefined|undetermined|skip(?:ped|ping)?|unknown|no\s+"
    r"(?:answer|solution|value|way))\b|n't\b",
    re.IGNORECASE,
)


def equation_result(piece: str) -> str | None:
    """``... = 2$.`` closing a segment: the value its last equation comes to, when the segment
    gives no box, no "answer is" phrase and no bold value (the conclusion is the result)."""
    match = _EQUATION_END.search(piece[-200:])
    return match.group(1) if match and not DECLINED.search(piece) else None


_CONCLUSION = re.compile(  # "..., so he has 22 sheep." closing a segment
    r"\b(?:so|thus|therefore|hence)\b[^.!?\n]*?(-?\$?\d[\d,]*(?:\.\d+)?)(?![\d.,]*\d)"
    r"[^\d.!?\n]*[.!]?\s*$",
    re.IGNORECASE,
)


_STATED = re.compile(  # "..., the average speed is 90 km/h." / "The pencils cost 150 cents."
    r"(?:\b(?:is|are|was|were|equals|costs?|gives|makes|comes\s+(?:out\s+)?to)\s+"
    r"|\b(?i:total|result)\s*[:=]\s*)"
    r"(-?\$?\d[\d,]*(?:\.\d+)?)(?:\s*[a-zA-Z/%]+){0,2}\s*[.!]?\s*$"
)


def conclusion_number(piece: str) -> str | None:
    """The number a closing "so / thus / therefore" clause, or a closing "... is 90 km/h."
    sentence states, as in prose answers."""
    match = _CONCLUSION.search(piece[-300:]) or _STATED.search(piece[-300:])
    if match is None or DECLINED.search(piece):
        return None
    return match.group(1).lstrip("$").rstrip(",")


def value_list(tail: str, n: int) -> list[str]:
    """Exactly ``n`` short values listed on the first line of ``tail`` (commas, semicolons,
    "and", a JSON list), in order; empty otherwise."""
    line = tail.strip().splitlines()[0] if tail.strip() else ""
    line = re.sub(r"^\W*(?:are|is|were)?\s*:?\s*", "", line).strip().rstrip(".").strip("[]{} ")
    line = re.sub(
        r",?\s+(?:respectively|in\s+(?:that\s+)?order)$", "", line
    )  # "6 and 17, respectively"
    values = [v.strip().strip('"$*').strip() for v in _LIST_SPLIT.split(line) if v.strip()]
    if len(values) != n or not all(SHORT_VALUE.fullmatch(v) for v in values):
        return []
    return values


def table_answers(text: str, n: int) -> dict[int, str]:
    """Answers from a markdown table whose first column numbers the questions."""
    found: dict[int, str] = {}
    for row in _TABLE_ROW.finditer(text):
        cells = [cell.strip() for cell in row.group(1).split("|")]
        if len(cells) < 2 or set("".join(cells)) <= set("-: "):
            continue
        index = _TABLE_INDEX.match(cells[0])
        if not index or not 1 <= int(index.group(1)) <= n:
            continue
        value = next((cell for cell in reversed(cells[1:]) if cell), "")
        value = extract_answer(value) or value.strip("$* ").strip()
        if value and (SHORT_VALUE.fullmatch(value) or len(_WORDS.findall(value)) <= 1):
            found[int(index.group(1))] = value
    return found
