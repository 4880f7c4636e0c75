"""Property tests: split, extract and verify never raise on arbitrary text; always n chains."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drqa.labeling import extract_answer, normalise_answer, split_batched_response
from drqa.schema import SPLIT_STATUSES, VERIFY_STATUSES

PIECES = st.sampled_from(
    ["Question 1", "Q2", "**3.**", "2)", "</think>", "<think>", "\\boxed{", "}", "{", "Answer:",
     "the second question", "Final answers", "\n", " ", "42", "\\frac{1}{2}", "第二题", "$"]
)  # fmt: skip
TEXT = st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=40).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, n=st.integers(min_value=1, max_value=6), truncated=st.booleans())
def test_split_always_gives_n_chains(text, n, truncated):
    chains = split_batched_response(text, n, truncated=truncated)
    assert len(chains) == n
    assert [c.position for c in chains] == list(range(n))
    for chain in chains:
        assert chain.status in SPLIT_STATUSES
        assert 0.0 <= chain.confidence <= 1.0
        assert (chain.answer is not None) == (chain.status == "ok")


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_extract_and_normalise_never_raise(text):
    answer = extract_answer(text)
    assert answer is None or isinstance(answer, str)
    assert isinstance(normalise_answer(text), str)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(gold=TEXT, answer=st.one_of(st.none(), TEXT))
def test_verify_never_raises(pool, gold, answer):
    verdict = pool.verify_many([(gold, answer)])[0]
    assert verdict.status in VERIFY_STATUSES
