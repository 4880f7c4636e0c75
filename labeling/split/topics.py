"""What a stretch of text is about: the topic tokens it shares with the batch's problems.

Three kinds of token, read the same way from a problem and from a response:

- *words* of four letters or more in any alphabet, reduced to a crude stem (``cubed``,
  ``cubes`` and ``cube`` are one token; ``rectángulo`` is one word), three-letter acronyms in
  capitals (``LCM``, ``GCD``), and two-character runs of CJK text;
- *numbers* of two digits or more, decimals whole (``3.14159``), a sentence-final period not
  part of the number (``... = 32.``);
- *expression shingles*: three consecutive atoms of a formula (numbers, one-letter variables,
  operators), holding a number and an operator (``2^5``, ``x+7``, ``3/4``, ``7*8``), with the
  operator spellings folded (``×`` and ``·`` are ``*``, ``−`` is ``-``, ``÷`` is ``/``).
  Single digits count only inside such a shingle: alone they are in every paragraph.

:func:`owned_tokens` keeps the tokens of exactly one problem (what tells the problems apart);
:func:`topic_tokens` lists a text's tokens for counting against them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

_CJK_RANGE = "\u3040-\u30ff\u4e00-\u9fff"
_WORD = re.compile(
    rf"(?<![\\\w])(?:[^\W\d_{_CJK_RANGE}]{{4,}}|[A-Z]{{3}}(?![\w]))"  # "LCM", "GCD": acronyms
    rf"|[{_CJK_RANGE}]{{2,}}|(?<![\d.])(?:\d+\.\d+|\d{{2,}})(?!\d|\.\d)"
)
_ATOM = re.compile(
    r"(?<![\d.])\d+(?:\.\d+)?(?!\d|\.\d)!?"  # a number (a factorial: 5!)
    r"|(?<![^\W\d_])[a-z](?![^\W\d_])"  # a one-letter variable
    r"|[-+*/^=<>−×÷·√]"  # an operator
)
_DIGIT, _OPERATOR = re.compile(r"\d"), re.compile(r"[-+*/^=<>−×÷·√]")  # a shingle holds both
_GAP = re.compile(r"[ \t()\[\]{}$\\]*")  # what may sit between two atoms of one formula
_FOLD_OPERATOR = str.maketrans({"−": "-", "×": "*", "·": "*", "÷": "/"})
_SUFFIXES = ("ing", "ed", "es", "s", "e")
_FUNCTION_WORDS = frozenset(
    (
        "what", "which", "with", "that", "this", "these", "those", "have", "many", "much", "does",
        "from", "there", "their", "they", "them", "then", "than", "when", "where", "will", "would",
        "your", "each", "into", "about", "also", "some", "more", "most", "only", "such", "very",
        "find", "solve", "compute", "calculate", "determine", "evaluate", "simplify", "give",
        "given", "value", "answer", "question", "problem", "after", "before", "here", "final",
        "both", "every", "either", "neither", "other", "another", "same",
    )
)  # fmt: skip
"""Words any problem or paragraph may hold: they tell nothing apart."""
_OPERATORS = frozenset("-+*/^=<>√")
_FRACTION = re.compile(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_LATEX_OPERATORS = {"times": "*", "cdot": "*", "div": "/", "sqrt": "√", "left": "", "right": ""}
_LATEX_OPERATOR = re.compile(rf"\\({'|'.join(_LATEX_OPERATORS)})(?![a-zA-Z])")


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _words(text: str, start: int, end: int) -> list[str]:
    found = []
    for match in _WORD.finditer(text, start, end):
        token = match.group().lower()
        if token[0].isdigit():
            found.append(token)
        elif "\u3040" <= token[0] <= "\u9fff":  # CJK: its character pairs
            found += [token[i : i + 2] for i in range(len(token) - 1)]
        elif token not in _FUNCTION_WORDS:
            found.append(_stem(token))
    return found


def _shingles(text: str, start: int, end: int) -> list[str]:
    found: list[str] = []
    if not _DIGIT.search(text, start, end) or not _OPERATOR.search(text, start, end):
        return found
    run: list[str] = []
    previous = start
    for match in _ATOM.finditer(text, start, end):
        atom = match.group().lower().translate(_FOLD_OPERATOR)
        joined = _GAP.fullmatch(text, previous, match.start()) is not None
        if not joined or run and run[-1][0].isdigit() and atom[0].isdigit():
            run = []  # a new formula (two numbers in a row are two formulas)
        run.append(atom)
        previous = match.end()
        if len(run) >= 3:
            shingle = run[-3:]
            if any(a[0].isdigit() for a in shingle) and any(a in _OPERATORS for a in shingle):
                found.append(" ".join(shingle))
    return found


def topic_tokens(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The topic tokens of ``text[start:end]`` (repeats kept: each one counts)."""
    end = len(text) if end is None else end
    if "\\" in text[start:end]:  # LaTeX: \frac{1}{2} is the formula 1/2, \times is *
        chunk = _FRACTION.sub(r"(\1)/(\2)", text[start:end])
        text, start = _LATEX_OPERATOR.sub(lambda m: _LATEX_OPERATORS[m.group(1)], chunk), 0
        end = len(text)
    return _words(text, start, end) + _shingles(text, start, end)


def owned_tokens(problems: Sequence[str | None]) -> dict[str, int]:
    """token -> the question (1-based) whose problem alone holds it (one reading per batch:
    the thinking, the answer section and their steps share it; do not change the result)."""
    return _owned_tokens(tuple(problems))


@lru_cache(maxsize=32)
def _owned_tokens(problems: tuple[str | None, ...]) -> dict[str, int]:
    owner: dict[str, int] = {}
    shared: set[str] = set()
    for index, problem in enumerate(problems, start=1):
        for token in set(topic_tokens(problem or "")) | _acronyms(problem or ""):
            if owner.setdefault(token, index) != index:
                shared.add(token)
    return {token: index for token, index in owner.items() if token not in shared}


_RUN = re.compile(  # three long words in a row, every run (overlapping): their initials
    r"(?<![\w])(?=([a-z])[a-z]{3,}[ \t]+([a-z])[a-z]{3,}[ \t]+([a-z])[a-z]{3,}(?![\w]))"
)


def _acronyms(problem: str) -> set[str]:
    """The initials of a problem's runs of three words ("least common multiple": ``lcm``), a
    response's acronym in capitals ("LCM") names that problem."""
    return {"".join(initials) for initials in _RUN.findall(problem.lower())}
