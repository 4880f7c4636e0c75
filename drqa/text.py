"""Text conventions every stage shares: thinking vs answer section, ``\\boxed{}``, cut-off text.

One reading of model text for the generation backends, the importer, the splitter, gold-answer
parsing and the evals:

- **Thinking and answer section.** A server may deliver the thinking separately
  (``reasoning_content``); else the text holds ``<think>...</think>``; an R1-style chat template
  opens the thinking in the prompt, so the text holds only ``</think>``. The *last* ``</think>``
  ends the thinking (a model that re-opens its thinking answers after the final close). A text
  with ``<think>`` and no ``</think>`` (or, when the prompt opened the thinking, no tag at all)
  was cut off while thinking: it has no answer section.
- **Boxes.** ``\\boxed{...}`` and ``\\fbox{...}`` with balanced braces, where ``\\{`` and ``\\}``
  are escaped braces that do not count; found in one linear pass; an unclosed box is reported,
  never read as an answer; a box longer than :data:`MAX_BOX_CHARS` is not an answer.
- **Cut-off answer sections.** :func:`cut_off_reason` says why a piece of answer text stops
  mid-way (empty, an unclosed box, unbalanced braces or math delimiters, a trailing operator or
  opener, a last sentence that stops mid-way), or ``None`` when it reads as finished.

Every function here is linear in the length of its input (regular expressions without nested
repetition, single passes), so any text, however degenerate, is parsed in bounded time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_TAG = "<think>"
CLOSE_TAG = "</think>"
MAX_BOX_CHARS = 2000  # a "box" longer than this is not a final answer
_BOX_TOKEN = re.compile(r"\\(?:boxed|fbox)\s*\{|\\boxed\s+(?=[^\s{\\$])|\\\\|\\[{}]|[{}]")
_BOX_SPACE_VALUE = re.compile(r"[^\s$\\{}]+")


@dataclass(frozen=True)
class Sections:
    """A response cut into its thinking and its answer section.

    ``thinking`` is None when the response had no thinking at all; ``closed`` is False when
    the response was cut off while thinking (then ``answer`` is empty).
    """

    thinking: str | None
    answer: str
    closed: bool


def split_sections(
    text: str | None, reasoning: str | None = None, *, starts_in_thinking: bool = False
) -> Sections:
    """Cut one response into thinking and answer section, pieces as received (not stripped).

    ``reasoning`` is thinking the server delivered separately (empty counts as none); the text
    is then the answer section (after a stray ``</think>``, if any). ``starts_in_thinking``
    says the prompt opened the thinking: a text without any tag is then all thinking, cut off.
    """
    text = text or ""
    if reasoning:
        if CLOSE_TAG in text:
            text = text[text.rfind(CLOSE_TAG) + len(CLOSE_TAG) :]
        return Sections(reasoning, text, True)
    close_at = text.rfind(CLOSE_TAG)
    if close_at != -1:
        before = text[:close_at]
        open_at = before.find(OPEN_TAG)
        thinking = before[open_at + len(OPEN_TAG) :] if open_at != -1 else before
        return Sections(thinking, text[close_at + len(CLOSE_TAG) :], True)
    open_at = text.find(OPEN_TAG)
    if open_at != -1:
        return Sections(text[open_at + len(OPEN_TAG) :], "", False)
    if starts_in_thinking:
        return Sections(text, "", False)
    return Sections(None, text, True)


@dataclass(frozen=True)
class Box:
    """One complete ``\\boxed{...}``: ``text[start:end]`` is the whole box."""

    start: int
    end: int
    content: str


def scan_boxes(text: str) -> tuple[list[Box], bool]:
    """(every complete box in order of its start, whether a box was left unclosed).

    Nested boxes are all listed; ``\\boxed 5`` (no braces) is a box holding ``5``.
    """
    first = min((i for i in (text.find("\\boxed"), text.find("\\fbox")) if i >= 0), default=-1)
    if first < 0:
        return [], False
    boxes: list[Box] = []
    open_boxes: list[tuple[int, int, int]] = []  # (start, content start, depth at opening)
    depth = 0  # braces before the first box cannot close it: start there
    for token in _BOX_TOKEN.finditer(text, first):
        value = token.group()
        if value == "{":
            depth += 1
        elif value == "}":
            if depth == 0:
                continue
            depth -= 1
            if open_boxes and open_boxes[-1][2] == depth:
                start, content_start, _ = open_boxes.pop()
                if token.start() - content_start <= MAX_BOX_CHARS:
                    content = text[content_start : token.start()].strip()
                    boxes.append(Box(start, token.end(), content))
        elif value.endswith("{") and value[1] in "bf":  # \boxed{ or \fbox{
            open_boxes.append((token.start(), token.end(), depth))
            depth += 1
        elif value.startswith("\\boxed"):  # "\boxed 5"
            match = _BOX_SPACE_VALUE.match(text, token.end())
            if match:
                boxes.append(Box(token.start(), match.end(), match.group()))
    boxes.sort(key=lambda box: box.start)
    return boxes, bool(open_boxes)


def find_boxes(text: str) -> list[Box]:
    """Every complete ``\\boxed{}``/``\\fbox{}`` in ``text``, in order of start."""
    return scan_boxes(text)[0]


def last_boxed(text: str | None) -> str | None:
    """Content of the last complete box (``\\boxed{a\\}b}`` gives ``a\\}b``); None if none."""
    if not text:
        return None
    boxes = find_boxes(text)
    if not boxes:
        return None
    last = max(boxes, key=lambda box: (box.end, -box.start))
    return last.content


# -- cut-off answer sections -------------------------------------------------------------------
_MATH_TOKEN = re.compile(r"\\begin\s*\{|\\end\s*\{|\\\\|\\[{}$]|\\[()\[\]]|\$\$|\$|[{}]")
_TRAILING_OPENER = re.compile(
    r"(?:[=+\-/^_({\[,<\\]|\\(?:d?t?frac|sqrt|times|cdot|div|pm|mp|leq?|geq?|neq|approx|equiv"
    r"|implies|Rightarrow|rightarrow|to|sum|prod|int|d?binom|left|quad|qquad|text|mathrm|mathbf"
    r"|pmod|mod|over|cup|cap|in)|\\[(\[]|\b(?:and|or|the|an|of|to|is|are|be|by|"
    r"for|with|from|then|so|that|which|we|get|gives|equals|at|in|on|as|into|than|this|its|"
    r"therefore|thus|hence|because|since|where|when|if|let|using|substituting|solving)"
    r"|:\s*\**)\s*$",
    re.IGNORECASE,
)
_OPERATOR_THEN_CLOSE = re.compile(  # "$125 \\div 5 = $": the math stops on an operator
    r"(?:[=+\-/^,]|\\(?:times|cdot|div|pm))\s*(?:\$\$?|\\\)|\\\])\s*$"
)
_MATH_SIGN = re.compile(r"\\[a-zA-Z]|[=^_{]")
_CLOSING_COMMANDS = re.compile(r"\\(?:right[)\]|.]|end\{[a-z*]+\}|\]|\))\s*$")
_RULE_LINE = re.compile(r"(?:^|\n)\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_ANSWER_LINE = re.compile(r"\b(?:answer|result)s?\b[^\n]*?(?:\bis\b|:|=)\s*\S", re.IGNORECASE)
_ENDS_IN_WORD = re.compile(r"[A-Za-z]{2,}\s*$")
_COMPLETE_END = re.compile(r"[.!?)\]}*$`\"'%]\s*$")
_CUT_WINDOW = 4000
TRUNCATION_REASONS = (
    "length",  # the server stopped on its length limit
    "in_thinking",  # cut off before the thinking closed
    "empty_answer",
    "unclosed_box",
    "unbalanced_braces",
    "open_math",
    "trailing_operator",
    "mid_sentence",
    "no_conclusion",  # a worked answer that stops on a step, before stating any answer
)


def _unbalanced(text: str) -> str | None:
    """``unbalanced_braces`` or ``open_math`` when the last paragraph of ``text`` opens a brace,
    a math delimiter or an environment that is never closed (an earlier stray opener, a typo
    the model moved on from, does not count)."""
    text = text[text.rfind("\n\n") + 1 :]  # an opener there is closed there, or never
    last_paragraph = 0
    stacks: dict[str, list[int]] = {"brace": [], "env": [], "display": [], "inline": []}
    closers = {"}": "brace", "\\]": "display", "\\)": "inline"}
    openers = {"{": "brace", "\\[": "display", "\\(": "inline"}
    double_open: int | None = None
    for token in _MATH_TOKEN.finditer(text):
        value, at = token.group(), token.start()
        if value.startswith("\\begin"):
            stacks["env"].append(at)
        elif value.startswith("\\end"):
            if stacks["env"]:
                stacks["env"].pop()
            stacks["brace"].append(at)  # the brace of \end{...}
        elif value in openers:
            stacks[openers[value]].append(at)
        elif value in closers:
            if stacks[closers[value]]:
                stacks[closers[value]].pop()
        elif value == "$$":
            double_open = None if double_open is not None else at
    if _open_after(stacks["brace"], last_paragraph):
        return "unbalanced_braces"
    if double_open is not None and double_open >= last_paragraph:
        return "open_math"
    if any(_open_after(stacks[kind], last_paragraph) for kind in ("env", "display", "inline")):
        return "open_math"
    tail = re.sub(r"\\\$|\$\$", "", text[last_paragraph:])
    after = tail[tail.rfind("$") :].split("\n", 1)[0]  # inline math closes on its line
    nested = "\\(" in after or "\\[" in after  # no \( math inside $ math: "$80 = \(12\)"
    money = re.search(r"\$\s*\d", tail) and (nested or not _MATH_SIGN.search(after))
    if tail.count("$") % 2 and not money:  # "$5" is money; "$12 \\times 12 = 1" is math
        return "open_math"
    return None


def _open_after(stack: list[int], floor: int) -> bool:
    """Whether the innermost unclosed opener on ``stack`` lies at or after ``floor``."""
    return bool(stack) and stack[-1] >= floor


def _opener_reach(tail: str) -> int:
    """Where a :data:`_TRAILING_OPENER` match may start in ``tail`` (which ends on no space):
    among its last 12 characters (its longest word, "substituting"), or at a colon followed by
    nothing but spaces and asterisks (the same matches as a search from 0, without trying
    the pattern at every character)."""
    colon = len(tail)
    while colon and (tail[colon - 1] == "*" or tail[colon - 1].isspace()):
        colon -= 1
    return max(0, min(len(tail) - 12, colon - 1))


def cut_off_reason(section: str | None) -> str | None:
    """Why the answer text ``section`` stops mid-way, or None when it reads as finished.

    Reasons: ``empty_answer``, ``unclosed_box``, ``unbalanced_braces``, ``open_math``,
    ``trailing_operator`` (ends in ``=``, ``+``, ``\\frac``, an opener, a comma, "and", "is"...)
    and ``mid_sentence`` (the last line ends in a word with no punctuation and no answer).
    """
    text = (section or "").rstrip()
    if not text:
        return "empty_answer"
    text = text[-_CUT_WINDOW:]  # a cut shows at the end: an opener further back is not one
    if scan_boxes(text)[1]:
        return "unclosed_box"
    unbalanced = _unbalanced(text)
    if unbalanced:
        return unbalanced
    tail = text[-200:]
    if _OPERATOR_THEN_CLOSE.search(tail):
        return "trailing_operator"
    if _CLOSING_COMMANDS.search(tail) or _RULE_LINE.search(tail):
        return None
    if _TRAILING_OPENER.search(tail, _opener_reach(tail)):
        return "trailing_operator"
    if _COMPLETE_END.search(tail):
        return None
    last_line = tail.rsplit("\n", 1)[-1]
    if find_boxes(last_line) or _ANSWER_LINE.search(last_line):
        return None
    if _ENDS_IN_WORD.search(last_line):
        return "mid_sentence"
    prose_line = len(re.findall(r"[A-Za-z]{2,}", last_line)) >= 4 and not re.search(
        r"[:=]", last_line
    )
    if re.search(r"\d\s*$", last_line) and prose_line:  # "...in simplest form since 3"
        return "mid_sentence"
    return None


_STEP_LINE = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)]|\(\d{1,2}\))\s")


def ends_on_a_step(section: str | None) -> bool:
    """Whether the last line of ``section`` is a list item or numbered step: a worked answer
    that stopped there never reached its conclusion (used when it states no answer at all)."""
    lines = [line for line in (section or "")[-2000:].splitlines() if line.strip()]
    return bool(lines) and bool(_STEP_LINE.match(lines[-1]))
