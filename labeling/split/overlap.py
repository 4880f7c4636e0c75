"""The batch's problem texts as one more feature: where a response restates a problem, and
which problem each paragraph is about.

- :func:`restatements`: a candidate where the text starts restating problem k (two overlapping
  six-word shingles found in that problem only), like a "Question k" heading.
- :func:`paragraph_pieces`: for a text with no usable references, a monotone assignment of its
  paragraphs (or lines) to questions 1..n (dynamic programming over paragraphs x questions)
  maximising the distinctive words each paragraph shares with its problem; with no such words,
  exactly n paragraphs are one per question in order.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from drqa.labeling import lexicon as lx
from drqa.labeling.split.align import Piece
from drqa.labeling.split.grammar import MENTION, STRONG, Candidate, fold
from drqa.labeling.split.sentences import BREAK
from drqa.labeling.split.topics import owned_tokens, topic_tokens

SHINGLE = 6
_WORD = re.compile(r"[A-Za-z0-9]+(?:\.[0-9]+)?")
_REVISIT = re.compile(lx.alternation(lx.REVISIT_CUES + ("again",)), re.IGNORECASE)
_TURN_BACK = re.compile(lx.alternation(lx.TURN_BACK_CUES), re.IGNORECASE)
_REVISIT_REACH = 60  # a unit revisits when a cue opens it (within its first characters)
_COMMON = frozenset(("the", "a", "an", "of", "to", "and", "is", "in", "for", "on", "at", "be"))
_OPENING = re.compile(r"[^.!?\n]{0,80}")  # the line's first sentence, at most 80 characters
_NONSPACE = re.compile(r"\S")
_HEADING = re.compile(r"\s*(?:#{1,6}[ \t][^\n]*|\*\*[^*\n]+\*\*)")


def restatements(text: str, problems: Sequence[str] | None) -> list[Candidate]:
    """Candidates where ``text`` moves on to restating another problem."""
    if not problems or len(problems) < 2 or not text:
        return []
    owner = _owned_shingles(tuple(problems))
    if not owner:
        return []
    folded = fold(text)
    matches = list(_WORD.finditer(folded))
    words = (
        [m.group() for m in matches] if folded is not text else [m.group().lower() for m in matches]
    )
    found: list[Candidate] = []
    current, run_index, run_start, run = None, None, 0, 0
    shingles = zip(*(words[j:] for j in range(SHINGLE)), strict=False)  # built in C
    for i, shingle in enumerate(shingles):
        index = owner.get(shingle)
        if index is None:
            run, run_index = 0, None
            continue
        if index == run_index:
            run += 1
        else:
            run_index, run_start, run = index, matches[i].start(), 1
        if run == 2 and index != current:
            line = text.rfind("\n", max(0, run_start - 200), run_start) + 1
            if _OPENING.fullmatch(text, line, run_start):  # a line that restates the problem
                found.append(Candidate(line, run_start, index, STRONG, 2.0, "restated"))
            else:  # a quote inside the reasoning: a mention
                found.append(Candidate(run_start, run_start, index, MENTION, 0.5, "mention"))
            current = index
    return found


@lru_cache(maxsize=32)
def _owned_shingles(problems: tuple[str | None, ...]) -> dict[tuple[str, ...], int]:
    """Six-word shingle -> the problem (1-based) that alone holds it (read once per batch: do
    not change the result)."""
    owner: dict[tuple[str, ...], int] = {}
    shared = set()
    for index, problem in enumerate(problems, start=1):
        words = [w.lower() for w in _WORD.findall(problem or "")]
        for key in {
            tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)
            if not all(w in _COMMON or w.isdigit() for w in words[i : i + SHINGLE])
        }:  # fmt: skip
            if owner.setdefault(key, index) != index:
                shared.add(key)
    return {key: index for key, index in owner.items() if key not in shared}


_SENTENCE = re.compile(r"(?:(?<=[.?])|(?<=[^\d]!))[ \t]+(?=[A-Z*(\d])|(?<=[。！？])(?=\S)")


_LINE = re.compile(r"\n")
_COMMA = re.compile(r"[,;，；](?!\d{3})[ \t]*")
_TITLE = re.compile(r"\s*(?:#{1,6}[ \t][^\n\d]*|\*\*[^*\n\d]+\*\*[:：]?|[^\n\d]{1,40}[:：])\s*")


def _units(text: str, clauses: bool = False) -> list[tuple[int, int]]:
    """Paragraphs, else lines, else sentences, else clauses ("Rice cost is 6, tulips 20, fuel
    24."); a title alone ("## Final Answers") opens the unit after it."""
    for pattern in (BREAK, _LINE, _SENTENCE, _COMMA)[: 4 if clauses else 3]:
        spans: list[tuple[int, int]] = []
        position, title = 0, None
        for match in [*pattern.finditer(text), None]:
            end = match.start() if match else len(text)
            if _NONSPACE.search(text, position, end):
                if _TITLE.fullmatch(text, position, end) and match is not None:
                    title = position if title is None else title
                else:
                    spans.append((position if title is None else title, end))
                    title = None
            position = match.end() if match else len(text)
        if len(spans) > 1:
            return spans
    return []


def paragraph_pieces(
    text: str,
    n: int,
    problems: Sequence[str] | None,
    cands: Sequence[Candidate] = (),
    clauses: bool = False,
) -> list[Piece]:
    """Paragraphs (else lines, else sentences, else with ``clauses`` comma clauses: thinking,
    not an answer list) assigned to questions 1..n in order (empty when nothing decides it); a
    reference opening a unit (``cands``) counts as strong overlap."""
    units = _units(text, clauses)
    if len(units) < n:
        return []
    owner = owned_tokens(problems) if problems is not None and len(problems) == n else {}
    hits = [[0] * (n + 1) for _ in units]
    for u, (start, end) in enumerate(units):
        heading = _HEADING.match(text, start, end)  # a heading's words name the unit's topic
        for token in topic_tokens(text, start, end):
            k = owner.get(token)
            if k is not None:
                hits[u][k] += 1
        for token in topic_tokens(text, start, heading.end()) if heading else ():
            k = owner.get(token)
            if k is not None:
                hits[u][k] += 1
    starts = [start for start, _ in units]
    for cand in cands:
        u = max(0, bisect_right(starts, cand.start) - 1)
        if cand.tier < 4 and text[units[u][0] : cand.start].strip(" \t\n*#>-_") == "":
            hits[u][cand.index] += 3
    total = sum(map(sum, hits))
    if total == 0 and len(units) != n:
        return []
    labels = _by_content(text, units, hits, _monotone(hits, n))
    sole = [max(range(1, n + 1), key=row.__getitem__) for row in hits]
    sole = [
        k if hits[u][k] and hits[u][1:].count(hits[u][k]) == 1 else 0 for u, k in enumerate(sole)
    ]
    if len(units) == n and sorted(sole) == list(range(1, n + 1)):
        labels = sole  # n units naming one problem each, all of them: another order than asked
    if total and len(units) != n and not _labels_hold(hits, labels, n):
        return []
    found: list[Piece] = []
    for u, (start, _) in enumerate(units):
        begin = 0 if u == 0 else start
        end = units[u + 1][0] if u + 1 < len(units) else len(text)
        if found and found[-1].index == labels[u]:
            found[-1] = Piece(labels[u], found[-1].start, end)
        else:
            found.append(Piece(labels[u], begin, end))
    return found


_CLAUSE = re.compile(r"(?:[.;?\n。；]|(?<!\d)!)\s|\n|,(?!\d{3})\s+|，")


def content_order(
    text: str, ends: Sequence[int], problems: Sequence[str] | None, values: Sequence[str] = ()
) -> list[int] | None:
    """The question each value ending at ``ends`` answers, read from the problem words its
    clause shares ("Tom reads **140** pages, and the rectangle's area is **40**"); None when
    the clauses do not name one question each, each question at most once (then the values go
    in order); when every value but one names its question, that one answers the question
    left. Fewer values than problems: the questions they name (the rest unanswered). The
    ``values`` themselves are not read as words (a result of 20 does not name "a 20% discount")."""
    n = len(problems or ())
    if not problems or not ends or len(ends) > n or list(ends) != sorted(set(ends)):
        return None
    owner = owned_tokens(problems)
    bounds = [m.end() for m in _CLAUSE.finditer(text)]
    order, previous = [], 0
    for i, end in enumerate(ends):
        own = set(topic_tokens(values[i])) if i < len(values) else set()
        at = bisect_right(bounds, end)
        start, stop = (bounds[at - 1] if at else 0), (bounds[at] if at < len(bounds) else len(text))
        best = None
        spans = ((max(previous, start), end), (start, stop), (min(previous, start), stop))
        for begin, finish in spans:  # its clause up to it, its clause, all since the last value
            hits = [0] * (n + 1)
            for token in topic_tokens(text, begin, finish):
                hits[0 if token in own else owner.get(token, 0)] += 1
            top = max(range(1, n + 1), key=hits.__getitem__)
            if hits[top] and hits[1:].count(hits[top]) == 1:
                best = top
                break
        order.append(best)
        previous = end
    named = {k for k in order if k is not None}
    if order.count(None) == 1 and len(ends) == n and len(named) == n - 1:
        order[order.index(None)] = (set(range(1, n + 1)) - named).pop()  # the one left
    if None in order:
        return None
    return order if len(set(order)) == len(order) else None


def _by_content(
    text: str, units: list[tuple[int, int]], hits: list[list[int]], labels: list[int]
) -> list[int]:
    """``labels`` where the content disagrees with the order: a unit sharing three times the
    words with another question as with its own (and two at least), or opening on a revisit
    cue ("back to the rectangle") and sharing more with an earlier one, goes to that
    question."""
    found = list(labels)
    for u, (start, end) in enumerate(units):
        row = hits[u]
        best = max(range(1, len(row)), key=row.__getitem__)
        unique = sum(1 for value in row[1:] if value == row[best]) == 1
        if not unique or row[best] == 0 or best == labels[u]:
            continue
        cued = _REVISIT.search(text, start, min(end, start + _REVISIT_REACH)) is not None
        if row[best] >= max(2, 3 * row[labels[u]]) or cued and best < labels[u]:
            found[u] = best
    return found


def _labels_hold(hits: list[list[int]], labels: list[int], n: int) -> bool:
    """Whether each question's units share words with it, or (a question the text names by no
    word: "Next, 2^(x+1) = 32" for "Solve for x") share words with no question at all: a unit
    about another question never fills the gap; two questions at least are named."""
    named = 0
    for k in range(1, n + 1):
        rows = [hits[u] for u, label in enumerate(labels) if label == k]
        if any(row[k] for row in rows):
            named += 1
        elif any(any(row) for row in rows):
            return False
    return named >= min(2, n)


def _monotone(hits: list[list[int]], n: int) -> list[int]:
    """Labels 1..n, non-decreasing, each used, maximising the hits of each unit's label."""
    m = len(hits)
    neg = float("-inf")
    best = [[neg] * (n + 1) for _ in range(m)]
    back = [[0] * (n + 1) for _ in range(m)]
    best[0][1] = hits[0][1]
    for u in range(1, m):
        for k in range(1, n + 1):
            stay, move = best[u - 1][k], best[u - 1][k - 1] if k > 1 else neg
            best[u][k] = max(stay, move) + hits[u][k]
            back[u][k] = k if stay > move else k - 1  # a tie: the unit goes with the one before
    labels, k = [0] * m, n
    for u in range(m - 1, -1, -1):
        labels[u] = k
        k = back[u][k]
    return labels


def by_topic(text: str, found: list[Piece], problems: Sequence[str] | None) -> list[Piece]:
    """``found`` with each later paragraph of a piece that opens on a turn-back cue
    (:data:`~drqa.labeling.lexicon.TURN_BACK_CUES`) and shares
    two words or more (numbers do not count) with one other question, one of them in its
    opening sentence, and none with its own ("Back to the painter:
    ..." inside question 1's piece) moved to that question (interleaved reasoning that names
    its question by topic, not by number)."""
    if not problems or len(problems) < 2 or not found:
        return found
    owner = owned_tokens(problems)
    moved: list[Piece] = []
    for piece in found:
        starts = [piece.start] + [m.end() for m in BREAK.finditer(text, piece.start, piece.end)]
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else piece.end
            index = piece.index
            if i and _TURN_BACK.search(text, start, min(end, start + _REVISIT_REACH)):
                hits = [0] * (len(problems) + 1)
                for token in topic_tokens(text, start, end):
                    hits[owner.get(token, 0) if not token[0].isdigit() else 0] += 1  # words
                best = max(range(1, len(hits)), key=hits.__getitem__)
                opening = _OPENING.match(text, start, end)  # it names its topic first
                named = opening and best in (owner.get(t) for t in topic_tokens(
                    text, start, opening.end()) if not t[0].isdigit())  # fmt: skip
                if (
                    named
                    and hits[best] >= 2
                    and hits[index] == 0
                    and hits[1:].count(hits[best]) == 1
                ):
                    index = best
            moved.append(Piece(index, start, end, piece.cut if i == 0 else None))
    return moved
