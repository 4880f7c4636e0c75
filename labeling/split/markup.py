"""Markup read as the markdown it means, before an answer section is split.

Models write their answers in HTML now and then (``<b>12</b>``, ``<br>``, ``<ol><li>``, a
``<table>`` with merged cells) or as a LaTeX ``array``/``tabular``. :func:`as_markdown` rewrites
them in one pass as the markdown the splitter reads: ``<br>``/``<p>`` are line breaks, ``<li>``
a numbered (``<ol>``) or bulleted line in order, ``<dt>``/``<dd>`` a ``term: value`` line,
``<b>``/``<strong>`` bold, LaTeX ``enumerate``/``itemize`` lists and ``\\section*{}`` headings
likewise, a table's rows and cells a markdown table (a cell spanning rows repeated down them,
a title spanning every column a line above it), entities their characters. It returns a
:class:`Rewrite` that maps any span of the markdown back to the text as written
(:meth:`Rewrite.as_written`): chains keep the model's own text. Text holding no such markup
is returned unchanged.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_INLINE = (
    r"br|p|b|strong|i|em|u|ol|ul|li|div|span|h[1-6]|sup|sub|code|pre|hr|tbody|thead|font|mark"
    r"|dl|dt|dd"
)
_TAG = re.compile(rf"</?(?:{_INLINE}|table|tr|td|th)\b[^<>]*?/?>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#\d{2,6});")
_LATEX_MARKUP = re.compile(  # LaTeX document markup: lists and section headings
    r"\\(?:begin|end)\{(?:enumerate|itemize)\}(?:\[[^\]\n]*\])?|\\item\b(?:\[[^\]\n]*\])?"
    r"|\\(?:sub)*section\*?\{[^{}\n]*\}|\\paragraph\*?\{[^{}\n]*\}"
)
_MARKUP = re.compile(rf"{_TAG.pattern}|{_ENTITY.pattern}|{_LATEX_MARKUP.pattern}", re.I)
_HTML_TABLE = re.compile(r"<table\b[^<>]*>(.*?)(?:</table>|$)", re.IGNORECASE | re.DOTALL)
_HTML_ROW = re.compile(r"<tr\b[^<>]*>(.*?)(?=<tr\b|</table>|$)", re.IGNORECASE | re.DOTALL)
_HTML_CELL = re.compile(
    r"<t([hd])\b([^<>]*)>(.*?)(?=</t[hd]>|<t[hd]\b|</tr>|$)", re.IGNORECASE | re.DOTALL
)
_ANSWER_TAG = re.compile(r"<answer\b[^<>]*>[ \t]*([^<>\n]{1,60}?)[ \t]*</answer>", re.I)
_SPAN = re.compile(r"(row|col)span\s*=\s*[\"']?(\d+)", re.IGNORECASE)
_LATEX_TABLE = re.compile(
    r"(?:\$\$|\\\[)?[ \t]*\n?[ \t]*\\begin\{(array|tabular)\}(?:\{(?:[^{}]|\{[^{}]*\})*\})?"
    r"(.*?)\\end\{\1\}[ \t]*\n?[ \t]*(?:\$\$|\\\])?",
    re.DOTALL,
)
_LATEX_RULE = re.compile(r"\\(?:hline|toprule|midrule|bottomrule|cline\{[^{}]*\})")
_LATEX_SPAN = re.compile(r"\\multi(column|row)\{(\d+)\}\{[^{}]*\}\{((?:[^{}]|\{[^{}]*\})*)\}")
_LATEX_TEXT = re.compile(r"\\(?:text|textbf|mathbf|mathrm|textrm)\{((?:[^{}]|\{[^{}]*\})*)\}")
_LATEX_SPACE = re.compile(r"\\[ ,;:!]|~")
_CELL_SPLIT = re.compile(r"(?<!\\)&")


@dataclass(frozen=True)
class Rewrite:
    """A text rewritten as markdown and, per character of it, the span it came from."""

    original: str
    text: str
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()

    def as_written(self, piece: str) -> str:
        """``piece`` (a slice of :attr:`text`) as the model wrote it; unchanged when it is no
        slice of it or nothing was rewritten."""
        if not self.starts or not piece:
            return piece
        at = self.text.find(piece)
        if at < 0:
            return piece
        return self.original[self.starts[at] : self.ends[at + len(piece) - 1]]


class _Builder:
    def __init__(self, original: str) -> None:
        self.original, self.out, self.starts, self.ends = original, [], [], []

    def add(self, text: str, start: int, end: int, copied: bool = False) -> None:
        if not text:
            return
        self.out.append(text)
        for i in range(len(text)):
            self.starts.append(start + i if copied else start)
            self.ends.append(start + i + 1 if copied else end)

    def ends_line(self) -> bool:
        return not self.out or self.out[-1].endswith("\n")  # never an empty piece

    def rewrite(self) -> Rewrite:
        return Rewrite(self.original, "".join(self.out), tuple(self.starts), tuple(self.ends))


def as_markdown(text: str) -> Rewrite:
    """``text`` with its HTML and LaTeX tables read as markdown (see module)."""
    latex = "\\begin{" in text or "\\item" in text or "section" in text or "\\paragraph" in text
    tagged = _TAG.search(text) or "</answer>" in text
    tabled = "\\end{array}" in text or "\\end{tabular}" in text
    if not (tagged or latex and _LATEX_MARKUP.search(text) or tabled):
        return Rewrite(text, text)
    units = [(m.start(), m.end(), f"\n{_html_table(m[1])}\n") for m in _HTML_TABLE.finditer(text)]
    last = max(text.rfind("\\end{array}"), text.rfind("\\end{tabular}"))  # none begins after
    tables = _LATEX_TABLE.finditer(text, 0, last + 40) if last >= 0 else ()  # it: linear
    units += [(m.start(), m.end(), f"\n{_latex_table(m[2])}\n") for m in tables]
    boxed = [(m.start(), m.end(), f"\\boxed{{{m[1].strip()}}}") for m in _ANSWER_TAG.finditer(text)]
    units += boxed  # "<answer>42</answer>": a tagged answer reads as its box
    builder, at, lists = _Builder(text), 0, []
    for start, end, table in sorted(units):
        if start < at:
            continue
        _inline(text, at, start, builder, lists)
        builder.add(table, start, end)
        at = end
    _inline(text, at, len(text), builder, lists)
    return builder.rewrite()


def _inline(text: str, start: int, end: int, builder: _Builder, lists: list[list]) -> None:
    """Copy ``text[start:end]`` with its inline tags and entities rewritten; ``lists`` is the
    stack of open lists (``[ordered, next number]``)."""
    at = start
    for match in _MARKUP.finditer(text[start:end]):
        s, e = start + match.start(), start + match.end()
        builder.add(text[at:s], at, s, copied=True)
        replacement = _replacement(match.group(0), lists)
        if replacement.startswith("\n") and (
            builder.ends_line() or (replacement == "\n" and text[e : e + 1] == "\n")
        ):
            replacement = replacement[1:]  # "<br>" before a line break: that one break
        if replacement.endswith(" ") and text[e : e + 1] in (" ", "\t"):
            replacement = replacement[:-1]  # "\\item 42": one space after the label
        builder.add(replacement, s, e)
        at = e
    builder.add(text[at:end], at, end, copied=True)


def _replacement(tag: str, lists: list[list]) -> str:
    if tag.startswith("&"):
        return html.unescape(tag).replace("\xa0", " ")
    if tag.startswith("\\"):
        return _latex_replacement(tag, lists)
    closing = tag.startswith("</")
    name = re.match(r"</?([A-Za-z0-9]+)", tag).group(1).lower()
    if name in ("b", "strong"):
        return "**"
    if name in ("i", "em"):
        return "*"
    if name in ("ol", "ul"):
        if closing and lists:
            lists.pop()
        if closing:
            return "\n"
        first = re.search(r"start\s*=\s*[\"']?(\d+)", tag)
        lists.append([name == "ol", int(first.group(1)) if first else 1])
        return "\n"
    if name == "li":
        if closing:
            return ""
        if lists and lists[-1][0]:
            lists[-1][1] += 1
            return f"\n{lists[-1][1] - 1}. "
        return "\n- "
    if name == "dt":  # a definition list: "<dt>Q1</dt><dd>42</dd>" is "Q1: 42"
        return ":" if closing else "\n"
    if name in ("br", "p", "div", "hr", "pre", "tr", "dl"):
        return "\n"
    if name.startswith("h") and name[1:].isdigit():
        return "\n" if closing else "\n### "
    if name == "sup":
        return "}" if closing else "^{"
    return ""  # span, code, font, ...: no meaning of their own


def _latex_replacement(command: str, lists: list[list]) -> str:
    """The markdown of one LaTeX list or heading command (``lists`` as in :func:`_inline`)."""
    name = re.match(r"\\([a-z]+)", command).group(1)
    argument = re.search(r"[\[{]([^\]{}]*)[\]}]$", command)
    if name == "begin":
        lists.append(["enumerate" in command, 1])
        return "\n"
    if name == "end":
        if lists:
            lists.pop()
        return "\n"
    if name == "item":
        if argument:  # "\\item[(a)]": its own label
            return f"\n{argument.group(1)} "
        return _replacement("<li>", lists)
    return f"\n### {argument.group(1) if argument else ''}\n"  # \\section*{Problem 2}


def _grid(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """Rows of ``(content, rowspan, colspan)`` as a grid: a cell spanning rows repeated down."""
    grid, pending = [], {}  # column -> [content, rows left]
    for row in rows:
        cells, column = [], 0
        for content, rowspan, colspan in row:
            while column in pending:
                cells.append(pending[column][0])
                column = _down(pending, column)
            for _ in range(max(colspan, 1)):
                cells.append(content)
                if rowspan > 1:
                    pending[column] = [content, rowspan - 1]
                column += 1
        while column in pending:
            cells.append(pending[column][0])
            column = _down(pending, column)
        grid.append(cells)
    return grid


def _down(pending: dict, column: int) -> int:
    pending[column][1] -= 1
    if pending[column][1] <= 0:
        del pending[column]
    return column + 1


def _markdown_table(rows: list[list[tuple[str, int, int]]]) -> str:
    """A markdown table of the rows; a first row that is one cell spanning every column is a
    title line above it."""
    width = max((sum(max(c, 1) for _, _, c in row) for row in rows), default=0)
    title = ""
    if rows and len(rows[0]) == 1 and width > 1 and rows[0][0][2] >= width:
        title, rows = f"{rows[0][0][0]}\n\n", rows[1:]
    grid = _grid(rows)
    if not grid:
        return title.strip()
    lines = ["| " + " | ".join(cells) + " |" for cells in grid]
    lines.insert(1, "|" + "---|" * max(len(grid[0]), 1))
    return title + "\n".join(lines)


def _html_table(body: str) -> str:
    rows = []
    for row in _HTML_ROW.finditer(body):
        cells = []
        for cell in _HTML_CELL.finditer(row.group(1)):
            spans = {kind.lower(): int(n) for kind, n in _SPAN.findall(cell.group(2))}
            builder = _Builder(cell.group(3))
            _inline(cell.group(3), 0, len(cell.group(3)), builder, [])
            content = " ".join(builder.rewrite().text.split()).replace("|", "/")
            cells.append((content, spans.get("row", 1), spans.get("col", 1)))
        if cells:
            rows.append(cells)
    return _markdown_table(rows)


def _latex_table(body: str) -> str:
    rows = []
    for line in re.split(r"\\\\", _LATEX_RULE.sub("", body)):
        if not line.strip():
            continue
        cells = []
        for raw in _CELL_SPLIT.split(line):
            span = _LATEX_SPAN.search(raw)
            rowspan = colspan = 1
            if span:
                colspan = int(span.group(2)) if span.group(1) == "column" else 1
                rowspan = int(span.group(2)) if span.group(1) == "row" else 1
                raw = span.group(3)
            previous = None
            while raw != previous:
                previous, raw = raw, _LATEX_TEXT.sub(r"\1", raw)
            cells.append((" ".join(_LATEX_SPACE.sub(" ", raw).split()), rowspan, colspan))
        rows.append(cells)
    return _markdown_table(rows)
