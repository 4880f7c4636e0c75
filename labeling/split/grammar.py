"""Question references x structural contexts: every place a response may turn to question k,
as a scored :class:`Candidate`.

References (tables in :mod:`drqa.labeling.lexicon`): a question noun with a number ("Question
2", "Aufgabe 2", "problem two"), ``Q2``/``A[2]``/``#2``, "Answer 2", ordinals with or without a
noun in the languages models write ("the second question", "la segunda pregunta", "Second,"),
CJK forms (第二题, 问题2, 問3), keycaps (2️⃣), circled digits (②), and labels at a line start
(``2.``, ``(b)``, ``**ii)**``, ``### 2``). Contexts: a line start after markdown decoration
(heading, bold, list item), a sentence opener ("Now, for the second,"), after an answer word
("the answer to question 2"), a table row's first cell, or mid-sentence (a mention). The score
of a candidate is its reference's weight times its context's; :mod:`drqa.labeling.split.align`
picks which candidates cut the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from drqa.labeling import lexicon as lx
from drqa.labeling.split.templates import template_labels

_ORD = lx.all_ordinals()
_WORDS = lx.all_number_words()
_CJK = "".join(lx.CJK_NUMERALS)
_NUM = rf"\d{{1,2}}|{lx.alternation(_WORDS)}"
_REF = re.compile(
    "|".join(
        (
            rf"(?<![\w\\])(?:{lx.alternation(lx.ANSWER_WORDS)})[ \t]*(?:(?:to|for)[ \t]+)?"
            rf"(?:#[ \t]*)?"
            rf"(?:\(?\[?(?P<ans>\d{{1,2}})\]?\)?|\((?P<ansl>[a-j])\))(?![\w])",
            rf"(?<![\w])(?:{lx.alternation(lx.QUESTION_NOUNS)})s?[ \t]*(?:#|n[°o]\.?|nr\.)?[ \t]*"
            rf"\[?(?P<noun>{_NUM})\]?(?![\w])",
            r"(?<![\w\\])(?:q[ \t]*#?\.?[ \t]*\[?(?P<q>\d{1,2})\]?|[aq]\[(?P<qb>\d{1,2})\])"
            r"(?![\w])",
            rf"(?<![\w])(?P<ord>{lx.alternation(_ORD)}|next|last)"
            rf"(?:[ \t]+(?P<onoun>{lx.alternation(lx.QUESTION_NOUNS_AFTER_ORDINAL)}))?(?![\w])",
            rf"第[ \t]*(?P<cjk1>[{_CJK}]|\d{{1,2}})[ \t]*"
            rf"(?:个问题|個問題|道题|题|題|问|問|[个個道](?=[ \t]*[：:，,]))",  # 第一个： 第二道：
            rf"(?:问题|題目|题目|問題|問|题)[ \t]*(?P<cjk2>[{_CJK}]|\d{{1,2}})(?!\d)",
            r"(?P<key>[1-9])\ufe0f?\u20e3",
            "(?P<circ>[\u2460-\u2469])",
            r"(?<![\w&#])#[ \t]?(?P<hash>\d{1,2})(?=[\s:.)*]|$)",
        )
    )
)
_TRIGGER_WORDS = sorted(
    {w.split()[0] for w in lx.ANSWER_WORDS if w.isascii() or " " not in w}
    | set(lx.QUESTION_NOUNS) | {f"{w}s" for w in lx.QUESTION_NOUNS}
    | set(_ORD) | {"next", "last", "q"}
)  # fmt: skip
# Where a word reference may start: one scan per first letter (a literal the regex engine finds
# in a tight loop, the look-behind after it, then a trie of the rest), and the full reference
# pattern is tried at those places only.
_TRIGGERS = [
    re.compile(
        rf"{re.escape(first)}(?<![\w\\]{re.escape(first)})(?:{lx.trie(tails)})"
        rf"{'?' if '' in tails else ''}(?![^\W\d_])"
    )
    if any(tails)
    else re.compile(rf"{re.escape(first)}(?<![\w\\]{re.escape(first)})(?![^\W\d_])")
    for first, tails in lx.by_first_character(_TRIGGER_WORDS).items()
]
_ASCII_TRIGGERS = [p for p in _TRIGGERS if p.pattern[0].isascii()]
_SYMBOLS = (  # (cheap test, scan) for the references that do not start with a word
    ("第问題题問", re.compile("第|问题|題目|题目|問題|問|题")),
    ("\u20e3", re.compile(r"[1-9]\ufe0f?\u20e3")),
    ("".join(lx.CIRCLED), re.compile("[\u2460-\u2469]")),
    ("#", re.compile("#")),
    ("[", re.compile(r"a\[")),
)
# symbols that decorate a line's start like a bullet ("➤ Q1:", "✅ 2.", "🔹 Question 3")
_SYMBOL = "\u2190-\u21ff\u2500-\u27bf\u2b00-\u2bff\u2022\u00b7\ufe0f\U0001f300-\U0001faff"
_LABEL = re.compile(  # a label opening a line: "2.", "(b)", "**ii)**", "### 2", "2 ->"
    rf"^[ \t>{_SYMBOL}]*(?:[-*+][ \t]+)?(?:#{{1,6}}[ \t]*)?(?:\*\*|__)?[ \t]*"
    r"(?:\((?P<p>\d{1,2}|[a-j]|i{1,3}|iv|vi{0,3}|ix|x)\)"
    r"|(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:[.)]|:(?=[ \t])|[ \t]*(?:->|→|⇒|=>|⟹))"
    r"|(?P<l>[a-j]|i{1,3}|iv|vi{0,3}|ix|x)[.)])"
    r"(?=[ \t*_]|$)"
    r"|^[ \t]*#{1,6}[ \t]*(?P<h>\d{1,2})(?![\d\w])"
    r"|^[ \t]*\|[ \t]*(?:\*\*)?[ \t]*(?:q(?:uestion)?|problem|#)?[ \t]*\.?[ \t]*(?P<t>\d{1,2})"
    r"[ \t]*(?:\*\*)?[ \t]*[.):]?[ \t]*(?=\|)"
    rf"|^[ \t]*(?:(?P<e>\d{{1,2}}|[{_CJK}])[、．]|（(?P<f>\d{{1,2}}|[{_CJK}])）)",  # 1、 二、 （3）
    re.MULTILINE,
)
_MAY_LABEL = rf"(?=[ \t>*#_+\-|{_SYMBOL}]*[\d(（a-jvxqp一二三四五六七八九十])"  # labels are
_MAY_OPEN = re.compile(_MAY_LABEL)  # tried only at line starts that may open one: the first,
_LINE_START = re.compile(rf"\n{_MAY_LABEL}")  # the others after their line break (found fast)
_DECORATION = re.compile(rf"[ \t>*#_+\-|{_SYMBOL}]*")
_LEAD = re.compile(
    rf"[ \t>*#_+\-]*(?:(?:{lx.alternation(lx.LEAD_INS)}|{lx.alternation(lx.REVISIT_CUES)})"
    rf"(?:[ \t,:]+|[，：、][ \t]*|(?<=[^\x00-\x7f]))(?:(?:to|for|with)[ \t]+)?)*"
    rf"(?:(?:the|la|el|die|der|le)[ \t]+)?",
)
_WORDED_LABEL = re.compile(r"[ \t>*#_\-]*(?:[^\W\d_]{3,}[ \t]+){1,2}")
_COLON_AFTER = re.compile(r"[ \t]*(?:\*\*|__)?[ \t]*[:：]")
_HEADING_WORDS = re.compile(r"[ \t>]*(?P<mark>#{1,6}|\*\*|__)?[ \t]*(?:[^\W\d_]+[ \t]+){1,4}")
_HEADING_END = re.compile(
    r"[ \t]*(?:\*\*|__)?[ \t]*(?P<colon>[:：])?[ \t.]*(?:\*\*|__)?[ \t]*(?:\n|$)"
)
_ANSWER_TO = re.compile(
    rf"(?:{lx.alternation(lx.ANSWER_WORDS)})s?[ \t]+(?:to|for|of)[ \t]+(?:the[ \t]+)?$"
)
_SENTENCE_START = re.compile(r"(?:(?:[.?:;]|(?<!\d)!)[ \t*]+|[。！？；：][ \t*]*|\n)")
_REVISIT = re.compile(lx.alternation(lx.REVISIT_CUES))
_POSSESSIVE = re.compile(r"['’]s(?![ \t]+(?:answer|result|value)s?[ \t]*(?:\*\*)?[ \t]*[:：=])")

MAX_CANDIDATES = 20_000  # references read per kind (degenerate text stays bounded)
_REACH = 120  # characters before a reference read for its context (bounded: linear scans)
STRONG, LABEL, ORDINAL, MENTION, SEQUENCE, LIST = 1, 2, 3, 4, 5, 6  # tiers (see align)
_VALUE_AFTER_ORDINAL = re.compile(
    r"[ \t]*(?:\*\*)?[ \t]*(?:[,:;\-–—]|(?:is|was|equals|comes[ \t]+to|gives|to)[ \t]+"
    r"(?:(?:also|just|again)[ \t]+)?[-+$\\(\d])"
)
_VALUE_NAMED = re.compile(r".*?(?<![\w])(?:the|my|our|your|this|that|an?)[ \t]+answer[ \t]+\d+")


@dataclass(frozen=True)
class Candidate:
    """A place ``start``..``end`` that names question ``index`` in a context."""

    start: int  # where the segment of this question would begin (line or sentence start)
    end: int  # end of the reference itself
    index: int
    tier: int
    score: float
    context: str  # line | opener | answer | table | mention
    revisit: bool = False


def fold(text: str) -> str:
    """``text`` lower-cased with the same offsets (else the original)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text


def _index(match: re.Match[str], n: int, previous: int) -> int:
    name = match.lastgroup
    if name in ("ord", "onoun"):
        word = match.group("ord")
        if word == "last":
            return n
        if word == "next":
            return previous + 1 if previous else 0
        return _ORD[word]
    value = lx.numeral_value(match.group(name)) if name else None
    return value or 0


def candidates(text: str, n: int) -> list[Candidate]:
    """Every reference to a question 1..n in ``text`` with its context, in text order (the
    first :data:`MAX_CANDIDATES` of each kind: far more than any real response holds). One
    scan per text: the answer section is read by several steps (restart, cut, summary)."""
    return list(_candidates(text, n))


@lru_cache(maxsize=8)
def _candidates(text: str, n: int) -> tuple[Candidate, ...]:
    folded = fold(text)
    found: list[Candidate] = []
    previous = 0
    for count, match in enumerate(_references(folded)):
        if count == MAX_CANDIDATES:
            break
        k = _index(match, n, previous)
        if not 1 <= k <= n:
            continue
        cand = _place(folded, match.start(), match.end(), k, match)
        if cand is not None:
            found.append(cand)
            previous = k
    starts = ([0] if _MAY_OPEN.match(folded) else []) + [
        line.end() for line in _LINE_START.finditer(folded)
    ]  # fmt: skip
    labels = (_LABEL.match(folded, start) for start in starts)
    listed: list[tuple[re.Match[str], int, bool]] = []
    for count, match in enumerate(m for m in labels if m is not None):
        if count == MAX_CANDIDATES:
            break
        token = next(g for g in match.groups() if g is not None)
        k = int(token) if token.isdigit() else lx.numeral_value(token) or 0
        roman = token in lx.ROMAN and token not in ("i", "v", "x") or token in ("ii", "iii")
        if token.isalpha() and token.isascii() and not roman and len(token) == 1:
            k = ord(token) - 96
        listed.append((match, k, token.isdigit()))
    shift = _zero_based_shift(listed, n)
    for match, k, digits in listed:
        k += shift if digits else 0
        if 1 <= k <= n:
            line = folded.rfind("\n", 0, match.start()) + 1
            marked = any(mark in match.group() for mark in ("**", "__", "#", "|"))
            found.append(Candidate(line, match.end(), k, LABEL if marked else LIST, 2.0, "line"))
    taken = {c.start for c in found if c.context == "line"}  # "문제 2:", "1번 답:", "P2)"
    found += [Candidate(start, end, k, LABEL, 2.0, "line")
              for start, end, k in template_labels(folded, n) if start not in taken]  # fmt: skip
    found.sort(key=lambda c: (c.start, c.tier))
    return tuple(found)


def _zero_based_shift(listed: list[tuple[re.Match[str], int, bool]], n: int) -> int:
    """1 when the numbered line labels count from 0: exactly ``0, 1, ..., n-1`` in order (a
    list indexed from 0 names question k as k-1), else 0."""
    numbers = [k for _, k, digits in listed if digits]
    return 1 if n >= 2 and numbers == list(range(n)) else 0


def _references(folded: str):
    """The matches of the reference pattern in ``folded``, in text order, tried only where a
    trigger word or symbol starts (the same matches as ``_REF.finditer``, far faster)."""
    starts = [
        m.start()
        for trigger in (_ASCII_TRIGGERS if folded.isascii() else _TRIGGERS)
        for m in trigger.finditer(folded)
    ]
    for chars, scan in _SYMBOLS:
        if any(char in folded for char in chars):
            starts += [m.start() for m in scan.finditer(folded)]
    end = 0
    for start in sorted(set(starts)):
        if start < end:
            continue
        match = _REF.match(folded, start)
        if match is not None:
            end = match.end()
            yield match


def _place(folded: str, start: int, end: int, k: int, match: re.Match[str]) -> Candidate | None:
    bare = match.group("ord") is not None and match.group("onoun") is None
    if bare and _VALUE_AFTER_ORDINAL.match(folded, end) is None:
        return None  # "the first term", "next, ...": no value after it (read before context)
    line = folded.rfind("\n", max(0, start - _REACH), start) + 1
    line = start - _REACH if line == 0 and start > _REACH else line  # a long line: its end only
    prefix = folded[line:start]
    revisit = bool(_REVISIT.search(folded, max(line, start - 40), start))
    strong = not bare
    if prefix.startswith("|") or prefix.lstrip().startswith("|"):
        cells = prefix.count("|")
        return Candidate(line, end, k, STRONG, 3.0, "table") if cells == 1 and strong else None
    if (
        _DECORATION.fullmatch(prefix)
        or _WORDED_LABEL.fullmatch(prefix)
        and strong
        and (_COLON_AFTER.match(folded, end))
        or strong
        and _heading(prefix, folded, end)
    ):  # "Revised Q3:", "Corrected answer 2:": a label with a word or two before it
        context, begin = "line", line
    elif _ANSWER_TO.search(prefix) and not _cites(folded, line, start):
        context, begin = "answer", _sentence_begin(folded, line, start)
    else:
        begin = _sentence_begin(folded, line, start, unknown=-1)
        opener = begin >= 0 and _LEAD.fullmatch(folded, begin, start)  # a long sentence's middle
        begin = start if begin < 0 else begin  # (its start out of reach) is no opener
        context = "opener" if opener else "mention"
        if context == "mention" and _ANSWER_TO.search(folded, begin, start):
            context = "mention" if _cites(folded, begin, start) else "answer"
        if _POSSESSIVE.match(folded, end):  # "Q1's answer squared": a value cited, no label
            context = "mention"
    if bare:  # "Second, ...", "For the third:", "the first is 12"
        if context == "mention" and not folded.startswith("the", start - 4):
            return None
        if context == "mention":
            begin = start - 4
        article = folded.startswith(("the", "la", "el", "le", "die", "der"), max(0, start - 4))
        # "First, ..." with no article is as often a step as a question: it counts only as a
        # complete sequence (tier SEQUENCE); "For the second," names a question (tier ORDINAL)
        tier = ORDINAL if article or context == "mention" else SEQUENCE
        return Candidate(begin, end, k, tier, 1.5 if context != "mention" else 1.0, context,
                         revisit)  # fmt: skip
    if context == "mention" and _VALUE_NAMED.fullmatch(folded, max(0, start - 6), end):
        return None  # "is the answer 01 or 1?", "so my answer 30 holds": a value, no question
    if context == "mention":  # a revisit ("..., going back to problem 1") takes its sentence
        return Candidate(begin if revisit else start, end, k, MENTION, 0.6, context, revisit)
    score = {"line": 3.0, "answer": 3.0, "opener": 2.5}[context]
    return Candidate(begin, end, k, STRONG, score, context, revisit)


def _heading(prefix: str, folded: str, end: int) -> bool:
    """Whether the reference ends a short line of words that is a heading: marked as one (bold,
    ``#``) or closed by a colon ("**Solution to the second problem:**", "## Working on Q2")."""
    words, rest = _HEADING_WORDS.fullmatch(prefix), _HEADING_END.match(folded, end)
    return bool(words and rest and (words.group("mark") or rest.group("colon")))


def _cites(folded: str, line: int, start: int) -> bool:
    """Whether "answer to" sits deep in its sentence: a value cited ("twice my answer to Q1")."""
    begin = _sentence_begin(folded, line, start)
    return len(folded[begin:start].split()) > 5


def _sentence_begin(folded: str, line: int, start: int, unknown: int | None = None) -> int:
    """The start of the sentence holding ``start``, <= 80 back (else ``unknown`` or ``start``)."""
    floor = max(line, start - 80)
    best = floor if floor == line else -1
    for m in _SENTENCE_START.finditer(folded, floor, start):
        best = m.end()
    return best if best >= 0 else start if unknown is None else unknown
