"""One functional group named in two conventions: for a reader, never ``incorrect``.

A ring's ``-carboxylic acid`` and an ``-oic acid``, ``-carbaldehyde`` and ``-al``, an alkylamine
(``dimethylamine``) and an alkanamine (``N-methylmethanamine``), an epoxy bridge and an oxa ring,
an alkylidene substituent (``benzylidene``) and a double bond of a longer parent chain (``-en-``)
name the same groups two ways, so two systematic names whose parts differ prove nothing when
each uses another convention. Used by :mod:`drqa.labeling.names` on folded names.
"""

from __future__ import annotations

import re

from drqa.labeling.name_formulas import molecular_formula

_CONVENTIONS = tuple(
    (re.compile(a), re.compile(b))
    for a, b in (
        (r"carboxylic|carboxylate", r"oic acid|oate\b"), (r"carbaldehyde", r"(?<!y)al\b"),
        (r"carbonitrile", r"(?<!o)nitrile"), (r"ylamine\b", r"anamine|an-\d+-amine"),
        (r"epoxy|epithio", r"oxa|oxiran|thia|thiiran"),
    )
)  # fmt: skip
_YLIDENE = re.compile(r"ylidene")
_CHAIN_DOUBLE_BOND = re.compile(r"\d-(?:di|tri|tetra)?en(?:\b|-)|(?<!id)ene\b")


def two_conventions(gold: str, answer: str) -> bool:
    """The two folded names each name one group in another convention (see the module doc)."""
    return any(_apart(gold, answer, *pair) for pair in _CONVENTIONS) or _ylidene(gold, answer)


def _ylidene(gold: str, answer: str) -> bool:
    """One name has an alkylidene substituent and the other a double bond in a parent that the
    first does not name (``dibenzylidenepropanone``, ``1,5-diphenylpenta-1,4-dien-3-one``: the
    ylidene carbons belong to the other's chain); on one parent (``ethylidenecyclohexane``,
    ``1-ethylcyclohex-1-ene``) the double bond sits elsewhere: another compound."""
    for x, y in ((gold, answer), (answer, gold)):
        if _YLIDENE.search(x) and not _YLIDENE.search(y) and _CHAIN_DOUBLE_BOND.search(y):
            read = molecular_formula(y)
            return read is None or read[1] not in x
    return False


def _apart(gold: str, answer: str, one: re.Pattern, other: re.Pattern) -> bool:
    for first, second in ((one, other), (other, one)):
        for x, y in ((gold, answer), (answer, gold)):
            if first.search(x) and not first.search(y) and second.search(y):
                return True
    return False
