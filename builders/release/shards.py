"""One release config as Parquet shards of bounded size, in the Hub's layout.

``data/<config>/train-0000k-of-0000n.parquet``: rows stream out of DuckDB in record batches and
go into row groups of at most ``max_row_group_bytes`` (uncompressed Arrow bytes, the size the Hub
viewer reads at once) and files of at most ``max_shard_bytes`` (compressed, on disk). ``label``
stays a readable string in the Parquet (for SQL and Polars users); the card's ``dataset_info``
declares it a ``ClassLabel(A, B, C)``, which ``datasets.load_dataset(folder, config)`` applies.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from drqa.errors import DrqaError
from drqa.schema import LABELS

LABEL_NAMES = LABELS
MAX_SHARD_BYTES = 500 * 2**20
MAX_ROW_GROUP_BYTES = 64 * 2**20  # uncompressed; the Hub viewer refuses row groups past ~300 MB
FETCH_ROWS = 8192
SHARD_GLOB = "train-*.parquet"


@dataclass(frozen=True)
class WrittenConfig:
    """What one config's shards hold: relative paths, rows, uncompressed bytes, features."""

    name: str
    files: tuple[str, ...]
    num_rows: int
    num_bytes: int
    features: Any  # datasets.Features
    hashes: tuple[tuple[str, str, int], ...] = ()  # (file, sha256, bytes), hashed while written

    @property
    def pattern(self) -> str:
        """The data-files glob the card's ``configs`` entry uses."""
        return f"data/{self.name}/{SHARD_GLOB}"


def shard_name(index: int, total: int) -> str:
    """``train-00000-of-00003.parquet``: the Hub's shard naming."""
    return f"train-{index:05d}-of-{total:05d}.parquet"


def hub_features(schema: pa.Schema) -> Any:
    """``datasets.Features`` for an Arrow schema, with ``label`` as ``ClassLabel(A, B, C)``."""
    from datasets import ClassLabel, Features

    features = Features.from_arrow_schema(schema)
    if "label" in features:
        features["label"] = ClassLabel(names=list(LABEL_NAMES))
    return features


def write_config(
    con: duckdb.DuckDBPyConnection,
    select: str,
    release: Path,
    name: str,
    *,
    max_shard_bytes: int = MAX_SHARD_BYTES,
    max_row_group_bytes: int = MAX_ROW_GROUP_BYTES,
) -> WrittenConfig:
    """Stream ``select`` into ``release/data/<name>/`` as bounded shards; say what was written."""
    reader = con.sql(select).to_arrow_reader(FETCH_ROWS)
    writer = ShardWriter(release, name, reader.schema, max_shard_bytes=max_shard_bytes,
                         max_row_group_bytes=max_row_group_bytes)  # fmt: skip
    for batch in reader:
        writer.write(batch)
    return writer.close()


class HashingFile:
    """A file being written, hashed (sha256) as its bytes go out: no second read to hash it."""

    def __init__(self, path: Path) -> None:
        self.handle = path.open("wb")
        self.sha256, self.size = hashlib.sha256(), 0

    def write(self, data) -> int:
        view = memoryview(data)
        self.sha256.update(view)
        self.size += view.nbytes
        return self.handle.write(view)

    def tell(self) -> int:
        return self.size

    def flush(self) -> None:
        self.handle.flush()

    @property
    def closed(self) -> bool:
        return self.handle.closed

    def close(self) -> None:
        self.handle.close()


class ShardWriter:
    """Rows pushed in Arrow batches, written to ``release/data/<name>/`` as bounded shards.

    Holds at most one row group (``max_row_group_bytes``) in memory: a config of any size
    streams through (``write`` per batch, ``close`` once, which names the shards).
    """

    def __init__(
        self,
        release: Path,
        name: str,
        schema: pa.Schema,
        *,
        max_shard_bytes: int = MAX_SHARD_BYTES,
        max_row_group_bytes: int = MAX_ROW_GROUP_BYTES,
    ) -> None:
        if max_row_group_bytes < 1 or max_shard_bytes < 1:
            raise DrqaError("shard and row-group limits must be positive byte counts")
        self.release, self.name, self.schema = release, name, schema
        self.folder = release / "data" / name
        self.folder.mkdir(parents=True, exist_ok=True)
        self.max_shard_bytes, self.max_row_group_bytes = max_shard_bytes, max_row_group_bytes
        self.parts: list[Path] = []
        self.hashes: list[tuple[str, int]] = []  # (sha256, bytes) of each closed part
        self.sink = self.writer = None
        self.pending: list[pa.RecordBatch] = []
        self.pending_bytes = self.rows = self.num_bytes = 0

    def write(self, batch: pa.RecordBatch | pa.Table) -> None:
        """Add rows (a batch or a table of this config's schema)."""
        batches = batch.to_batches() if isinstance(batch, pa.Table) else [batch]
        for part in batches:
            self.pending.append(part)
            self.pending_bytes += part.nbytes
            if self.pending_bytes >= self.max_row_group_bytes:
                self._flush()

    def _flush(self) -> None:
        if not self.pending:
            return
        table = pa.Table.from_batches(self.pending, schema=self.schema)
        self.pending, self.pending_bytes = [], 0
        per_row = max(1, table.nbytes // max(1, table.num_rows))
        step = max(1, self.max_row_group_bytes // per_row)
        for start in range(0, table.num_rows, step):
            if self.writer is None:
                self.parts.append(self.folder / f".part-{len(self.parts):05d}.parquet")
                self.sink = HashingFile(self.parts[-1])
                self.writer = pq.ParquetWriter(self.sink, self.schema, compression="zstd")
            chunk = table.slice(start, step)
            self.writer.write_table(chunk, row_group_size=chunk.num_rows)
            self.rows += chunk.num_rows
            self.num_bytes += chunk.nbytes
            if self.sink.tell() >= self.max_shard_bytes:
                self._close_shard()

    def _close_shard(self) -> None:
        self.writer.close()
        self.sink.close()
        self.hashes.append((self.sink.sha256.hexdigest(), self.sink.size))
        self.sink = self.writer = None

    def close(self) -> WrittenConfig:
        """Write what is pending, name the shards ``train-0000k-of-0000n``, say what was written."""
        self._flush()
        if self.writer is not None:
            self._close_shard()
        if not self.parts:  # no rows: one empty shard keeps the config loadable
            self.parts.append(self.folder / ".part-00000.parquet")
            pq.write_table(self.schema.empty_table(), self.parts[-1], compression="zstd")
        files = []
        for index, part in enumerate(self.parts):
            final = self.folder / shard_name(index, len(self.parts))
            part.rename(final)
            files.append(final.relative_to(self.release).as_posix())
        features = hub_features(self.schema)
        hashes = tuple((f, *h) for f, h in zip(files, self.hashes, strict=False))
        return WrittenConfig(self.name, tuple(files), self.rows, self.num_bytes, features, hashes)


class BackgroundShardWriter:
    """A :class:`ShardWriter` whose writes (Parquet encoding, zstd: no GIL held) run in a thread
    while the caller builds the next batch; at most one batch waits, so memory stays bounded."""

    def __init__(self, writer: ShardWriter) -> None:
        self.writer, self.schema = writer, writer.schema
        self.pool = ThreadPoolExecutor(1, thread_name_prefix=f"drqa-shards-{writer.name}")
        self.pending: Future | None = None

    def write(self, batch: pa.RecordBatch | pa.Table) -> None:
        """Queue rows (after the previous batch is written)."""
        self._wait()
        self.pending = self.pool.submit(self.writer.write, batch)

    def _wait(self) -> None:
        if self.pending is not None:
            pending, self.pending = self.pending, None
            pending.result()  # a write's error is raised here

    def abandon(self) -> None:
        """Stop without closing the shards (the caller failed): the thread ends, errors dropped."""
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pending = None

    def close(self) -> WrittenConfig:
        """Finish the writes and close the shards (:meth:`ShardWriter.close`)."""
        try:
            self._wait()
        finally:
            self.pool.shutdown(wait=True)
        return self.writer.close()

    def close_later(self) -> Future:
        """:meth:`close` in the writer's thread, after the writes queued: the caller goes on (the
        next config) while the last row groups are compressed; the future's result is the
        :class:`WrittenConfig` (or a write's error)."""
        pending, self.pending = self.pending, None
        future = self.pool.submit(self._finish, pending)
        self.pool.shutdown(wait=False)
        return future

    def _finish(self, pending: Future | None) -> WrittenConfig:
        if pending is not None:
            pending.result()  # ran before this (one thread, in order); its error is raised here
        return self.writer.close()


def config_files(release: Path, name: str) -> list[Path]:
    """A release config's shard files, in order."""
    return sorted((release / "data" / name).glob(SHARD_GLOB))
