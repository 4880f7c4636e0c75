"""``drqa generate``: send a run's missing requests to a backend, append results, merge, summarise.

Resumable and idempotent: requests already answered (in the catalog or in unmerged raw chunks) are
skipped, so a rerun after a crash or a kill does only the missing work. ``shard=(i, n)`` takes the
requests whose id hashes to ``i`` modulo ``n``, for cluster array jobs; each shard writes its own
chunk files and ``merge_raw`` brings them all into the catalog.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import orjson

from drqa.builders.generation.backends.base import Backend, GenerationRequest, SamplingParams
from drqa.builders.generation.config import GenerateConfig
from drqa.builders.generation.failures import failure_reason
from drqa.builders.generation.raw_store import RawWriter, chunk_files, merge_raw
from drqa.catalog import fetch_frame
from drqa.errors import DrqaError
from drqa.lease import lease
from drqa.workspace import Workspace


@dataclass
class GenerateSummary:
    """The closing numbers of one ``drqa generate`` call."""

    run_id: str
    shard: tuple[int, int]
    planned: int = 0
    skipped: int = 0
    done: int = 0
    failed: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    cost: float | None = None
    masked: int = 0  # credential-shaped strings masked in responses before they were stored
    failures: dict[str, int] = field(default_factory=dict)

    @property
    def requests_per_s(self) -> float:
        return (self.done + self.failed) / self.seconds if self.seconds else 0.0

    @property
    def exit_code(self) -> int:
        """0 when no request failed, else 4 (``drqa.exit_codes.REQUESTS_FAILED``)."""
        from drqa.exit_codes import OK, REQUESTS_FAILED

        return REQUESTS_FAILED if self.failed else OK


def in_shard(request_id: str, shard: tuple[int, int]) -> bool:
    """Stable assignment of a request to one of ``n`` shards."""
    index, count = shard
    if count == 1:
        return True
    digest = hashlib.blake2b(request_id.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") % count == index


def pending_requests(
    ws: Workspace, run_id: str, config: GenerateConfig, shard: tuple[int, int]
) -> tuple[list[tuple[str, str, int]], int]:
    """``(request_id, messages JSON, sample_index)`` still to do, and how many are done."""
    sizes = list(config.only_batch_sizes) if config.only_batch_sizes else None
    with ws.read() as con:
        known = con.execute("SELECT count(*) FROM runs WHERE run_id = ?", [run_id]).fetchall()[0][0]
        if not known:
            raise DrqaError(f"run {run_id} is not in {ws.root}; compose it first (`drqa compose`)")
        frame = fetch_frame(
            con,
            """
            SELECT r.request_id, r.messages::VARCHAR AS messages, r.sample_index,
                   g.status = 'ok' AS done
            FROM requests r LEFT JOIN generations g USING (request_id)
            WHERE r.run_id = ? AND (? IS NULL OR list_contains(?, r.batch_size))
            ORDER BY r.batch_size, r.request_id
            """,
            [run_id, sizes, sizes],
        )
    todo, done = [], 0
    for rid, messages, sample, finished in frame.iter_rows():
        if not in_shard(rid, shard):
            continue
        if finished:
            done += 1
        else:
            todo.append((rid, messages, sample))
    return todo, done


def run_generation(
    ws: Workspace,
    run_id: str,
    config: GenerateConfig,
    *,
    backend: Backend | None = None,
    shard: tuple[int, int] = (0, 1),
    merge: bool = True,
    progress: bool = True,
    wait: bool = False,
) -> GenerateSummary:
    """Generate every pending request of ``run_id`` (in this shard) and return the summary.

    One process per run and shard: a second one gets :class:`~drqa.lease.LeaseHeld` (one line
    naming the holder's PID, exit 2) instead of sending the same requests again, or with
    ``wait=True`` queues behind it and then does only what is still missing.
    """
    index, count = shard
    if not (count >= 1 and 0 <= index < count):
        raise DrqaError(f"--shard {index}/{count}: use i/n with 0 <= i < n")
    key = run_id if count == 1 else f"{run_id}@shard-{index}-of-{count}"
    with lease(ws.root, "generate", key, purpose=f"drqa generate {key}", wait=wait):
        return _generate(ws, run_id, config, backend, shard, merge, progress)


def _generate(ws, run_id, config, backend, shard, merge, progress) -> GenerateSummary:
    started = time.perf_counter()
    summary = GenerateSummary(run_id=run_id, shard=shard)
    if merge and chunk_files(ws, run_id):
        merge_raw(ws, run_id)  # results of an earlier, killed process count as done
    todo, summary.skipped = pending_requests(ws, run_id, config, shard)
    summary.planned = len(todo)
    if todo:
        if backend is None:
            from drqa.builders.generation.backends.registry import make_backend

            backend = make_backend(config)
        backend.check()  # a missing model or dead endpoint is one line, not N failed requests
        _drive(ws, run_id, config, backend, todo, shard, summary, merge, progress)
    if merge:
        merge_raw(ws, run_id)
    summary.seconds = time.perf_counter() - started
    if config.price_per_million_input is not None or config.price_per_million_output is not None:
        summary.cost = (
            summary.prompt_tokens * (config.price_per_million_input or 0.0)
            + summary.completion_tokens * (config.price_per_million_output or 0.0)
        ) / 1e6
    return summary


def _requests(todo, sampling: SamplingParams) -> Iterator[GenerationRequest]:
    for rid, messages, sample in todo:
        yield GenerationRequest(rid, tuple(orjson.loads(messages)), sampling, sample)


def _drive(ws, run_id, config, backend, todo, shard, summary, merge, progress) -> None:
    from tqdm import tqdm

    sampling = SamplingParams(**config.sampling.model_dump())
    bar = tqdm(
        total=len(todo),
        unit="req",
        disable=not progress,
        dynamic_ncols=True,
        desc=f"generate {run_id}" + (f" shard {shard[0]}/{shard[1]}" if shard[1] > 1 else ""),
    )
    last_merge = time.monotonic()
    last_postfix = 0.0
    with RawWriter(ws, run_id, shard, backend.name, config.model, backend.secrets) as writer:
        for generation in backend.generate(_requests(todo, sampling)):
            summary.masked += writer.write(generation)
            if generation.status == "ok":
                summary.done += 1
            else:
                summary.failed += 1
                reason = failure_reason(generation.error)  # the server's own reason too
                summary.failures[reason] = summary.failures.get(reason, 0) + 1
            summary.prompt_tokens += generation.prompt_tokens or 0
            summary.completion_tokens += generation.completion_tokens or 0
            bar.update(1)
            now = time.monotonic()
            if progress and now - last_postfix > 0.5:
                elapsed = max(bar.format_dict["elapsed"], 1e-9)
                bar.set_postfix(
                    tok_s=f"{summary.completion_tokens / elapsed:,.0f}",
                    failed=summary.failed,
                    refresh=False,
                )
                last_postfix = now
            if merge and now - last_merge > config.checkpoint_seconds:
                merge_raw(ws, run_id)
                last_merge = time.monotonic()
    bar.close()
