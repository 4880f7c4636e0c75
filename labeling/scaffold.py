"""Batch scaffolding out of a batched chain: what only makes sense with several questions.

A chain cut from a response to n questions keeps the batch's scaffolding: headings
("**Question 2:**", "Problem 2", "Q2."), answer labels ("Answer to Question 2:", "Answer 2:"),
and sentences about the other questions ("Now the third problem.", "Both questions are done.").
A judge trained on such text can read the label off the markers ("marker present -> B") without
learning what concise means. :func:`remove_scaffolding` takes them out and says exactly what it
removed; :func:`clean_chain` applies it to a chain's thinking and answer section.

Rules, in order, on each line of a chain from a batch (``batch_size > 1``):

1. a line that is only a question heading or an answer label (any number) is dropped;
2. a heading or answer label opening a line ("Answer to Question 2: 12") loses that prefix;
3. a lead-in naming the chain's own question ("For the second problem, ") is dropped;
4. a sentence that names another question, or the batch as a whole ("both questions"), is
   dropped;
5. an answer table ("| Question | Answer |") keeps only this question's value.

Single-question chains (``batch_size == 1``) are returned unchanged. The ordinal and marker words
are a small local table (the splitter's shared lexicon, ``drqa.labeling.lexicon``, was not there
when this was written); new surface forms go into the table, not into new code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SCAFFOLD_VERSION = "scaffold@1"

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
}  # fmt: skip
CARDINALS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
ROMANS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
RELATIVE = ("next", "previous", "other", "last", "preceding", "following", "remaining")
NOUNS = ("question", "problem", "task", "exercise", "item")
ANSWER_WORDS = ("answer", "final answer", "solution", "ans")

_NOUN = r"(?:" + "|".join(NOUNS) + r")"
_NUM = r"(?:\d{1,2}|" + "|".join(ROMANS) + r"|" + "|".join(CARDINALS) + r"|[a-e])"
_ORD = r"(?:" + "|".join(ORDINALS) + r")"
_REL = r"(?:" + "|".join(RELATIVE) + r")"
_DECOR = r"[\s*_#>`\[\]()\-–—:.|]*"  # markdown and punctuation around a marker
# "Question 2", "Q2", "Problem #3", "question (ii)"; "the second question/problem/one"
_NUMBERED = (
    rf"(?:{_NOUN}\s*(?:no\.?\s*|number\s*|#\s*)?\(?(?P<num>{_NUM})\)?|(?-i:Q)\.?\s?(?P<qnum>\d{{1,2}}))"
    r"\b(?![.,]\d)"
)
_ORDINAL = rf"(?:the\s+)?(?P<ord>{_ORD}|{_REL})\s+(?:{_NOUN}|one)\b"
_MARKER = rf"(?:{_NUMBERED}|{_ORDINAL})"
_ANSWER = rf"(?:{'|'.join(ANSWER_WORDS)})s?"
_LABEL = (  # "Question 2", "Answer to Question 2", "Answer 2", "Ans (ii)"
    rf"(?:(?P<ans>{_ANSWER})\s*(?:(?:to|for|of)\s+)?)?"
    rf"(?:{_MARKER}|(?(ans)\(?(?P<anum>{_NUM})\)?\b|(?!)))"
)
HEADING_LINE = re.compile(rf"^{_DECOR}(?:{_LABEL}){_DECOR}$", re.I)
_SEP = r"(?:[:.)\-–—→⇒]|->|=>)"  # what follows a label: "Answer 2:", "Q2 →", "(2) ->"
LINE_PREFIX = re.compile(rf"^(?P<lead>[\s*_#>]*)(?:{_LABEL})\s*[*_]*\s*{_SEP}\s*[*_]*\s*", re.I)
LEAD_IN = re.compile(
    rf"^(?P<lead>[\s*_#>]*)(?:(?:now|next|ok(?:ay)?|alright|so|and|then|finally)[\s,]+)?"
    rf"(?:(?:for|in|on|onto|to|with)\s+)?{_MARKER}\s*[,:]\s*",
    re.I,
)
BATCH_WORDS = re.compile(
    rf"\b(?:both|all\s+(?:the\s+)?(?:{'|'.join(CARDINALS)}|\d)|these|the|each|other|remaining|"
    rf"(?:{'|'.join(CARDINALS)}|\d))\s+{_NOUN}s\b|\b{_NOUN}s\s+(?:\d|{'|'.join(CARDINALS)})\b",
    re.I,
)
BOLD_NUMBER = re.compile(
    r"^(?P<lead>\s*)\*\*\s*\(?(?P<num>\d{1,2})\)?\s*[.):]?\s*\*\*\s*[:.)\-–—]?\s*"
)
MARKER = re.compile(rf"\b{_MARKER}", re.I)
CONTENT = re.compile(r"[\d=+\-*/^$\\]")  # a sentence with numbers or math carries reasoning
TRANSITION_WORDS = 12  # a sentence naming its own question, this short and without math, is a
# transition ("Okay, let's tackle the second question now.")
SENTENCE = re.compile(r"(?:[^.!?]|[.!?]+(?!\s|$))+(?:[.!?]+|$)")  # on one line


TABLE_HEAD = re.compile(
    rf"^\s*\|\s*(?:{_NOUN}|q|#|no\.?|n)\s*\|\s*(?:{_ANSWER}|results?|values?)\s*\|\s*$", re.I
)
TABLE_RULE = re.compile(r"^\s*\|[\s:|-]+\|\s*$")
TABLE_ROW = re.compile(
    r"^\s*\|\s*(?:q\s*)?\(?(?P<num>\d{1,2})\)?\s*\|\s*(?P<value>.*?)\s*\|\s*$", re.I
)


# A superset of every rule's trigger: a question noun, an answer word, "one" ("the other one"),
# "Q2", "**", a table's "|", and the non-ASCII letters re.I folds onto ASCII. A line (or text)
# it does not match is left as it is (one search instead of every rule; the release's chat
# builder runs it column-wise in Polars). A new rule needs its trigger here.
TRIGGER_PATTERN = (
    rf"(?i:{'|'.join(NOUNS + ANSWER_WORDS)}|one|\*\*|\|)|Q[^A-Za-z]|[\u0130\u0131\u017f\u212a]"
)
TRIGGER = re.compile(TRIGGER_PATTERN)


@dataclass(frozen=True)
class Cleaned:
    """Text with the batch scaffolding removed, and each removal as ``kind: 'text'``."""

    text: str
    edits: tuple[str, ...]


def _number(match: re.Match) -> int | None:
    """The question number a marker names, or None for relative words (next, other)."""
    groups = match.groupdict()
    raw = groups.get("num") or groups.get("qnum") or groups.get("anum") or groups.get("ord")
    raw = (raw or "").lower()
    if raw.isdigit():
        return int(raw)
    for table in (ORDINALS, CARDINALS, ROMANS):
        if raw in table:
            return table[raw]
    if len(raw) == 1 and raw.isalpha():
        return ord(raw) - ord("a") + 1
    return None


def _names_other(sentence: str, own: int) -> bool:
    """True when the sentence names a question other than ``own`` or the batch as a whole."""
    if BATCH_WORDS.search(sentence):
        return True
    return any(_number(m) != own for m in MARKER.finditer(sentence))


def _transition(sentence: str) -> bool:
    """A short sentence that names a question and holds no number or math of its own."""
    without = MARKER.sub(" ", sentence)
    return (
        without != sentence
        and not CONTENT.search(without)
        and len(without.split()) <= TRANSITION_WORDS
    )


def _quote(text: str) -> str:
    return repr(text.strip())


def _clean_line(line: str, own: int, edits: list[str]) -> str | None:
    """The line without scaffolding; None when nothing of it is left."""
    if line.strip() and HEADING_LINE.match(line):
        edits.append(f"removed heading {_quote(line)}")
        return None
    for pattern, kind in ((LINE_PREFIX, "label"), (BOLD_NUMBER, "label"), (LEAD_IN, "lead-in")):
        found = pattern.match(line)
        if found and found.end() > len(found.group("lead")):
            if _number(found) not in (own, None):  # a line about another question
                edits.append(f"removed line {_quote(line)}")
                return None
            rest = line[found.end() :]
            edits.append(f"removed {kind} {_quote(line[len(found.group('lead')) : found.end()])}")
            lead = re.sub(r"[*_]", "", found.group("lead"))
            line = lead + rest[:1].upper() + rest[1:]
            break
    kept, removed = [], False
    for sentence in SENTENCE.findall(line):
        if sentence.strip() and (_names_other(sentence, own) or _transition(sentence)):
            edits.append(f"removed sentence {_quote(sentence)}")
            removed = True
        else:
            kept.append(sentence)
    text = "".join(kept)
    if not removed:
        return line
    if not text.strip():
        return None
    indent = line[: len(line) - len(line.lstrip())]
    return indent + text.lstrip()


def remove_scaffolding(text: str | None, batch_size: int, position: int) -> Cleaned:
    """``text`` of the chain for question ``position`` (0-based) of a ``batch_size`` prompt with
    the batch scaffolding removed; unchanged for single-question chains and empty text."""
    if not text or batch_size <= 1:
        return Cleaned(text or "", ())
    edits: list[str] = []
    own = position + 1
    lines, in_table = [], False
    for line in text.split("\n"):
        if not TRIGGER.search(line):  # no rule can touch it (and it ends any table)
            in_table = False
            lines.append(line)
            continue
        if TABLE_HEAD.match(line) or (in_table and TABLE_RULE.match(line)):
            in_table = True
            edits.append(f"removed table header {_quote(line)}")
            continue
        row = TABLE_ROW.match(line) if in_table else None
        if row:  # "| 2 | 7 |": the value stays for its own question, other rows go
            if int(row.group("num")) == own:
                edits.append(f"removed table cells around {_quote(row.group('value'))}")
                lines.append(row.group("value"))
            else:
                edits.append(f"removed line {_quote(line)}")
            continue
        in_table = False
        lines.append(_clean_line(line, own, edits))
    cleaned = "\n".join(line for line in lines if line is not None)
    cleaned = re.sub(r"\n{3,}", "\n\n", cleaned).strip("\n")
    return Cleaned(cleaned if edits else text, tuple(edits))


@dataclass(frozen=True)
class CleanChain:
    """A chain's sections after scaffold removal, and every edit (cut, removal) said in words."""

    thinking: str
    answer_section: str
    closed: bool  # the model closed its thinking (</think>); False when cut off inside it
    edits: tuple[str, ...]


def clean_chain(thinking: str | None, answer_section: str | None, *, batch_size: int,
                position: int, truncation: str | None = None,
                shared_thinking: bool | None = None) -> CleanChain:  # fmt: skip
    """The chain's thinking and answer section ready to rebuild in the model's format, with the
    list of what differs from the model's own words (in order: cuts, then removals)."""
    edits: list[str] = []
    closed = truncation != "in_thinking"
    if batch_size > 1:
        edits.append(
            f"cut from a response to {batch_size} questions (question {position + 1}): the other "
            "questions' thinking and answers are left out"
        )
        if shared_thinking:
            edits.append(f"thinking shared by all {batch_size} questions (it could not be cut)")
    if not closed:
        edits.append("cut off by the length limit inside the thinking: no </think>, no answer")
    think = remove_scaffolding(thinking, batch_size, position)
    answer = remove_scaffolding(answer_section if closed else "", batch_size, position)
    edits += [f"thinking: {e}" for e in think.edits]
    edits += [f"answer section: {e}" for e in answer.edits]
    return CleanChain(think.text, answer.text, closed, tuple(edits))
