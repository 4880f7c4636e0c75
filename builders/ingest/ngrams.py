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
_PAIR_MULTIPLIER = np.uint64(0xC2B2AE3D27D4EB4F)
_CHUNK = 8  # bytes of a word packed into one uint64
# setting bit 0x20 of every byte lower-cases A-Z and leaves a-z and 0-9 as they are
_LOWER_CASE = np.uint64(0x2020202020202020)
# _KEEP_BYTES[k]: a mask of the low k bytes of a uint64 (k = 0..8)
_KEEP_BYTES = np.array([(1 << (8 * k)) - 1 for k in range(_CHUNK + 1)], dtype=np.uint64)


@dataclass(frozen=True)
class NgramHashes:
    """``hashes[i]`` is an n-gram of text ``owner[i]``; ``owner`` is sorted ascending."""

    hashes: np.ndarray  # uint64
    owner: np.ndarray  # int64, index into the input texts
    # with sort=False: each n-gram's first word and word count (n, or a short text's count)
    start: np.ndarray | None = None
    length: np.ndarray | None = None


@dataclass(frozen=True)
class WordHashes:
    """One 64-bit hash per word of every text, in text order; ``owner[i]`` is word i's text."""

    hashes: np.ndarray  # uint64
    owner: np.ndarray  # int64, ascending
    counts: np.ndarray  # int64, words per text
    first: np.ndarray  # int64, index of each text's first word
    # where each word is, for exact comparison (:func:`same_ngrams`)
    byte_start: np.ndarray | None = None  # int64, offset in ``data``
    byte_length: np.ndarray | None = None  # int64
    data: np.ndarray | None = None  # uint8, the lowered texts and 8 padding bytes


def _lowered_bytes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """All texts as one UTF-8 byte array (a space between texts) and each text's start.

    Non-ASCII texts go through ``str.lower`` first (it maps some non-ASCII letters to ASCII
    ones, e.g. the Kelvin sign to ``k``); ASCII letters are lower-cased when words are packed.
    Non-ASCII bytes of UTF-8 are never word bytes, as ``[a-z0-9]`` never matches a non-ASCII
    character.
    """
    # each non-ASCII text as its UTF-8 bytes spelled one Latin-1 character per byte, so the
    # joined string holds one byte per character and encodes (to Latin-1) by a plain copy
    spelled = [
        text if text.isascii() else text.lower().encode("utf-8").decode("latin-1") for text in texts
    ]
    data = " ".join(spelled).encode("latin-1")
    lengths = np.fromiter(map(len, spelled), dtype=np.int64, count=len(spelled))
    starts = np.zeros(len(texts), dtype=np.int64)
    if len(texts) > 1:
        np.cumsum(lengths[:-1] + 1, out=starts[1:])
    return np.frombuffer(data, dtype=np.uint8), starts


def _word_bytes(data: np.ndarray) -> np.ndarray:
    """``[A-Za-z0-9]`` per byte, as comparisons (uint8 arithmetic wraps below the range)."""
    letter = (data | np.uint8(0x20)) - np.uint8(ord("a")) < 26
    letter |= data - np.uint8(ord("0")) < 10
    return letter


def word_hashes(texts: Sequence[str]) -> WordHashes:
    """Every word of every text, hashed (the tokenisation every n-gram step shares)."""
    texts = ["" if text is None else text for text in texts]
    data, text_starts = _lowered_bytes(texts)
    is_word = np.zeros(len(data) + 2, dtype=bool)  # a non-word byte on either side
    is_word[1:-1] = _word_bytes(data)
    bounds = np.flatnonzero(is_word[1:] != is_word[:-1])  # a word's start, then its end, ...
    starts = bounds[0::2]
    lengths = bounds[1::2] - starts
    padded = np.concatenate((data, np.zeros(_CHUNK, dtype=np.uint8)))
    # every byte offset read as a little-endian uint64 (unaligned, no copy)
    eight = np.ndarray((len(data),), dtype="<u8", buffer=padded, strides=(1,))
    # the first 8 bytes of every word, then 8 more at a time for the few longer ones
    hashes = eight[starts]
    hashes |= _LOWER_CASE
    hashes &= np.take(_KEEP_BYTES, lengths, mode="clip")  # 8 bytes at most
    long_words = np.flatnonzero(lengths > _CHUNK)
    with np.errstate(over="ignore"):
        if len(long_words):
            long_hashes, long_starts = hashes[long_words], starts[long_words]
            long_lengths = lengths[long_words]
            for chunk in range(1, int(long_lengths.max() + _CHUNK - 1) // _CHUNK):
                left = np.clip(long_lengths - chunk * _CHUNK, 0, _CHUNK)
                offsets = np.minimum(long_starts + chunk * _CHUNK, len(data) - 1)
                packed = (eight[offsets] | _LOWER_CASE) & _KEEP_BYTES[left]
                # words already finished keep their value
                long_hashes = np.where(left > 0, long_hashes * _MULTIPLIER + packed, long_hashes)
            hashes[long_words] = long_hashes
        hashes ^= lengths.view(np.uint64)  # lengths are positive: same bits
        hashes *= _MULTIPLIER
    # the word starts before each text's start: each text's first word, and words per text
    first = np.searchsorted(starts, text_starts)
    counts = np.diff(first, append=len(starts)).astype(np.int64)
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), counts)
    return WordHashes(hashes, owner, counts, first.astype(np.int64), starts, lengths, padded)


def select_texts(words: WordHashes, texts: np.ndarray) -> WordHashes:
    """The words of ``texts`` only (ascending text indices), renumbered ``0..len(texts)-1``."""
    counts = words.counts[texts]
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), counts)
    first = np.zeros(len(texts), dtype=np.int64)
    if len(texts) > 1:
        np.cumsum(counts[:-1], out=first[1:])
    positions = words.first[texts][owner] + np.arange(len(owner), dtype=np.int64) - first[owner]
    return WordHashes(
        words.hashes[positions],
        owner,
        counts,
        first,
        None if words.byte_start is None else words.byte_start[positions],
        None if words.byte_length is None else words.byte_length[positions],
        words.data,
    )


def ngram_hashes(texts: Sequence[str], n: int, *, sort: bool = True) -> NgramHashes:
    """Hashes of every word n-gram of every text (see the module docstring).

    With ``sort=False`` the short texts' hashes come after the others (enough for lookups);
    ``owner`` is ascending otherwise.
    """
    return ngrams_of_words(word_hashes(texts), n, sort=sort)


def ngrams_of_words(words: WordHashes, n: int, *, sort: bool = True) -> NgramHashes:
    """:func:`ngram_hashes` of texts already split into words."""
    word_hash, owner = words.hashes, words.owner
    window_count = len(word_hash) - n + 1
    if window_count > 0:
        combined = _window_hashes(word_hash, n)
        valid = owner[:window_count] == owner[n - 1 :]  # first and last word in one text
        full_hashes, full_owner = combined[valid], owner[:window_count][valid]
    else:
        valid = np.zeros(0, dtype=bool)
        full_hashes, full_owner = np.zeros(0, np.uint64), np.zeros(0, np.int64)

    short = short_texts(words, n)
    short_hashes = short_text_hashes(words, short, n)
    if not sort:
        return NgramHashes(
            np.concatenate((full_hashes, short_hashes)),
            np.concatenate((full_owner, short)),
            np.concatenate((np.flatnonzero(valid), words.first[short])),
            np.concatenate((np.full(len(full_owner), n, dtype=np.int64), words.counts[short])),
        )
    if not len(short):
        return NgramHashes(full_hashes, full_owner)
    # a text is either short or has full windows: place each short one at its text's slot
    slots = np.searchsorted(full_owner, short) + np.arange(len(short))
    hashes = np.empty(len(full_hashes) + len(short), dtype=np.uint64)
    owners = np.empty(len(hashes), dtype=np.int64)
    taken = np.zeros(len(hashes), dtype=bool)
    taken[slots] = True
    hashes[slots], owners[slots] = short_hashes, short
    hashes[~taken], owners[~taken] = full_hashes, full_owner
    return NgramHashes(hashes, owners)


def short_texts(words: WordHashes, n: int) -> np.ndarray:
    """Texts with at least one word and fewer than ``n``: each has one n-gram, all its words."""
    return np.flatnonzero((words.counts > 0) & (words.counts < n))


def short_text_hashes(words: WordHashes, short: np.ndarray, n: int) -> np.ndarray:
    """The one hash of each short text (its words' polynomial, xor its word count)."""
    counts, first = words.counts[short], words.first[short]
    hashes = np.zeros(len(short), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(min(n - 1, int(counts.max(initial=0)))):
            more = counts > k
            index = np.where(more, first + k, 0)
            step = hashes * _MULTIPLIER + (words.hashes[index] if len(words.hashes) else 0)
            hashes = np.where(more, step, hashes)
        hashes ^= counts.astype(np.uint64)
    return hashes


def same_ngrams(
    a: WordHashes,
    a_start: np.ndarray,
    a_length: np.ndarray,
    b: WordHashes,
    b_start: np.ndarray,
    b_length: np.ndarray,
) -> np.ndarray:
    """Whether n-gram i of ``a`` (``a_length[i]`` words from word ``a_start[i]``) has exactly
    the words of n-gram i of ``b``, byte for byte: what equal hashes only suggest."""
    same = a_length == b_length
    width = int(a_length.max(initial=0))
    if not width:
        return same
    # one row of word positions per n-gram; positions past its end repeat its last word
    columns = np.arange(width)
    a_words = a_start[:, None] + np.minimum(columns, np.maximum(a_length, 1)[:, None] - 1)
    b_words = b_start[:, None] + np.minimum(columns, np.maximum(b_length, 1)[:, None] - 1)
    words_same = _same_words(a, a_words.ravel(), b, b_words.ravel())
    return same & words_same.reshape(len(same), width).all(axis=1)


def _same_words(a: WordHashes, a_word: np.ndarray, b: WordHashes, b_word: np.ndarray):
    """Word ``a_word[i]`` of ``a`` equals word ``b_word[i]`` of ``b`` (after lower-casing).

    Equal hashes and lengths decide words of up to 8 bytes (those hashes are one-to-one);
    longer words are compared 8 bytes at a time.
    """
    length = a.byte_length[a_word]
    same = (a.hashes[a_word] == b.hashes[b_word]) & (length == b.byte_length[b_word])
    long_words = np.flatnonzero(same & (length > _CHUNK))
    for chunk in range(int(length[long_words].max(initial=0) + _CHUNK - 1) // _CHUNK):
        long_words = long_words[same[long_words]]
        left = np.clip(length[long_words] - chunk * _CHUNK, 0, _CHUNK)
        mask = _KEEP_BYTES[left]
        a_bytes = _eight_bytes(a.data, a.byte_start[a_word[long_words]] + chunk * _CHUNK)
        b_bytes = _eight_bytes(b.data, b.byte_start[b_word[long_words]] + chunk * _CHUNK)
        same[long_words] = ((a_bytes | _LOWER_CASE) & mask) == ((b_bytes | _LOWER_CASE) & mask)
    return same


def _eight_bytes(padded: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """The 8 bytes at each offset of ``padded`` as a little-endian uint64 (0 past the end)."""
    eight = np.ndarray((len(padded) - _CHUNK,), dtype="<u8", buffer=padded, strides=(1,))
    return eight[np.minimum(offsets, len(eight) - 1)]


def window_hashes_at(word_hash: np.ndarray, at: np.ndarray, n: int) -> np.ndarray:
    """The hashes of the n-word windows starting at word positions ``at`` (same values as
    every window's hash in :func:`ngram_hashes`)."""
    hashes = np.zeros(len(at), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(n):
            hashes *= _MULTIPLIER
            hashes += word_hash[at + k]
    return hashes


def pair_keys(word_hash: np.ndarray, bits: int) -> np.ndarray:
    """A ``bits``-bit key of every two adjacent words (``len - 1`` keys), for a filter table."""
    with np.errstate(over="ignore"):
        mixed = word_hash[1:] * _PAIR_MULTIPLIER
        mixed ^= word_hash[:-1]
        mixed *= _MULTIPLIER
        mixed >>= np.uint64(64 - bits)
    return mixed.astype(np.intp)


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
