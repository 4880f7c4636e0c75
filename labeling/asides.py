"""An answer that is the gold's answer and an aside in brackets after it.

Answers often close on a note in brackets (``2-methylbut-2-ene (via a hydride shift)``,
``DNA polymerase I (its 5'->3' exonuclease)``, ``Square-planar (D4h)``): the answer is what
stands before it. When that part alone is ``correct`` against the gold and the aside neither
hedges (``or``, ``either``, ``probably``), negates nor asks, the answer is ``correct``; so is
one whose main part is not ``incorrect`` (a formula, an abbreviation) when the aside alone is
``correct`` (``C6H5CO2C2H5 (ethyl benzoate)``: the answer names itself), and so is the gold's
name and bracketed other name swapped (``Y (X)`` for ``X (Y)``). A gold that gives its name and
its abbreviation (``tumour necrosis factor (TNF)``) is answered by either alone. An aside
changes no other verdict (rules that read the whole text stand). Only a name or term takes an
aside here (a number's aside is read with it as a quantity; ``x^2 (x+1)`` is a product).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from drqa.labeling.condensed import condensed_counts
from drqa.labeling.normalise import hedges
from drqa.labeling.text_items import canonical_text

_ASIDE = re.compile(r"\s*\(((?:[^()]|\([^()]*\))+)\)\s*\.?$")  # one level of brackets inside
_SAME_NAME = ("same text", "equivalent names", "the same name")
_MAX_CHARS = 300  # a name with a note; longer answers are prose
_NAME_WORD = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{4,}")  # a word, not a LaTeX command
_DOUBT = re.compile(
    r"\b(?:not?|never|unless|but|except|without|if|only|minor|mixture|partly|partially|mostly"
    r"|traces?)\b|[?;]",
    re.I,
)  # a note that negates, asks or qualifies the claim ("minor product", "only at low T")


def aside_verdict(
    gold: str, answer: str, judge: Callable[[str, str], tuple[str, str] | None]
) -> tuple[str, str] | None:
    """``correct`` when ``answer`` less its closing aside is judged correct against ``gold``
    and the aside neither hedges, negates nor asks; else None (see the module doc)."""
    aside = _ASIDE.search(answer) if len(answer) <= _MAX_CHARS else None
    if aside is None or not aside.start():
        return None
    if _ASIDE.search(gold):  # DNA gyrase (topoisomerase II): the same two names either way
        return _swapped(gold, answer, aside)
    note, main = aside.group(1), answer[: aside.start()]
    if _DOUBT.search(note) or hedges(note, gold) or hedges(main, gold):
        return None
    if not _NAME_WORD.search(main) and condensed_counts(main) is None:
        return None  # a number's aside is the quantity reader's; x^2 (x+1) is a product
    verdict = judge(gold, main)
    if verdict is not None and verdict[0] == "correct":
        return "correct", f"an aside after the answer ({verdict[1]})"
    if (verdict is not None and verdict[0] == "incorrect") or not _NAME_WORD.search(note):
        return None
    named = judge(gold, note)  # C6H5CO2Et (ethyl benzoate): the answer's name in brackets
    if named is None or named[0] != "correct" or not named[1].startswith(_SAME_NAME):
        return None  # a name restated, not a number read from a note (C4H8 (4 carbons))
    return "correct", f"an aside after the answer names the gold ({named[1]})"


def _swapped(gold: str, answer: str, aside: re.Match) -> tuple[str, str] | None:
    """``correct`` when gold and answer are the same name and bracketed other name, swapped."""
    gold_aside = _ASIDE.search(gold)
    names = [
        {canonical_text(text[: found.start()]), canonical_text(found.group(1))}
        for text, found in ((gold, gold_aside), (answer, aside))
    ]
    if len(names[0]) == 2 and names[0] == names[1] and not _DOUBT.search(answer + gold):
        return "correct", "an aside after the answer swapped with its name (the same two names)"
    return None


_ABBREVIATION = re.compile(r"[A-Z](?=(?:[^A-Z]*[A-Z]))[A-Za-z0-9/\-]{1,9}")  # TNF, APC/C, mTORC1


def abbreviation_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """``correct`` when ``gold`` is a name and its abbreviation in brackets (``X (XYZ)``: the
    abbreviation opens on the name's first letter, two capitals at least) and ``answer`` is the
    name alone or the abbreviation alone; else None."""
    aside = _ASIDE.search(gold) if len(gold) <= _MAX_CHARS else None
    if aside is None or not aside.start() or not _ABBREVIATION.fullmatch(aside.group(1).strip()):
        return None
    name, short = gold[: aside.start()].strip(), aside.group(1).strip()
    if not _NAME_WORD.search(name) or short[0].lower() != name[0].lower():
        return None
    said = answer.strip().rstrip(".").strip()
    if said == short:  # an abbreviation is read as written: case is its meaning (mRNA, MRNA)
        return "correct", "the abbreviation the gold gives for its name"
    if canonical_text(said) == canonical_text(name):
        return "correct", "the name the gold gives with its abbreviation"
    return None
