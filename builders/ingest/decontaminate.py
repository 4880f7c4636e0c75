"""Benchmark decontamination: word n-gram overlap of problems against evaluation sets."""

from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from drqa.builders.ingest.ngrams import (
    WORD_PATTERN,
    WordHashes,
    ngrams_of_words,
    pair_keys,
    same_ngrams,
    select_texts,
    short_text_hashes,
    short_texts,
    window_hashes_at,
    word_hashes,
)

# the word-pair table has about 8 slots per benchmark word (a 1 MiB table for six suites)
_PAIR_BITS_RANGE = (16, 26)
_SLICE_CHARS = 1 << 18  # text per slice: its word arrays fit a core's L2 cache


@dataclass(frozen=True)
class Decontaminator:
    """Flags texts that share at least ``min_overlap`` word ``n``-grams with a benchmark.

    Benchmark n-grams are kept as one sorted hash array with a bitmask of the benchmarks each
    hash occurs in, so checking any number of texts is one ``searchsorted``. A table of the
    benchmarks' adjacent word pairs rules out most windows before any n-gram is hashed: a
    window can only match when each of its ``n - 1`` word pairs occurs in a benchmark.

    Hashes only propose: every hit is checked word for word against the benchmark n-gram it
    names, n-grams of a text with equal hashes are compared before they count as one, and
    should two different benchmark n-grams share a hash the index answers with the plain loop.
    Flags are those of :func:`naive_flag` on every row.
    """

    names: tuple[str, ...]
    n: int
    min_overlap: int
    min_fraction: float
    boilerplate_problems: int
    _hashes: np.ndarray  # uint64, sorted: one per indexed benchmark n-gram
    _masks: np.ndarray  # uint64: bit b set when benchmark b has the n-gram
    _gram_start: np.ndarray  # the n-gram's first word in _words
    _gram_length: np.ndarray  # and its word count
    _words: WordHashes  # the words of every benchmark problem
    _pairs: np.ndarray  # bool, indexed by pair_keys(..., _pair_bits)
    _pair_bits: int
    _hash_filter: np.ndarray  # bool, indexed by the high _hash_bits bits of an indexed hash
    _hash_bits: int
    _plain: Mapping[str, Sequence[str]] | None  # the benchmarks, when two n-grams share a hash

    @classmethod
    def build(
        cls,
        benchmarks: Mapping[str, Sequence[str]],
        n: int = 13,
        min_overlap: int = 1,
        min_fraction: float = 0.1,
        boilerplate_problems: int = 3,
    ):
        """Index the problems of each named benchmark.

        A text is flagged when at least ``min_overlap`` of its n-grams, and at least
        ``min_fraction`` of all its n-grams, occur in a benchmark. An n-gram found in
        ``boilerplate_problems`` or more benchmark problems is stock phrasing ("... are
        relatively prime positive integers. Find m+n.") and is not indexed.
        """
        names = tuple(benchmarks)
        if len(names) > 63:
            raise ValueError("at most 63 benchmarks")
        problems = [text for name in names for text in benchmarks[name]]
        bits = np.repeat(np.arange(len(names)), [len(benchmarks[name]) for name in names])
        words = word_hashes(problems)
        grams = ngrams_of_words(words, n, sort=False)
        order = np.lexsort((grams.owner, grams.hashes))  # by n-gram, then problem
        hashes, owner = grams.hashes[order], grams.owner[order]
        first_word, length = grams.start[order], grams.length[order]
        # every n-gram must be the very words of the first one with its hash
        heads = np.flatnonzero(np.diff(hashes, prepend=~hashes[:1]) != 0)
        head = np.repeat(heads, np.diff(heads, append=len(hashes)))
        rest = np.flatnonzero(head != np.arange(len(hashes)))
        same = same_ngrams(
            words, first_word[head[rest]], length[head[rest]], words, first_word[rest], length[rest]
        )
        plain = None if same.all() else {name: list(benchmarks[name]) for name in names}
        # distinct (n-gram, problem) pairs
        new_pair = np.ones(len(order), dtype=bool)
        new_pair[1:] = (hashes[1:] != hashes[:-1]) | (owner[1:] != owner[:-1])
        hashes, owner = hashes[new_pair], owner[new_pair]
        first_word, length = first_word[new_pair], length[new_pair]
        masks = np.left_shift(np.uint64(1), bits[owner].astype(np.uint64))
        starts = np.flatnonzero(np.diff(hashes, prepend=~hashes[:1]) != 0)  # each n-gram's run
        problems_per_gram = np.diff(starts, append=len(hashes))
        merged = np.bitwise_or.reduceat(masks, starts) if len(starts) else masks
        kept = starts[problems_per_gram < boilerplate_problems]
        pair_bits = int(np.clip(np.log2(max(len(words.hashes), 1) * 8), *_PAIR_BITS_RANGE))
        pairs = np.zeros(1 << pair_bits, dtype=bool)
        pairs[pair_keys(words.hashes, pair_bits)] = True  # pairs across problems do no harm
        hash_bits = int(np.clip(np.log2(max(len(kept), 1) * 16), *_PAIR_BITS_RANGE))
        hash_filter = np.zeros(1 << hash_bits, dtype=bool)
        hash_filter[(hashes[kept] >> np.uint64(64 - hash_bits)).astype(np.intp)] = True
        return cls(
            names=names,
            n=n,
            min_overlap=min_overlap,
            min_fraction=min_fraction,
            boilerplate_problems=boilerplate_problems,
            _hashes=hashes[kept],
            _masks=merged[problems_per_gram < boilerplate_problems],
            _gram_start=first_word[kept],
            _gram_length=length[kept],
            _words=words,
            _pairs=pairs,
            _pair_bits=pair_bits,
            _hash_filter=hash_filter,
            _hash_bits=hash_bits,
            _plain=plain,
        )

    def overlap_counts(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """``(counts, totals)``: ``counts[i, b]`` distinct n-grams of text i found in benchmark b,
        of ``totals[i]`` distinct n-grams in text i (``totals`` is exact where a count is > 0,
        else the number of windows).

        Texts go in slices of about ``_SLICE_CHARS`` characters, so every array of a slice
        stays in the CPU cache and memory does not grow with the number of texts.
        """
        texts = list(texts)
        if self._plain is not None:
            return _plain_overlap(texts, self._plain, self.n, self.boilerplate_problems)
        counts = np.zeros((len(texts), len(self.names)), dtype=np.int64)
        totals = np.zeros(len(texts), dtype=np.int64)
        sizes = np.fromiter((0 if t is None else len(t) for t in texts), np.int64, len(texts))
        ends = np.cumsum(sizes)
        cuts = np.searchsorted(
            ends, np.arange(_SLICE_CHARS, ends[-1] if len(ends) else 0, _SLICE_CHARS)
        )
        bounds = np.unique(np.concatenate(([0], cuts + 1, [len(texts)])))
        for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
            self._count_slice(texts[lo:hi], counts[lo:hi], totals[lo:hi])
        return counts, totals

    def _count_slice(self, texts: list[str], counts: np.ndarray, totals: np.ndarray) -> None:
        """:meth:`overlap_counts` of some texts, written into ``counts`` and ``totals``."""
        words = word_hashes(texts)
        windows = np.maximum(words.counts - self.n + 1, 0)
        totals[:] = np.where((words.counts > 0) & (words.counts < self.n), 1, windows)
        if not len(self._hashes):
            return
        hashes, owners, first_word, length = self._candidate_ngrams(words)
        hit = np.flatnonzero(self._hash_filter[(hashes >> self._hash_shift).astype(np.intp)])
        index = np.searchsorted(self._hashes, hashes[hit])
        index[index >= len(self._hashes)] = 0
        found = self._hashes[index] == hashes[hit]
        hit, index = hit[found], index[found]
        exact = same_ngrams(  # the hit's words are the benchmark n-gram's words
            words,
            first_word[hit],
            length[hit],
            self._words,
            self._gram_start[index],
            self._gram_length[index],
        )
        hit, index = hit[exact], index[exact]
        # distinct (text, n-gram) pairs, like a set
        pairs = np.unique(owners[hit] * len(self._hashes) + index)
        owners, index = pairs // len(self._hashes), pairs % len(self._hashes)
        masks = self._masks[index]
        for bit in range(len(self.names)):
            in_benchmark = (masks >> np.uint64(bit)) & np.uint64(1) == 1
            counts[:, bit] = np.bincount(owners[in_benchmark], minlength=len(texts))
        touched = np.unique(owners)
        if len(touched):  # only texts with hits need exact distinct totals
            totals[touched] = _distinct_ngrams(
                select_texts(words, touched), self.n, [texts[i] for i in touched]
            )

    @property
    def _hash_shift(self) -> np.uint64:
        return np.uint64(64 - self._hash_bits)

    def _candidate_ngrams(self, words: WordHashes) -> tuple[np.ndarray, ...]:
        """``(hashes, owners, first words, lengths)`` of every n-gram that may be in a
        benchmark: the windows whose word pairs all occur in one, and every short text's one
        n-gram."""
        n, word_hash, owner = self.n, words.hashes, words.owner
        short = short_texts(words, n)
        window_count = len(word_hash) - n + 1
        at = np.zeros(0, dtype=np.int64)
        if window_count > 0:
            passing = owner[:window_count] == owner[n - 1 :]  # first and last word in one text
            if n > 1:  # window i spans pairs i .. i+n-2: all of them known
                passing &= _all_in_runs(self._pairs[pair_keys(word_hash, self._pair_bits)], n - 1)
            at = np.flatnonzero(passing)
        return (
            np.concatenate(
                (window_hashes_at(word_hash, at, n), short_text_hashes(words, short, n))
            ),
            np.concatenate((owner[at], short)),
            np.concatenate((at, words.first[short])),
            np.concatenate((np.full(len(at), n, dtype=np.int64), words.counts[short])),
        )

    def flag(self, texts: Sequence[str]) -> list[list[str]]:
        """For each text, the names of the benchmarks it overlaps (empty when clean)."""
        counts, totals = self.overlap_counts(texts)
        flagged = (counts >= self.min_overlap) & (
            counts >= self.min_fraction * np.maximum(totals, 1)[:, None]
        )
        with _collector_paused():  # one new list per text: no collection of everything live
            result: list[list[str]] = [[] for _ in range(len(texts))]
            for row in np.flatnonzero(flagged.any(axis=1)):
                result[row] = [self.names[b] for b in np.flatnonzero(flagged[row])]
        return result


@contextmanager
def _collector_paused():
    """Python's cyclic garbage collector off for a moment: creating many lists at once
    otherwise triggers full collections that walk every object alive in the process."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _all_in_runs(flags: np.ndarray, run: int) -> np.ndarray:
    """``out[i] = flags[i : i + run].all()`` for every full run (by doubling: ~log2(run) ANDs)."""
    spans = {1: flags}  # length -> "all true" for every span of that length
    length = 1
    while length * 2 <= run:
        half = spans[length]
        spans[length * 2] = half[:-length] & half[length:]
        length *= 2
    result = spans[length]
    covered = length
    while covered < run:  # overlapping spans: any two of length >= run/2 cover it
        step = min(length, run - covered)
        result = result[:-step] & spans[length][step:][: len(result) - step]
        covered += step
    return result[: len(flags) - run + 1]


def _distinct_ngrams(words: WordHashes, n: int, texts: Sequence[str]) -> np.ndarray:
    """Distinct n-grams per text of ``words`` (the words of ``texts``).

    One sort of ``text << k | hash >> k`` keys keeps every text apart (hashes that agree in
    those high bits but differ in the rest fall back to an exact (text, hash) lexsort); n-grams
    of one text with equal hashes are compared word for word, and a text where two differ is
    counted by the plain loop.
    """
    grams = ngrams_of_words(words, n, sort=False)
    text_bits = max(int(len(words.counts)).bit_length(), 1)
    key = grams.owner.astype(np.uint64) << np.uint64(64 - text_bits)
    key |= grams.hashes >> np.uint64(text_bits)
    order = np.argsort(key)
    key, hashes = key[order], grams.hashes[order]
    same_key = key[1:] == key[:-1]
    if (hashes[1:][same_key] != hashes[:-1][same_key]).any():
        order = np.lexsort((grams.hashes, grams.owner))
        owner, hashes = grams.owner[order], grams.hashes[order]
        same_key = (owner[1:] == owner[:-1]) & (hashes[1:] == hashes[:-1])
    owner, first_word, length = grams.owner[order], grams.start[order], grams.length[order]
    new_pair = np.ones(len(order), dtype=bool)  # first of each (text, n-gram) run
    new_pair[1:] = ~same_key
    distinct = np.bincount(owner[new_pair], minlength=len(words.counts))
    twins = np.flatnonzero(same_key)
    same = same_ngrams(
        words, first_word[twins], length[twins], words, first_word[twins + 1], length[twins + 1]
    )
    for text in np.unique(owner[twins[~same]]):  # a hash shared by two n-grams of one text
        distinct[text] = len(_plain_ngrams(texts[text], n))
    return distinct


def naive_flag(
    texts: Sequence[str],
    benchmarks: Mapping[str, Sequence[str]],
    n: int = 13,
    min_overlap: int = 1,
    min_fraction: float = 0.1,
    boilerplate_problems: int = 3,
) -> list[list[str]]:
    """The plain-Python reference: n-gram sets and set intersection, one text at a time.

    Same tokenisation and short-text rule as :class:`Decontaminator`; used by tests and the
    ingest benchmark as the baseline.
    """
    bench_sets = _plain_benchmark_sets(benchmarks, n, boilerplate_problems)
    flagged = []
    for text in texts:
        own = _plain_ngrams(text, n)
        needed = max(min_overlap, min_fraction * max(len(own), 1))
        flagged.append([name for name, s in bench_sets.items() if len(own & s) >= needed])
    return flagged


_WORDS = re.compile(WORD_PATTERN)


def _plain_ngrams(text: str | None, n: int) -> set[tuple[str, ...]]:
    tokens = _WORDS.findall((text or "").lower())
    if 0 < len(tokens) < n:
        return {("<short>", *tokens)}
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def _plain_benchmark_sets(
    benchmarks: Mapping[str, Sequence[str]], n: int, boilerplate_problems: int
) -> dict[str, set[tuple[str, ...]]]:
    per_problem = {
        name: [_plain_ngrams(p, n) for p in problems] for name, problems in benchmarks.items()
    }
    frequency = Counter(g for sets in per_problem.values() for s in sets for g in s)
    return {
        name: {g for s in sets for g in s if frequency[g] < boilerplate_problems}
        for name, sets in per_problem.items()
    }


def _plain_overlap(
    texts: Sequence[str], benchmarks: Mapping[str, Sequence[str]], n: int, boilerplate: int
) -> tuple[np.ndarray, np.ndarray]:
    """:meth:`Decontaminator.overlap_counts` by the plain loop (when hashes collide)."""
    bench_sets = list(_plain_benchmark_sets(benchmarks, n, boilerplate).values())
    counts = np.zeros((len(texts), len(bench_sets)), dtype=np.int64)
    totals = np.zeros(len(texts), dtype=np.int64)
    for row, text in enumerate(texts):
        own = _plain_ngrams(text, n)
        totals[row] = len(own)
        counts[row] = [len(own & s) for s in bench_sets]
    return counts, totals
