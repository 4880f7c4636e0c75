"""Answer sections that name no question: values read by position.

n boxes in order; one box of n values (``\\boxed{12, 7}``) or one box that "both/all have";
a line listing n values ("The answers are 7 and 12, respectively."; "Solving gives $x = 4$, $7$
and $12$ respectively": a lead-in ends on the first value); n bold values in order;
n clauses each stating one value ("The train's speed is 60 km/h, and the books can be arranged
in 24 ways."); labels naming 1..n once each on one line (:func:`inline_sequence`: "1) 7, 2) 12").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from drqa.labeling import lexicon as lx
from drqa.labeling.split.align import Piece
from drqa.labeling.split.grammar import LABEL, STRONG, Candidate, candidates, fold
from drqa.labeling.split.values import answer_value, math_verify_value, problem_numbers
from drqa.labeling.split.words import word_value
from drqa.text import find_boxes

_SAME = re.compile(  # one value for every question: "both have the same answer", "answer to all"
    r"\b(?:both|all)\b[^.\n]{0,60}\b(?:same\s+(?:answer|value|result)|equal)"
    r"|\b(?:answer|result|value)s?\s+(?:to|for|of)\s+(?:both|all)\b",
    re.I,
)
_LIST_SPLIT = re.compile(r"\s*(?:;|,(?!\\!|\d{3})|\band\b|、|，|；)\s*")
_LAST_MATH = re.compile(r"\$[^$]+\$|[-+]?\d[\d,]*(?:\.\d+)?")
_BOLD = re.compile(r"\*\*([^*\n]{1,30})\*\*")
_BOLD_LABEL = re.compile(r"(?:(?:[^\W\d_]+|[№#])[ \t]*){1,3}\d{1,2}[.:)]?")  # "Solution to 1"
_TRAILER = re.compile(r",?\s+(?:respectively|in\s+(?:that\s+)?order)\W*$")
_LEAD = re.compile(r"^.*?\b(?:are|is|were)\b\s*:?\s*|^[^:：]*[:：]\s*")


def value_list(line: str, n: int) -> list[str]:
    """Exactly ``n`` values listed on ``line``, whatever separates them: commas, semicolons,
    "and", a JSON list, spaced slashes or bars ("7 / 7/2 / -3"), or spaces between values
    alone ("36 1/3 11", a program's output)."""
    stripped = _TRAILER.sub("", line.strip()).rstrip(".").strip()
    respectively = stripped != line.strip().rstrip(".").strip()
    line = _LEAD.sub("", stripped, count=1).strip()
    if line[:1] + line[-1:] in ("[]", "{}"):  # a JSON list, a set of values
        line = line[1:-1].strip()
    items = [v.strip().strip('"*') for v in _LIST_SPLIT.split(line) if v.strip()]
    if len(items) != n:
        items = _separated(line, n) or items
    if respectively and len(items) >= n:  # "Solving them gives $x = 4$, $7$ and $12$ ..."
        items = items[-n:]  # the last n items; the first value closes the lead-in sentence
        if len(items[0]) > 30:
            maths = _LAST_MATH.findall(items[0])
            items[0] = maths[-1] if maths else ""
    if len(items) != n:
        return []
    values = [math_verify_value(_delimited(item)) or word_value(item) for item in items]
    if any(v is None or len(item) > 30 for v, item in zip(values, items, strict=True)):
        return []
    return [v for v in values if v is not None]


_SPACED_SEPARATOR = re.compile(r"\s+[/|│]\s+|\t+")
_ATOM_VALUE = re.compile(  # one value with no space in it: 7, -3, 0.6, 1/3, 87.5%, \frac{1}{4}
    r"\$?[-+−]?(?:\d[\d,]*(?:\.\d+)?(?:/\d+)?%?|\\d?frac\{[^{}\s]*\}\{[^{}\s]*\})\$?"
)


def _separated(line: str, n: int) -> list[str]:
    """n items of ``line`` between spaced slashes or bars, else between spaces when every item
    is one value; [] otherwise ("7 / 2" alone is a fraction, not two answers)."""
    items = [v.strip() for v in _SPACED_SEPARATOR.split(line) if v.strip()]
    if len(items) == n and not (n == 2 and all(_ATOM_VALUE.fullmatch(v) for v in items)):
        return items
    items = line.split()
    return items if len(items) == n and all(_ATOM_VALUE.fullmatch(v) for v in items) else []


def values_in_order(
    text: str, n: int, problems: Sequence[str] | None = None
) -> tuple[list[str], list[tuple[str, int]], bool]:
    """n values of a section naming no question, (value, end offset) of each where its place
    is known, and whether one line lists them (then in the order asked): n boxes, n bold
    values, a line listing n values (the last line with a number, else the last line that is
    nothing but n values), n clauses of the closing paragraph, of the whole section (passing
    over the ``problems``' own numbers); ([], [], False) when none holds."""
    placed = boxes_in_order(text, n) or bold_values(text, n)
    if placed:
        return [v for v, _ in placed], placed, False
    lines = [line for line in text.strip().split("\n") if any(map(str.isdigit, line))]
    values, line = (value_list(lines[-1], n), lines[-1]) if lines else ([], "")
    last = text.strip().rsplit("\n", 1)[-1]
    if not values and not lines and value_list(last, n):  # "six; thirty; negative three."
        values, line = value_list(last, n), last
    for line in reversed(lines if not values else []):
        values = _separated(_LEAD.sub("", line.strip(" \t`"), count=1), n)
        values = [math_verify_value(_delimited(v.strip("$"))) for v in values]
        if values and all(values):
            break
        values = []
    if values:
        return [v for v in values if v is not None], _in_line(text, line, values), True
    start = text.rstrip().rfind("\n\n") + 1
    givens = frozenset().union(*map(problem_numbers, problems or ()))  # "6 primes up to 30"
    closing = clause_values(text[start:], n, givens=givens) if start else []
    placed = [(v, start + end) for v, end in closing] or clause_values(text, n, givens=givens)
    return [v for v, _ in placed], placed, False


def _in_line(text: str, line: str, values: list[str | None]) -> list[tuple[str, int]]:
    """(value, end offset) of each value found in turn on ``line`` of ``text``; [] when one
    is not there as written (the line is then one place for all)."""
    at, placed = text.rfind(line), []
    for value in values:
        found = text.find(value or "\0", at, text.rfind(line) + len(line)) if at >= 0 else -1
        if found < 0:
            return []
        at = found + len(value or "")
        placed.append((value or "", at))
    return placed


def _delimited(item: str) -> str:
    """A listed item as math_verify reads it: bare LaTeX ("20\\pi") between dollars."""
    bare = "\\" in item and "$" not in item
    return f" ${item}$ " if bare else f" {item} "


def boxes_in_order(text: str, n: int) -> list[tuple[str, int]] | None:
    """(value, end offset) of each question's box when ``text`` holds n boxes (or one box of n
    values, or one box that all questions share); None otherwise."""
    boxes = find_boxes(text)
    if len(boxes) == n:  # "\\text{Yes}" is "Yes", as a box of words read on its own
        return [(_words_unwrapped(b.content), b.end) for b in boxes]
    if len(boxes) == 1:
        if _SAME.search(text):
            return [(boxes[0].content, boxes[0].end)] * n
        single = boxes[0].content
        if not single.lstrip().startswith(("(", "[", "\\left")):
            values = value_list(single, n)
            if values:
                return [(v, boxes[0].end) for v in values]
    return None


def _words_unwrapped(content: str) -> str:
    plain = answer_value(content) if not any(ch.isdigit() for ch in content) else None
    return plain or content


def bold_values(text: str, n: int) -> list[tuple[str, int]]:
    """(value, end offset) of n short bold values in order ("Amy has **$12.75** left, ...
    **$9**")."""
    found = [
        (math_verify_value(f" {m.group(1).strip()} "), m.end())
        for m in _BOLD.finditer(text)
        if not re.match(r"\(?\d{1,2}[.)]\s", m.group(1).strip())
        and not _BOLD_LABEL.fullmatch(m.group(1).strip())
    ]
    complete = len(found) == n and all(v for v, _ in found)
    return [(v, end) for v, end in found if v] if complete else []


_CLAUSE_END = re.compile(  # a line always ends a clause
    r"(?:[.;?。；]|(?<!\d)!)(?=\s|$)|\n|,\s+(?=(?:and|while|but|whereas)\s)|，"
)


_BULLET = re.compile(r"^\s*(?:[-*+•·]|\d{1,2}[.)])[ \t]+")
_MAX_CLAUSE = 2000  # characters: a longer run without a clause end states no one value
_COMMA_CLAUSE_END = re.compile(rf"{_CLAUSE_END.pattern}|,(?!\d{{3}})(?=\s)")


def clause_values(
    text: str, n: int, fewer: bool = False, givens: frozenset[str] = frozenset()
) -> list[tuple[str, int]]:
    """(value, end offset) of each clause of ``text`` that states a value, when exactly n do
    (one to n with ``fewer``); else of each comma-separated clause ("The hexagon has 6 sides,
    the books can be arranged in 24 ways, and the train goes 60 km/h")."""
    return _clause_values(text, n, _CLAUSE_END, fewer, givens) or _clause_values(
        text, n, _COMMA_CLAUSE_END, fewer, givens
    )


def _clause_values(
    text: str, n: int, ends: re.Pattern[str], fewer: bool, givens: frozenset[str]
) -> list[tuple[str, int]]:
    found, start = [], 0
    for match in [*ends.finditer(text), None]:
        end = match.start() if match else len(text)
        clause = _BULLET.sub("", text[start:end], count=1)  # "- 8": a list item, not -8
        value = (
            math_verify_value(clause, givens) or word_value(clause)
            if len(clause) <= _MAX_CLAUSE
            else None
        )
        if value is not None:
            found.append((value, end))
            if len(found) > n:
                return []
        start = match.end() if match else len(text)
    return found if len(found) == n or fewer and found else []


_INLINE = re.compile(  # labels inside one line: "1) 7, 2) 12", "1. 9 2. 7", "(i) 12 (ii) 7"
    r"(?:^|(?<=[\s,;:，；]))(?:\*\*)?(?:q[ \t]*)?\(?(\d{1,2}|[a-j]|i{1,3}|iv|v)"
    r"(?:[.)]|[ \t]*(?:->|→|⇒|=>|[:=]))(?:\*\*)?(?=[ \t]|(?<=[:=])[^\s:=])"
)


def inline_sequence(line: str, n: int) -> list[Piece]:
    """Labels naming 1..n once each, in order, on one line (an answer line)."""
    folded = fold(line)
    marks = [(m, lx.numeral_value(m.group(1))) for m in _INLINE.finditer(folded)]
    marks = [(m, k) for m, k in marks if k is not None and 1 <= k <= n]
    if [k for _, k in marks] != list(range(1, n + 1)):
        return []
    ends = [m.start() for m, _ in marks[1:]] + [len(line)]
    return [
        Piece(k, m.start(), end, Candidate(m.start(), m.end(), k, LABEL, 2.0, "summary"))
        for (m, k), end in zip(marks, ends, strict=True)
    ]


def line_sequence(text: str, n: int) -> list[Piece]:
    """The first line of ``text`` holding an :func:`inline_sequence`, its pieces in ``text``."""
    offset = 0
    for line in text.split("\n"):
        found = inline_sequence(line, n)
        if found:
            return [shift(p, offset) for p in found]
        offset += len(line) + 1
    return []


def shift(piece: Piece, offset: int) -> Piece:
    """``piece`` moved ``offset`` characters on (a piece of one line placed in its text)."""
    cut = piece.cut
    if cut is not None:
        cut = Candidate(cut.start + offset, cut.end + offset, cut.index, cut.tier, cut.score,
                        cut.context)  # fmt: skip
    return Piece(piece.index, piece.start + offset, piece.end + offset, cut)


def one_named(text: str, n: int) -> list[Piece]:
    """The one question a section names at a line start ("Question 3: \\boxed{25}" alone)."""
    found = candidates(text, n)
    named = [c for c in found if c.tier == STRONG and c.context == "line"]
    if len({c.index for c in found}) != 1 or not named:
        return []
    return [Piece(named[0].index, named[0].start, len(text), named[0])]
