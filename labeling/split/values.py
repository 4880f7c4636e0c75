"""The value one answer piece gives, read with math_verify's own extraction.

Order: the last complete ``\\boxed{}`` (:func:`drqa.text.find_boxes`); else the last "answer is
X" phrase (:func:`drqa.labeling.answers.answer_phrases`); else math_verify's extraction
patterns (``LatexExtractionConfig`` then ``ExprExtractionConfig``, their priority groups in
order, the rightmost match of the first group that matches) over the piece's statement: the
line the question reference opens, else the piece's last sentence. The patterns give the
string as written; parsing it is the verifier's job. A piece that declines
(:func:`drqa.labeling.lexicon.declines`) gives no value except a box.

What an answer value is (:func:`answer_value`, one rule for every route): the value with its
wrappers (:data:`~drqa.labeling.lexicon.LATEX_WRAPPERS`, nested), markdown emphasis, ``$`` and
trailing punctuation removed; a choice label alone (``\\text{(B)}``) is its letter
(:data:`~drqa.labeling.lexicon.CHOICE_LETTERS`), and a statement that opens on a label ("(C) 29
- the only prime") answers with the letter; a single variable set to a value ("x = 5") is kept
as written (the verifier reads it), a chain of steps ("14 + 15 = 29") gives its result.
"""

from __future__ import annotations

import re

import drqa.labeling.split.words as words
from drqa.labeling.answers import answer_phrases
from drqa.labeling.lexicon import (
    CHOICE_LETTERS,
    JUSTIFICATION_CUES,
    REASON_CUES,
    alternation,
    declines,
)
from drqa.labeling.split.extract import (
    EMPHASIS,
    answer_value,
    clean_value,
    math_verify_value,
    respell,
)
from drqa.text import find_boxes

_SENTENCE_END = re.compile(r"(?:(?<=[.?。！？])|(?<=[^\d]!))\s+(?=\S)|\n+")
_CUT_STEP = re.compile(r"(?:[=+\-/^×÷]|(?<!\*)\*|\\(?:times|cdot|div))\s*\$*\s*$")
_CHOICE = re.compile(
    rf"\(([{CHOICE_LETTERS}])\)(?:[\s.:,;—–-].*)?|([{CHOICE_LETTERS}])(?:\)(?:[\s.:,;—–-].*)?)?",
    re.DOTALL,
)
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
_LEADING_VALUE = re.compile(  # "24 ways (4 x 3 x 2 x 1)", "24, because ...": the value first
    r"[\s*$]*([-+]?\d[\d,]*(?:\.\d+)?(?:/\d+)?|\\d?frac\{[^{}]*\}\{[^{}]*\})[\s*$]*"
    r"(?:[^\W\d_][\w%°/]*[ \t]*){0,2}"
    rf"(?=[(,;]|(?:{alternation(JUSTIFICATION_CUES)})\b)"
)
_EMPHASIS_SPAN = re.compile(  # "**$240.00** (a 4% net decrease)", "\\mathbf{\\$20}"
    r"\*\*(?!\s)([^*\n]{0,39}[^*\s])\*\*|\\(?:mathbf|textbf|boldsymbol)\{((?:[^{}]|\{[^{}]*\})*)\}"
)
_ITALIC_SPAN = re.compile(r"(?<![\w*\\])\*(?![\s*])([^*\n]{0,29}[^*\s\\])\*(?![\w*])")
_LABEL_LIKE = re.compile(r"[^\W\d_]+\.?\s*[\d.]{1,3}\s*[.:)]?|.*[:：]\s*")  # "Step 2", "Part 1:"
_REASON = re.compile(
    rf"[ \t]+\(|,?[ \t]+(?:{alternation(REASON_CUES)})(?![\w])|[，,]?(?:因为|由于)"
)
_SIGNED_ITEM = re.compile(r"^[ \t]*[-*+•][ \t]+([-−+])[ \t]?(?=\d)", re.MULTILINE)
_LINE_LABEL = re.compile(  # a word or three and a colon opening a statement: its label
    r"^[ \t]*(?:[-*•][ \t]+)?[^\W\d_][^\W_]{0,15}(?:[ \t]+[^\W\d_][^\W_]{0,15}){0,2}[ \t]*[:：]"
    r"[ \t]*(?=\S)"
)
_BARE_ITEM = re.compile(r"[-+]?[A-Za-z0-9.^/*+\\'!-]{1,20}")  # an item that is its value
_RULES = re.compile(r"(?:\n[ \t]*(?:-{3,}|\*{3,}|_{3,}|={3,})[ \t]*)+\s*$")  # "---" closing
_TUPLE_END = re.compile(r"[\s$]((?:\(|\[)\s*-?[\d./]+(?:\s*,\s*-?[\d./]+)+\s*[)\]])[\s$.]*$")
_MAX_WRITTEN = 40  # a statement this short may be its value as written
_PROSE = re.compile(  # a word: not a LaTeX command, a connective or a function name
    r"(?<![\\a-zA-Z])(?!(?:and|or|sin|cos|tan|log|ln|sqrt|pi|mod|exp)\b)[a-zA-Z]{2,}"
    r"|[\u3040-\u9fff]"
)
_OPENING_LABEL = re.compile(r"\(?[a-zA-Z]{1,4}[.)]\s|\d{1,2}[.)]\s")  # "(i) 12", "I. 42"
_NAME = re.compile(r"[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,2}")  # "Jupiter", "Monday"
_VERB = re.compile(  # a sentence, not a value written with its words
    r"\b(?:is|are|was|were|equals|gives|has|have|gets|makes|takes)\b"
    r"|^(?:it|the|this|that|they|she|he|we|there|so|thus|hence|therefore)\b",
    re.IGNORECASE,
)
_COPULA = re.compile(  # words of a sentence or a negation, never of a named value
    r"\b(?:is|are|was|were|be|it|the|this|that|so|then|no|not|none|never|cannot)\b",
    re.IGNORECASE,
)
_YES_NO = re.compile(r"(yes|no|true|false)(?=\s*(?:[,.;:!—–-]|$))", re.IGNORECASE)
_ROOTS = re.compile(r"[a-z]\s*=\s*[^=,;]+(?:\s*(?:,|or|and)\s*[a-z]\s*=\s*[^=,;]+)+")
_MAX_STATEMENT = 300  # characters of a statement searched for a value
_RESULT_LINE = re.compile(  # a line stating the piece's result after its working
    r"^[ \t>*_-]*(?:(?:final[ \t]+)?result|final|结果|ergebnis|résultat|resultado)[ \t*_]*[:：]"
    r"[ \t*_]*(\S[^\n]*)$|(?:→|⇒|⟹)[ \t]*(\S[^→⇒⟹\n]{0,40})$",
    re.IGNORECASE | re.MULTILINE,
)
_INLINE_MATH = re.compile(r"\\[(\[](.*?)\\[)\]]")
_TITLE = re.compile(r"[:：][ \t]*(?:\*\*|__)?[ \t]*$")  # a line ending on its colon titles


def last_sentence(piece: str) -> str:
    """The last non-empty sentence or line of ``piece``."""
    text = piece.rstrip()[-_MAX_STATEMENT * 2 :]
    parts = [p for p in _SENTENCE_END.split(text) if p.strip(" *#-_>")]
    return parts[-1] if parts else ""


def problem_numbers(problem: str | None) -> frozenset[str]:
    """The numbers a problem gives (what a prose answer restates, not what it concludes)."""
    return frozenset(_NUMBER.findall(problem or ""))


def piece_value(
    piece: str,
    statement: str | None = None,
    givens: frozenset[str] = frozenset(),
    problem: str | None = None,
    labelled: bool = False,
) -> tuple[str | None, str]:
    """(value, how) of one answer piece; ``statement`` is the text right after its question
    reference on the same line (``Q1: 42``), read before the piece's last sentence; ``givens``
    (:func:`problem_numbers`) are passed over in prose when another number is there; a
    statement that asks or restates its ``problem`` gives none (the piece is read after it);
    a ``labelled`` statement follows an answer label ("Answer 2: Oslo"): words are its value.
    ``how`` is ``box``, ``phrase``, ``statement``, ``sentence``, ``declined`` or ``""``."""
    boxes = find_boxes(piece)
    if boxes:
        return answer_value(boxes[-1].content), "box"
    piece = _SIGNED_ITEM.sub(r"\1", piece)  # "- -0.5", "- - 4": a list item of a negative
    statement = _SIGNED_ITEM.sub(r"\1", statement) if statement else statement
    labelled_item = _LINE_LABEL.match(statement) if statement else None  # "- x: -3"
    if labelled_item and _BARE_ITEM.fullmatch(statement[labelled_item.end() :].rstrip(".,; ")):
        statement = statement[labelled_item.end() :]
    if statement and (_TITLE.search(statement) or words.asks_or_restates(statement, problem)):
        statement = None
    if "\\boxed" in piece or "\\fbox" in piece:  # an unclosed box: cut off
        return None, ""
    if declines(piece) or statement and words.no_value(statement):  # "N/A", "unknown"
        return None, "declined"
    phrases = answer_phrases(piece)
    if phrases:
        return answer_value(phrases[-1][1]), "phrase"
    results = list(_RESULT_LINE.finditer(piece))  # "**Result:** 45°", "... → **10.5**"
    if results and results[-1].start() > piece.find((statement or "\0").strip()[:40]):
        statement = (results[-1].group(1) or results[-1].group(2)).strip()
        whole = _INLINE_MATH.fullmatch(statement)  # "\\(45^\\circ\\)": its content
        statement = whole.group(1) if whole else statement
    said = _labelled(statement) if labelled and statement else None
    if said is not None:  # "Answer 2: 12 apples", "Answer 3: 0.25 (or 25%)": as written
        return said, "statement"
    if words.asks_yes_no(problem):  # "Is 91 prime?": its verdict, never a number of the working
        said = words.verdict(statement or "") or words.verdict(last_sentence(piece))
        said = said or words.verdict(piece)
        if said is not None:
            return said, "statement"
    if _CUT_STEP.search(_ITALIC_SPAN.sub(r"\1", _RULES.sub("", piece))):  # "= 123 * 4 +"
        return None, ""
    bare = statement.strip().rstrip(".,;") if statement else ""
    if _BARE_ITEM.fullmatch(bare) and any(ch.isdigit() for ch in bare):  # "2) 2k," "3) n+1"
        return answer_value(bare), "statement"
    written = (
        as_written(statement, labelled or len(_RULES.sub("", piece).strip().splitlines()) <= 1)
        if statement
        else None
    )
    if written is not None:
        return written, "statement"
    emphasised = emphasised_value(statement or last_sentence(piece))
    if emphasised is not None:
        return emphasised, "statement"
    choice = _CHOICE.match(answer_value(statement) or "") if statement else None
    if choice and choice.group(1) or choice and choice.group(2) and ")" in statement[:8]:
        return choice.group(1) or choice.group(2), "statement"  # "(C) 29 - the only prime"
    leading = _LEADING_VALUE.match(statement) if statement else None
    if leading and leading.group(1) not in givens:  # "6 apples, so ..." restates a given
        return answer_value(leading.group(1).rstrip(",")), "statement"
    spelled = words.closing_spelled(statement or last_sentence(piece), problem)
    if spelled is not None:  # "dividing by 3, the number is seven": the words state it
        return spelled, "statement"
    if statement:
        value = _before_reason(statement[:_MAX_STATEMENT], givens)
        if value is not None:
            return value, "statement"
    value = _before_reason(last_sentence(piece), givens)
    value = value or words.counted(statement or last_sentence(piece), problem)  # "has eight"
    return (value, "sentence") if value is not None else (None, "")


def _before_reason(sentence: str, givens: frozenset[str]) -> str | None:
    """The value of a prose sentence: read from the clause before its reason ("... is 63 (the
    nines trick: 70 - 7)", "... is 37, since 32 to 36 are composite") when that clause states
    one, else from the whole sentence; a sentence ending on a point or an interval gives it."""
    tuple_end = _TUPLE_END.search(sentence)
    if tuple_end:  # "They meet at $(2, 5)$."
        return tuple_end.group(1)
    reason = _REASON.search(sentence)
    if reason is not None and reason.start() > 0:
        value = math_verify_value(sentence[: reason.start()], givens)
        if value is not None and value not in givens:  # "of 12, 15 and 21 is (12 + ...": the
            return value  # clause only restates the problem's numbers: read the whole sentence
    return math_verify_value(sentence, givens)


def _labelled(statement: str) -> str | None:
    """The value an answer label's line states as written, before its reason: a formula read
    as such, a few words that are no sentence ("1 hour 30 minutes", "Mercury, the smallest
    planet") kept whole; None for a sentence ("The total is 42.")."""
    reason = _REASON.search(statement)
    plain = answer_value(statement[: reason.start()] if reason and reason.start() else statement)
    if not plain or len(plain) > _MAX_WRITTEN or _VERB.search(plain):
        return None
    if not any(ch.isdigit() for ch in plain) and any(ch.isdigit() for ch in statement):
        return None  # "Same value as Question 3 - ... is 6": words before the value
    return plain if _PROSE.search(plain) else as_written(plain)


def as_written(statement: str, alone: bool = True) -> str | None:
    """The value of a statement that is nothing but its value, as written: a formula with no
    prose ("(2, 5)", "x = 2 or x = 3", "\\frac{7}{8}"), one to three words ("Jupiter"), or a
    yes/no that opens it ("No, 91 = 7 x 13"); words only when the statement is ``alone`` in
    its piece (not a title over its working); None for a sentence."""
    plain = answer_value(EMPHASIS.sub("", statement.strip()).lstrip("→⇒=>:：.)] \t"))
    if not plain or len(plain) > _MAX_WRITTEN or _OPENING_LABEL.match(plain):
        return None
    plain = respell(plain)
    yes_no = _YES_NO.match(plain)
    if yes_no:
        return yes_no.group(1)
    if _ROOTS.fullmatch(plain):  # several values of one variable: kept as written
        return plain
    if not _PROSE.search(plain) and any(ch.isdigit() or ch == "\\" for ch in plain):
        return clean_value(plain)
    if alone and _NAME.fullmatch(plain) and not _COPULA.search(plain):
        return plain
    return None


def emphasised_value(sentence: str) -> str | None:
    """The value a sentence sets in bold (``**36**``, ``\\mathbf{5}``): the conclusion the
    writer marks, read before the prose around it, even when the problem gives that number;
    the last such value, labels ("**Step 2:**") passed over. None when nothing is in bold."""
    found = None
    for match in _EMPHASIS_SPAN.finditer(sentence[: _MAX_STATEMENT * 2]):
        content = (match.group(1) or match.group(2) or "").strip()
        if not content or _LABEL_LIKE.fullmatch(content):
            continue
        value = math_verify_value(f" {content} ") or words.word_value(
            content
        )  # "**four**", "**No**"
        if value is not None:
            found = value
    if found is None:  # "*24* legs", "<em>24</em>": a number in italics, when none is in bold
        numbers = [m.group(1) for m in _ITALIC_SPAN.finditer(sentence[: _MAX_STATEMENT * 2])]
        numbers = [math_verify_value(f" {n} ") for n in numbers if any(map(str.isdigit, n))]
        found = next((n for n in reversed(numbers) if n is not None), None)
    return found
