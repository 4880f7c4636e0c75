"""Interleaved thinking: a question's reasoning is what the model wrote about it, wherever it
wrote it. The thinking, once cut into pieces in the order asked, is read again sentence by
sentence, and text that works another question moves to that question:

- a *revisit*: a sentence that turns to another question, naming it by a reference ("Now let
  me reconsider problem 1", "Let me double check the third:", "再检查第二题") with a check cue
  (:data:`~drqa.labeling.lexicon.CHECK_CUES`) or as its sentence opener ("Wait, in problem 3,
  ..."), or by its topic with a check cue or as a short label ("Let me double check the shirt
  one", "And the train: ..."), or by a reference early in it with no cue ("One more pass on
  problem 5, ...") or a bare number after a cue ("re-check 4.") when the sentence's topic
  tokens are that problem's and none the current one's, starts a stretch of that question
  (a possessive reference, "question 1's value", cites and turns nowhere); the stretch runs
  on until a sentence turns elsewhere or a paragraph comes back to the piece's own question
  (by a reference or by its words). A sentence naming several questions (a recap) turns
  nowhere.
- a *mixed paragraph*: one that works several questions sentence by sentence ("12 squared is
  144. A pentagon has 5 sides.") is cut at its sentence boundaries, only when every sentence
  sharing topic words with the problems shares them clearly with one problem (two tokens at
  least, a word or a formula among them, none with another) and its own question is one of
  them; a sentence with no topic word stays with the one before. The answer section's prose
  is read the same way (:mod:`.sections`) once its values are read.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from drqa.labeling import lexicon as lx
from drqa.labeling.split.align import Piece
from drqa.labeling.split.grammar import (
    LABEL,
    LIST,
    ORDINAL,
    SEQUENCE,
    STRONG,
    candidates,
    fold,
)
from drqa.labeling.split.overlap import by_topic
from drqa.labeling.split.own_labels import own_labels
from drqa.labeling.split.quoted import unquoted
from drqa.labeling.split.scanning import every_start
from drqa.labeling.split.sentences import BREAK, SENTENCE, spans
from drqa.labeling.split.topics import owned_tokens, topic_tokens
from drqa.labeling.split.turn_forms import (
    COMPARISON,
    CUE,
    CUE_NUMBER,
    NICKNAME,
    NUMBER,
    OBJECT,
    TOPIC_LABEL,
)

_BARE_ORDINAL = re.compile(  # "the first again:", "the third:", "the second one"
    rf"(?<![\w])(?:the|la|el|le|die|der)[ \t]+(?P<ord>{lx.alternation(lx.all_ordinals())})"
    rf"(?![\w])(?![ \t]+(?!(?:{lx.alternation(lx.WORDS_AFTER_A_LONE_ORDINAL)})s?\b)[^\W\d_])"
)
_MAY_ORDINAL = rf"[ \t]+(?:{lx.alternation(lx.all_ordinals())})"  # where _BARE_ORDINAL may match
_ORDINALS_AT = [re.compile(a + _MAY_ORDINAL) for a in ("the", "la", "el", "le", "die", "der")]
_ORDINAL = [re.compile(rf"(?:the|la|el|le|die|der){_MAY_ORDINAL}", re.I)]  # lower() lengthens
_HEAD = 100  # a turn is named within a sentence's first characters
_EARLY = 40  # a reference ending this close to a sentence's start may open it (confirmed)
_NEAR = 24  # a reference this close to a sentence's start opens it ("Before going on, Q3")
_PREFIX = 6  # topic words sharing their first letters are one word ("inclusion", "inclusive")


def interleaved(
    text: str, found: list[Piece], n: int, problems: Sequence[str] | None
) -> list[Piece]:
    """``found`` (the thinking's pieces in text order) with revisits and mixed paragraphs moved
    to the questions they work on (after :func:`~.overlap.by_topic`)."""
    found = by_topic(text, found, problems)
    if len(found) < 2:
        return found
    merged: list[Piece] = []
    for piece in found:  # one piece per run of a question (paragraph pieces are merged)
        if merged and merged[-1].index == piece.index and merged[-1].end == piece.start:
            merged[-1] = Piece(piece.index, merged[-1].start, piece.end, merged[-1].cut)
        else:
            merged.append(piece)
    reader = Reader(text, n, problems)
    reader.phrases = own_labels(text, merged)
    moved: list[Piece] = []
    for piece in merged:
        points = reader.points(piece)
        for i, (start, index) in enumerate(points):
            end = points[i + 1][0] if i + 1 < len(points) else piece.end
            if moved and moved[-1].index == index and moved[-1].end == start:
                last = moved[-1]
                moved[-1] = Piece(index, last.start, end, last.cut, last.last)
            else:
                moved.append(Piece(index, start, end, piece.cut if i == 0 else None))
    return moved


class Reader:
    """One thinking text read for turns: its references and the problems' topic words."""

    def __init__(self, text: str, n: int, problems: Sequence[str] | None, cands: bool = True):
        self.text, self.n = text, n
        self.owner = owned_tokens(problems) if problems is not None and len(problems) == n else {}
        self.prefixes: dict[str, int] = {}  # first letters of an owned word -> its question
        for token, k in self.owner.items():
            if len(token) >= _PREFIX and token.isalpha():
                key = token[:_PREFIX]
                self.prefixes[key] = k if self.prefixes.get(key, k) == k else 0
        self.cands = unquoted(text, candidates(text, n), problems) if cands else []
        self.phrases: list[tuple[re.Pattern[str], int]] = []  # see own_labels
        self.ends = [c.end for c in self.cands]
        self._ordinals: list[int] | None = None  # where a bare ordinal may be (read once)
        self._numbers: list[int] | None = None  # where a check cue with a number is (read once)
        lines = {c.index for c in self.cands if c.tier in (LABEL, LIST) and c.context == "line"}
        self.numbered = len(lines) >= 2  # the response numbers its questions at line starts
        named = {c.index for c in self.cands if c.tier == STRONG and c.context == "line"}
        self.labelled = len(named) >= 2  # ... or names them there ("Question 2:")

    def points(self, piece: Piece) -> list[tuple[int, int]]:
        """Where the piece turns to a question: (position, question), the first at its start."""
        k = piece.index
        points = [(piece.start, k)]
        by_reference = not self.owner and not self.phrases  # only a reference turns a sentence
        if by_reference and not self._may_name(piece.start, piece.end, k):
            return points  # no sentence of it can name another question: it turns nowhere
        current = k
        for p, (start, end) in enumerate(spans(BREAK, self.text, piece.start, piece.end)):
            cue = by_reference and self.numbered and self._cue_number(start, end)  # "recheck 3:"
            if by_reference and not cue and not self._may_name(start, end, 0):
                continue  # a paragraph naming no question goes on with the current one
            sentences = spans(SENTENCE, self.text, start, end)
            labels = []
            for s, (begin, stop) in enumerate(sentences):
                turn = None
                if p or s or piece.cut is None:
                    turn = self.turn(begin, stop, end, current, first=not s)
                if turn is None and p and not s and current != k:
                    turn = k if self.returns(start, end, k, current) else None
                current = turn if turn is not None else current
                labels.append(current)
            if len(set(labels)) == 1 and self.owner:
                labels = self.mixed(sentences, current) or labels
            for (begin, _), label in zip(sentences, labels, strict=True):
                if label != points[-1][1]:
                    points.append((max(begin, piece.start), label))
        return points

    def named(self, begin: int, head: int, first: bool) -> tuple[set[int], bool, set[int]]:
        """The questions a sentence's head names, whether one is named by a sentence opener
        or line label (or, in a paragraph's ``first`` sentence, close to its start), and those
        named only by a bare number the sentence's topic must confirm ("re-check 4." where the
        questions are labelled "Question k:")."""
        named, opener, weak = set(), False, set()
        for cand in self.cands[bisect_left(self.ends, begin + 1) :]:
            if cand.end > head:
                break
            if cand.tier in (SEQUENCE, LIST):
                continue  # "Second, check x = -2", "2. cost: ...": steps, not questions
            named.add(cand.index)
            opener = opener or cand.tier in (STRONG, LABEL, ORDINAL) and cand.context != "mention"
            cited = self.text.startswith(("'s", "’s"), cand.end)  # "question 1's value": no turn
            weak |= {cand.index} if cand.end - begin <= _EARLY and not cited else set()
            near = first and cand.tier != ORDINAL and cand.start - begin <= _NEAR  # "Wait, in Q3"
            near = near and not cited
            opener = opener or near and not COMPARISON.search(fold(self.text[begin : cand.start]))
        head_ordinals = self._ordinal(begin, head)  # "the third:" (read only where one may be)
        for match in _BARE_ORDINAL.finditer(fold(self.text[begin:head])) if head_ordinals else ():
            k = lx.all_ordinals().get(match.group("ord"), 0)
            named |= {k} if 1 <= k <= self.n else set()
        numbers = (self.numbered or self.labelled and self.owner) and self._cue_number(begin, head)
        for match in CUE_NUMBER.finditer(fold(self.text[begin:head])) if numbers else ():
            k = int(match.group("k"))  # "double check 3:"
            (named if match.group("stop") is None else weak).update({k} & set(range(1, self.n + 1)))
        for phrase, k in self.phrases:  # this response's own labels, named again
            match = phrase.search(self.text, begin, head)
            named |= {k} if match else set()
            opener = opener or bool(match) and first and match.start() - begin <= _NEAR
        return named, opener, weak

    def _cue_number(self, start: int, end: int) -> bool:
        """Whether a check cue with a number ("recheck 2:") may start in ``text[start:end]``."""
        if self._numbers is None:  # every place, read once
            self._numbers = [m.start() for m in CUE_NUMBER.finditer(fold(self.text))]
        i = bisect_left(self._numbers, start)
        return i < len(self._numbers) and self._numbers[i] < end

    def _ordinal(self, start: int, end: int) -> bool:
        """Whether a bare ordinal ("the third") may start in ``text[start:end]``."""
        if self._ordinals is None:  # every start, overlapping ones too
            lower, text = self.text.lower(), self.text  # as fold(): as written if lower() lengthens
            same = len(lower) == len(text)
            folded, patterns = (lower, _ORDINALS_AT) if same else (text, _ORDINAL)
            self._ordinals = every_start(patterns, folded)  # one literal each: found fast
        i = bisect_left(self._ordinals, start)
        return i < len(self._ordinals) and self._ordinals[i] < end

    def _may_name(self, start: int, end: int, k: int) -> bool:
        """Whether a sentence in ``start:end`` may name a question but ``k`` (:meth:`named`)."""
        for cand in self.cands[bisect_left(self.ends, start + 1) :]:
            if cand.start > end:
                break
            if cand.end <= end and cand.index != k and cand.tier not in (SEQUENCE, LIST):
                return True
        return self._ordinal(start, end)

    def turn(self, begin: int, stop: int, end: int, current: int, first: bool) -> int | None:
        """The question a sentence turns to (None: it goes on with the current one)."""
        head = min(stop, begin + _HEAD)
        named, opener, weak = self.named(begin, head, first)
        if not named and not self.owner:
            return None
        folded = fold(self.text[begin:head])
        if len(named | weak) > 1:
            return None  # a recap naming several questions
        if named or weak:
            k = min(named | weak)
            if k == current:
                return None
            if k in named and (opener or CUE.search(folded)):
                return k
            # a reference early in a sentence with no cue ("One more pass on problem 5, as
            # ..."), or a bare number after a check cue: a turn when the sentence is about it
            return k if k in weak and self._confirms(begin, stop, end, k, current, folded) else None
        topic = TOPIC_LABEL.match(folded) or OBJECT.search(folded) or NICKNAME.search(folded)
        if not self.owner or topic is None:
            return None
        hits = self.hits(begin + topic.start("topic"), begin + topic.end("topic"))[2]
        best = max(range(1, self.n + 1), key=hits.__getitem__)
        if not hits[best] or hits[1:].count(hits[best]) > 1 or best == current:
            return None
        sentence, rest = self.hits(begin, stop)[1], self.hits(begin, end)[1]  # no bare number
        if sentence[current] or rest[best] <= rest[current]:
            return None
        return best

    def _confirms(self, begin: int, stop: int, end: int, k: int, current: int, folded: str) -> bool:
        """Whether the sentence (with the next, when it is short) works question ``k``: topic
        tokens only its problem holds, none of the current question's; never a comparison."""
        if not self.owner or COMPARISON.search(folded):
            return False
        after = spans(SENTENCE, self.text, stop, end)[:1]
        hits = self.hits(begin, after[0][1] if after else stop)[0]
        return hits[k] > 0 and not hits[current] and hits[k] == max(hits[1:])

    def returns(self, start: int, end: int, k: int, current: int) -> bool:
        """Whether a paragraph after a revisit is about the piece's own question again."""
        hits = self.hits(start, end)[0]
        return hits[k] >= 2 and hits[k] > hits[current]

    def hits(self, start: int, end: int) -> tuple[list[int], list[int], list[int]]:
        """Per question, the topic tokens of ``text[start:end]`` only its problem holds: all of
        them, those that are no bare number, and the words alone (one pass)."""
        hits, strong, words = [0] * (self.n + 1), [0] * (self.n + 1), [0] * (self.n + 1)
        for token in topic_tokens(self.text, start, end):
            k = self.owner.get(token) or self.prefixes.get(token[:_PREFIX], 0) * (
                len(token) >= _PREFIX
            )
            hits[k] += 1
            if token[0].isalpha():
                strong[k], words[k] = strong[k] + 1, words[k] + 1
            elif not NUMBER.fullmatch(token):
                strong[k] += 1
        return hits, strong, words

    def mixed(
        self, sentences: list[tuple[int, int]], current: int, whole: bool = False
    ) -> list[int] | None:
        """Each sentence's question when the paragraph clearly works several (``whole``: or
        clearly works one other question), else None."""
        if len(sentences) < 2 and not whole:
            return None
        labels: list[int | None] = []
        for begin, stop in sentences:
            hits, words, _ = self.hits(begin, stop)
            best = max(range(1, self.n + 1), key=hits.__getitem__)
            if not any(hits[1:]):
                labels.append(None)
            elif hits[best] >= 2 and sum(hits[1:]) == hits[best] and words[best]:
                labels.append(best)
            else:
                return None  # unclear: the paragraph stays whole
        named = {label for label in labels if label is not None}
        other = whole and len(named) == 1 and current not in named
        if not other and (len(named) < 2 or current not in named):
            return None
        filled, previous = [], current if current in named else min(named)
        for label in labels:
            previous = label if label is not None else previous
            filled.append(previous)
        return filled
