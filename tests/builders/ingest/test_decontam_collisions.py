"""Issue 20: hash collisions never change a flag.

64-bit collisions do not happen by chance in a test, so these tests force one: the word hash
of "grapefruit" is made that of "pineapples" (both 10 letters, so only a byte-for-byte check
tells them apart), and every n-gram hash built on it collides too.
"""

from __future__ import annotations

import dataclasses

import pytest

from drqa.builders.ingest import decontaminate
from drqa.builders.ingest.decontaminate import Decontaminator, naive_flag
from drqa.builders.ingest.ngrams import word_hashes


@pytest.fixture
def grapefruit_is_pineapples(monkeypatch):
    target = word_hashes(["pineapples"]).hashes[0]
    source = word_hashes(["grapefruit"]).hashes[0]

    def colliding(texts):
        words = word_hashes(texts)
        hashes = words.hashes.copy()
        hashes[hashes == source] = target
        return dataclasses.replace(words, hashes=hashes)

    monkeypatch.setattr(decontaminate, "word_hashes", colliding)


def test_a_hit_by_hash_alone_is_not_a_flag(grapefruit_is_pineapples):
    bench = {"suite": ["alpha beta pineapples gamma delta"]}
    texts = ["Alpha beta grapefruit gamma delta", "alpha beta PINEAPPLES gamma delta"]
    options = dict(n=5, min_overlap=1, min_fraction=0.1)
    assert naive_flag(texts, bench, **options) == [[], ["suite"]]
    assert Decontaminator.build(bench, **options).flag(texts) == [[], ["suite"]]


def test_two_n_grams_of_a_text_with_one_hash_count_twice(grapefruit_is_pineapples):
    # by hash the text has 2 distinct 2-grams (1 in the suite: half); exactly it has 4 (a quarter)
    bench = {"suite": ["a pineapples"]}
    texts = ["a pineapples a grapefruit"]
    options = dict(n=2, min_overlap=1, min_fraction=0.5)
    assert naive_flag(texts, bench, **options) == [[]]
    assert Decontaminator.build(bench, **options).flag(texts) == [[]]


def test_benchmarks_whose_n_grams_share_a_hash_get_the_plain_answer(grapefruit_is_pineapples):
    bench = {"first": ["alpha pineapples omega"], "second": ["alpha grapefruit omega"]}
    texts = ["alpha grapefruit omega", "Alpha pineapples omega", "alpha kiwi omega"]
    options = dict(n=3)
    expected = [["second"], ["first"], []]
    assert naive_flag(texts, bench, **options) == expected
    index = Decontaminator.build(bench, **options)
    assert index.flag(texts) == expected
    counts, totals = index.overlap_counts(texts)
    assert counts.tolist() == [[0, 1], [1, 0], [0, 0]] and totals.tolist() == [1, 1, 1]
