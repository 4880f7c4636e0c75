"""A condensed structural formula (``CH3CH2OH``, ``(CH3)2CHCOOH``, ``OHC-(CH2)4-CO-CH3``)
against a name: compared by the molecular formula each spells.

A formula is no name: a name read from it by letters and locants (``CH2-CO`` holds ``2-c``)
proves nothing. Where the name's formula reads (:func:`drqa.labeling.name_formulas.
molecular_formula`) and the formula's atoms count, other atoms are another compound
(``incorrect``); the same atoms may be isomers, for a reader (``uncertain``). Abbreviations
(``Ph``, ``Et``), charges and acronyms (``PCC``: no count and no two-letter element) do not read.
"""

from __future__ import annotations

import re
from collections import Counter

from drqa.labeling.lexicon import SCRIPT_DIGITS
from drqa.labeling.name_classes import ELEMENTS
from drqa.labeling.name_formulas import molecular_formula

_BONDS = re.compile(r"[-–=≡]")
_CONDENSED = re.compile(r"(?:[A-Z][a-z]?\d*|\(|\)\d*)+")
_TOKEN = re.compile(r"([A-Z][a-z]?)(\d*)|\(|\)(\d*)")
_MAX_CHARS = 80


def condensed_counts(text: str) -> Counter | None:
    """The element counts of a condensed formula, or None when ``text`` is not one: element
    symbols with counts, bonds and brackets with multipliers, a count or a two-letter element
    somewhere (``NBS``, ``PCC`` are acronyms)."""
    plain = re.sub(r"[\s_{}$]", "", text.translate(SCRIPT_DIGITS))
    if plain.endswith(("-", "–")):  # a charge (CH3COO-), not a bond
        return None
    plain = _BONDS.sub("", plain)
    if len(plain) > _MAX_CHARS or not _CONDENSED.fullmatch(plain):
        return None
    if not re.search(r"\d|[A-Z][a-z]", plain):
        return None
    stack = [Counter()]
    for match in _TOKEN.finditer(plain):
        symbol, count, bracket = match.group(1), match.group(2), match.group(3)
        if symbol:
            if symbol not in ELEMENTS:
                return None
            stack[-1][symbol] += int(count or 1)
        elif match.group() == "(":
            stack.append(Counter())
        elif len(stack) < 2:
            return None
        else:
            group = stack.pop()
            for element, n in group.items():
                stack[-1][element] += n * int(bracket or 1)
    return stack[0] if len(stack) == 1 and len(stack[0]) >= 2 else None


def _text(counts: Counter) -> str:
    return "".join(f"{el}{counts[el] if counts[el] > 1 else ''}" for el in sorted(counts))


def condensed_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """A name against a condensed formula (either side): ``incorrect`` for other atoms,
    ``uncertain`` for the same ones; None when no side is a formula or the name does not read."""
    gold_counts, answer_counts = condensed_counts(gold), condensed_counts(answer)
    if (gold_counts is None) == (answer_counts is None):
        return None
    name, counts = (answer, gold_counts) if gold_counts else (gold, answer_counts)
    read = molecular_formula(name.strip())
    if read is None:
        return None
    if +read[0] != +counts:
        return (
            "incorrect",
            f"different molecular formulas ({_text(read[0])} against {_text(counts)})",
        )
    return "uncertain", "one molecular formula for a name and a formula (isomers?)"
