"""Benchmark decontamination: word n-gram overlap of problems against evaluation sets."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from drqa.builders.ingest.ngrams import WORD_PATTERN, ngram_hashes

_FILTER_MASK = np.uint64((1 << 24) - 1)


@dataclass(frozen=True)
class Decontaminator:
    """Flags texts that share at least ``min_overlap`` word ``n``-grams with a benchmark.

    Benchmark n-grams are kept as one sorted hash array with a bitmask of the benchmarks each
    hash occurs in, so checking any number of texts is one ``searchsorted``.
    """

    names: tuple[str, ...]
    n: int
    min_overlap: int
    min_fraction: float
    _hashes: np.ndarray
    _masks: np.ndarray
    _filter: np.ndarray

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
        all_hashes, all_masks = [], []
        for bit, name in enumerate(names):
            grams = ngram_hashes(list(benchmarks[name]), n)
            pairs = np.unique(np.stack([grams.hashes, grams.owner.astype(np.uint64)]), axis=1)
            all_hashes.append(pairs[0])
            all_masks.append(np.full(pairs.shape[1], 1 << bit, dtype=np.uint64))
        hashes = np.concatenate(all_hashes) if all_hashes else np.zeros(0, np.uint64)
        masks = np.concatenate(all_masks) if all_masks else np.zeros(0, np.uint64)
        if len(hashes):
            _, inverse, problems_per_gram = np.unique(
                hashes, return_inverse=True, return_counts=True
            )
            common = problems_per_gram[inverse] >= boilerplate_problems
            hashes, masks = hashes[~common], masks[~common]
        order = np.argsort(hashes, kind="stable")
        hashes, masks = hashes[order], masks[order]
        unique, starts = np.unique(hashes, return_index=True)
        merged = np.bitwise_or.reduceat(masks, starts) if len(starts) else masks
        bloom = np.zeros(int(_FILTER_MASK) + 1, dtype=bool)
        bloom[(unique & _FILTER_MASK).astype(np.int64)] = True
        return cls(names, n, min_overlap, min_fraction, unique, merged, bloom)

    def overlap_counts(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """``(counts, totals)``: ``counts[i, b]`` distinct n-grams of text i found in benchmark b,
        of ``totals[i]`` distinct n-grams in text i (``totals`` is exact where a count is > 0)."""
        grams = ngram_hashes(list(texts), self.n, sort=False)
        counts = np.zeros((len(texts), len(self.names)), dtype=np.int64)
        totals = np.bincount(grams.owner, minlength=len(texts))
        if not len(self._hashes) or not len(grams.hashes):
            return counts, totals
        # a 2^24-bit filter of benchmark hashes rules out almost every n-gram in one gather
        maybe = self._filter[(grams.hashes & _FILTER_MASK).astype(np.int64)]
        candidates, owners = grams.hashes[maybe], grams.owner[maybe]
        index = np.searchsorted(self._hashes, candidates)
        index[index >= len(self._hashes)] = 0
        hit = self._hashes[index] == candidates
        hashes, owners, index = candidates[hit], owners[hit], index[hit]
        # distinct n-grams per text, like a set: only texts with hits need the exact figures
        pairs = np.unique(np.stack([owners.astype(np.uint64), hashes]), axis=1)
        first = np.searchsorted(self._hashes, pairs[1])
        masks, owners = self._masks[first], pairs[0].astype(np.int64)
        for bit in range(len(self.names)):
            in_benchmark = (masks >> np.uint64(bit)) & np.uint64(1) == 1
            counts[:, bit] = np.bincount(owners[in_benchmark], minlength=len(texts))
        touched = np.unique(owners)
        if len(touched):
            is_touched = np.zeros(len(texts), dtype=bool)
            is_touched[touched] = True
            keep = is_touched[grams.owner]
            kept_owner, kept_hash = grams.owner[keep], grams.hashes[keep]
            order = np.lexsort((kept_hash, kept_owner))
            kept_owner, kept_hash = kept_owner[order], kept_hash[order]
            new_pair = np.ones(len(order), dtype=bool)  # first of each (text, n-gram) run
            new_pair[1:] = (kept_owner[1:] != kept_owner[:-1]) | (kept_hash[1:] != kept_hash[:-1])
            distinct = np.bincount(kept_owner[new_pair], minlength=len(texts))
            totals[touched] = distinct[touched]
        return counts, totals

    def flag(self, texts: Sequence[str]) -> list[list[str]]:
        """For each text, the names of the benchmarks it overlaps (empty when clean)."""
        counts, totals = self.overlap_counts(texts)
        flagged = (counts >= self.min_overlap) & (
            counts >= self.min_fraction * np.maximum(totals, 1)[:, None]
        )
        result: list[list[str]] = [[] for _ in range(len(texts))]
        for row in np.flatnonzero(flagged.any(axis=1)):
            result[row] = [self.names[b] for b in np.flatnonzero(flagged[row])]
        return result


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
    pattern = re.compile(WORD_PATTERN)

    def grams(text: str) -> set[tuple[str, ...]]:
        tokens = pattern.findall(text.lower())
        if 0 < len(tokens) < n:
            return {("<short>", *tokens)}
        return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}

    per_problem = {name: [grams(p) for p in problems] for name, problems in benchmarks.items()}
    frequency = Counter(g for sets in per_problem.values() for s in sets for g in s)
    bench_sets = {
        name: {g for s in sets for g in s if frequency[g] < boilerplate_problems}
        for name, sets in per_problem.items()
    }
    flagged = []
    for text in texts:
        own = grams(text)
        needed = max(min_overlap, min_fraction * max(len(own), 1))
        flagged.append([name for name, s in bench_sets.items() if len(own & s) >= needed])
    return flagged
