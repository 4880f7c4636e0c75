"""Responses to split as jobs for the worker processes, and their chains on the wire.

:class:`drqa.labeling.label_pool.LabelPool` sends :func:`job_payload` lists to the verifier
workers (:mod:`drqa.labeling.verify_worker`), which answer each with :func:`answer`: the
chains of :func:`~drqa.labeling.split.split_batched_response`, exactly as the parent would
split (:func:`split_job`), or the reason a split raised (the parent then keeps the response
``unsplittable`` with that reason: :func:`unsplit_chains`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from drqa.labeling.split import Chain, join_text, split_batched_response


@dataclass(frozen=True)
class SplitJob:
    """One response to split: the arguments of :func:`split_batched_response`."""

    text: str | None
    n: int
    reasoning: str | None = None
    truncated: bool = False
    starts_in_thinking: bool = False
    problems: tuple[str, ...] | None = None
    finished: bool = False  # finish_reason "stop": the model ended its answer itself


def split_job(job: SplitJob) -> list[Chain]:
    """The chains of ``job``, split in this process."""
    return split_batched_response(
        job.text,
        job.n,
        job.reasoning,
        truncated=job.truncated,
        finished=job.finished,
        starts_in_thinking=job.starts_in_thinking,
        problems=job.problems,
    )


SplitResult = tuple[list[Chain], str]  # the chains, and why the split failed ("" when it did not)


def split_here(job: SplitJob) -> SplitResult:
    """``(chains, "")`` for ``job`` split in this process, or the whole response kept
    unsplittable and the reason when the split raised."""
    try:
        return split_job(job), ""
    except Exception as exc:  # a splitter bug on one response: kept, with its reason
        return unsplit_chains(job), split_failure(exc)


def unsplit_chains(job: SplitJob) -> list[Chain]:
    """``job.n`` chains, ``unsplittable``, each holding the whole response: what a response
    whose split failed keeps (never lost; its reason travels beside it)."""
    text = job.text if isinstance(job.text, str) else ("" if job.text is None else str(job.text))
    reasoning = join_text(job.reasoning or "", text)
    layout = "single" if job.n == 1 else "grammar"
    return [Chain(k, reasoning, None, "unsplittable", 0.0, job.reasoning or "", text,
                  layout=layout) for k in range(max(1, job.n))]  # fmt: skip


_JOINED = 0  # stands for a reasoning equal to join_text(thinking, answer_section)
_TEXT_FIELDS = (1, 5, 6)  # reasoning, thinking, answer_section: slices of the job's texts
_SPAN_MIN = 64  # shorter texts are sent as they are
_CHAIN_FIELDS = tuple(field.name for field in dataclasses.fields(Chain))  # all flat values


def _sources(job: SplitJob | None) -> tuple[str, ...]:
    """The texts a chain's pieces are slices of: the job's text and reasoning ("" if none)."""
    texts = (job.text, job.reasoning) if job is not None else ()
    return tuple(text if isinstance(text, str) else "" for text in texts)


def encode_chains(chains: Sequence[Chain], job: SplitJob | None = None) -> list[list]:
    """Chains as JSON-ready lists (a reasoning that is its thinking and answer section joined
    is not sent twice; with ``job``, a text that is a slice of the job's text or reasoning is
    sent as ``[source, start, end]``: the parent holds the job, the wire carries offsets)."""
    sources = _sources(job)
    out = []
    for chain in chains:
        fields = [getattr(chain, name) for name in _CHAIN_FIELDS]
        if chain.reasoning == join_text(chain.thinking, chain.answer_section):
            fields[1] = _JOINED
        for i in _TEXT_FIELDS:
            value = fields[i]
            if isinstance(value, str) and len(value) >= _SPAN_MIN:
                for source, text in enumerate(sources):
                    at = text.find(value)
                    if at >= 0:
                        fields[i] = [source, at, at + len(value)]
                        break
        out.append(fields)
    return out


def decode_chains(rows: Sequence[Sequence], job: SplitJob | None = None) -> list[Chain]:
    """The chains :func:`encode_chains` wrote (for the same ``job``), field for field."""
    sources = _sources(job)
    chains = []
    for row in rows:
        fields = list(row)
        for i in _TEXT_FIELDS:
            if isinstance(fields[i], list):
                source, start, end = fields[i]
                fields[i] = sources[source][start:end]
        if isinstance(fields[1], int):  # _JOINED
            fields[1] = join_text(fields[5], fields[6])
        chains.append(Chain(*fields))
    return chains


def job_payload(item_id: int, job: SplitJob) -> list:
    """The wire form of one job: ``[id, text, n, reasoning, truncated, in_thinking, problems,
    finished]``."""
    problems = list(job.problems) if job.problems is not None else None
    return [item_id, job.text, job.n, job.reasoning, job.truncated, job.starts_in_thinking,
            problems, job.finished]  # fmt: skip


def answer(payload: Sequence) -> list:
    """``[id, chains, "", "split"]`` for one wire job, or ``[id, None, reason, "split"]`` when
    its split raised (four items: a verdict line has three)."""
    item_id, *fields = payload
    job = SplitJob(*fields)
    chains, why = split_here(job)  # a splitter bug: the parent keeps the response
    return [item_id, None if why else encode_chains(chains, job), why, "split"]


def split_failure(exc: BaseException) -> str:
    """The reason kept beside a response whose split raised."""
    return f"split failed: {type(exc).__name__}: {str(exc)[:200]}"


_PAYLOAD_ITEMS = len(dataclasses.fields(SplitJob)) + 1  # a job's id, then its fields


def is_split_payload(item: Sequence) -> bool:
    """Whether a queued or in-flight worker item is a split job (a pair has three fields)."""
    return len(item) == _PAYLOAD_ITEMS
