"""Property tests: split, extract and verify never raise on arbitrary text; always n chains."""

from __future__ import annotations

import pytest
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


MEGABYTE = 1_000_000
DEGENERATE = {
    "open boxes": "\\boxed{" * (MEGABYTE // 7),
    "open braces": "{" * MEGABYTE,
    "backslashes": "\\" * MEGABYTE,
    "closing tags": "</think>" * (MEGABYTE // 8),
    "one marker repeated": "#1 " * (MEGABYTE // 3),
    "two markers": "Question 1 Question 2 " * (MEGABYTE // 22),
    "answer phrases": "The answer is " * (MEGABYTE // 14),
    "digits": "1" * MEGABYTE,
    "list lines": "1. x\n2. y\n" * (MEGABYTE // 10),
    "table rows": "| 1 | 2 |\n" * (MEGABYTE // 10),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(DEGENERATE))
def test_parent_side_parsing_is_bounded_on_a_megabyte(name):
    """Everything ``drqa label`` does in the parent process (split, extract, text verdict,
    normalise, fast paths) finishes quickly on 1 MB of degenerate text (issue 9: 137 s before)."""
    import time

    from drqa.labeling.answer_kinds import text_verdict
    from drqa.labeling.judge import fast_judge

    text = DEGENERATE[name]
    start = time.perf_counter()
    for n in (1, 3):
        problems = ["the first problem says hello there my friend"] * n if n > 1 else None
        for chain in split_batched_response(text, n, problems=problems):
            answer = chain.answer or text
            text_verdict("5", answer)
            fast_judge(normalise_answer("5"), normalise_answer(answer))
    text_verdict(text, text)
    fast_judge(normalise_answer(text), normalise_answer(text))
    assert time.perf_counter() - start < 20


@pytest.mark.slow
def test_label_finishes_on_a_workspace_holding_degenerate_responses(tmp_path):
    """Issue 9: one response of ``\\boxed{`` x 16000 kept ``drqa label`` from ever finishing."""
    import json
    import time

    from drqa.builders.ingest.config import DecontaminationConfig
    from drqa.labeling.importer import import_generations
    from drqa.labeling.label_stage import label_workspace
    from drqa.workspace import Workspace

    responses = [
        "</think>" + "\\boxed{" * 16_000,
        "</think>The answer is " + "\\boxed{1}" * 50_000,
        "x</think>" + "{" * 300_000 + "1" * 300_000,
    ]
    source = tmp_path / "degenerate.jsonl"
    source.write_text(
        "\n".join(
            json.dumps({"problem": f"Problem {i}?", "gold": "1", "response": text})
            for i, text in enumerate(responses)
        )
        + "\n"
    )
    ws = Workspace.resolve(tmp_path / "ws")
    import_generations(source, ws, decontamination=DecontaminationConfig(enabled=False))
    start = time.perf_counter()
    summary = label_workspace(ws, show_progress=False, timeout_s=2.0)
    assert summary.chains_written == 3
    assert time.perf_counter() - start < 120
