"""One functional group named in two conventions: for a reader, never ``incorrect``.

A ring's ``-carboxylic acid`` and an ``-oic acid``, ``-carbaldehyde`` and ``-al``, an alkylamine
(``dimethylamine``) and an alkanamine (``N-methylmethanamine``), an epoxy bridge and an oxa ring
name the same groups two ways, so two systematic names whose parts differ prove nothing when
each uses another convention. Used by :mod:`drqa.labeling.names` on folded names.
"""

from __future__ import annotations

import re

_CONVENTIONS = tuple(
    (re.compile(a), re.compile(b))
    for a, b in (
        (r"carboxylic|carboxylate", r"oic acid|oate\b"), (r"carbaldehyde", r"(?<!y)al\b"),
        (r"carbonitrile", r"(?<!o)nitrile"), (r"ylamine\b", r"anamine|an-\d+-amine"),
        (r"epoxy|epithio", r"oxa|oxiran|thia|thiiran"),
    )
)  # fmt: skip


def two_conventions(gold: str, answer: str) -> bool:
    """The two folded names each name one group in another convention (see the module doc)."""
    return any(_apart(gold, answer, *pair) for pair in _CONVENTIONS)


def _apart(gold: str, answer: str, one: re.Pattern, other: re.Pattern) -> bool:
    for first, second in ((one, other), (other, one)):
        for x, y in ((gold, answer), (answer, gold)):
            if first.search(x) and not first.search(y) and second.search(y):
                return True
    return False
