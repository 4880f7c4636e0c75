"""Word n-gram hashes for many texts at once, vectorised with NumPy over the texts' bytes.

Texts are lower-cased and split into words (runs of ASCII letters/digits, ``[a-z0-9]+`` after
``str.lower``); each word is packed into 64-bit integers and every window of ``n`` consecutive
words becomes one 64-bit polynomial hash. A text shorter than ``n`` words gives one hash of all
its words, so short problems still compare. No Python work per word or per row: the texts are
joined into one byte array, and words, owners and hashes are array operations over it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

WORD_PATTERN = r"[a-z0-9]+"
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_CHUNK = 8  # bytes of a word packed into one uint64
# setting bit 0x20 of every byte lower-cases A-Z and leaves a-z and 0-9 as they are
_LOWER_CASE = np.uint64(0x2020202020202020)
# _KEEP_BYTES[k]: a mask of the low k bytes of a uint64 (k = 0..8)
_KEEP_BYTES = np.array([(1 << (8 * k)) - 1 for k in range(_CHUNK + 1)], dtype=np.uint64)

_IS_WORD = np.zeros(256, dtype=bool)  # [a-z0-9] after lower-casing: A-Z count too
_IS_WORD[ord("a") : ord("z") + 1] = True
_IS_WORD[ord("A") : ord("Z") + 1] = True
_IS_WORD[ord("0") : ord("9") + 1] = True


@dataclass(frozen=True)
class NgramHashes:
    """``hashes[i]`` is an n-gram of text ``owner[i]``; ``owner`` is sorted ascending."""

    hashes: np.ndarray  # uint64
    owner: np.ndarray  # int64, index into the input texts


@dataclass(frozen=True)
class WordHashes:
    """One 64-bit hash per word of every text, in text order; ``owner[i]`` is word i's text."""

    hashes: np.ndarray  # uint64
    owner: np.ndarray  # int64, ascending
    counts: np.ndarray  # int64, words per text


def _lowered_bytes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """All texts as one UTF-8 byte array (a space between texts) and each text's start.

    Non-ASCII texts go through ``str.lower`` first (it maps some non-ASCII letters to ASCII
    ones, e.g. the Kelvin sign to ``k``); ASCII letters are lower-cased when words are packed.
    Non-ASCII bytes of UTF-8 are never word bytes, as ``[a-z0-9]`` never matches a non-ASCII
    character.
    """
    encoded = [(text if text.isascii() else text.lower()).encode("utf-8") for text in texts]
    lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
    starts = np.zeros(len(encoded), dtype=np.int64)
    if len(encoded) > 1:
        np.cumsum(lengths[:-1] + 1, out=starts[1:])
    return np.frombuffer(b" ".join(encoded), dtype=np.uint8), starts


def word_hashes(texts: Sequence[str]) -> WordHashes:
    """Every word of every text, hashed (the tokenisation every n-gram step shares)."""
    texts = ["" if text is None else text for text in texts]
    data, text_starts = _lowered_bytes(texts)
    is_word = _IS_WORD[data].view(np.int8)
    edges = np.diff(is_word, prepend=np.int8(0), append=np.int8(0))
    bounds = np.flatnonzero(edges)  # a word's start, then its end, alternately
    starts = bounds[0::2]
    lengths = bounds[1::2] - starts
    padded = np.concatenate((data, np.zeros(_CHUNK, dtype=np.uint8)))
    # every byte offset read as a little-endian uint64 (unaligned, no copy)
    eight = np.ndarray((len(data),), dtype="<u8", buffer=padded, strides=(1,))
    # the first 8 bytes of every word, then 8 more at a time for the few longer ones
    hashes = (eight[starts] | _LOWER_CASE) & _KEEP_BYTES[np.minimum(lengths, _CHUNK)]
    long_words = np.flatnonzero(lengths > _CHUNK)
    with np.errstate(over="ignore"):
        for chunk in range(1, int(lengths.max(initial=0) + _CHUNK - 1) // _CHUNK):
            long_words = long_words[lengths[long_words] > chunk * _CHUNK]
            left = np.minimum(lengths[long_words] - chunk * _CHUNK, _CHUNK)
            packed = (eight[starts[long_words] + chunk * _CHUNK] | _LOWER_CASE) & _KEEP_BYTES[left]
            hashes[long_words] = hashes[long_words] * _MULTIPLIER + packed
        hashes = (hashes ^ lengths.astype(np.uint64)) * _MULTIPLIER
    # the word starts before each text's start, differenced: words per text
    before = np.searchsorted(starts, text_starts)
    counts = np.diff(before, append=len(starts)).astype(np.int64)
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), counts)
    return WordHashes(hashes, owner, counts)


def ngram_hashes(texts: Sequence[str], n: int, *, sort: bool = True) -> NgramHashes:
    """Hashes of every word n-gram of every text (see the module docstring).

    With ``sort=False`` the short texts' hashes come after the others (enough for lookups);
    ``owner`` is ascending otherwise.
    """
    words = word_hashes(texts)
    word_hash, owner, counts = words.hashes, words.owner, words.counts
    window_count = len(word_hash) - n + 1
    if window_count > 0:
        combined = _window_hashes(word_hash, n)
        valid = owner[:window_count] == owner[n - 1 :]  # first and last word in one text
        full_hashes, full_owner = combined[valid], owner[:window_count][valid]
    else:
        full_hashes, full_owner = np.zeros(0, np.uint64), np.zeros(0, np.int64)

    # Short texts (fewer than n words, at least one): one hash of all their words.
    short = np.flatnonzero((counts > 0) & (counts < n))
    first = np.zeros(len(counts), dtype=np.int64)
    if len(counts) > 1:
        np.cumsum(counts[:-1], out=first[1:])
    short_hashes = np.zeros(len(short), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(n - 1):
            more = counts[short] > k
            index = np.where(more, first[short] + k, 0)
            step = short_hashes * _MULTIPLIER + (word_hash[index] if len(word_hash) else 0)
            short_hashes = np.where(more, step, short_hashes)
        short_hashes ^= counts[short].astype(np.uint64)

    if not sort or not len(short):
        return NgramHashes(
            np.concatenate((full_hashes, short_hashes)), np.concatenate((full_owner, short))
        )
    # a text is either short or has full windows: place each short one at its text's slot
    slots = np.searchsorted(full_owner, short) + np.arange(len(short))
    hashes = np.empty(len(full_hashes) + len(short), dtype=np.uint64)
    owners = np.empty(len(hashes), dtype=np.int64)
    taken = np.zeros(len(hashes), dtype=bool)
    taken[slots] = True
    hashes[slots], owners[slots] = short_hashes, short
    hashes[~taken], owners[~taken] = full_hashes, full_owner
    return NgramHashes(hashes, owners)


def _window_hashes(word_hash: np.ndarray, n: int) -> np.ndarray:
    """``h[i] = sum_k word_hash[i + k] * M^(n-1-k)`` (mod 2^64) for every full window.

    Built by doubling (windows of 1, 2, 4, ... words joined as ``left * M^len(right) + right``),
    so ``n = 13`` takes 5 passes over the words instead of 13; the values are those of the
    plain left-to-right polynomial.
    """
    powers = {1: word_hash}  # window length -> hashes of every window of that length
    with np.errstate(over="ignore"):
        length = 1
        while length * 2 <= n:
            half = powers[length]
            powers[length * 2] = half[:-length] * _power(length) + half[length:]
            length *= 2
        total, result = 0, None
        for size in sorted(powers, reverse=True):  # n in binary, largest block first
            if total + size > n:
                continue
            part = powers[size][total:]
            result = part if result is None else result[: len(part)] * _power(size) + part
            total += size
    return result[: len(word_hash) - n + 1]


def _power(exponent: int) -> np.uint64:
    value = np.uint64(1)
    with np.errstate(over="ignore"):
        for _ in range(exponent):
            value = value * _MULTIPLIER
    return value
