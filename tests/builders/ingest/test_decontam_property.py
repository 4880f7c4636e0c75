"""Issue 20: the vectorised decontamination flags exactly what the plain set loop flags.

Random texts mix words drawn from the benchmarks with unicode, punctuation, case changes and
short texts below ``n`` words, so hits, near misses, boilerplate and short-text rules all occur.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drqa.builders.ingest.decontaminate import Decontaminator, naive_flag
from drqa.builders.ingest.ngrams import (
    ngram_hashes,
    ngrams_of_words,
    select_texts,
    window_hashes_at,
    word_hashes,
)

VOCABULARY = ["alpha", "Beta", "7", "x2", "the", "Ünï", "\u212aelvin", "İs", "supercalifragilistic"]
SEPARATORS = [" ", ", ", "  ", "\n", "-", "é", "—", "\u00a0", "...", "'"]

words = st.lists(st.sampled_from(VOCABULARY) | st.text(min_size=1, max_size=12), max_size=30)
separators = st.lists(st.sampled_from(SEPARATORS), min_size=30, max_size=30)


@st.composite
def texts(draw):
    chosen, between = draw(words), draw(separators)
    text = "".join(word + between[i] for i, word in enumerate(chosen))
    return text.upper() if draw(st.booleans()) else text


@st.composite
def corpora(draw):
    """Benchmarks of random texts, and candidates that copy, cut and edit some of them."""
    bench = {name: draw(st.lists(texts(), min_size=0, max_size=6)) for name in ("first", "second")}
    pool = [text for problems in bench.values() for text in problems]
    candidates = draw(st.lists(texts(), max_size=8))
    for text in draw(st.lists(st.sampled_from(pool), max_size=6)) if pool else []:
        cut = draw(st.integers(0, len(text)))
        candidates.append(draw(st.sampled_from([text, text[cut:], text[:cut] + " zz " + text])))
    return bench, candidates


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(), st.sampled_from([2, 3, 5, 13]), st.sampled_from([(1, 0.1), (2, 0.5), (1, 0.0)]))
def test_flags_match_the_plain_loop_on_random_texts(corpus, n, thresholds):
    bench, candidates = corpus
    min_overlap, min_fraction = thresholds
    options = dict(n=n, min_overlap=min_overlap, min_fraction=min_fraction, boilerplate_problems=2)
    expected = naive_flag(candidates, bench, **options)
    assert Decontaminator.build(bench, **options).flag(candidates) == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(texts(), max_size=8), st.sampled_from([1, 2, 4, 13]))
def test_windows_at_positions_and_selected_texts_hash_like_the_whole(sample, n):
    words = word_hashes(sample)
    every = ngram_hashes(sample, n)
    full = len(words.hashes) - n + 1
    at = np.flatnonzero(words.owner[: max(full, 0)] == words.owner[n - 1 :])
    assert set(window_hashes_at(words.hashes, at, n)) <= set(every.hashes)
    keep = np.arange(0, len(sample), 2)
    part = ngram_hashes([sample[i] for i in keep], n)
    again = ngrams_of_words(select_texts(words, keep), n)
    assert np.array_equal(again.hashes, part.hashes) and np.array_equal(again.owner, part.owner)


def test_a_copied_benchmark_problem_is_flagged_and_a_short_clean_text_is_not():
    bench = {"suite": ["Find the number of ordered pairs of positive integers whose sum is 20."]}
    candidates = [bench["suite"][0].upper(), "Find it.", ""]
    index = Decontaminator.build(bench, n=5)
    assert index.flag(candidates) == [["suite"], [], []]
    assert naive_flag(candidates, bench, n=5) == [["suite"], [], []]


@pytest.mark.parametrize(
    "bench, candidates",
    [
        ({}, ["a b c"]),
        ({"x": []}, ["a b c", ""]),
        ({"x": [""], "y": ["a"]}, ["a", "A!", "", "b"]),
        ({"x": ["one two three"]}, []),
        ({"x": ["one two three four"]}, ["One, two; three... four!", "one", "four three two one"]),
    ],
)
@pytest.mark.parametrize("n", [1, 2, 3, 13])
def test_empty_and_tiny_inputs_match_the_plain_loop(bench, candidates, n):
    assert Decontaminator.build(bench, n=n).flag(candidates) == naive_flag(candidates, bench, n=n)
