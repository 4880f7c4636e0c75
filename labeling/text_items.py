"""Texts compared as written: one canonical form, and short lists of names item by item.

:func:`canonical_text` keeps lower-case letters and digits only (spacing, punctuation, LaTeX
wrappers and sub/superscripts aside). :func:`items_verdict` compares two short lists of names
(``benzoic acid and methanol``): the same items joined by ``and`` in another order are the same
set, and an answer naming only some of the gold's items misses the rest. Used by
:mod:`drqa.labeling.answer_kinds`.
"""

from __future__ import annotations

import re

from drqa.labeling.lexicon import LATEX_WRAPPERS, SCRIPT_DIGITS, alternation

_WRAPPERS = re.compile(
    rf"\\\(|\\\)|\\\[|\\\]|\$|\\(?:{alternation(LATEX_WRAPPERS)})(?![A-Za-z])\s*"
)  # delimiters and the wrappers of the lexicon's one table: their content is the value
_NOT_WORD = re.compile(r"[^0-9a-z\u0370-\u03ff<>=+/^*#]+")
_DIGIT_GAP = re.compile(r"(?<=\d)[^0-9a-z\u0370-\u03ff<>=+/^*−]+(?=\d)")  # a minus stays
_MATH_SIGNS = str.maketrans(
    {"√": " sqrt ", "|": " abs ", "≥": ">=", "≤": "<=", "≠": " neq ", "≡": " equiv ",
     "∝": " propto ", "±": " pm ", "∓": " mp ", "′": " prime ", "∞": " infinity "}
)  # fmt: skip
_FACTORIAL = re.compile(r"(?<=[\d)}])!")
_NEGATIVE = re.compile(
    r"(?<![0-9a-z])-(?=[\d\\(])|(?<=\d[eE])-(?=\d)|(?<=\^)-|(?<=\^\{)-"
    r"|(?<=(?<![A-Za-z])[A-Za-z])\s*-\s*(?=[A-Za-z](?![A-Za-z]))"
)  # a minus sign: -5, 1e-3, x^-2, e^{-x}, x - y (not the hyphen of a name: 2-methyl)
_WORD = re.compile(r"[A-Za-z]{3,}")
_NOT_A_NAME_LIST = re.compile(r"[()\[\]{}=<>\\^_]")
_CONJUNCTION = re.compile(r"\band\b|\+")
_ITEM_SEPARATOR = re.compile(r"\s*(?:,|;|\+|\band\b)\s*")


def canonical_text(text: str) -> str:
    """Lower-case letters and digits only: the same text written with other spacing,
    punctuation, LaTeX wrappers or Unicode sub/superscripts compares equal; two digit runs
    stay apart (``#``), so ``3.14`` is not ``314``."""
    text = _FACTORIAL.sub(" factorial", text.translate(SCRIPT_DIGITS))  # 7! is not 7
    text = text.translate(_MATH_SIGNS)  # √2 is not 2, ≥ 5 is not 5, C≡C is not CC
    text = _NEGATIVE.sub("−", _WRAPPERS.sub("", text).lower())
    text = _DIGIT_GAP.sub("#", text)  # 3.14 is not 314, nor "1, 2" 12: digit runs stay apart
    return _NOT_WORD.sub("", text.replace("−", "neg "))


def _items(text: str) -> list[str] | None:
    """The items of a short list of names (``benzoic acid and methanol``, ``A, B; C``) in
    canonical text, or None (one item, an item of more than three words, or a sentence)."""
    if _NOT_A_NAME_LIST.search(text):
        return None  # tuples, intervals, equations: an order or a bracket means something
    pieces = _ITEM_SEPARATOR.split(text.strip(" ."))
    if any(len(piece.split()) > 3 or not _WORD.search(piece) for piece in pieces):
        return None
    items = [canonical_text(piece) for piece in pieces]
    if "" in items:
        return None
    return items


def items_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """Two short lists of names: the same items in another order are ``correct``; an answer
    naming some of the gold's items and nothing else is ``incorrect`` (an item missing).
    Orderings first (:func:`ordering_verdict`)."""
    by_order = ordering_verdict(gold, answer) or relation_verdict(gold, answer)
    if by_order is not None:
        return by_order
    gold_items, answer_items = _items(gold), _items(answer)
    if not gold_items or not answer_items or len(gold_items) < 2:
        return None
    joined = all(_CONJUNCTION.search(side) for side in (gold, answer))
    if sorted(gold_items) == sorted(answer_items) and (joined or gold_items == answer_items):
        return "correct", "the same items in another order"  # "and" joins a set; "," may order
    if len(answer_items) < len(gold_items) and set(answer_items) < set(gold_items):
        return "incorrect", "items of the gold missing from the answer"
    return None


_NUMBER_LIST = re.compile(r"\d+(?:\s*(?:,\s*and|,|;|\band\b)\s*\d+){2,}")
_CHAIN = re.compile(r"\d+(?:\s*(<|>|\\lt|\\gt)\s*\d+){2,}")
_OPERATOR = re.compile(r"<|>|\\[lg]t")
_TERM_CHAIN = re.compile(r"[^<>=≤≥\\]{1,40}(?:[<>][^<>=≤≥\\]{1,40}){2,}")  # three terms or more
_STEP = re.compile(r"(?:^|(?<=\s))(\d{1,2})[.)]\s+")


def _plain(text: str) -> str:
    return _WRAPPERS.sub(" ", text).strip(" .\n")


def _steps(text: str) -> list[str] | None:
    """The items of numbered steps ``1. X 2. Y 3. Z`` (numbered 1..n in order, n >= 3)."""
    marks = list(_STEP.finditer(text))
    if len(marks) < 3 or [int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
        return None
    if text[: marks[0].start()].strip():
        return None
    ends = [m.start() for m in marks[1:]] + [len(text)]
    items = [canonical_text(text[m.end() : end]) for m, end in zip(marks, ends, strict=True)]
    return items if all(items) else None


def ordering_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """Orderings. Numbered steps (``1. X 2. Y 3. Z``) against numbered steps: the same steps in
    the same order are ``correct``, in another order ``incorrect``. A gold list of distinct
    numbers in no sorted order (``2, 5, 1, 4, 3``: a ranking; a set is written sorted) against
    the same numbers listed in another order is ``incorrect`` when they number items (1..k; other
    values listed unsorted, such as roots, may be a set); a list against a chain of them
    (``3 > 4 > 1 > 5 > 2``) is ``uncertain`` in the gold's order either way (which end is the
    top?) and ``incorrect`` in any other; two chains are one ranking read either way round.
    None for anything else."""
    gold_steps, answer_steps = _steps(gold), _steps(answer)
    if gold_steps and answer_steps and sorted(gold_steps) == sorted(answer_steps):
        if gold_steps == answer_steps:
            return "correct", "the same steps in the same order"
        return "incorrect", "the same steps in another order"
    gold_seq, answer_seq = _sequence(_plain(gold)), _sequence(_plain(answer))
    if not gold_seq or not answer_seq or sorted(gold_seq[0]) != sorted(answer_seq[0]):
        return None
    (ranked, gold_way), (items, answer_way) = gold_seq, answer_seq
    if gold_way is None and ranked in (sorted(ranked, key=int), sorted(ranked, key=int)[::-1]):
        return None  # a sorted list may be a set
    if gold_way is None and sorted(map(int, ranked)) != list(range(1, len(ranked) + 1)):
        return None  # only item numbers 1..k rank items; other values may be a set (roots: 5, 1, 3)
    if gold_way and answer_way:  # two chains: one ranking read either way round
        same = (items if answer_way == gold_way else items[::-1]) == ranked
        return ("correct", "the same ranking") if same else ("incorrect", _OTHER_ORDER)
    if items in (ranked, ranked[::-1]):
        if gold_way is None and answer_way is None:
            return None  # in order: the item rules decide
        return "uncertain", "the gold's order as a chain (which end is the top?)"
    return "incorrect", _OTHER_ORDER


_OTHER_ORDER = "the gold's items in another order (the gold is an ordering)"


def _sequence(text: str) -> tuple[list[str], str | None] | None:
    """(items, direction) of a ranking: distinct numbers listed (direction None) or chained in
    one direction (``>`` or ``<``); None for anything else (a chain turning direction)."""
    if _NUMBER_LIST.fullmatch(text):
        direction = None
    elif _CHAIN.fullmatch(text):
        directions = {op[-2] if op.startswith("\\") else op for op in _OPERATOR.findall(text)}
        if len(directions) != 1:
            return None
        direction = directions.pop()
    elif _TERM_CHAIN.fullmatch(text) and len(set(_OPERATOR.findall(text))) == 1:
        direction = _OPERATOR.search(text).group()  # HI > HBr > HCl: terms ranked
        items = [canonical_text(term) for term in _OPERATOR.split(text)]
        return (items, direction) if all(items) and len(set(items)) == len(items) else None
    else:
        return None
    items = re.findall(r"\d+", text)
    return (items, direction) if len(set(items)) == len(items) else None


_RELATION = re.compile(r"([^<>=≤≥\\]+?)\s*(<|>|≤|≥|\\l[te]q?|\\g[te]q?)\s*([^<>=≤≥\\]+)")
_STRICT = {"<": "<", ">": ">", "≤": "≤", "≥": "≥", "\\lt": "<", "\\gt": ">", "\\le": "≤",
           "\\leq": "≤", "\\ge": "≥", "\\geq": "≥"}  # fmt: skip
_FLIPPED = {"<": ">", ">": "<", "≤": "≥", "≥": "≤"}


def relation_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """Two inequalities between the same two terms (``λ2 < λ1`` against ``λ2 > λ1`` or
    ``λ1 > λ2``): the same relation, read either way round, is ``correct``; another direction or
    strictness is ``incorrect``. None unless both are one such relation between the same terms."""
    found = [_RELATION.fullmatch(_plain(side)) for side in (gold, answer)]
    if not all(found) or any(_STRICT.get(m.group(2)) is None for m in found):
        return None
    (left, op, right), (a_left, a_op, a_right) = (
        (canonical_text(m.group(1)), _STRICT[m.group(2)], canonical_text(m.group(3))) for m in found
    )
    if not left or not right or left == right:
        return None
    if (a_left, a_right) == (right, left):  # read the other way round
        a_left, a_op, a_right = left, _FLIPPED[a_op], right
    if (a_left, a_right) != (left, right):
        return None
    if a_op == op:
        return "correct", "the same relation"
    return "incorrect", "another relation between the same terms"


_CONTENT_WORD = re.compile(r"[a-z][a-z0-9\-]{2,}|\d+(?:\.\d+)?")
_STOP = frozenset(
    ("the", "and", "for", "with", "from", "that", "this", "its", "their", "which", "into",
     "than", "then", "have", "has", "more", "most", "less", "are", "was", "not", "both")
)  # fmt: skip
_MULTIPLIERS = {"double": "x2", "twice": "x2", "twofol": "x2", "two-fo": "x2", "halve": "x/2",
                "half": "x/2", "halved": "x/2", "triple": "x3", "thrice": "x3", "threef": "x3",
                "three-": "x3", "quadru": "x4", "fourfo": "x4", "four-f": "x4"}  # fmt: skip


def content_terms(text: str) -> set[str]:
    """Content words (six letters, no plural s, doubles/twice as one factor) and numbers."""
    words = [re.sub(r"(?<=[a-z]{3})s$", "", w) for w in _CONTENT_WORD.findall(text.lower())]
    return {_MULTIPLIERS.get(w[:6], w[:6]) for w in words if w not in _STOP}


_DELIMITER = re.compile(r"\\[()\[\]]")
_BRACKET = re.compile(r"[()\[\]]")
_SYMBOLS = re.compile(r"(?:[A-Z][a-z]?\d*)+")  # CO, Co, NaCl, H2O: element symbols in a row


def brackets(text: str) -> str:
    """The round and square brackets of ``text`` in order (LaTeX delimiters ``\\(``, ``\\[``
    left out): ``[0, 1)`` and ``[0, 1]`` are different intervals, whatever their words."""
    return "".join(_BRACKET.findall(_DELIMITER.sub(" ", text)))


def same_marks(gold: str, answer: str) -> bool:
    """The marks that canonical text drops agree: brackets, a percent sign, and the letter case
    of two formulas written in element symbols (``CO`` is carbon monoxide, ``Co`` cobalt;
    ``h2o`` is a formula written in lower case, ``RED`` a word in capitals)."""
    if brackets(gold) != brackets(answer) or ("%" in gold) != ("%" in answer):
        return False
    return not case_apart(gold, answer)


def case_apart(gold: str, answer: str) -> bool:
    """Two texts of element symbols that differ only in letter case (``CO``/``Co``, ``HF``/``Hf``):
    other substances, or a word in capitals (``NO``): for a reader."""
    letters = [re.sub(r"[^A-Za-z0-9]", "", side) for side in (gold, answer)]
    if letters[0] == letters[1] or letters[0].lower() != letters[1].lower():
        return False
    return all(_SYMBOLS.fullmatch(side) for side in letters)
