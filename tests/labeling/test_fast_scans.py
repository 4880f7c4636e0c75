"""Scans rewritten for speed find what the plain pattern finds: every start of several
literal-led patterns (revisits' bare ordinals), the trailing-opener search of a cut-off
answer started where a match can start, line patterns tried at line starts only (a MULTILINE
``^``), JSON blocks found by their bracket."""

from __future__ import annotations

import random
import re

from drqa.labeling.split import structured
from drqa.labeling.split.scanning import at_line_starts, every_start, line_matches
from drqa.text import _TRAILING_OPENER, _opener_reach, cut_off_reason


def _overlapping_starts(pattern: re.Pattern[str], text: str) -> list[int]:
    return [i for i in range(len(text) + 1) if pattern.match(text, i)]


def test_every_start_is_the_alternation_tried_at_every_character():
    articles = ("the", "la", "el", "le")
    tail = r"[ \t]+(?:first|second|primera|segunda)"
    alternation = re.compile(rf"(?:{'|'.join(articles)}){tail}")
    patterns = [re.compile(article + tail) for article in articles]
    random.seed(3)
    pieces = ["the", "la", "el", "le", " ", "\t", "first", "second", "primera", "x", "\n"]
    for _ in range(2000):
        text = "".join(random.choice(pieces) for _ in range(random.randint(0, 12)))
        assert every_start(patterns, text) == _overlapping_starts(alternation, text)
    assert every_start(patterns, "then the second, la primera") == [5, 17]


def test_the_trailing_opener_is_found_from_where_it_can_start():
    random.seed(5)
    pieces = list("ab :*=\\(\n.,5") + ["the", "and", "\\frac", "\\Rightarrow", "substituting"]
    pieces += [" is", "\u00a0", "**"]
    for _ in range(5000):
        tail = "".join(random.choice(pieces) for _ in range(random.randint(1, 14))).rstrip()
        if tail:
            expected = bool(_TRAILING_OPENER.search(tail))
            assert bool(_TRAILING_OPENER.search(tail, _opener_reach(tail))) == expected, tail
    assert cut_off_reason("So the answer is: **  \n") == "trailing_operator"
    assert cut_off_reason("x = 5, and after substituting") == "trailing_operator"
    assert cut_off_reason("The answer is 5.") is None


def _random_lines(seed: int, pieces: list[str], count: int = 3000):
    random.seed(seed)
    for _ in range(count):
        yield "".join(random.choice(pieces) for _ in range(random.randint(0, 16)))


def test_line_patterns_match_where_a_multiline_caret_does():
    pieces = ["\n", " ", "\t", "q", "Q", "answer", "_", "-", "1", "12", "123", ":", "=", ";", ",",
              "000", "#", "'", "*", ">", "x", "\n\n", "42", "\\frac{1}{2}"]  # fmt: skip
    for lines in (structured._KEY_VALUE, structured._DELIMITED_ROW):
        caret = re.compile("^" + lines[0].pattern, re.MULTILINE)
        for text in _random_lines(7, pieces):
            expected = [(m.groups(), m.end()) for m in caret.finditer(text)]
            assert [(m.groups(), m.end()) for m in line_matches(lines, text)] == expected, text
    rows = at_line_starts(r"(\d)[.]", re.M)
    assert [m.group(1) for m in line_matches(rows, "1. a\n2. b\nx 3. c\n4.")] == ["1", "2", "4"]


def test_json_blocks_are_found_by_their_bracket():
    plain = re.compile(r"[\s:：`][\[{]")
    pieces = [" ", "\n", ":", "：", "`", "{", "[", "}", "]", "a", '"', "\\boxed", "{{", " [["]
    for text in _random_lines(11, pieces):
        expected = [m.end() - 1 for m in plain.finditer(text)]
        found = sorted(m.start() for scan in structured._JSON_STARTS for m in scan.finditer(text))
        assert found == expected, text
