"""Values written in words, and statements that are no answer.

- :func:`spelled_number`: a cardinal spelled out ("four", "Twelve", "twenty-one", "one hundred
  and five", "zwei") is its number in digits, whatever route read it (a box, a phrase, a bold
  word, a statement alone);
- :func:`word_value`: a short emphasised statement that is a spelled number, maybe with its unit
  ("**twelve** marbles"), or a yes/no/true/false answer ("**No**");
- :func:`verdict`: in a piece answering a yes/no problem ("Is 91 prime?", "True or false: ..."),
  the yes/no/true/false the piece states at a clause's edge ("No, 91 = 7 x 13", "..., so yes",
  "the claim is false"), never a number of its working;
- :func:`counted`: the last spelled number a verb states in a sentence with no digits ("A
  spider has eight legs"), when the problem asks "how many";
- :func:`asks_or_restates`: a statement that asks (ends on its question mark) or repeats its
  problem's text ("Q: Express 7/8 as a percentage.") gives no value: the piece's answer is read
  after it.
"""

from __future__ import annotations

import re

from drqa.labeling import lexicon as lx

_MORE_EN = {
    "zero": 0, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS_EN = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES_EN = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_PARTS_EN = {  # "three quarters" -> 3/4: the denominator a fraction's word names
    "half": 2, "halves": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "twelfth": 12, "hundredth": 100,
}  # fmt: skip
_SMALL = {**lx.NUMBER_WORDS["en"], **_MORE_EN}
_TOKEN = re.compile(r"[\s\-‐]+")
_YES_NO = re.compile(r"(?:yes|no|true|false)", re.IGNORECASE)
_EDGES = " \t*_$.!,;:"
_WORD = re.compile(r"[^\W\d_]+")
_LABEL = re.compile(r"^[^\W\d_]{1,10}[ \t]*\d{0,2}[ \t]*[:：.)][ \t]*")


def spelled_number(text: str) -> str | None:
    """The digits of a cardinal spelled out in ``text`` (nothing else in it), or None."""
    folded = text.strip(_EDGES).lower()
    if not folded or not folded[0].isalpha() or len(folded) > 60:
        return None
    single = lx.all_number_words().get(folded)
    if single is not None and folded not in ("un", "uno"):  # an article, not a count
        return str(single)
    tokens = [t for t in _TOKEN.split(folded) if t and t != "and"]
    if len(tokens) >= 2 and tokens[0] in ("negative", "minus"):  # "negative three": -3
        rest = spelled_number(" ".join(tokens[1:]))
        return f"-{rest}" if rest and not rest.startswith("-") else None
    part = "" if len(tokens) < 2 else tokens[-1] if tokens[-1] in _PARTS_EN else tokens[-1][:-1]
    if part in _PARTS_EN:  # "two thirds", "a quarter": a fraction
        count = "1" if tokens[:-1] == ["a"] else spelled_number(" ".join(tokens[:-1]))
        return f"{count}/{_PARTS_EN[part]}" if count and "/" not in count else None
    total, current, seen = 0, 0, False
    for token in tokens:
        if token in _SMALL:
            current += _SMALL[token]
        elif token in _TENS_EN:
            current += _TENS_EN[token]
        elif token in _SCALES_EN and current:
            scale = _SCALES_EN[token]
            total, current = (total + current * scale, 0) if scale > 100 else (total, current * 100)
        else:
            return None
        seen = True
    return str(total + current) if seen else None


def word_value(text: str) -> str | None:
    """The value of a short emphasised statement in words: a spelled number, alone or before
    one or two words of its unit ("twelve marbles"), or yes/no/true/false alone."""
    plain = text.strip(_EDGES)
    if _YES_NO.fullmatch(plain):
        return plain
    words = _WORD.findall(plain)
    if not words or len(words) > 6 or any(ch.isdigit() for ch in plain):
        return None
    for head in range(len(words), max(0, len(words) - 3), -1):  # the number, then its unit
        number = spelled_number(" ".join(words[:head]))
        if number is not None:
            return number if len(words) - head <= 2 else None
    return None


def asks_or_restates(statement: str, problem: str | None) -> bool:
    """Whether ``statement`` asks (ends on "?") or is its problem's own text restated."""
    plain = statement.strip(_EDGES + "#>")
    if plain.endswith(("?", "？")):
        return True
    plain = _LABEL.sub("", plain, count=1)  # "Q: Express 7/8 as a percentage."
    if problem is None or len(_WORD.findall(plain)) < 3:
        return False
    return " ".join(plain.lower().split()) in " ".join(problem.lower().split())


_AUXILIARY = re.compile(
    r"(?:^|[.!?:]\s+|\n)(?:is|are|was|were|does|do|did|can|could|will|would|has|have|had|should"
    r"|must|may|might)\s[^.!?]*\?\s*$|\btrue\s+or\s+false\b|\byes\s+or\s+no\b",
    re.IGNORECASE,
)
_VERDICT = re.compile(
    r"(?:^|(?<=[.;:,!?—–(])|(?<=\*\*)|(?<=\n))[ \t*_]*(yes|no)\b(?![ \t]+(?:\w+[ \t]+)?(?:one|"
    r"divisors?|factors?|solutions?|way|more|less|longer|other))|\b(yes|no|true|false)\b(?=[\W_]*$)"
    r"|\b(?:is|are|it's)[ \t]+(true|false)\b"
    r"|\b(?:so|thus|hence|therefore|then)[ \t,]+(yes|no)\b(?![ \t]+(?:\w+[ \t]+)?(?:one|way|more))",
    re.IGNORECASE,
)


def asks_yes_no(problem: str | None) -> bool:
    """Whether ``problem`` asks a yes/no question ("Is 91 prime?", "True or false: ...")."""
    return bool(problem) and _AUXILIARY.search(problem.strip()) is not None


def verdict(text: str) -> str | None:
    """The last yes/no/true/false ``text`` states at a clause's edge, as written."""
    found = None
    for match in _VERDICT.finditer(text[-600:]):
        found = next(g for g in match.groups() if g is not None)
    return found


_STATING = frozenset(
    ("is", "are", "was", "were", "be", "becomes", "has", "have", "had", "equals", "gives",
     "makes", "gets", "got", "needs", "takes", "exactly", "only", "just", "about")
)  # fmt: skip
_COUNT = re.compile(r"\bhow\s+(?:many|much|old|long|far)\b", re.IGNORECASE)


def spelled_in_prose(sentence: str) -> str | None:
    """The digits of the last spelled number (not "one") in a sentence holding no digit, where
    a verb states it ("A spider has eight legs", "... is fifteen"; not "divisible by two")."""
    if any(ch.isdigit() for ch in sentence):
        return None
    words = [w.lower() for w in _TOKEN.split(sentence) if w]
    found = None
    for i, word in enumerate(words):
        word = word.strip(_EDGES + "()")
        if word in _SMALL or word in _TENS_EN:
            run = [word]
            for nxt in words[i + 1 : i + 4]:
                nxt = nxt.strip(_EDGES + "()")
                if nxt in _SMALL or nxt in _TENS_EN or nxt in _SCALES_EN or nxt == "and":
                    run.append(nxt)
                else:
                    break
            number = spelled_number(" ".join(run).removesuffix(" and"))
            stated = i and words[i - 1].strip(_EDGES) in _STATING  # "has eight", not "by two"
            found = number if number is not None and run != ["one"] and stated else found
    return found


_NOT_STATING = frozenset(
    ("by", "of", "into", "from", "than", "to", "with", "per", "times", "over", "under", "for",
     "at", "on", "the", "a", "an", "these", "those", "all", "each", "every", "and", "or", "other")
)  # fmt: skip
_RELATIVE = frozenset(("which", "who", "whose", "where", "that", "because", "since", "as"))


def closing_spelled(sentence: str, problem: str | None) -> str | None:
    """The spelled number a sentence closes on, after its last digit ("dividing by 3, the
    number is seven") or, when ``problem`` asks a count, in a sentence of words ("can be done
    in one hundred twenty ways"): stated (no preposition or article before it: not "by two"),
    two words at most after it, its clause no relative one ("..., which has two digits")."""
    digits = [i for i, ch in enumerate(sentence) if ch.isdigit()]
    if not digits and (not problem or _COUNT.search(problem) is None):
        return None  # "a pentagon has five sides": a fact in words, not this answer
    clause = re.split(r"[,;:]", sentence[digits[-1] + 1 :] if digits else sentence)[-1]
    words = [w.strip(_EDGES + "()").lower() for w in _TOKEN.split(clause)]
    words = [w for w in words if w]
    if not words or words[0] in _RELATIVE:
        return None
    for start in range(max(0, len(words) - 7), len(words)):
        run = words[start : start + 5] if words[start] != "and" else []
        while run and spelled_number(" ".join(run)) is None:
            run = run[:-1]
        after = len(words) - start - len(run)
        stated = start and words[start - 1] not in _NOT_STATING  # "leaves seven", not "by two"
        if run and run != ["one"] and stated and after <= 2:
            return spelled_number(" ".join(run))
    return None


def counted(sentence: str, problem: str | None) -> str | None:
    """The spelled number a sentence states (:func:`spelled_in_prose`) when ``problem`` asks
    for a count ("How many ...?"): a fact in words elsewhere is no answer ("a pentagon has five
    sides" after a question on its angles)."""
    if not problem or _COUNT.search(problem) is None:
        return None
    return spelled_in_prose(sentence)


_NO_VALUE = re.compile(
    r"(?:unknown|n/?a|tbd|undetermined|indeterminate|not answered|no data|\?+)",
    re.IGNORECASE,
)


def no_value(statement: str) -> bool:
    """Whether a statement is nothing but a placeholder for a missing answer ("N/A",
    "unknown", "TBD", "?"): the piece declines."""
    return _NO_VALUE.fullmatch(statement.strip(_EDGES + "()[]")) is not None
