"""The words models use to name questions and answers: one table per concept, used everywhere.

New surface forms go here, not into new code paths (DESIGN "Batched responses are split by one
design"). Each table maps a written form to what it means; :func:`alternation` turns a table
into a regular-expression alternative (longest first, escaped).

- :data:`ORDINALS`: ordinal words per language ("second", "deuxième", "zweite", "второй").
- :data:`NUMBER_WORDS`: cardinal words ("two", "deux", "zwei", "два").
- :data:`CJK_NUMERALS`, :data:`ROMAN`, :data:`KEYCAPS`, :data:`CIRCLED`: other numerals.
- :data:`QUESTION_NOUNS`, :data:`ANSWER_WORDS`: "question"/"problem", "answer"/"答案".
- :data:`REVISIT_CUES`: words that turn back to an earlier question ("going back to").
- :data:`SUMMARY_CUES`: words that open a closing list of all answers ("Final answers").
- :data:`DECLINE_CUES`: a piece that declines to answer ("I could not solve this one").
- :data:`LATEX_WRAPPERS`: ``\\text{}``-like wrappers whose content is the value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from drqa.labeling.unicode_math import (  # noqa: F401  (re-exported)
    SCRIPT_DIGITS,
    SUPERSCRIPT_DIGITS,
    superscript_powers,
    unicode_math_latex,
)

ORDINALS: dict[str, dict[str, int]] = {
    "en": {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
           "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
           "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8,
           "9th": 9, "10th": 10},
    "fr": {"premier": 1, "première": 1, "premiere": 1, "deuxième": 2, "deuxieme": 2,
           "second": 2, "seconde": 2, "troisième": 3, "troisieme": 3, "quatrième": 4,
           "cinquième": 5},
    "es": {"primer": 1, "primera": 1, "primero": 1, "segunda": 2, "segundo": 2,
           "tercera": 3, "tercer": 3, "tercero": 3, "cuarta": 4, "cuarto": 4, "quinta": 5,
           "quinto": 5},
    "de": {"erste": 1, "ersten": 1, "erster": 1, "zweite": 2, "zweiten": 2, "dritte": 3,
           "dritten": 3, "vierte": 4, "vierten": 4, "fünfte": 5, "fünften": 5},
    "ru": {"первый": 1, "первая": 1, "первое": 1, "первому": 1, "первой": 1, "второй": 2,
           "вторая": 2, "второе": 2, "второму": 2, "третий": 3, "третья": 3, "третье": 3,
           "третьему": 3, "третьей": 3, "четвёртый": 4, "четвертый": 4, "пятый": 5},
}  # fmt: skip
"""Ordinal words per language (lower case) -> question number."""

NUMBER_WORDS: dict[str, dict[str, int]] = {
    "en": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10},
    "fr": {"un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5},
    "es": {"uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5},
    "de": {"eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5},
    "ru": {"один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5},
}  # fmt: skip
"""Cardinal words per language -> number ("Question Two")."""

CJK_NUMERALS = {ch: i for i, ch in enumerate("一二三四五六七八九十", start=1)}
ROMAN = {
    r: i for i, r in enumerate(("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"), 1)
}
KEYCAPS = {f"{d}\ufe0f\u20e3": d for d in range(1, 10)} | {f"{d}\u20e3": d for d in range(1, 10)}
CIRCLED = {chr(0x2460 + i): i + 1 for i in range(10)}  # ① .. ⑩
FULLWIDTH_DIGITS = {chr(0xFF11 + i): i + 1 for i in range(9)}  # １ .. ９

QUESTION_NOUNS = (
    "question", "problem", "exercise", "task", "frage", "aufgabe", "pregunta",
    "problema", "ejercicio", "exercice", "questão", "questao", "вопрос", "задача", "задание",
)  # fmt: skip
"""Nouns that name a question, followed by its number ("Problem 2", "Aufgabe 2")."""

QUESTION_NOUNS_AFTER_ORDINAL = (*QUESTION_NOUNS, "one", "q", "answer", "result")
"""Nouns an ordinal may name a question with ("the second one", "la segunda pregunta")."""

WORDS_AFTER_A_LONE_ORDINAL = (
    "one", "question", "problem", "answer", "again", "once", "using", "with", "by", "via",
    "through", "now", "too", "also", "then", "because", "since", "carefully", "quickly", "here",
)  # fmt: skip
"""Words after which a bare ordinal names a question, standing alone ("double check the fourth
using the expansion", "the first by FOIL"); any other word makes it an adjective ("the first
term", "the second digit")."""

CJK_QUESTION = {
    "prefix": ("问题", "題目", "题目", "問題", "問", "题"),
    "around": ("第", "题", "題", "问", "個問題", "个问题", "道题"),
}
"""Chinese/Japanese question references: 问题2, 第二题, 問3."""

ANSWER_WORDS = (
    "final answer", "answer", "ans", "ответ", "réponse", "reponse", "respuesta", "resposta",
    "antwort", "lösung", "答案", "解答", "回答", "答",
)  # fmt: skip
"""Words that introduce an answer ("Answer to Question 2:", "Ответ:")."""

TURN_BACK_CUES = (
    "back to", "going back", "go back", "coming back", "returning to", "return to", "revisit",
    "revisiting", "回到",
)  # fmt: skip
"""Words that turn back to an earlier question ("Back to the painter: ...")."""

REVISIT_CUES = (
    *TURN_BACK_CUES, "re-check", "recheck", "double-check", "double check", "wait, for", "再看",
    "to correct", "correction", "on reflection", "revise", "revising", "amend", "更正", "修正",
)  # fmt: skip
"""A paragraph opening on one of these and naming an earlier question continues that one (a
correction too: "I need to correct question 2", "on reflection, the third answer ...")."""

CORRECTION_CUES = (
    "mistake", "slip", "error", "typo", "miscalculat", "correction", "to correct", "erratum",
    "irrtum", "fehler", "erreur", "错误", "更正", "修正",
)  # fmt: skip
"""Words of a line that corrects an answer ("I made a slip in Question 2: ...")."""

CHECK_CUES = (
    *REVISIT_CUES, "check", "verif", "make sure", "reconsider", "confirm", "once more", "again",
    "one more look", "another look", "second look", "closer look", "look over", "one more pass",
    "another pass", "recount", "re-examine", "recompute", "redo", "sanity", "确认", "检查", "验证",
    "核对", "回头", "確認", "다시", "확인", "फिर से", "दोबारा", "noch einmal", "nochmal", "prüf",
    "comprob", "de nuevo", "vérifi", "провер", "ещё раз", "еще раз",
)  # fmt: skip
"""Words of a sentence turning to a question to check it again ("Let me double check the shirt
one", "Now let me reconsider problem 1", "第一题我再确认一下")."""

COMPARISON_CUES = ("like", "as in", "as with", "similar", "same as", "unlike", "just as")
"""Words comparing with the question named after them ("Like in problem 1"): no turn to it."""

SUMMARY_CUES = (
    "final answers", '"answers"', "summary of answers", "summary of the answers", "answers:",
    "in summary", "summary:", "recap", "recapitulation", "résumé",
    "to summarize", "to summarise", "answers are", "答案：", "答案:", "综上", "总结", "總結",
    "zusammenfassung", "resumen", "récapitulatif", "итог",
)  # fmt: skip
"""Words that open a closing list of every answer."""

DECLINE_CUES = (
    "could not solve", "couldn't solve", "cannot solve", "can't solve", "unable to solve",
    "could not determine", "cannot be determined", "can't be determined", "cannot determine",
    "not enough information", "insufficient information", "no answer", "no solution",
    "skip", "skipping", "skipped", "i'm not sure", "i am not sure", "not able to",
    "unable to", "could not finish", "couldn't finish", "did not finish", "give up",
    "undefined", "no numeric", "no numerical", "not a number", "无法", "不能确定", "不会",
    "わかりません", "no puedo", "je ne peux", "i'm not certain", "i am not certain",
    "no final answer", "no idea", "不知道", "no lo sé", "je ne sais pas", "weiß ich nicht",
)  # fmt: skip
"""Phrases of a piece that gives no answer: its numbers are not conclusions."""

LATEX_WRAPPERS = (
    "text", "textbf", "textit", "textrm", "textnormal", "mathrm", "mathbf", "mathit", "mbox",
    "operatorname", "displaystyle", "boldsymbol", "bm",
)  # fmt: skip
"""LaTeX commands whose braces wrap a value or its unit (``\\text{12 eggs}``)."""

LEAD_INS = (
    "now", "next", "then", "ok", "okay", "so", "and", "also", "finally", "lastly", "moving on",
    "actually", "wait", "hmm", "oh", "but", "well", "alright", "right",
    "turning to", "on to", "as for", "for", "let me do", "let's do", "let me start with",
    "let's start with", "let me solve", "let me tackle", "let me look at", "i'll do",
    "i'll start with", "start with", "starting with", "好的", "好", "嗯", "那么", "首先", "其次",
    "然后", "接下来", "接着", "最后", "现在", "下面", "我们来看", "来看", "先看", "看", "关于",
    "对于", "至于",
)  # fmt: skip
"""Short words a sentence may open on before naming a question ("Now, for the second ...")."""


def alternation(words: Iterable[str]) -> str:
    """A regex alternative of ``words``, longest first, each escaped."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def by_first_character(words: Iterable[str]) -> dict[str, list[str]]:
    """``words`` grouped by first character: first -> the rest of each word ("" for the
    one-character word), longest first."""
    groups: dict[str, list[str]] = {}
    for word in sorted(set(words), key=len, reverse=True):
        if word:
            groups.setdefault(word[0], []).append(word[1:])
    return groups


def trie(words: Iterable[str]) -> str:
    """A regex alternative of ``words`` grouped by first character, recursively (the regex
    engine then tries one branch per character instead of every word); longest first."""
    branches = []
    for first, tails in by_first_character(words).items():
        rest = [t for t in tails if t]
        inner = trie(rest) if rest else ""
        optional = "?" if "" in tails else ""
        head = re.escape(first)
        branches.append(f"{head}(?:{inner}){optional}" if inner else head)
    return "|".join(branches)


def all_ordinals() -> dict[str, int]:
    """Every ordinal word of every language -> number."""
    return {word: k for table in ORDINALS.values() for word, k in table.items()}


def all_number_words() -> dict[str, int]:
    """Every cardinal word of every language -> number."""
    return {word: k for table in NUMBER_WORDS.values() for word, k in table.items()}


_NUMERALS: dict[str, int] = {}


def numeral_value(token: str) -> int | None:
    """The number a written reference names: digits, ordinal or number words, CJK, roman
    numerals (lower case), keycaps, circled or full-width digits, a letter ``a``..``j``."""
    folded = token.strip().lower()
    if folded.isdigit() and folded.isascii():
        return int(folded)
    if not _NUMERALS:
        for table in (all_ordinals(), all_number_words(), CJK_NUMERALS, KEYCAPS, CIRCLED,
                      FULLWIDTH_DIGITS, ROMAN):  # fmt: skip
            _NUMERALS.update((key, value) for key, value in table.items() if key not in _NUMERALS)
        _NUMERALS.update({chr(96 + k): k for k in range(1, 11) if chr(96 + k) not in _NUMERALS})
    return _NUMERALS.get(folded)


def wrapper_pattern() -> re.Pattern[str]:
    """``\\text{...}``-like wrappers (one level of braces): group 1 is the content."""
    return re.compile(rf"\\(?:{alternation(LATEX_WRAPPERS)})\s*\{{([^{{}}]*)\}}")


ANSWER_COLUMN_WORDS = (
    "answer", "final answer", "answers", "result", "value", "final", "ans", "答案", "结果",
    "結果", "respuesta", "réponse", "antwort", "ответ", "resposta", "solution", "a",
)  # fmt: skip
"""Headers of a table column (or JSON keys) that hold the answers, most telling first."""

QUESTION_COLUMN_WORDS = (
    "question", "problem", "q", "#", "no", "nr", "id", "task", "item", "exercise", "问题",
    "题目", "題", "题", "pregunta", "frage", "aufgabe", "вопрос", "задача",
)  # fmt: skip
"""Headers of a table column (or JSON keys) that name the question a row answers."""

JUSTIFICATION_CUES = (
    "because", "since", "as", "from", "by", "which", "not", "using", "via", "so", "given",
    "weil", "porque", "car", "因为", "由于",
)  # fmt: skip
"""Words after a stated value that open its justification ("24, because 4! = 24")."""

THINKING_OPENERS = (
    "okay", "ok", "alright", "all right", "hmm", "so i", "so, i", "let me", "let's see",
    "let's tackle", "i need to", "i have to", "i'll", "we need to", "first, i", "the user",
    "好的", "嗯", "让我", "我需要", "首先，我", "用户",
)  # fmt: skip
"""How a model's own thinking opens (self-talk), unlike an answer written for the reader: a
response stopped by its length limit with no think tags at all that opens this way is read as
thinking that never closed."""

REASON_CUES = (
    "because", "since", "as", "given that", "weil", "porque", "puisque", "car", "因为", "由于",
    "not", "rather than", "instead of",
)  # fmt: skip
"""Words that open the reason for a value stated before them in a sentence ("the next prime
is 37, since 32 through 36 are composite"), or the value it replaces ("16, not 12"): the
value is read from the clause before them."""

CHOICE_LETTERS = "ABCDEFGHIJ"
"""Letters of multiple-choice options: "(C) 29" answers with the letter."""

NEGATED_ABILITY = (
    "cannot", "can not", "can't", "could not", "couldn't", "unable to", "not able to",
    "impossible to", "no way to", "not possible to", "won't", "will not", "don't", "do not",
    "doesn't", "rather not", "prefer not to", "not going to",
)  # fmt: skip
SOLVING_VERBS = (
    "solve", "determine", "compute", "calculate", "find", "answer", "work out", "figure out",
    "be determined", "be computed", "be found", "be solved", "be calculated", "decide",
    "give", "provide", "state", "commit to", "pin down", "know", "recall", "remember",
)  # fmt: skip
"""A decline is also a negated ability followed by a solving verb ("I cannot compute ...")."""

_NEGATED_SOLVING = re.compile(
    rf"(?:{alternation(NEGATED_ABILITY)})\s+(?:\w+\s+)?(?:{alternation(SOLVING_VERBS)})\b"
)

DEFERRAL_VERBS = ("see", "refer to", "refer back to", "look back at", "as in")
DEFERRAL_PLACES = (
    "above", "earlier", "my reasoning", "the reasoning", "my work", "my working",
    "the working", "my thinking", "the thinking", "my notes", "my scratch",
)  # fmt: skip
DEFERRAL_OPENERS = ("见上", "见前", "参见上", "siehe oben", "ver arriba", "voir ci-dessus")
"""A piece that opens by sending the reader back to the reasoning ("See my reasoning above — the
ratio is 3"), after its label if any, defers: it states no final answer of its own (a box in
it still answers)."""
_DEFERS = re.compile(
    rf"^(?:[^\n:：]{{0,40}}[:：])?[\s*_>#-]*(?:please\s+)?(?:(?:{alternation(DEFERRAL_VERBS)})\b[^\n.;]{{0,30}}?"
    rf"(?:{alternation(DEFERRAL_PLACES)})\b|(?:{alternation(DEFERRAL_OPENERS)}))"
)


def declines(piece: str) -> bool:
    """Whether ``piece`` says it gives no answer (:data:`DECLINE_CUES`, a negated ability
    followed by a solving verb, or an opening deferral to the reasoning: :data:`_DEFERS`)."""
    folded = piece.lower().replace("’", "'")
    if _DEFERS.match(folded):
        return True
    return any(cue in folded for cue in DECLINE_CUES) or bool(_NEGATED_SOLVING.search(folded))
