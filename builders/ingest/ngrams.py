"""Word n-gram hashes for many texts at once, vectorised with Polars and NumPy.

Texts are lower-cased and split into words (runs of letters/digits); each word is hashed once and
every window of ``n`` consecutive words becomes one 64-bit hash. A text shorter than ``n`` words
gives one hash of all its words, so short problems still compare.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

WORD_PATTERN = r"[a-z0-9]+"
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True)
class NgramHashes:
    """``hashes[i]`` is an n-gram of text ``owner[i]``; ``owner`` is sorted ascending."""

    hashes: np.ndarray  # uint64
    owner: np.ndarray  # int64, index into the input texts


def words(texts: Sequence[str] | pl.Series) -> pl.Series:
    """Each text as its list of lower-cased words (the tokenisation every n-gram step shares)."""
    series = texts if isinstance(texts, pl.Series) else pl.Series(list(texts), dtype=pl.String)
    return series.fill_null("").str.to_lowercase().str.extract_all(WORD_PATTERN)


def ngram_hashes(texts: Sequence[str] | pl.Series, n: int, *, sort: bool = True) -> NgramHashes:
    """Hashes of every word n-gram of every text (see the module docstring).

    With ``sort=False`` the n-grams of a text need not be contiguous (faster; enough for lookups).
    """
    word_lists = words(texts)
    lengths = word_lists.list.len().fill_null(0).to_numpy().astype(np.int64)
    flat = word_lists.explode().drop_nulls()
    word_hash = (
        flat.hash(seed=0).to_numpy().astype(np.uint64) if len(flat) else np.zeros(0, np.uint64)
    )
    starts = (
        np.concatenate(([0], np.cumsum(lengths)[:-1])) if len(lengths) else np.zeros(0, np.int64)
    )

    # Full windows: positions i whose window i..i+n-1 stays inside the same text.
    total = int(lengths.sum())
    owner_of_word = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    window_count = total - n + 1
    if window_count > 0:
        combined = np.zeros(window_count, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for offset in range(n):
                combined = combined * _MULTIPLIER + word_hash[offset : offset + window_count]
        position_in_text = np.arange(window_count) - starts[owner_of_word[:window_count]]
        valid = position_in_text + n <= lengths[owner_of_word[:window_count]]
        full_hashes = combined[valid]
        full_owner = owner_of_word[:window_count][valid]
    else:
        full_hashes = np.zeros(0, np.uint64)
        full_owner = np.zeros(0, np.int64)

    # Short texts (fewer than n words, at least one): one hash of all their words.
    short = np.flatnonzero((lengths > 0) & (lengths < n))
    short_hashes = np.zeros(len(short), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for slot, text_index in enumerate(short):
            value = np.uint64(0)
            for h in word_hash[starts[text_index] : starts[text_index] + lengths[text_index]]:
                value = value * _MULTIPLIER + h
            short_hashes[slot] = value ^ np.uint64(lengths[text_index])

    hashes = np.concatenate((full_hashes, short_hashes))
    owner = np.concatenate((full_owner, short.astype(np.int64)))
    if not sort:
        return NgramHashes(hashes, owner)
    order = np.argsort(owner, kind="stable")
    return NgramHashes(hashes[order], owner[order])
