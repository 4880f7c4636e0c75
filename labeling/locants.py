"""Which group each locant of a systematic name numbers: two spellings of one name agree.

``but-1-ene`` and ``1-butene``, ``3-methylpentan-3-ol`` and ``3-methyl-3-pentanol``,
``...naphthalen-2(3H)-one`` and ``...-2(3H)-naphthalenone`` put the same locants on the same
groups; ``2-methylpentan-3-ol`` and ``3-methylpentan-2-ol`` have the same parts but not the same
bindings. :func:`bindings` reads each locant with the group its word opens with (a substituent
prefix such as ``methyl``/``bromo``/``hydro``, the multiplier ``di``/``hexa`` left out), else the
suffix its word ends with (``1-butene``: ``ene``), else the first group named in it.
"""

from __future__ import annotations

import re
from collections import Counter

GROUPS = (
    "methyl", "ethyl", "propyl", "butyl", "pentyl", "hexyl", "phenyl", "benzyl", "vinyl", "allyl",
    "isopropyl", "isobutyl", "acetyl", "formyl", "fluoro", "chloro", "bromo", "iodo", "nitro",
    "amino", "hydroxy", "methoxy", "ethoxy", "oxo", "cyano", "hydro", "ylidene", "ene", "yne",
    "ol", "one", "al", "amine", "amide", "oic", "oate", "nitrile", "thiol", "ide", "yl", "oxy",
)  # fmt: skip
"""Substituent prefixes and suffixes a locant may number, in one table."""
_GROUP = re.compile("|".join(sorted(GROUPS, key=len, reverse=True)))
_GROUP_AT_END = re.compile(rf"(?:{_GROUP.pattern})$")  # 1-butene, 2(3H)-naphthalenone
_MULTIPLIER = re.compile(r"^(?:di|tri|tetra|penta|hexa|hepta|octa|bis|tris)(?=[a-z])")
_WORD = re.compile(r"[a-z]*")
_LOCANT = re.compile(r"(?<![a-z\d])(\d+[a-z]?(?:\(\d*h\))?(?:,\d+[a-z]?(?:\(\d*h\))?)*)-")


def bindings(name: str) -> Counter | None:
    """(locants, group) pairs of a lower-case ``name``; None when a locant numbers no group
    of :data:`GROUPS` or the name has no locant."""
    found: Counter = Counter()
    for match in _LOCANT.finditer(name):
        word = _MULTIPLIER.sub("", _WORD.match(name, match.end()).group())
        group = _GROUP.match(word) or _GROUP_AT_END.search(word) or _GROUP.search(word)
        if group is None:
            return None
        found[(match.group(1), group.group())] += 1
    return found or None


def same_bindings(gold: str, answer: str) -> bool:
    """Both names put the same locants on the same groups (see the module doc)."""
    gold_bindings = bindings(gold)
    return gold_bindings is not None and gold_bindings == bindings(answer)
