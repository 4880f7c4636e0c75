"""Find the places where a batched response turns to question k, and cut the text there.

Marker families, strongest first: explicit words ("Question 2", "Q2", "Problem 2", "the second
question", "for the first one", "Frage 2", "第二题"), bold or heading numbers (``**2.**``,
``### 2)``), numbered lists at line starts (``2.``, ``2)``, ``(2)``), inline numbers on one line
(``1) 42, 2) 17``). The strongest family that names at least two of the n questions (or the only
one named) cuts the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10,
    "premier": 1, "première": 1, "deuxième": 2, "seconde": 2, "troisième": 3, "quatrième": 4,
    "cinquième": 5, "primera": 1, "primer": 1, "segunda": 2, "tercera": 3, "cuarta": 4,
    "quinta": 5, "erste": 1, "zweite": 2, "dritte": 3, "vierte": 4, "fünfte": 5,
}  # fmt: skip
_CJK_DIGITS = {ch: i for i, ch in enumerate("一二三四五六七八九十", start=1)}
_WORDS = (
    r"question|problem|exercise|task|frage|aufgabe|pregunta|problema|ejercicio|exercice"
    r"|questão|questao|вопрос|задача"
)
_NUMBER_AFTER_WORD = r"\s*(?:n[°o]\.?\s*|#\s*|no\.\s*|nr\.\s*)?\[?(\d{1,2})\]?(?![\d\w])"
_ORDINAL_WORDS = "|".join(sorted(_ORDINALS, key=len, reverse=True)) + "|next|last"
_ORDINAL_PREFIXES = (r"the\s+", r"for\s+the\s+", r"la\s+", r"el\s+", r"die\s+", r"der\s+")
_ORDINAL_TAIL = r"[nrs]?\s+(question|problem|one|pregunta|frage|aufgabe)\b"
_EXPLICIT_NUMBER = re.compile(rf"(?<![\w])(?:{_WORDS}){_NUMBER_AFTER_WORD}", re.IGNORECASE)
_Q_NUMBER = re.compile(r"(?<![\w\\])(?:Q\s*\[?(\d{1,2})\]?|[AQ]\[(\d{1,2})\])(?![\d\w])")
_ORDINAL = re.compile(
    rf"(?<![\w])(?:{'|'.join(_ORDINAL_PREFIXES)})?({_ORDINAL_WORDS}){_ORDINAL_TAIL}",
    re.IGNORECASE,
)
_CJK = re.compile(
    r"(?:问题|题目)\s*([一二三四五六七八九十]|\d{1,2})"
    r"|第\s*([一二三四五六七八九十]|\d{1,2})\s*(?:题|个问题|道题|问)"
    r"|問\s*([一二三四五六七八九十]|\d{1,2})(?![\d])"
)
_CJK_LEADS = ("问题", "题目", "第", "問")
# "Answer 2:", "### Answer 2", "**Answer 2:**", "- Final answer 3." at a line start (matched on
# lower-cased text: IGNORECASE would stop the regex engine from scanning for the first letter)
_ANSWER_K = re.compile(  # starts on the literal "ans" so the regex engine skips ahead to it
    r"ans(?:wer|(?<![a-z]ans)\.?)[ \t]*(?:#[ \t]*)?(?:\(?\[?(\d{1,2})\]?\)?|\(([a-j])\))(?![\d\w])"
)
_HEADING_DECORATION = re.compile(
    r"[ \t>]*(?:[-*][ \t]+)?(?:#{1,6}[ \t]*)?(?:\*\*|__)?[ \t]*(?:final[ \t]+)?"
)
_HASH_NUMBER = re.compile(r"(?<![\w&#])#[ \t]?(\d{1,2})(?=[\s:.)*]|$)")
_ENGLISH_ORDINALS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last"
# ordinals without a noun: "For the second, ...", "As for the third:", "The first: ..."
_BARE_ORDINAL = re.compile(
    rf"for[ \t]+the[ \t]+({_ENGLISH_ORDINALS})\b(?=[ \t]*(?:[,:;\-–—]|\*\*))"
)
# prose answers: "the first is 1, the second is 4", "the first one comes to 12 and the second to 7"
_THE_ORDINAL_VERB = re.compile(
    rf"the(?<![\w]the)[ \t]+({_ENGLISH_ORDINALS})(?=[ \t]+(?:is|was|equals|comes[ \t]+to|to)"
    r"(?:[ \t]+(?:also|just|again))?[ \t]+[-+$\\(\d])"
)
# a sentence or line opening on a bare ordinal: "First, a hexagon ...", "Second: 2^5 ..."
_OPENING_ORDINAL = re.compile(
    rf"(?:^|(?<=[.!?][ \t])|(?<=\n))[ \t>*#_-]*(?:(?:okay|ok|so|now|and|then),?[ \t]+)?"
    rf"({_ENGLISH_ORDINALS})(?:[ \t]*\*\*)?[ \t]*[,:]"
)
_LETTER_OPEN = re.compile(r"^[ \t>*-]*(?:\*\*)?\(?([a-j])\)(?:\*\*)?[ \t]", re.MULTILINE)
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
_ROMAN_OPEN = re.compile(
    r"^[ \t>*-]*(?:\*\*)?\((i{1,3}|iv|vi{0,3}|ix|x)\)(?:\*\*)?[ \t]", re.MULTILINE
)
_THE_ORDINAL_COLON = re.compile(rf"the[ \t]+(?:{_ENGLISH_ORDINALS})[ \t]*(?:\*\*)?[ \t]*:")
_THE_ORDINAL_LINE = re.compile(
    rf"(?:^|(?<=[.!?][ \t]))[ \t>*#_-]*(?:(?:now|next|and|then|so|ok(?:ay)?|back[ \t]+to)"
    rf"[ \t,]+)?the[ \t]+"
    rf"({_ENGLISH_ORDINALS})[ \t]*(?:\*\*)?[ \t]*:",
    re.MULTILINE,
)


def _by_first_character(alternatives: list[str], not_after: str) -> str:
    """``(?<!not_after)(?:alternatives)`` rewritten so the regex engine can skip ahead.

    Each alternative must start with a plain character. Grouping them by that character (order
    kept within a group) and moving the lookbehind past it gives the compiled pattern a set of
    possible first characters, which ``re`` scans for in C instead of trying every position.
    """
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        groups.setdefault(alternative[0], []).append(alternative[1:])
    branches = (
        f"{re.escape(first)}(?<!{not_after}{re.escape(first)})(?:{'|'.join(tails)})"
        for first, tails in groups.items()
    )
    return f"(?:{'|'.join(branches)})"


# The same patterns for lower-cased text, without IGNORECASE (which disables that scan).
_EXPLICIT_NUMBER_LOWER = re.compile(
    _by_first_character(_WORDS.split("|"), r"[\w]") + _NUMBER_AFTER_WORD
)
_ORDINAL_LOWER = re.compile(  # finds where _ORDINAL matches; _ORDINAL then gives the groups
    _by_first_character(
        [prefix + f"(?:{_ORDINAL_WORDS})" for prefix in _ORDINAL_PREFIXES]
        + _ORDINAL_WORDS.split("|"),
        r"[\w]",
    )
    + _ORDINAL_TAIL
)
_ORDINAL_NOUN = re.compile(r"\s(?:question|problem|one|pregunta|frage|aufgabe)\b")
_ORDINAL_END = re.compile(rf"(?<![\w])(?:{_ORDINAL_WORDS})[nrs]?$")
_PREFIX_WORDS = ("the", "la", "el", "die", "der")
_Q_NUMBER_FAST = re.compile(
    r"(?:Q(?<![\w\\]Q)(?:\s*#?\.?\s*\[?(\d{1,2})\]?|\[(\d{1,2})\])|A(?<![\w\\]A)\[(\d{1,2})\])"
    r"(?![\d\w])"
)
# Characters that IGNORECASE matches to a pattern letter although str.lower() does not give it
# (or the reverse): text holding one is matched with the IGNORECASE patterns instead.
_FOLD_UNSAFE = ("İ", "ı", "ſ", "ᲀ", "ᲁ", "ᲂ", "ᲃ")
_BOLD = re.compile(
    r"^[ \t>]*(?:#{1,6}[ \t]*)?(?:\*\*|__)[ \t]*\(?(\d{1,2})[.):]?\)?[ \t]*(?:\*\*|__)"
    r"|^[ \t]*#{1,6}[ \t]*\(?(\d{1,2})[.):]"
    r"|^[ \t>]*(?:\*\*|__)[ \t]*\(?(\d{1,2})[.)][ \t]+(?=[^*_\n]{1,60}(?:\*\*|__))",  # **1. Eggs**
    re.MULTILINE,
)
_LIST = re.compile(
    r"^[ \t>]*(?:[-*][ \t]+)?\(?(\d{1,2})(?:st|nd|rd|th)?"
    r"(?:[.)](?=[ \t])|[ \t]*(?:->|→|⇒|=>|⟹)|:(?=[ \t]))",
    re.MULTILINE,
)
_INLINE = re.compile(r"(?:^|(?<=[\s,;:]))(?:\*\*)?\(?(\d{1,2})\)(?:\*\*)?(?=\s)")

_LEAD_IN = re.compile(
    r"[\s*#>_-]*(?:(?:the\s+)?(?:final\s+)?answers?\s+(?:to|for)\s+(?:the\s+)?"
    r"|(?:now|next|then|ok(?:ay)?|so|and|moving\s+on|finally|lastly|also)[,:]?\s+"
    r"(?:to\s+|on\s+to\s+)?(?:the\s+)?"
    r"|for\s+)?",
    re.IGNORECASE,
)

_LETTER = re.compile(r"^[ \t>]*(?:[-*][ \t]+)?(?:\*\*)?\(?([a-j])[.)](?:\*\*)?(?=[ \t])", re.M)
_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_WORD_NUMBER_NOUNS = ["question", "problem", "exercise", "task", "answer"]
_WORD_NUMBER = re.compile(  # "Question One", "problem two" (lower-cased; letter, then look-behind)
    r"(?:" + "|".join(rf"{w[0]}(?<![\w]{w[0]}){w[1:]}" for w in _WORD_NUMBER_NOUNS) + r")[ \t]+("
    + "|".join(_NUMBER_WORDS) + r")\b"
)  # fmt: skip


FAMILIES = ("explicit", "bold", "list", "inline", "letter")
_LEAD_IN_MAX = 80  # a lead-in ("Now, for the answer to the") is short: never scan a long line


@dataclass(frozen=True)
class Marker:
    """Question ``index`` (1-based) is named at ``start``..``end`` by a marker of ``family``."""

    start: int
    end: int
    index: int
    family: str


def _cjk_number(token: str) -> int:
    return _CJK_DIGITS[token] if token in _CJK_DIGITS else int(token)


def _lower_for_matching(text: str) -> str | None:
    """``text`` lower-cased with the same offsets, or ``None`` when IGNORECASE must be used."""
    if text.isascii():
        return text.lower()
    lowered = text.lower()
    if len(lowered) != len(text) or any(char in text for char in _FOLD_UNSAFE):
        return None
    return lowered


def _answer_headings(folded: str):
    """(start, end, index) of "Answer 2", "### Answer 2", "**Answer 2:**", "- Final answer 3" at
    a line start or after ", " / "; " / ". " (found from the word "answer": a literal scan)."""
    for match in _ANSWER_K.finditer(folded):
        line_start = folded.rfind("\n", 0, match.start()) + 1
        prefix = folded[max(line_start, match.start() - 60) : match.start()]
        cut = max(prefix.rfind(", "), prefix.rfind("; "), prefix.rfind(". "))
        head = prefix[cut + 2 :] if cut >= 0 else prefix
        at_line_start = cut >= 0 or match.start() - line_start <= 60
        if at_line_start and _HEADING_DECORATION.fullmatch(head):
            number, letter = match.groups()
            index = int(number) if number else ord(letter) - 96  # "Answer (b):"
            yield match.start() - len(head), match.end(), index


def _ordinals_by_noun(text: str, lowered: str):
    """The matches of ``_ORDINAL`` in ``text``, found from their nouns ("question", "one", ...)
    backwards: a scan for whitespace-then-noun is far cheaper than trying every letter that
    may start an ordinal or its prefix. Yields the same matches as ``_ORDINAL.finditer``."""
    last_end = 0
    for noun in _ORDINAL_NOUN.finditer(lowered):
        j = noun.start() + 1  # the noun's first letter; walk back over the whitespace run
        while j > 0 and lowered[j - 1].isspace():
            j -= 1
        word = _ORDINAL_END.search(lowered, max(0, j - 16), j)
        if word is None:
            continue
        candidates = [word.start()]
        k = word.start()
        while k > 0 and lowered[k - 1].isspace():
            k -= 1
        if k < word.start():
            for prefix in _PREFIX_WORDS:
                start = k - len(prefix)
                if start >= 0 and lowered.startswith(prefix, start):
                    candidates.insert(0, start)
                    if prefix == "the":  # "for the"
                        m = start
                        while m > 0 and lowered[m - 1].isspace():
                            m -= 1
                        if m < start and m >= 3 and lowered.startswith("for", m - 3):
                            candidates.insert(0, m - 3)
        for start in candidates:
            if start < last_end:
                continue
            match = _ORDINAL.match(text, start)
            if match is not None and match.end() == noun.end():
                last_end = match.end()
                yield match
                break


def _explicit(text: str, n: int) -> list[Marker]:
    found: list[Marker] = []
    lowered = _lower_for_matching(text)
    if lowered is None:
        numbered, ordinals = _EXPLICIT_NUMBER.finditer(text), _ORDINAL.finditer(text)
    else:
        numbered = _EXPLICIT_NUMBER_LOWER.finditer(lowered)
        ordinals = _ordinals_by_noun(text, lowered)
    for match in numbered:
        found.append(Marker(match.start(), match.end(), int(match.group(1)), "explicit"))
    for match in _Q_NUMBER_FAST.finditer(text):
        index = int(next(group for group in match.groups() if group))
        found.append(Marker(match.start(), match.end(), index, "explicit"))
    if any(lead in text for lead in _CJK_LEADS):
        for match in _CJK.finditer(text):
            index = _cjk_number(next(group for group in match.groups() if group))
            found.append(Marker(match.start(), match.end(), index, "explicit"))
    folded = lowered if lowered is not None else text.lower()
    if len(folded) != len(text):  # offsets would not line up: no such markers
        folded = ""
    for start, end, index in _answer_headings(folded):
        found.append(Marker(start, end, index, "explicit"))
    if any(f"#{k}" in text or f"# {k}" in text for k in range(1, min(n, 20) + 1)):
        for match in _HASH_NUMBER.finditer(text):
            found.append(Marker(match.start(), match.end(), int(match.group(1)), "explicit"))
    for match in _WORD_NUMBER.finditer(folded):
        index = _NUMBER_WORDS.index(match.group(1)) + 1
        found.append(Marker(match.start(), match.end(), index, "explicit"))
    if "\u20e3" in text:
        for match in _KEYCAP.finditer(text):
            found.append(Marker(match.start(), match.end(), int(match.group(1)), "explicit"))
    line = _THE_ORDINAL_LINE if _THE_ORDINAL_COLON.search(folded) else None  # cheap prefilter
    for pattern in (p for p in (_BARE_ORDINAL, line, _THE_ORDINAL_VERB) if p is not None):
        for match in pattern.finditer(folded):
            word = match.group(1)
            index = n if word == "last" else _ORDINALS[word]
            found.append(Marker(match.start(), match.end(), index, "explicit"))
    for match in ordinals:
        if match is None:  # cannot happen: both patterns match the same places
            continue
        word = match.group(1).lower()
        if word == "last":
            if match.group(2).lower() == "one":
                continue  # "the last one counts" is not a question marker
            index = n
        elif word == "next":
            index = -1  # resolved against the previous marker below
        else:
            index = _ORDINALS.get(word, 0)
        found.append(Marker(match.start(), match.end(), index, "explicit"))
    found.sort(key=lambda m: m.start)
    resolved: list[Marker] = []
    for marker in found:
        if marker.index == -1:
            if not resolved:
                continue
            marker = Marker(marker.start, marker.end, resolved[-1].index + 1, "explicit")
        resolved.append(marker)
    return resolved


_KEYCAP = re.compile("([1-9])\ufe0f?\u20e3")  # "1️⃣", "2️⃣"
_NUMBER_DOT = re.compile(r"(?<![\w.,])(\d{1,2})(?:[.)]|[ \t]*(?:->|→|⇒|=>))(?=[ \t])")
_PAREN_LABEL = re.compile(r"(?<![\w])\((i{1,3}|iv|vi{0,3}|ix|x|[a-j])\)(?=[ \t])")


def inline_sequence(line: str, n: int) -> list[Marker]:
    """``1. 9 2. 7 3. 16`` / ``1. 100；2. 11`` / ``1 → 42, 2 → 21`` / ``(i) 12 (ii) 7``: labels
    naming questions 1..n once each, in order, on one line (only read where a line lists the
    answers). Empty otherwise."""
    numbered = [(m, int(m.group(1))) for m in _NUMBER_DOT.finditer(line)]
    labels = [(m, m.group(1)) for m in _PAREN_LABEL.finditer(line)]
    roman = [(m, _ROMAN.index(label) + 1) for m, label in labels if label in _ROMAN]
    letters = [(m, ord(label) - 96) for m, label in labels if len(label) == 1]
    for found in (numbered, roman, letters):
        markers = [Marker(m.start(), m.end(), k, "inline") for m, k in found if 1 <= k <= n]
        if [m.index for m in markers] == list(range(1, n + 1)):
            return markers
    return []


def sequence_markers(text: str, n: int) -> list[Marker]:
    """Weak markers that count only as a complete sequence naming questions 1..n once each, in
    order: sentences opening on a bare ordinal ("First, ...", "Second: ..."), ``(a)``/``(b)``
    and ``(i)``/``(ii)`` at line starts. Empty when no such sequence is found."""
    folded = text.lower() if len(text.lower()) == len(text) else ""
    found = (
        [Marker(m.start(), m.end(), _ORDINALS.get(m.group(1), n), "sequence")
         for m in _OPENING_ORDINAL.finditer(folded)],
        [Marker(m.start(), m.end(), ord(m.group(1)) - 96, "sequence")
         for m in _LETTER_OPEN.finditer(text)],
        [Marker(m.start(), m.end(), _ROMAN.index(m.group(1)) + 1, "sequence")
         for m in _ROMAN_OPEN.finditer(text)],
    )  # fmt: skip
    for markers in found:
        if [m.index for m in markers] == list(range(1, n + 1)):
            return markers
    return []


def find_markers(text: str, n: int, families: tuple[str, ...] = FAMILIES) -> list[Marker]:
    """The markers of the strongest family in ``families`` naming questions 1..n, in text order."""
    best: list[Marker] = []
    for family in families:
        if family == "explicit":
            markers = _explicit(text, n)
        elif family == "letter":  # "a) 7" / "(b) 12": letters name questions 1, 2, ...
            markers = [
                Marker(m.start(), m.end(), ord(m.group(1)) - 96, family)
                for m in _LETTER.finditer(text)
            ]
        else:
            pattern = {"bold": _BOLD, "list": _LIST, "inline": _INLINE}[family]
            markers = [
                Marker(m.start(), m.end(), int(next(g for g in m.groups() if g)), family)
                for m in pattern.finditer(text)
            ]
        markers = [m for m in markers if 1 <= m.index <= n]
        named = {m.index for m in markers}
        if len(named) >= min(2, n):
            return _dedupe(markers)
        if markers and not best:
            best = markers
    return _dedupe(best)


def _dedupe(markers: list[Marker]) -> list[Marker]:
    """Drop markers overlapping an earlier one (e.g. ``**Question 2**`` found twice)."""
    kept: list[Marker] = []
    for marker in sorted(markers, key=lambda m: m.start):
        if kept and marker.start < kept[-1].end:
            continue
        kept.append(marker)
    return kept


def _cut_point(text: str, marker: Marker, floor: int) -> int:
    """Where the segment for ``marker`` starts: the line start when only a lead-in precedes it."""
    line_start = max(text.rfind("\n", max(floor, marker.start - _LEAD_IN_MAX), marker.start) + 1,
                     floor)  # fmt: skip
    if marker.start - line_start <= _LEAD_IN_MAX and _LEAD_IN.fullmatch(
        text[line_start : marker.start]
    ):
        return line_start
    # "... is 7. The answer to the second question is 12.": from the sentence start
    sentence = max(text.rfind(". ", line_start, marker.start), text.rfind("; ", line_start,
                   marker.start))  # fmt: skip
    if sentence >= 0 and _LEAD_IN.fullmatch(text[sentence + 2 : marker.start]):
        return sentence + 2
    return marker.start


def segments(text: str, markers: list[Marker]) -> list[tuple[int | None, str]]:
    """Cut ``text`` at ``markers``: (question index or None for the preamble, segment text)."""
    if not markers:
        return [(None, text)] if text else []
    starts, floor = [], 0
    for marker in markers:
        starts.append(_cut_point(text, marker, floor))
        floor = marker.end
    cut: list[tuple[int | None, int, int]] = []  # (index, start, end): joined runs stay linear
    if starts[0] > 0:
        cut.append((None, 0, starts[0]))
    for i, marker in enumerate(markers):
        end = starts[i + 1] if i + 1 < len(markers) else len(text)
        if cut and cut[-1][0] == marker.index:  # a repeated marker continues the segment
            cut[-1] = (marker.index, cut[-1][1], end)
        else:
            cut.append((marker.index, starts[i], end))
    return [(index, text[start:end]) for index, start, end in cut]
