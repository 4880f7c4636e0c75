"""References the batch's own problems quote: a problem that speaks of "question 5" of an exam
makes "question 5" in the response that problem's content, not a turn to question 5 (unless it
labels a line)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from drqa.labeling import lexicon as lx
from drqa.labeling.split.grammar import Candidate

_NAMED = re.compile(r"[^\W\d_]+[ \t]*#?[ \t]*\d{1,2}$")  # "question 5" ending a reference
_REACH = 30  # characters before a reference's end read for its words
_WORD_NUMBER = re.compile(r"([^\W\d_]+)[ \t]*#?[ \t]*\d")  # "question 5", "of 12"
_NOUNS = frozenset(lx.QUESTION_NOUNS) | {f"{noun}s" for noun in lx.QUESTION_NOUNS}


def unquoted(
    text: str, cands: list[Candidate], problems: Sequence[str | None] | None
) -> list[Candidate]:
    """``cands`` less the sentence references ("Fourth one: question 5 of the exam ...") whose
    words a problem holds as written (case aside)."""
    quoting = _quoting(tuple(problems)) if problems and cands else ()
    if not quoting:
        return cands
    kept = []
    for cand in cands:
        if cand.context in ("opener", "mention"):
            named = _NAMED.search(text, max(cand.start, cand.end - _REACH), cand.end)
            words = named.group().lower() if named else ""
            if words and any(words in problem for problem in quoting):
                continue
        kept.append(cand)
    return kept


@lru_cache(maxsize=32)
def _quoting(problems: tuple[str | None, ...]) -> tuple[str, ...]:
    """The problems naming a question by number, lower-cased (one reading per batch)."""
    lowered = (p.lower() for p in problems if p)
    return tuple(
        p
        for p in lowered
        if any(noun in p for noun in lx.QUESTION_NOUNS)  # a literal first: found fast
        and any(word in _NOUNS for word in _WORD_NUMBER.findall(p))
    )
