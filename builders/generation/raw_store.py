"""Append-only raw generation chunks, and their merge into the catalog.

Each ``drqa generate`` process appends to a new file
``raw/<run_id>/shard-<i>-of-<n>/<stamp>.jsonl``, one JSON line per result, flushed to the OS as
soon as it is written: a SIGKILL loses only work in flight (a half-written last line is ignored).
Files are never rewritten. Merging reads each file from the offset merged so far (``raw_chunks``),
upserts into ``generations`` (an ``ok`` result replaces a ``failed`` one, never the reverse) and
advances the offset in the same transaction.
"""

from __future__ import annotations

import os
import time
from dataclasses import fields
from datetime import datetime, timezone
from pathlib import Path

import orjson
import polars as pl

from drqa.redact import redact, redact_content
from drqa.schema import Generation
from drqa.workspace import Workspace

GENERATION_COLUMNS = {
    "request_id": pl.String,
    "run_id": pl.String,
    "status": pl.String,
    "error": pl.String,
    "content": pl.String,
    "reasoning": pl.String,
    "raw_response": pl.String,
    "finish_reason": pl.String,
    "prompt_tokens": pl.Int64,
    "completion_tokens": pl.Int64,
    "latency_s": pl.Float64,
    "attempts": pl.Int64,
    "backend": pl.String,
    "model": pl.String,
    "endpoint": pl.String,
    "created_at": pl.String,
}


_RECORD_FIELDS = tuple(f.name for f in fields(Generation) if f.name != "extra")
_CONTENT_FIELDS = ("content", "reasoning", "raw_response")


def shard_dir(ws: Workspace, run_id: str, shard: tuple[int, int]) -> Path:
    """Where one shard of a run writes its chunk files."""
    index, count = shard
    return ws.raw_dir / run_id / f"shard-{index:04d}-of-{count:04d}"


class RawWriter:
    """Appends results of one process to a fresh chunk file; a line is flushed once written."""

    def __init__(
        self,
        ws: Workspace,
        run_id: str,
        shard: tuple[int, int],
        backend: str,
        model: str,
        secrets: tuple[str | None, ...] = (),
    ) -> None:
        folder = shard_dir(ws, run_id, shard)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%dT%H%M%S")
        self.path = folder / f"{stamp}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}.jsonl"
        self._file = self.path.open("ab", buffering=0)
        self._fixed = {"run_id": run_id, "backend": backend, "model": model}
        self._secrets = tuple(secrets)

    def write(self, generation: Generation) -> int:
        """Append one result; return how many credential-shaped strings its content, reasoning
        and raw response held (masked before they reach disk, so ``generations`` never has them).
        """
        # a shallow read of the fields: dataclasses.asdict deep-copies (~30 us a line)
        record = {name: getattr(generation, name) for name in _RECORD_FIELDS}
        record.update(self._fixed)
        record["error"] = redact(record.get("error"), self._secrets)  # secrets never reach disk
        record["endpoint"] = redact(record.get("endpoint"))
        masked = 0
        for name in _CONTENT_FIELDS:  # a server may echo a key or an Authorization header
            record[name], found = redact_content(record.get(name), self._secrets)
            masked += found
        record["created_at"] = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
        self._file.write(orjson.dumps(record) + b"\n")
        return masked

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> RawWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def chunk_files(ws: Workspace, run_id: str) -> list[Path]:
    """Every chunk file of a run, over all shards."""
    return sorted((ws.raw_dir / run_id).glob("shard-*/*.jsonl"))


def _read_complete_lines(path: Path, offset: int) -> tuple[list[dict], int, int]:
    """Records after ``offset`` up to the last newline; returns (records, new offset, bad lines)."""
    with path.open("rb") as handle:
        handle.seek(offset)
        data = handle.read()
    end = data.rfind(b"\n")
    if end < 0:
        return [], offset, 0
    records, bad = [], 0
    for line in data[: end + 1].splitlines():
        if not line.strip():
            continue
        try:
            records.append(orjson.loads(line))
        except orjson.JSONDecodeError:
            bad += 1  # a line cut by a kill and then followed by another write cannot happen
            # (each process opens a new file), but a damaged file must not stop the merge
    return records, offset + end + 1, bad


def merge_raw(ws: Workspace, run_id: str, *, wait_s: float = 600.0) -> int:
    """Bring every unmerged complete line of a run's chunks into ``generations``; return count."""
    files = chunk_files(ws, run_id)
    if not files:
        return 0
    with ws.write(f"drqa generate (merge {run_id})", wait_s=wait_s) as con:
        offsets = dict(
            con.execute(
                "SELECT path, merged_bytes FROM raw_chunks WHERE run_id = ?", [run_id]
            ).fetchall()
        )
        batches, updates = [], []
        for path in files:
            rel = str(path.relative_to(ws.root))
            start = offsets.get(rel, 0)
            if path.stat().st_size <= start:
                continue
            records, new_offset, _ = _read_complete_lines(path, start)
            if new_offset != start:
                batches.extend(records)
                updates.append((rel, new_offset, len(records)))
        if not updates:
            return 0
        frame = _generations_frame(batches)
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        con.execute("BEGIN TRANSACTION")
        try:
            if frame.height:
                con.register("new_generations", frame.to_arrow())
                # ok beats failed; among equals the first stored wins (raw keeps every attempt)
                con.execute(
                    """
                    DELETE FROM generations WHERE status = 'failed' AND request_id IN
                        (SELECT request_id FROM new_generations WHERE status = 'ok')
                    """
                )
                con.execute(
                    """
                    INSERT INTO generations
                    SELECT request_id, run_id, status, error, content, reasoning, raw_response,
                           finish_reason, prompt_tokens, completion_tokens, latency_s, attempts,
                           backend, model, endpoint, created_at::TIMESTAMP
                    FROM new_generations
                    QUALIFY row_number() OVER (
                        PARTITION BY request_id ORDER BY status = 'ok' DESC, created_at) = 1
                    ON CONFLICT DO NOTHING
                    """
                )
                con.unregister("new_generations")
            for rel, new_offset, lines in updates:
                con.execute(
                    """
                    INSERT INTO raw_chunks VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (path) DO UPDATE SET merged_bytes = excluded.merged_bytes,
                        merged_lines = raw_chunks.merged_lines + excluded.merged_lines,
                        updated_at = excluded.updated_at
                    """,
                    [rel, run_id, new_offset, lines, now],
                )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return frame.height


def _generations_frame(records: list[dict]) -> pl.DataFrame:
    if not records:
        return pl.DataFrame(schema=GENERATION_COLUMNS)
    frame = pl.DataFrame(records, infer_schema_length=None)
    for name, dtype in GENERATION_COLUMNS.items():
        if name not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=dtype).alias(name))
    return frame.select([pl.col(n).cast(t) for n, t in GENERATION_COLUMNS.items()])
