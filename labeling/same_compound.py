"""Whether two names can name one compound: their molecular formulas, parents and numbering.

Two names of one compound have one molecular formula (:mod:`drqa.labeling.name_formulas`), so
other formulas are different compounds whatever the names' parents. One formula proves nothing
by itself (isomers), but two readings of one compound are for a reader, never ``incorrect``:

- each name's parent a substituent of the other (``(2-bromoethyl)benzene`` and
  ``1-bromo-2-phenylethane``: one compound named from either end?);
- one chain numbered from either end (``3-methylbutane`` is ``2-methylbutane`` read backwards:
  every group on its mirrored atom, ``k -> n + 1 - k``), which breaks the lowest-locant rule
  but names the same compound: a reader judging the compound may accept it.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import product

from drqa.labeling.locants import bindings
from drqa.labeling.name_formulas import STEMS, molecular_formula

_EXPLICIT_END = re.compile(r"(?:ane|-[\d,]+-(?:di|tri)?(?:ol|one|al|amine|ene|yne|thiol))$")


def from_other_end(gold: str, answer: str, length: int) -> bool:
    """Both folded names put the same groups on a chain of ``length`` atoms, numbered from
    opposite ends (see the module doc); False when either has no locant read or one is lettered
    (``3a``)."""
    if not (_EXPLICIT_END.search(gold) and _EXPLICIT_END.search(answer)):
        return False  # 1-phenylethanol: its -ol on atom 1 unwritten, mirrored it is elsewhere
    gold_bindings, answer_bindings = bindings(gold), bindings(answer)
    if not gold_bindings or not answer_bindings or gold_bindings == answer_bindings:
        return False
    flipped: Counter = Counter()
    for (locants, group), count in gold_bindings.items():
        numbers = locants.split(",")
        if not all(number.isdigit() and 0 < int(number) <= length for number in numbers):
            return False
        end = length if group in ("ene", "yne") else length + 1  # a bond spans k and k + 1
        mirrored = sorted(end - int(number) for number in numbers)
        flipped[(",".join(map(str, mirrored)), group)] += count
    return flipped == answer_bindings


def _formula_text(formula: Counter) -> str:
    order = ["C", "H"] + sorted(set(formula) - {"C", "H"})
    return "".join(f"{el}{formula[el] if formula[el] > 1 else ''}" for el in order if formula[el])


def names_formula_verdict(gold_spellings, answer_spellings) -> tuple[str, str] | None:
    """Two names, each given as its spellings (the name, its systematic forms): ``incorrect``
    when the spellings that read share no formula (other atoms: other compounds); ``uncertain``
    when they share one and each name's parent is a substituent of the other (``(2-bromoethyl)
    benzene`` and ``1-bromo-2-phenylethane``: one compound named from either end?); else None
    (a side does not read, or one parent: the caller's rules decide)."""
    sides = [
        [molecular_formula(name) for name in names] for names in (gold_spellings, answer_spellings)
    ]
    read = [[found for found in side if found] for side in sides]
    if not read[0] or not read[1]:
        return None
    gold_formulas = {_formula_text(found[0]) for found in read[0]}
    answer_formulas = {_formula_text(found[0]) for found in read[1]}
    if not gold_formulas & answer_formulas:
        gold_text, answer_text = min(gold_formulas), min(answer_formulas)
        return "incorrect", f"different molecular formulas ({gold_text} against {answer_text})"
    if any(
        gold[1] != answer[1] and gold[1] in answer[2] and answer[1] in gold[2]
        for gold in read[0]
        for answer in read[1]
    ):
        return "uncertain", "one molecular formula, named on other parents (one compound?)"
    pairs = product(
        zip(gold_spellings, sides[0], strict=True), zip(answer_spellings, sides[1], strict=True)
    )
    for (gold, found), (answer, other) in pairs:
        if (
            found
            and other
            and found[1] == other[1] in STEMS
            and from_other_end(gold, answer, STEMS[found[1]])
        ):
            return "uncertain", "one molecular formula, its chain numbered from the other end"
    return None
