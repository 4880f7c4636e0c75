"""A query's rows handed out in key order after one sequential scan (issue 20: time linear in
the corpus).

The catalog's tables are not stored in key order, so a query per key range reads blocks from all
over the table and costs more the bigger the table: the export's ranges made the release
quadratic. :class:`KeyOrderedScan` runs the query once, unordered, in record batches (DuckDB's
memory stays bounded). Each row's place is the rank of its key among the sorted ``keys`` (a
binary search; a row whose key is not one of them is left out), so no row is compared with
another: rows that come to at most ``BUCKET_BYTES`` are put in order at once (one Arrow
``take``); past that, each row goes to one of a few bucket files (Arrow IPC) by its rank: bucket
``i`` holds the ``i``-th slice of the sorted keys, about ``BUCKET_BYTES`` of rows.
:meth:`KeyOrderedScan.rows_between` reads the buckets back one at a time, in key order, each put
in order by its ranks: the rows of a key range are the same rows (same Arrow types) a
``WHERE key BETWEEN lo AND hi ORDER BY key`` query gives for keys that are unique and among
``keys``, for a fixed cost per row. At most two buckets are in memory; past ``MAX_BUCKETS``
buckets (a corpus of ~16 GB of rows) the buckets grow instead of their number.
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

BUCKET_BYTES = 64 * 2**20  # Arrow bytes per bucket (what is in memory when it is read back)
MAX_BUCKETS = 256  # open bucket files during the scan
SCAN_ROWS = 2048  # rows per record batch of the scan
GROUP_BYTES = 8 * 2**20  # batches ranked and placed together: up to this many bytes
GROUP_ROWS = 65_536  # or rows


class ScanStopped(Exception):
    """The scan was asked to stop (its ``stop`` event was set)."""


class KeyOrderedScan:
    """The rows of ``select`` (any order; ``params`` bound) whose ``key`` is one of ``keys``
    (sorted, unique), handed out in key order, range by range: call :meth:`rows_between` with
    increasing ranges of ``keys``, then :meth:`close` (removes the buckets).

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
        self.ranks = KeyRanks(keys)
        self.per_bucket = max(1, keys.len())  # ranks per bucket file
        self.files: list[Path] = []
        self.loaded = 0  # buckets read back so far
        self.buffer: pa.Table | None = None  # rows read back, not handed out yet, in order
        self.buffer_ranks = np.empty(0, dtype=np.int64)

    def rows_between(self, lo, hi) -> pa.Table:
        """The rows with ``lo <= key <= hi``, in key order (one chunk); ranges must increase."""
        if self.dir is None:
            self._scan()
        first = int(self.keys.search_sorted(lo, side="left"))
        end = int(self.keys.search_sorted(hi, side="right"))  # ranks first .. end - 1
        while self.files and self.loaded <= min((end - 1) // self.per_bucket, len(self.files) - 1):
            self._load(self.loaded)
        start = int(np.searchsorted(self.buffer_ranks, first, side="left"))
        stop = int(np.searchsorted(self.buffer_ranks, end, side="left"))
        rows = self.buffer.slice(start, stop - start)
        self.buffer, self.buffer_ranks = self.buffer.slice(stop), self.buffer_ranks[stop:]
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
        self.held: list[tuple[pa.Table, np.ndarray]] = []  # the first rows, up to one bucket
        self.held_bytes = 0
        writers: list[pa.ipc.RecordBatchFileWriter] = []
        batches: list[pa.RecordBatch] = []  # ranked and placed together (one call per ~8 MB)
        size = 0
        try:
            for batch in reader:
                if self.stop is not None and self.stop.is_set():
                    raise ScanStopped()
                batches.append(batch)
                size += batch.nbytes
                if size >= GROUP_BYTES or len(batches) * SCAN_ROWS >= GROUP_ROWS:
                    self._place(batches, writers)
                    batches, size = [], 0
            self._place(batches, writers)
        finally:
            for writer in writers:
                writer.close()
            reader.close()
        held, self.held = self.held, []
        rows = pa.concat_tables([t for t, _ in held]) if held else self.schema.empty_table()
        ranks = np.concatenate([r for _, r in held]) if held else np.empty(0, np.int64)
        self.buffer, self.buffer_ranks = self._ordered(rows, ranks)  # all in one bucket

    def _place(self, batches: list[pa.RecordBatch], writers: list) -> None:
        """Rank ``batches`` and hold them, or append them to their buckets once there are
        buckets (made when the rows held pass one bucket's bytes)."""
        if not batches:
            return
        rows, ranks = self._ranked(pa.Table.from_batches(batches, self.schema))
        if writers:
            self._spread(rows, ranks, writers)
            return
        self.held.append((rows, ranks))
        self.held_bytes += rows.nbytes
        if self.held_bytes > BUCKET_BYTES:  # buckets, sized from the rows held
            self._plan(sum(t.num_rows for t, _ in self.held), self.held_bytes)
            for i in range(-(-self.keys.len() // self.per_bucket)):
                self.files.append(self.dir / f"{i:05d}.arrow")
                writers.append(pa.ipc.new_file(str(self.files[-1]), self.schema))
            for part, part_ranks in self.held:
                self._spread(part, part_ranks, writers)
            self.held = []

    def _ranked(self, rows: pa.Table) -> tuple[pa.Table, np.ndarray]:
        """The ``rows`` whose key is one of ``keys``, and the rank of each one's key."""
        ranks = self.ranks(_series(rows.column(self.key)))
        known = ranks >= 0
        if known.all():
            return rows, ranks
        return rows.filter(pa.array(known)), ranks[known]

    @staticmethod
    def _ordered(rows: pa.Table, ranks: np.ndarray) -> tuple[pa.Table, np.ndarray]:
        """``rows`` and their ``ranks`` in rank order (stable), as one chunk, every array with
        a validity bitmap as DuckDB gives them (``take`` and Arrow IPC drop an all-valid one)."""
        order = np.argsort(ranks, kind="stable")
        taken = rows.take(pa.array(order)).combine_chunks()
        columns = [pa.chunked_array([_with_validity(c) for c in column.chunks], column.type)
                   for column in taken.columns]  # fmt: skip
        return pa.Table.from_arrays(columns, schema=taken.schema), ranks[order]

    def _plan(self, rows: int, nbytes: int) -> None:
        per_bucket = max(1, BUCKET_BYTES // max(1, nbytes // max(1, rows)))
        self.per_bucket = max(per_bucket, math.ceil(self.keys.len() / MAX_BUCKETS))

    def _spread(self, rows: pa.Table, ranks: np.ndarray, writers) -> None:
        """Append each row of ``rows`` to its rank's bucket."""
        bucket = ranks // self.per_bucket
        order = bucket.argsort(kind="stable")
        grouped, start = rows.take(pa.array(order)).combine_chunks(), 0
        for index, n in enumerate(np.bincount(bucket, minlength=len(writers)).tolist()):
            if n:
                writers[index].write_table(grouped.slice(start, n))
                start += n

    # -- reading back ----------------------------------------------------------------------

    def _load(self, index: int) -> None:
        """Read bucket ``index`` back, in order, after the rows left in the buffer."""
        with pa.memory_map(str(self.files[index])) as source:
            rows = pa.ipc.open_file(source).read_all()
        self.files[index].unlink()
        rows, ranks = self._ordered(rows, self.ranks(_series(rows.column(self.key))))
        self.buffer = pa.concat_tables([self.buffer, rows])
        self.buffer_ranks = np.concatenate([self.buffer_ranks, ranks])
        self.loaded = index + 1


class KeyRanks:
    """The rank of values among sorted unique ``keys`` (-1 for a value that is not a key),
    vectorised: 64-bit hashes of the keys sorted once, each value's hash found by binary
    search, then checked against the key itself (a binary search on the keys themselves when
    two keys share a hash)."""

    def __init__(self, keys: pl.Series) -> None:
        self.keys = keys
        hashes = keys.hash(seed=0).to_numpy()
        self.order = np.argsort(hashes, kind="stable")
        self.hashes = hashes[self.order]
        self.distinct = not bool((self.hashes[1:] == self.hashes[:-1]).any())

    def __call__(self, values: pl.Series) -> np.ndarray:
        n = self.keys.len()
        if n == 0:
            return np.full(values.len(), -1, dtype=np.int64)
        values = values.cast(self.keys.dtype)
        if self.distinct:
            at = np.searchsorted(self.hashes, values.hash(seed=0).to_numpy())
            rank = self.order[np.minimum(at, n - 1)]
        else:
            rank = self.keys.search_sorted(values, side="left").cast(pl.Int64).to_numpy()
            rank = np.minimum(rank, n - 1)
        same = (self.keys.gather(rank) == values).fill_null(False).to_numpy()
        return np.where(same, rank, -1).astype(np.int64)


def _series(column: pa.ChunkedArray | pa.Array) -> pl.Series:
    found = pl.from_arrow(column)
    return found if isinstance(found, pl.Series) else found.to_series()


_NESTED = (pa.types.is_list, pa.types.is_large_list, pa.types.is_fixed_size_list, pa.types.is_map)


def _with_validity(array: pa.Array) -> pa.Array:
    """``array`` (offset 0) with a validity bitmap on it and on its children: all-valid ones
    where there was none (the bytes a table reports, ``nbytes``, are then DuckDB's own)."""
    kind = array.type
    if pa.types.is_struct(kind):
        children = [_with_validity(array.field(i)) for i in range(kind.num_fields)]
    elif any(test(kind) for test in _NESTED):
        children = [_with_validity(array.values)]
    elif pa.types.is_dictionary(kind) or pa.types.is_union(kind) or pa.types.is_null(kind):
        return array  # not in a release's configs: left as it is
    else:
        children = None
    buffers = array.buffers()[: kind.num_buffers]
    if buffers[0] is None:
        bits = np.full(-(-(len(array) + array.offset) // 8), 0xFF, dtype=np.uint8)
        buffers[0] = pa.py_buffer(bits.tobytes())
    # null count -1 (counted when asked): with 0, Arrow drops the validity bitmap
    return pa.Array.from_buffers(kind, len(array), buffers, -1, array.offset, children)
