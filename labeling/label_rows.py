"""The rows ``drqa label`` writes for a chunk of requests: their responses as split jobs, the
chains as rows (and one layout row per response), the rows verified and counted.

The split runs in the verifier's workers (:class:`~drqa.labeling.label_pool.LabelPool`) or,
without a pool, here; the split judge (an HTTP endpoint) always checks the chains here, in the
parent. A response whose split failed keeps its whole text, ``unsplittable``, and the reason as
its chains' ``verify_detail`` (status ``error``: routed to review).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

import polars as pl

from drqa.labeling.split import SPLITTER_VERSION
from drqa.labeling.split.fallback import SplitJudgeFn, check_with_judge
from drqa.labeling.split_jobs import SplitJob, SplitResult, split_here
from drqa.labeling.tokens import count_chain_tokens
from drqa.labeling.verifier import VERIFIER_VERSION, VerifierPool


def _response_text(req: dict) -> str | None:
    """The text to split: the content beside separate reasoning, else content or raw."""
    if req["reasoning"] is not None:
        return req["content"]
    return req["content"] if req["content"] is not None else req["raw_response"]


def split_jobs(todo: pl.DataFrame, texts: dict[str, str] | None = None) -> list[SplitJob]:
    """One :class:`SplitJob` per request of ``todo`` (``texts``: problem id -> problem text,
    the batch's problems anchor the batched splitter)."""
    texts = texts or {}
    return [
        SplitJob(
            _response_text(req),
            len(req["problem_ids"]),
            req["reasoning"],
            truncated=req["finish_reason"] == "length",
            finished=req["finish_reason"] == "stop",
            problems=tuple(texts.get(problem, "") for problem in req["problem_ids"]),
        )
        for req in todo.iter_rows(named=True)
    ]


def chain_rows(
    todo: pl.DataFrame,
    golds: dict[str, str],
    rule_name: str,
    texts: dict[str, str] | None = None,
    layouts: list[dict] | None = None,
    split_judge: tuple[SplitJudgeFn, float] | None = None,
    split: Sequence[SplitResult] | None = None,
) -> list[dict]:
    """Chain rows for every request of ``todo`` (verdict and tokens filled later); ``split``:
    the requests' :class:`~drqa.labeling.label_pool.LabelPool` results, in order (``None``:
    split here); one row per response (how it was split) is appended to ``layouts``;
    ``split_judge`` (judge, min confidence) checks low-confidence splits
    (:mod:`drqa.labeling.split.fallback`)."""
    texts = texts or {}
    layouts = [] if layouts is None else layouts
    jobs = split_jobs(todo, texts)
    split = [split_here(job) for job in jobs] if split is None else split
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = []
    for req, job, (chains, failure) in zip(todo.iter_rows(named=True), jobs, split, strict=True):
        if split_judge is not None and not failure:
            text, reasoning = job.text, req["reasoning"]
            full = (reasoning or "") + "</think>" + (text or "") if reasoning else text
            problems = list(job.problems or ())
            chains = check_with_judge(chains, split_judge[0], full or "", problems, split_judge[1])
        layouts.append(
            {
                "request_id": req["request_id"],
                "model": req["model"],
                "batch_size": req["batch_size"],
                "layout": chains[0].layout,
                "split_confidence": min(chain.confidence for chain in chains),
                "splitter_version": SPLITTER_VERSION,
                "labelled_at": now,
            }
        )
        for chain, problem in zip(chains, req["problem_ids"], strict=True):
            row = {
                "chain_id": f"{req['request_id']}-q{chain.position}",
                "request_id": req["request_id"],
                "run_id": req["run_id"],
                "problem_id": problem,
                "batch_size": req["batch_size"],
                "position": chain.position,
                "sample_index": req["sample_index"],
                "reasoning": chain.reasoning,
                "answer": chain.answer,
                "split_status": chain.status,
                "split_confidence": chain.confidence,
                "answer_source": chain.answer_source or None,
                "truncation": chain.truncation or None,
                "shared_thinking": chain.shared_thinking,
                "gold": golds.get(problem),
                "thinking": chain.thinking,
                "answer_section": chain.answer_section,
                "model": req["model"],
                "run_model": req["run_model"],
                "completion_tokens": req["completion_tokens"],  # the generation's usage
                "label_rule": rule_name,
                "labelled_at": now,
            }
            if failure:
                row["split_failure"] = failure
            rows.append(row)
    return rows


def verify_pairs(rows: list[dict]) -> list[tuple[str | None, str | None]]:
    """The (gold, answer) pair of each row; no answer unless the split found one."""
    return [(row["gold"], row["answer"] if row["split_status"] == "ok" else None) for row in rows]


def verify_and_count(rows: list[dict], pool: VerifierPool, progress) -> pl.DataFrame:
    """``rows`` with their verdicts and token counts, as the frame ``drqa label`` writes
    (label pending: the rule runs over every chain afterwards)."""
    verdicts = pool.verify_many(verify_pairs(rows), progress=progress)
    for row, verdict in zip(rows, verdicts, strict=True):
        row["verify_status"] = verdict.status
        row["verify_detail"] = verdict.detail or None
        row["judge"] = None
        if row["gold"] is None:
            row["verify_status"] = "gold_unparseable"
        failure = row.pop("split_failure", None)
        if failure:  # the split failed: nothing was verified, a reviewer reads the response
            row["verify_status"], row["verify_detail"] = "error", failure
    count_chain_tokens(rows)  # the generation's usage when it has one, else the text
    frame = pl.DataFrame(rows, infer_schema_length=None)
    return frame.with_columns(
        label=pl.lit(None, pl.String),
        label_reason=pl.lit("pending", pl.String),
        needs_review=pl.lit(True),
        verifier_version=pl.lit(VERIFIER_VERSION),
        splitter_version=pl.lit(SPLITTER_VERSION),
    )
