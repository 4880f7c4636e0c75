"""The release's configs streamed out in key ranges (issue 20: bounded memory, time linear in
the corpus).

No query sorts a whole config: each config's rows are read in one sequential scan and handed out
in ranges of their sort key (``chain_id``, ``request_id``, ``problem_id``) by
:class:`key_order.KeyOrderedScan` (bucket files in key order past ``BUCKET_BYTES``), the ranges
taken from ids already in memory. ``labels`` and ``chat`` reuse the gate's frame (ids, labels,
sizes; the texts are stand-ins there) and take only the texts of each range of chains; each
range becomes ``labels`` rows (:func:`gate_data.release_labels`) and their ``chat`` rows
(:func:`chat.chat_rows`), pushed to shard writers that write (and hash) in threads and hold one
row group each. A range holds about ``RANGE_BYTES`` of text whatever the chain length (its size
adapts to the bytes per row seen so far); a ``stop`` event (a failing gate) ends the export at
the next range. The Arrow types are those DuckDB gives the same frames (what a release has
always written).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

from drqa.builders.release.chat import chat_rows, edit_counts, edit_kinds
from drqa.builders.release.gate_data import (
    TEXT_COLUMNS,
    release_labels,
    text_columns_sql,
)
from drqa.builders.release.key_order import KeyOrderedScan, ScanStopped
from drqa.builders.release.shards import BackgroundShardWriter, ShardWriter, WrittenConfig
from drqa.schema import LABELS

RANGE_BYTES = 64 * 2**20  # rows per range: about this much Arrow data
FIRST_RANGE_ROWS = 1024  # before any bytes per row are known
MAX_RANGE_ROWS = 65_536
_TEXTS_SQL = """
SELECT c.chain_id, {texts}
FROM chains c LEFT JOIN problems p ON p.problem_id = c.problem_id
WHERE c.chain_id >= $lo AND c.chain_id <= $hi
"""


class Ranges:
    """Consecutive slices ``(start, length)`` of ``n`` sorted keys; after the first, each holds
    about ``RANGE_BYTES`` (report what a slice weighed with :meth:`saw`)."""

    def __init__(self, n: int) -> None:
        self.n, self.rows = n, min(FIRST_RANGE_ROWS, MAX_RANGE_ROWS)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        start = 0
        while start < self.n:
            length = min(self.rows, self.n - start)
            yield start, length
            start += length

    def saw(self, rows: int, nbytes: int) -> None:
        """A slice of ``rows`` rows came to ``nbytes``: size the next ones from it."""
        per_row = max(1, nbytes // max(1, rows))
        self.rows = max(1, min(MAX_RANGE_ROWS, RANGE_BYTES // per_row))


def _via_duckdb(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame) -> pa.Table:
    """``frame`` as DuckDB reads it back (string, list: not large_*; as releases always were)."""
    con.register("drqa_export_batch", frame.to_arrow())
    try:
        return con.sql("SELECT * FROM drqa_export_batch").to_arrow_table()
    finally:
        con.unregister("drqa_export_batch")


def _range_rows(scan: KeyOrderedScan, lo, hi) -> pa.Table:
    """One key range's rows (read back from the scan's buckets; the first call scans)."""
    try:
        return scan.rows_between(lo, hi)
    except ScanStopped:
        raise ExportStopped() from None


def _problems_build_side(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Settings that keep the texts scan's hash table on ``problems`` (the right side of its
    LEFT JOIN: short texts, one row per problem): DuckDB's ``build_side_probe_side`` optimizer
    may swap the sides when the chains' key filter looks selective, and a hash table of every
    chain's texts runs out of the export's bounded memory (300k chains of 1,500 words)."""
    known = con.execute(
        "SELECT count(*) FROM duckdb_optimizers() WHERE name = 'build_side_probe_side'"
    ).fetchone()[0]
    return {"disabled_optimizers": "build_side_probe_side"} if known else {}


class ExportStopped(Exception):
    """The export was asked to stop (``stop`` set: the gate beside it failed)."""


def _check(stop: threading.Event | None) -> None:
    if stop is not None and stop.is_set():
        raise ExportStopped()


def _as_arrow(frame: pl.DataFrame, schema: pa.Schema) -> pa.Table:
    """``frame`` in the config's Arrow types (those :func:`_via_duckdb` gave its empty frame)."""
    return frame.to_arrow(compat_level=pl.CompatLevel.oldest()).cast(schema)


def _with_texts(part: pl.DataFrame, texts: pl.DataFrame) -> pl.DataFrame:
    """``part`` with its text columns from ``texts`` (a row per chain): side by side when the
    scan gave the same chains in the same order (it does: no copy of the texts), else joined."""
    if texts["chain_id"].equals(part["chain_id"]):
        return part.drop(*TEXT_COLUMNS).hstack(texts.drop("chain_id"))
    return part.drop(*TEXT_COLUMNS).join(texts, on="chain_id", how="left", maintain_order="left")


def write_labels_and_chat(
    con: duckdb.DuckDBPyConnection, release: Path, candidates: pl.DataFrame,
    stop: threading.Event | None = None, *, later: bool = False,
) -> tuple[WrittenConfig | Future, WrittenConfig | Future, dict[str, int]]:  # fmt: skip
    """Stream the released chains into the ``labels`` and ``chat`` configs of ``release``.

    ``candidates`` is the gate's frame ordered by ``chain_id`` (its text columns may be
    stand-ins: the texts are read here, one range of chains at a time). Returns both configs
    (with ``later``: futures of them, their last row groups written in their threads) and the
    rows per kind of chat edit (for the card).
    """
    empty = release_labels(candidates.clear())
    side = con.cursor()  # the empty frames convert here, apart from the queries on ``con``
    labels = BackgroundShardWriter(ShardWriter(release, "labels", _via_duckdb(side, empty).schema))
    chat_schema = _via_duckdb(side, chat_rows(empty)).schema
    chat = BackgroundShardWriter(ShardWriter(release, "chat", chat_schema))
    side.close()
    notes = edit_kinds([])
    released = candidates.filter(pl.col("label").is_in(LABELS))  # what release_labels keeps
    texts_sql = _TEXTS_SQL.format(texts=text_columns_sql(True))
    ranges, keys = Ranges(released.height), released["chain_id"]
    whole = {"lo": keys.min(), "hi": keys.max()}  # every chain between: what each range read
    scan = KeyOrderedScan(con, texts_sql, "chain_id", keys, release, params=whole, stop=stop,
                          settings=_problems_build_side(con))  # fmt: skip
    try:
        for start, length in ranges:
            _check(stop)
            part = released.slice(start, length)
            texts = pl.from_arrow(_range_rows(scan, part["chain_id"][0], part["chain_id"][-1]))
            ranges.saw(length, texts.estimated_size())
            part = _with_texts(part, texts)
            rows = release_labels(part.select(candidates.columns))
            chats = chat_rows(rows)
            labels.write(_as_arrow(rows, labels.schema))
            chat.write(_as_arrow(chats, chat.schema))
            for kind, n in edit_counts(chats["chat_edits"]).items():
                notes[kind] += n
    except BaseException:
        labels.abandon()
        chat.abandon()
        raise
    finally:
        scan.close()
    if later:
        return labels.close_later(), chat.close_later(), notes
    return labels.close(), chat.close(), notes


def write_ranges(
    con: duckdb.DuckDBPyConnection, select: str, key: str, keys: pl.Series, release: Path,
    name: str, stop: threading.Event | None = None, *, later: bool = False,
) -> WrittenConfig | Future:  # fmt: skip
    """Write ``select`` (a query with a ``WHERE`` ending in ``ORDER BY <key>``) into the config
    ``name``, one range of the sorted distinct ``keys`` at a time (its rows: those keys); with
    ``later``, a future of the config (its last row groups written in the writer's thread)."""
    head = select.rsplit("ORDER BY", 1)[0].rstrip()
    keys = keys.drop_nulls().unique().sort()
    schema = con.sql(f"{head} AND false").to_arrow_table().schema
    writer = BackgroundShardWriter(ShardWriter(release, name, schema))
    ranges = Ranges(keys.len())
    scan = KeyOrderedScan(con, head, keys.name, keys, release, stop=stop)
    try:
        for start, length in ranges:
            _check(stop)
            part = keys.slice(start, length)
            table = _range_rows(scan, part[0], part[-1])
            ranges.saw(length, table.nbytes)
            writer.write(table)
    except BaseException:
        writer.abandon()
        raise
    finally:
        scan.close()
    return writer.close_later() if later else writer.close()
