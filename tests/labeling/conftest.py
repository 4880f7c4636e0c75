"""Fixtures of the labelling tests: the shared real traces (skip when absent), a verifier pool."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drqa.labeling.verifier import VerifierPool

SHARED_TRACES = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "traces"


@pytest.fixture(scope="session")
def shared_traces() -> dict[str, dict]:
    """Rows of reasoning_traces.jsonl and o1_final_answers.jsonl by id (skips when absent)."""
    files = ("reasoning_traces.jsonl", "o1_final_answers.jsonl")
    if not all((SHARED_TRACES / name).is_file() for name in files):
        pytest.skip("../shared/data/traces is not present")
    rows: dict[str, dict] = {}
    for name in files:
        with (SHARED_TRACES / name).open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                record["_file"] = name.removesuffix(".jsonl")
                rows[record["id"]] = record
    return rows


@pytest.fixture(scope="session")
def pool():
    """One verifier pool (2 workers, 5 s per pair) shared by the labelling tests."""
    with VerifierPool(workers=2, timeout_s=5.0) as shared:
        yield shared
