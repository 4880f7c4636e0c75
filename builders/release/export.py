"""The release's ``labels`` and ``chat`` configs, streamed (issue 20: bounded memory).

One ordered scan of the candidate chains, texts included (:func:`gate_data.candidates_sql`),
in record batches: each batch becomes ``labels`` rows (:func:`gate_data.release_labels`) and
their ``chat`` rows (:func:`chat.chat_rows`), pushed to two shard writers. Only one batch and
one row group per config are held at a time, whatever the corpus size. The Arrow types are
those DuckDB gives the same frames (what a release has always written).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

from drqa.builders.release.chat import chat_rows, edit_kinds
from drqa.builders.release.gate_data import candidates_sql, release_labels
from drqa.builders.release.shards import ShardWriter, WrittenConfig

BATCH_ROWS = 2048  # chains per batch: ~20 MB of text at 1,500 words a chain


def _via_duckdb(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame) -> pa.Table:
    """``frame`` as DuckDB reads it back (string, list: not large_*; as releases always were)."""
    con.register("drqa_export_batch", frame.to_arrow())
    try:
        return con.sql("SELECT * FROM drqa_export_batch").to_arrow_table()
    finally:
        con.unregister("drqa_export_batch")


def write_labels_and_chat(
    con: duckdb.DuckDBPyConnection, release: Path, template: pl.DataFrame
) -> tuple[WrittenConfig, WrittenConfig, dict[str, int]]:
    """Stream the released chains into the ``labels`` and ``chat`` configs of ``release``.

    ``template`` is any candidates frame (its columns and types; no rows needed). Returns both
    configs and the rows per kind of chat edit (for the card).
    """
    empty = release_labels(template.clear())
    side = con.cursor()  # batches convert here while the scan streams on ``con``
    labels = ShardWriter(release, "labels", _via_duckdb(side, empty).schema)
    chat = ShardWriter(release, "chat", _via_duckdb(side, chat_rows(empty)).schema)
    notes = edit_kinds([])
    for batch in con.sql(candidates_sql(con)).to_arrow_reader(BATCH_ROWS):
        rows = release_labels(pl.from_arrow(batch))
        if rows.is_empty():
            continue
        chats = chat_rows(rows)
        labels.write(_via_duckdb(side, rows))
        chat.write(_via_duckdb(side, chats))
        for kind, n in edit_kinds(chats["chat_edits"].to_list()).items():
            notes[kind] += n
    return labels.close(), chat.close(), notes
