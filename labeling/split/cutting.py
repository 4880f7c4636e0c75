"""One text cut into its pieces per question: the reference grammar's candidates and the
problems' restatements aligned (:mod:`.align`), else paragraphs by their overlap with the
problems (:mod:`.overlap`); a plain numbered list closing the thinking is its recap, and the
work before it is cut by overlap."""

from __future__ import annotations

import re
from collections.abc import Sequence

from drqa.labeling.split.align import Piece, align, pieces
from drqa.labeling.split.grammar import LIST, ORDINAL, SEQUENCE, Candidate, candidates
from drqa.labeling.split.overlap import paragraph_pieces, restatements
from drqa.labeling.split.quoted import unquoted
from drqa.labeling.split.sentences import BREAK
from drqa.labeling.split.topics import owned_tokens, topic_tokens
from drqa.text import find_boxes

_SENTENCE_END = re.compile(r"[.!?。！？](?:\s|$)|\n")


def cut(
    text: str, n: int, problems: Sequence[str] | None, listed: bool = False
) -> tuple[list[Piece], float]:
    """The pieces of ``text`` per question and how sure the cut is (0 when none); ``listed``:
    ``text`` is an answer section."""
    cands = unquoted(text, candidates(text, n), problems) + restatements(text, problems)
    cands = sorted(cands, key=lambda c: c.start)
    cands = cands if listed else _without_enumerations(text, cands)
    cuts = align(cands, n, len(text), listed, _opens(text, cands, n, problems))
    if not listed and _closing_list(cuts, len(text)):  # "So:\n1. 10\n2. 9" after the work
        found = paragraph_pieces(text, n, problems, [c for c in cands if c.tier != LIST], True)
        if len({piece.index for piece in found}) >= min(2, n):
            return found, 0.6
    named = {c.index for c in cuts}
    strength = sum(min(c.score, 3.0) for c in cuts) / (3.0 * len(cuts)) if cuts else 0.0
    first_unnamed = named == set(range(2, n + 1)) and bool(cuts) and text[: cuts[0].start].strip()
    if len(named) == n or first_unnamed:  # "...7/8.\nNow the second one": 1 is what precedes
        return pieces(text, cuts), round(0.5 + 0.5 * strength, 3)
    found = [] if listed else _boxed_pieces(text, n, problems, cuts)
    found = found or paragraph_pieces(text, n, problems, cuts, clauses=not listed)
    if found:
        return found, 0.6
    if len(named) >= min(2, n):
        return pieces(text, cuts), round(0.5 + 0.5 * strength * len(named) / n, 3)
    return [], 0.0


def _closing_list(cuts: list[Candidate], length: int) -> bool:
    """Whether the cuts are only a plain numbered list in the text's second half: the thinking's
    closing list of its answers (a recap), not where it turns to each question."""
    return bool(cuts) and all(c.tier == LIST for c in cuts) and cuts[0].start > length / 2


def _opens(
    text: str, cands: list[Candidate], n: int, problems: Sequence[str] | None
) -> frozenset[int]:
    """Where a pass over the questions may turn to the next one ("Second, ..."): a paragraph's
    start, or a line naming no other question's problem's words (a step of another is none)."""
    opens = {m.end() for m in BREAK.finditer(text)}
    owner = owned_tokens(problems) if problems is not None and len(problems) == n else {}
    for cand in cands if owner else ():
        if cand.tier == SEQUENCE and cand.start not in opens:
            end = text.find("\n", cand.start)
            owners = {
                owner.get(t) for t in topic_tokens(text, cand.start, end if end >= 0 else None)
            }
            opens |= {cand.start} if owners - {None} <= {cand.index} else set()
    return frozenset(opens)


def _without_enumerations(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` less the bare ordinals of a sentence that names two questions with them ("The
    first is 12 and the last is 88": items of a list in the working, not a turn to questions;
    in the thinking only: an answer section may state its answers so)."""
    bare = [c for c in cands if c.tier in (ORDINAL, SEQUENCE)]
    listing = set()
    for a, b in zip(bare, bare[1:], strict=False):
        if a.index != b.index and not _SENTENCE_END.search(text, a.end, max(a.end, b.start)):
            listing |= {a, b}
    return [c for c in cands if c not in listing] if listing else cands


def _boxed_pieces(
    text: str, n: int, problems: Sequence[str] | None, cuts: list[Candidate]
) -> list[Piece]:
    """A thinking that boxes n-1 or n answers, each closing its paragraph ("... **Final
    Answer** \\boxed{4}\n\nTo convert 9/2 ..."): question k's work ends with its box, when
    every piece's words are its own problem's (or no problem's) and the references found
    (``cuts``, naming some questions only) fall in their own pieces; else []."""
    boxes = find_boxes(text)
    owner = owned_tokens(problems) if problems is not None and len(problems) == n else {}
    if not owner or len(boxes) not in (n - 1, n) or n < 2:
        return []
    ends = [text.find("\n\n", box.end) for box in boxes[: n - 1]]
    if -1 in ends or ends != sorted(set(ends)):
        return []
    starts = [0, *ends]
    found = []
    for k, start in enumerate(starts, start=1):
        end = starts[k] if k < n else len(text)
        hits = [0] * (n + 1)
        for token in topic_tokens(text, start, end):
            hits[owner.get(token, 0)] += 1
        if max(hits[1:]) and hits[k] != max(hits[1:]):
            return []  # a piece about another problem: the boxes are no boundaries
        if any(start <= c.start < end and c.index != k for c in cuts):
            return []
        found.append(Piece(k, start, end))
    return found
