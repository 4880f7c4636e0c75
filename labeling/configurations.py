"""Electron configurations (``1s2 2s2 2p6``, ``[Ar] 3d^5 4s^1``) compared orbital by orbital.

Math reads ``1s^2 2s^2`` as a product of symbols and ``1s2`` as another: the same configuration
written with and without carets came out "different values at sampled points". Here each side
is read as its core (``[Ar]``) and its (shell, subshell, electrons) terms: the same core and
terms in any order are ``correct``; the same core and other terms ``incorrect``; another core
(``[Ne] 3s1`` against ``1s2 2s2 2p6 3s1``) is for a reader.
"""

from __future__ import annotations

import re

from drqa.labeling.lexicon import SCRIPT_DIGITS

_SUPERSCRIPTS = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_CAPACITY = {"s": 2, "p": 6, "d": 10, "f": 14}
_CORE = r"\[(?:He|Ne|Ar|Kr|Xe|Rn)\]"
_TERM = re.compile(r"([1-7])\s*([spdf])\s*(?:\^\s*\{?\s*(\d{1,2})\s*\}?|(\d{1,2}))")
_WHOLE = re.compile(
    rf"\s*({_CORE})?\s*(?:[1-7]\s*[spdf]\s*(?:\^\s*\{{?\s*\d{{1,2}}\s*\}}?|\d{{1,2}})\s*,?\s*)+\.?\s*"
)


def configuration(text: str) -> tuple[str, tuple] | None:
    """(core, sorted terms) of a text that is one electron configuration, else None."""
    text = _SUPERSCRIPTS.sub(lambda m: "^{" + m.group() + "}", text)  # 2p⁶: 2p^{6}
    plain = re.sub(r"\\[,;! ]|\$|\\[()]", " ", text.translate(SCRIPT_DIGITS))
    plain = re.sub(r"\\(?:mathrm|text)\s*\{([^{}]*)\}", r"\1", plain)
    whole = _WHOLE.fullmatch(plain) if len(plain) <= 120 else None
    if whole is None:
        return None
    terms = sorted((int(n), sub, int(a or b)) for n, sub, a, b in _TERM.findall(plain))
    if any(count > _CAPACITY[sub] or int(n) <= "spdf".index(sub) for n, sub, count in terms):
        return None  # 1s22s2: run together, or no such subshell (2d)
    return (whole.group(1) or "").lower(), tuple(terms)


def configuration_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """The verdict for two electron configurations (see the module doc), else None."""
    gold_read, answer_read = configuration(gold), configuration(answer)
    if gold_read is None or answer_read is None:
        return None
    if gold_read[0] != answer_read[0]:
        return "uncertain", "electron configurations on different cores"
    if gold_read[1] == answer_read[1]:
        return "correct", "the same electron configuration"
    return "incorrect", "different electron configurations"
