"""Near-duplicate detection: MinHash signatures of word 5-gram shingles and LSH banding."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from drqa.builders.ingest.ngrams import ngram_hashes

SHINGLE_WORDS = 5
PERMUTATIONS = 32
BANDS = 8  # rows per band = PERMUTATIONS // BANDS


def minhash_signatures(texts: Sequence[str], seed: int = 0) -> np.ndarray:
    """``(len(texts), PERMUTATIONS)`` uint64 MinHash signatures of word 5-gram shingles."""
    grams = ngram_hashes(list(texts), SHINGLE_WORDS)
    signatures = np.full((len(texts), PERMUTATIONS), np.iinfo(np.uint64).max, dtype=np.uint64)
    if not len(grams.hashes):
        return signatures
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63, size=PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=PERMUTATIONS, dtype=np.uint64)
    present, starts = np.unique(grams.owner, return_index=True)
    with np.errstate(over="ignore"):
        for k in range(PERMUTATIONS):
            permuted = grams.hashes * a[k] + b[k]
            signatures[present, k] = np.minimum.reduceat(permuted, starts)
    return signatures


def find_near_duplicates(
    texts: Sequence[str], threshold: float = 0.9, keep_first: int = 0
) -> dict[int, tuple[int, float]]:
    """Map each near-duplicate text index to ``(index it duplicates, estimated Jaccard)``.

    Earlier texts win: of two similar texts the later one is the duplicate. Texts with index
    below ``keep_first`` (e.g. problems already in the catalog) are never reported themselves.
    """
    signatures = minhash_signatures(texts)
    rows = PERMUTATIONS // BANDS
    empty = signatures[:, 0] == np.iinfo(np.uint64).max
    candidates: set[tuple[int, int]] = set()
    for band in range(BANDS):
        block = np.ascontiguousarray(signatures[:, band * rows : (band + 1) * rows])
        keys = block.view(np.dtype((np.void, block.dtype.itemsize * rows))).ravel()
        _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
        by_bucket = np.argsort(inverse, kind="stable")
        bounds = np.concatenate(([0], np.cumsum(counts)))
        for bucket in np.flatnonzero(counts > 1):
            members = by_bucket[bounds[bucket] : bounds[bucket + 1]]
            members = members[~empty[members]]
            # chain each member to the first one: enough to find every later duplicate
            candidates.update((int(members[0]), int(other)) for other in members[1:])
    duplicates: dict[int, tuple[int, float]] = {}
    for first, second in sorted(candidates):
        if second < keep_first or first in duplicates:
            continue
        similarity = float(np.mean(signatures[first] == signatures[second]))
        if similarity >= threshold and second not in duplicates:
            duplicates[second] = (first, similarity)
    return duplicates
