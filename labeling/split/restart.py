"""A response that answers every question and then starts over ("Question 1: <the problem
again> ..."): a model looping on its prompt (SmolLM2 does it until its length limit).

:func:`restart_at` finds where the second pass begins: line-start references have named
questions 1..n in order, and a later one names question 1 again, on a line that restates
problem 1 or in a response stopped by its length limit. What follows is not part of any
answer: the splitter reads the text before it.
"""

from __future__ import annotations

from collections.abc import Sequence

from drqa.labeling.split.grammar import LABEL, LIST, STRONG, candidates

_LINE_TIERS = (STRONG, LABEL, LIST)


def restart_at(text: str, n: int, problems: Sequence[str] | None, truncated: bool) -> int | None:
    """Where ``text`` starts over at question 1 after answering 1..n (None: it does not)."""
    expected = 1
    for cand in candidates(text, n):
        if cand.context != "line" or cand.tier not in _LINE_TIERS:
            continue
        if expected > n and cand.index == 1:
            end = text.find("\n", cand.end)
            line = text[cand.end : len(text) if end == -1 else end]
            restated = _restates(line, problems)
            return cand.start if restated or truncated else None
        if cand.index == expected:
            expected += 1
    return None


def _restates(line: str, problems: Sequence[str] | None) -> bool:
    """Whether ``line`` repeats the opening words of problem 1 (six words in a row)."""
    if not problems:
        return False
    words = problems[0].split()
    opening = " ".join(words[:6]).lower()
    return len(words) >= 6 and opening in " ".join(line.split()).lower()
