"""Row types every stage speaks: problems, requests, generations and chains.

The catalog tables (``drqa/migrations``) store these; stages exchange them as Polars/Arrow frames
whose columns carry the same names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, get_args

# -- enumerations: each defined once here; stages, gates and tests import them -----------------
Label = Literal["A", "B", "C"]
"""A: single-question chain, correct; B: batched chain, correct; C: incorrect."""
LABELS: tuple[Label, ...] = get_args(Label)

GenerationStatus = Literal["ok", "failed"]
GENERATION_STATUSES: tuple[GenerationStatus, ...] = get_args(GenerationStatus)

SplitStatus = Literal["ok", "missing", "truncated", "unsplittable"]
"""How a chain was cut out of its response: ok, its answer missing, cut off, or not found."""
SPLIT_STATUSES: tuple[SplitStatus, ...] = get_args(SplitStatus)

VerifyStatus = Literal["correct", "incorrect", "no_answer", "gold_unparseable", "timeout"]
"""The verifier's verdict on one chain's answer against the gold answer."""
VERIFY_STATUSES: tuple[VerifyStatus, ...] = get_args(VerifyStatus)


@dataclass(frozen=True)
class Problem:
    """One math problem with its gold answer."""

    problem_id: str
    problem: str
    answer: str
    source_id: str = ""
    source_row: int = 0
    source_key: str | None = None
    difficulty: float | None = None
    subject: str | None = None
    contaminated_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Request:
    """One prompt to send: a single question (batch_size 1) or a batch of them."""

    request_id: str
    run_id: str
    batch_id: str
    batch_size: int
    sample_index: int
    problem_ids: tuple[str, ...]
    messages: tuple[dict[str, str], ...]
    template_name: str
    template_hash: str


@dataclass
class Generation:
    """What came back for one request, raw and split into thinking and answer."""

    request_id: str
    status: GenerationStatus
    content: str | None = None
    reasoning: str | None = None
    raw_response: str | None = None
    finish_reason: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    latency_s: float | None = None
    attempts: int = 1
    error: str | None = None
    endpoint: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
