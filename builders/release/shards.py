"""One release config as Parquet shards of bounded size, in the Hub's layout.

``data/<config>/train-0000k-of-0000n.parquet``: rows stream out of DuckDB in record batches and
go into row groups of at most ``max_row_group_bytes`` (uncompressed Arrow bytes, the size the Hub
viewer reads at once) and files of at most ``max_shard_bytes`` (compressed, on disk). ``label``
stays a readable string in the Parquet (for SQL and Polars users); the card's ``dataset_info``
declares it a ``ClassLabel(A, B, C)``, which ``datasets.load_dataset(folder, config)`` applies.
"""

from __future__ import annotations

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
    if max_row_group_bytes < 1 or max_shard_bytes < 1:
        raise DrqaError("shard and row-group limits must be positive byte counts")
    folder = release / "data" / name
    folder.mkdir(parents=True, exist_ok=True)
    reader = con.sql(select).to_arrow_reader(FETCH_ROWS)
    features = hub_features(reader.schema)
    schema = reader.schema
    parts: list[Path] = []
    sink = writer = None
    pending: list[pa.RecordBatch] = []
    pending_bytes = rows = num_bytes = 0

    def flush() -> None:
        nonlocal sink, writer, pending, pending_bytes, rows, num_bytes
        if not pending:
            return
        table = pa.Table.from_batches(pending, schema=schema)
        pending, pending_bytes = [], 0
        per_row = max(1, table.nbytes // max(1, table.num_rows))
        step = max(1, max_row_group_bytes // per_row)
        for start in range(0, table.num_rows, step):
            if writer is None:
                parts.append(folder / f".part-{len(parts):05d}.parquet")
                sink = pa.OSFile(str(parts[-1]), "wb")
                writer = pq.ParquetWriter(sink, schema, compression="zstd")
            chunk = table.slice(start, step)
            writer.write_table(chunk, row_group_size=chunk.num_rows)
            rows += chunk.num_rows
            num_bytes += chunk.nbytes
            if sink.tell() >= max_shard_bytes:
                writer.close()
                sink.close()
                sink = writer = None

    for batch in reader:
        pending.append(batch)
        pending_bytes += batch.nbytes
        if pending_bytes >= max_row_group_bytes:
            flush()
    flush()
    if writer is not None:
        writer.close()
        sink.close()
    if not parts:  # no rows: one empty shard keeps the config loadable
        parts.append(folder / ".part-00000.parquet")
        pq.write_table(schema.empty_table(), parts[-1], compression="zstd")
    files = []
    for index, part in enumerate(parts):
        final = folder / shard_name(index, len(parts))
        part.rename(final)
        files.append(final.relative_to(release).as_posix())
    return WrittenConfig(name, tuple(files), rows, num_bytes, features)


def config_files(release: Path, name: str) -> list[Path]:
    """A release config's shard files, in order."""
    return sorted((release / "data" / name).glob(SHARD_GLOB))
