"""A query's rows handed out in key order after one sequential scan (issue 20: time linear in
the corpus).

The catalog's tables are not stored in key order, so a query per key range reads blocks from all
over the table and costs more the bigger the table: the export's ranges made the release
quadratic. :class:`KeyOrderedScan` runs the query once, unordered, in record batches (DuckDB's
memory stays bounded). Rows that come to at most ``BUCKET_BYTES`` are sorted at once (by
DuckDB); past that, each row goes to one of a few bucket files (Arrow IPC) by its key: bucket
``i`` holds the ``i``-th slice of the sorted keys, about ``BUCKET_BYTES`` of rows.
:meth:`KeyOrderedScan.rows_between` reads the buckets back one at a time, in key order, each
sorted by DuckDB: the rows of a key range are the same rows (same Arrow types) a
``WHERE key BETWEEN lo AND hi ORDER BY key`` query gives, for a fixed cost per row. At most two
buckets are in memory; past ``MAX_BUCKETS`` buckets (a corpus of ~8 GB of rows) the buckets
grow instead of their number.
"""

from __future__ import annotations

import math
import shutil
import tempfile
import threading
from pathlib import Path

import duckdb
import numpy as np
import polars as pl
import pyarrow as pa

BUCKET_BYTES = 32 * 2**20  # Arrow bytes per bucket (what is in memory when it is read back)
MAX_BUCKETS = 256  # open bucket files during the scan
SCAN_ROWS = 2048  # rows per record batch of the scan


class ScanStopped(Exception):
    """The scan was asked to stop (its ``stop`` event was set)."""


class KeyOrderedScan:
    """The rows of ``select`` (any order; ``params`` bound) handed out in order of the column
    ``key``, range by range: call :meth:`rows_between` with increasing ranges of ``keys``
    (sorted; their spread sets the buckets), then :meth:`close` (removes the buckets).

    The scan runs on the first call, its bucket files in a hidden folder made in ``folder``.
    """

    def __init__(
        self, con: duckdb.DuckDBPyConnection, select: str, key: str, keys: pl.Series,
        folder: Path, *, params: dict | None = None, stop: threading.Event | None = None,
        settings: dict[str, str] | None = None,
    ) -> None:  # fmt: skip
        self.con, self.select, self.key, self.params, self.stop = con, select, key, params, stop
        # the scan's order does not matter: DuckDB need not hold rows back to keep it (with it,
        # a scan of long texts runs out of its bounded memory); ``settings`` add to it
        self.settings = {"preserve_insertion_order": "false", **(settings or {})}
        self.keys, self.folder = keys, folder
        self.dir: Path | None = None
        self.bounds = pl.Series(dtype=keys.dtype)  # the first key of buckets 1, 2, ...
        self.files: list[Path] = []
        self.loaded = 0  # buckets read back so far
        self.buffer: pa.Table | None = None  # rows read back, not handed out yet, sorted
        self.buffer_keys = pl.Series(dtype=keys.dtype)

    def rows_between(self, lo, hi) -> pa.Table:
        """The rows with ``lo <= key <= hi``, sorted by key (one chunk); ranges must increase."""
        if self.dir is None:
            self._scan()
        last = int(self.bounds.search_sorted(hi, side="right")) if self.bounds.len() else 0
        while self.loaded <= min(last, len(self.files) - 1):
            self._load(self.loaded)
        start = int(self.buffer_keys.search_sorted(lo, side="left"))
        end = int(self.buffer_keys.search_sorted(hi, side="right"))
        rows = self.buffer.slice(start, end - start)
        self.buffer, self.buffer_keys = self.buffer.slice(end), self.buffer_keys.slice(end)
        # a range across two buckets: one chunk, as one query gave
        return rows.combine_chunks() if rows.column(0).num_chunks > 1 else rows

    def close(self) -> None:
        """Remove the bucket files (also after an error)."""
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
        self.buffer = None

    def __enter__(self) -> KeyOrderedScan:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the scan --------------------------------------------------------------------------

    def _scan(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix=".key-order-", dir=self.folder))
        for name, value in self.settings.items():
            self.con.execute(f"SET {name} = '{value}'")
        try:
            self._scan_rows()
        finally:
            for name in self.settings:
                self.con.execute(f"RESET {name}")

    def _scan_rows(self) -> None:
        reader = self.con.sql(self.select, params=self.params).to_arrow_reader(SCAN_ROWS)
        self.schema = reader.schema
        held: list[pa.RecordBatch] = []  # the first rows, until they pass one bucket's bytes
        held_rows = held_bytes = 0
        writers: list[pa.ipc.RecordBatchFileWriter] = []
        try:
            for batch in reader:
                if self.stop is not None and self.stop.is_set():
                    raise ScanStopped()
                if writers:
                    self._spread(batch, writers)
                    continue
                held.append(batch)
                held_rows, held_bytes = held_rows + batch.num_rows, held_bytes + batch.nbytes
                if held_bytes > BUCKET_BYTES:  # buckets, sized from the rows held
                    self._plan(held_rows, held_bytes)
                    for i in range(self.bounds.len() + 1):
                        self.files.append(self.dir / f"{i:05d}.arrow")
                        writers.append(pa.ipc.new_file(str(self.files[-1]), self.schema))
                    for part in held:
                        self._spread(part, writers)
                    held = []
        finally:
            for writer in writers:
                writer.close()
            reader.close()
        self.buffer = self._sorted(pa.Table.from_batches(held, self.schema))  # all in one bucket
        self.buffer_keys = pl.from_arrow(self.buffer.column(self.key))

    def _sorted(self, rows: pa.Table) -> pa.Table:
        """``rows`` sorted by the key, by DuckDB (its types, as a ranged query gave them)."""
        self.con.register("drqa_key_order_rows", rows)
        try:
            return self.con.sql(
                f"SELECT * FROM drqa_key_order_rows ORDER BY {self.key}"
            ).to_arrow_table()
        finally:
            self.con.unregister("drqa_key_order_rows")

    def _plan(self, rows: int, nbytes: int) -> None:
        per_bucket = max(1, BUCKET_BYTES // max(1, nbytes // max(1, rows)))
        per_bucket = max(per_bucket, math.ceil(self.keys.len() / MAX_BUCKETS))
        self.bounds = self.keys.gather_every(per_bucket, offset=per_bucket)

    def _spread(self, batch: pa.RecordBatch, writers) -> None:
        """Append each row of ``batch`` to its key's bucket."""
        keys = pl.from_arrow(batch.column(self.key))
        bucket = self.bounds.search_sorted(keys, side="right").to_numpy()
        order = bucket.argsort(kind="stable")
        grouped, start = batch.take(pa.array(order)), 0
        for index, n in enumerate(np.bincount(bucket, minlength=len(writers)).tolist()):
            if n:
                writers[index].write_batch(grouped.slice(start, n))
                start += n

    # -- reading back ----------------------------------------------------------------------

    def _load(self, index: int) -> None:
        """Read bucket ``index`` back, sorted, after the rows left in the buffer."""
        with pa.memory_map(str(self.files[index])) as source:
            table = self._sorted(pa.ipc.open_file(source).read_all())
        self.files[index].unlink()
        self.buffer = pa.concat_tables([self.buffer, table])
        self.buffer_keys = pl.from_arrow(self.buffer.column(self.key))
        self.loaded = index + 1
