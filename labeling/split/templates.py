"""Line labels in any language or spelling, found by their shape: lines that open alike but
for a number counting 1..n ("문제 1:", "प्रश्न 2:", "Câu 3:", "1번 답:", "P2)", "<answer3>").

A label is a line's opening: a word (or two) before the number and/or after it, up to a
separator (``:`` ``.`` ``)`` ``>`` a dash or an arrow). Lines whose openings are equal once
the number is taken out share a template; a template whose numbers, in text order, are
exactly 1..n names the n questions, whatever its words are, so a language or a spelling no
table lists is read like "Question k:"; so is a template counting letters in brackets ("Part
(a):" .. "Part (c):"). Words that number steps of one solution ("Step 2", "Case 3") never make
a template.
"""

from __future__ import annotations

import re

_WORD_CHARS = r"[^\s\d:：.)\]>(\[*#|`$\\=]"  # a label's word: any script, no separator
_BODY = (
    r"[ \t>*_\-+•#]*(?:\*\*|__)?[ \t]*"
    rf"(?P<pre>(?:<[a-z_]{{1,12}}[ \t]*(?:id|n|q)?=?[\"']?|{_WORD_CHARS}{{1,15}}[ \t.#№]{{0,2}})"
    rf"(?:{_WORD_CHARS}{{1,15}}[ \t]+)?)?"
    r"(?:(?P<k>\d{1,2})|\((?P<l>[a-j])\))"  # a number, or a letter in brackets: "Part (b):"
    rf"(?P<post>[\"']?[ \t]*(?:{_WORD_CHARS}{{1,8}}[ \t]*){{0,2}})"
    r"(?:\*\*|__)?[ \t]*(?P<sep>[:：.)\]>]|[-—–]+>?|→|=>)"
)  # a line's opening: it holds no line break
_FIRST = re.compile(_BODY, re.IGNORECASE)  # the first line's
_OPENING = re.compile(r"\n" + _BODY, re.IGNORECASE)  # any other line's, from its line break
_STEP_WORDS = frozenset(
    ("step", "steps", "case", "cases", "method", "approach", "attempt", "option", "stage",
     "phase", "round", "line", "row", "column", "day", "week", "month", "year", "hour",
     "level", "figure", "fig", "eq", "equation", "example", "lemma", "claim", "note", "check",
     "test", "trial", "iteration", "term", "digit", "page", "chapter", "section", "paso",
     "schritt", "étape", "etape", "way", "idea", "hint", "rule", "fact", "point", "version",
     "try", "sub", "x", "n", "k", "i", "t", "s")
)  # fmt: skip
_WORDS = re.compile(r"[^\W\d_]+")


def template_labels(text: str, n: int) -> list[tuple[int, int, int]]:
    """(line start, label end, question) of the lines opening on the one template that
    numbers 1..n in order; [] when none does (or when two do)."""
    groups: dict[tuple[str, str, str], list[tuple[int, int, int]]] = {}
    first = _FIRST.match(text)
    for match in ([first] if first else []) + list(_OPENING.finditer(text)):
        pre, post = (match.group("pre") or "").lower(), (match.group("post") or "").lower()
        words = set(_WORDS.findall(pre + " " + post))
        if not (pre.strip() or post.strip()) or words & _STEP_WORDS:
            continue
        key = (" ".join(pre.split()), " ".join(post.split()), match.group("sep"))
        k = int(match.group("k")) if match.group("k") else ord(match.group("l").lower()) - 96
        line = match.start() + (match.group()[:1] == "\n")
        groups.setdefault(key, []).append((line, match.end(), k))
    found = [rows for rows in groups.values() if [k for _, _, k in rows] == list(range(1, n + 1))]
    return found[0] if len(found) == 1 and n >= 2 else []
