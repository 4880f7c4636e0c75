"""Answer sections written as data: a markdown table or a JSON block of the answers.

- :func:`table_answers`: a markdown table whose header names an answer column
  (:data:`~drqa.labeling.lexicon.ANSWER_COLUMN_WORDS`) gives that column's cell per row; the
  row's question is read from the column its header names as the question
  (:data:`~drqa.labeling.lexicon.QUESTION_COLUMN_WORDS`), else from the first column. Extra
  columns (method, check) never give the value.
- :func:`key_value_answers`: ``key: value`` lines (YAML) whose keys name questions by number.
- :func:`json_answers`: a JSON object or list in the answer section (fenced or not): keys that
  name questions (``"1"``, ``"Q2"``, ``"question_3"``), an ``answers`` field, a list of n
  values in order, or a list of objects with a question field and an answer field.

Both return ``{question: value}`` (values by :func:`.values.answer_value`), empty when the text
holds no such structure naming two questions or more.
"""

from __future__ import annotations

import json
import re

from drqa.labeling import lexicon as lx
from drqa.labeling.split.grammar import candidates
from drqa.labeling.split.scanning import at_line_starts, line_matches
from drqa.labeling.split.values import answer_value, piece_value

_ROW = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$", re.MULTILINE)
_RULE_CELL = re.compile(r"[ \t:]*-+[ \t:]*")
_LABEL_DECOR = re.compile(r"[*_`$#.:()\[\]\s]+")
_LABEL_PREFIX = re.compile(
    rf"^(?:{lx.alternation(lx.QUESTION_COLUMN_WORDS)})[ \t_#.]*", re.IGNORECASE
)
_KEY_VALUE = at_line_starts(  # a line "q1: 42", "answer_2 = 7  # checked"
    r"[ \t>*-]*[\"'`]?([A-Za-z]+)[_-]?(\d+)[\"'`]?[ \t]*[:=][ \t]*([^\n#]+?)[ \t]*(?:#[^\n]*)?$",
    re.MULTILINE,
)
_KEY_WORDS = {w for w in (*lx.QUESTION_COLUMN_WORDS, *lx.ANSWER_COLUMN_WORDS) if w.isalpha()}
_JSON_STARTS = (  # a block or an inline object (or at the start): its bracket after a space,
    re.compile(r"\{(?<=[\s:：`]\{)"),  # a colon or a backtick (found by the bracket: a
    re.compile(r"\[(?<=[\s:：`]\[)"),  # literal the regex engine finds fast)
)


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.split("|")]


def _question_number(label: str, n: int) -> int | None:
    token = _LABEL_PREFIX.sub("", _LABEL_DECOR.sub(" ", str(label)).strip()).strip()
    k = lx.numeral_value(token) if token else None
    return k if k is not None and 1 <= k <= n else None


_RANGE = re.compile(r"(\d{1,2})\s*(?:[-–—~]|to|through|thru)\s*(?:[A-Za-z]{0,8}\s*)?(\d{1,2})")
_LIST_SEPARATOR = re.compile(r"\s*(?:,|&|/|\+|\band\b|\bund\b|\bet\b|和|、)\s*")


def _question_numbers(label: str, n: int) -> list[int]:
    """The questions a row label names: one (``Q2``), a range (``2 – 3``, ``Q2-Q4``) or a list
    (``2, 3``, ``2 & 4``) of a merged row; empty when it names none."""
    one = _question_number(label, n)
    if one is not None:
        return [one]
    token = _LABEL_PREFIX.sub("", str(label).strip(" *_`$#")).strip()
    span = _RANGE.fullmatch(token) or _RANGE.fullmatch(_LABEL_PREFIX.sub("", token))
    if span:
        first, last = int(span.group(1)), int(span.group(2))
        return list(range(first, last + 1)) if 1 <= first < last <= n else []
    named = [_question_number(part, n) for part in _LIST_SEPARATOR.split(token)]
    ok = len(named) >= 2 and None not in named and len(set(named)) == len(named)
    return sorted(named) if ok else []


def _names(cell: str, word: str) -> bool:
    folded = cell.lower().strip(" *_")
    if not word.isascii():
        return word in folded
    return re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", folded) is not None


def _column(header: list[str], words: tuple[str, ...]) -> int | None:
    """The first column whose header names one of ``words`` (the more telling word first)."""
    for word in words:
        for i, cell in enumerate(header):
            if _names(cell, word):
                return i
    return None


def _question_columns(header: list[str], n: int) -> dict[int, int]:
    """``{column: question}`` for a header row whose cells name two questions or more with a
    question word ("Q1", "Problem 2"): a table with one column per question."""
    named = {
        i: k
        for i, cell in enumerate(header)
        if _LABEL_PREFIX.match(_LABEL_DECOR.sub(" ", cell).strip())
        and (k := _question_number(cell, n)) is not None
    }
    return named if len(set(named.values())) >= 2 else {}


def table_answers(text: str, n: int) -> dict[int, str]:
    """``{question: value}`` from a markdown table with an answer column (see module), else
    from rows of delimited data (:func:`delimited_answers`)."""
    if "|" not in text:
        return delimited_answers(text, n)
    rows = list(_ROW.finditer(text))
    found: dict[int, str] = {}
    answer: int | None = None
    question = 0
    previous_end = -2
    by_column: dict[int, int] = {}  # a transposed table: column -> the question its header names
    for match in rows:
        cells = _cells(match.group(1))
        if match.start() > previous_end + 1:  # a new table starts: its columns, read once
            answer = _column(cells, lx.ANSWER_COLUMN_WORDS)
            question = _column(cells, lx.QUESTION_COLUMN_WORDS)
            question = 0 if question is None or question == answer else question
            by_column = _question_columns(cells, n) if answer is None else {}
            taken = False
        elif all(_RULE_CELL.fullmatch(c) or not c for c in cells):
            pass
        elif by_column:  # the answer row: the one its first cell names, else the first row
            names = any(_names(cells[0], word) for word in lx.ANSWER_COLUMN_WORDS)
            if names or not taken:
                read = {k: answer_value(cells[i]) for i, k in by_column.items() if i < len(cells)}
                found.update((k, v) for k, v in read.items() if v and not lx.declines(v))
            taken = taken or bool(found)
        elif answer is not None and max(answer, question) < len(cells):
            named = _question_numbers(cells[question], n) or _question_numbers(cells[0], n)
            value = _cell_value(cells[answer])
            if value is not None and not lx.declines(value):
                found.update((k, value) for k in named)  # "2 – 3 | 8 (both)": both
        previous_end = match.end()
    return found if len(found) >= 2 else _headerless(rows, n)


_CELL_NOTE = re.compile(r"(?<=[^\s=])\s+\([^()]*\)\s*$")  # "8 (both)", "42 (checked)"


def _cell_value(cell: str) -> str | None:
    """The value an answer cell states, without a note in brackets after it."""
    return answer_value(_CELL_NOTE.sub("", cell))


def _headerless(rows: list[re.Match], n: int) -> dict[int, str]:
    """``{question: value}`` from a table with no header naming its columns whose rows are
    ``| k | value |`` (the first cell naming questions in order, the last a value)."""
    found: dict[int, str] = {}
    for match in rows:
        cells = _cells(match.group(1))
        if len(cells) < 2 or all(_RULE_CELL.fullmatch(c) or not c for c in cells):
            continue
        named = _question_numbers(cells[0], n)
        value = _cell_value(cells[-1])
        if not named or value is None or lx.declines(value):
            continue
        if found and min(named) <= max(found):
            return {}  # not a list of the questions in order
        found.update((k, value) for k in named)
    return found if len(found) >= 2 else {}


def key_value_answers(text: str, n: int) -> dict[int, str]:
    """``{question: value}`` from ``key: value`` lines (a YAML block, a config-like list) whose
    keys are one word naming a question by number (``q1``, ``answer_2``, ``Problem-3``); a
    trailing ``# comment`` is no part of the value, and a value over four words is prose, not
    a key's value. Empty unless two questions or more are named so."""
    found: dict[int, str] = {}
    later = {c.index: c.start for c in candidates(text, n)}  # the last reference to each
    for match in line_matches(_KEY_VALUE, text):
        word, number, raw = match.group(1).lower(), int(match.group(2)), match.group(3).strip()
        if later.get(number, 0) > match.end():  # "Revised Q3: 42" after "Q3: 41" decides
            continue
        raw = raw.strip("\"'` ")
        if word not in _KEY_WORDS or not 1 <= number <= n or len(raw.split()) > 4:
            continue
        value, how = piece_value(raw, raw)
        if value is not None and how != "declined":
            found[number] = value
    return found if len(found) >= 2 else {}


_DELIMITED_ROW = at_line_starts(
    r"[ \t]*[qQ#]?(\d{1,2})[ \t]*(?:\t|;[ \t]*|,(?!\d{3}\b)[ \t]*)[ \t]*(\S[^\n]*?)[ \t]*$", re.M
)


def delimited_answers(text: str, n: int) -> dict[int, str]:
    """``{question: value}`` from rows of delimited data (CSV, TSV: ``1,42`` or ``1<TAB>42``
    under an optional header) numbering 1..n once each, in order, one value per row."""
    rows = [(int(m.group(1)), m.group(2)) for m in line_matches(_DELIMITED_ROW, text)]
    if [k for k, _ in rows] != list(range(1, n + 1)) or n < 2:
        return {}
    if any(len(raw.split()) > 3 or any(ch in raw for ch in ",;\t") for _, raw in rows):
        return {}  # a row of one cell each: "1, 2, 3 and 4 are small" is prose
    values = {k: piece_value(raw.strip("\"'"), raw.strip("\"'"))[0] for k, raw in rows}
    return {k: v for k, v in values.items() if v is not None}


def _from_json(data: object, n: int) -> dict[int, str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if str(key).lower() in lx.ANSWER_COLUMN_WORDS and isinstance(value, (list, dict)):
                return _from_json(value, n)
        pairs = [(_question_number(key, n), value) for key, value in data.items()]
        return {k: v for k, v in pairs if k is not None and not isinstance(v, (list, dict))}
    if not isinstance(data, list):
        return {}
    if len(data) == n and all(not isinstance(v, (list, dict)) for v in data):
        return dict(enumerate(data, start=1))
    found = {}
    for entry in data:
        if not isinstance(entry, dict):
            return {}
        keys = {str(key).lower(): key for key in entry}
        question = next((keys[w] for w in keys if w in lx.QUESTION_COLUMN_WORDS), None)
        answer = next((keys[w] for w in keys if w in lx.ANSWER_COLUMN_WORDS), None)
        k = _question_number(entry[question], n) if question is not None else None
        if k is not None and answer is not None:
            found[k] = entry[answer]
    return found


def json_answers(text: str, n: int) -> dict[int, str]:
    """``{question: value}`` from the last JSON block of ``text`` naming two questions or more."""
    if "{" not in text and "[" not in text:
        return {}
    decoder = json.JSONDecoder()
    best: dict[int, str] = {}
    starts = [0] if text[:1] in ("[", "{") else []
    brackets = sorted(match.start() for scan in _JSON_STARTS for match in scan.finditer(text))
    for start in starts + brackets:
        try:
            data, _ = decoder.raw_decode(text, start)
        except ValueError:
            continue
        found = {
            k: value
            for k, raw in _from_json(data, n).items()
            if raw is not None and (value := answer_value(str(raw))) is not None
        }
        if len(found) >= 2:
            best = found
    return best
