"""Eval test helpers: a replay backend that answers benchmark prompts right or wrong on purpose."""

from __future__ import annotations

import pytest

from drqa.builders.generation.backends.replay import ReplayBackend
from drqa.evals.config import EvalConfig
from drqa.evals.suites import load_suite


@pytest.fixture
def benchmarks_dir(shared_data):
    return shared_data / "benchmarks"


def scripted_backend(benchmarks_dir, suite: str, limit: int, right, **kwargs) -> ReplayBackend:
    """Replay answers: ``right(problem_index, sample_index)`` says whether to answer correctly;
    a right answer is one padded sentence plus the gold in a box, a wrong one a short box."""
    problems = load_suite(suite, benchmarks_dir, limit=limit).problems

    def answer(request) -> str:
        prompt = request.messages[-1]["content"]
        index = next(i for i, p in enumerate(problems) if p.problem in prompt)
        gold = problems[index].answer_letter or problems[index].answer
        if right(index, request.sample_index):
            return f"<think>\nlet me work it out step by step\n</think>\n\nSo \\boxed{{{gold}}}"
        return "<think>\nguess\n</think>\n\n\\boxed{-1}"

    return ReplayBackend(answer, **kwargs)


def eval_config(benchmarks_dir, **fields) -> EvalConfig:
    """An EvalConfig on the shared benchmark copies (replay backend unless told otherwise)."""
    data = {
        "generate": {"backend": "replay", "model": "scripted"},
        "benchmarks_dir": str(benchmarks_dir),
        "suites": ["gsm8k"],
        "samples": 2,
        "limit": 4,
        "verify_workers": 1,
    }
    data.update(fields)
    return EvalConfig.model_validate(data)


@pytest.fixture
def scripted():
    """:func:`scripted_backend`, for tests."""
    return scripted_backend


@pytest.fixture
def make_config():
    """:func:`eval_config`, for tests."""
    return eval_config
