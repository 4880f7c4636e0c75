"""The configs stream out in key ranges (issue 20): the same release whatever the range size,
chat rows aligned with labels rows, shards bounded by the writer."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from drqa.builders.release import export
from drqa.builders.release.manifest import file_sha256
from drqa.builders.release.shards import ShardWriter, config_files
from drqa.builders.release.snapshot import make_release
from tests.builders.conftest import release_sql


def _config(folder, name: str) -> pa.Table:
    return pa.concat_tables(pq.read_table(path) for path in config_files(folder, name))


def test_release_is_the_same_at_any_range_size(release_ws, monkeypatch):
    whole = make_release(release_ws, "1.0.0")
    monkeypatch.setattr(export, "MAX_RANGE_ROWS", 7)  # 180 chains -> 26 ranges, and
    monkeypatch.setattr(export, "FIRST_RANGE_ROWS", 3)  # generations and problems in ranges too
    batched = make_release(release_ws, "1.0.1")
    for name in ("labels", "chat", "generations", "problems"):
        assert _config(batched, name).equals(_config(whole, name)), name
    labels, chat = _config(batched, "labels"), _config(batched, "chat")
    ids = labels["chain_id"].to_pylist()
    assert ids == sorted(ids) and chat["chain_id"].to_pylist() == ids
    assert (whole / "README.md").read_text().count("chat_edits") > 0


def test_chains_left_out_between_released_ones_leave_no_gap_at_any_range_size(
    release_ws, monkeypatch
):
    release_sql(  # two labelled chains that are no release's (outside A/B/C), mid-corpus
        release_ws,
        "UPDATE chains SET label = 'D' WHERE chain_id IN (SELECT chain_id FROM chains "
        "WHERE label IS NOT NULL ORDER BY chain_id LIMIT 2 OFFSET 40)",
    )
    whole = make_release(release_ws, "1.0.0", override="labels outside A/B/C on purpose")
    monkeypatch.setattr(export, "MAX_RANGE_ROWS", 7)
    monkeypatch.setattr(export, "FIRST_RANGE_ROWS", 3)
    batched = make_release(release_ws, "1.0.1", override="labels outside A/B/C on purpose")
    labels, chat = _config(batched, "labels"), _config(batched, "chat")
    assert labels.equals(_config(whole, "labels")) and chat.equals(_config(whole, "chat"))
    assert set(labels["label"].to_pylist()) <= {"A", "B", "C"}
    assert chat["chain_id"].to_pylist() == labels["chain_id"].to_pylist()
    with release_ws.read() as con:
        kept = con.execute(
            "SELECT chain_id FROM chains WHERE label IN ('A', 'B', 'C') ORDER BY chain_id"
        ).fetchall()
    assert labels["chain_id"].to_pylist() == [k for (k,) in kept]


def test_shard_writer_bounds_shards_and_keeps_rows_in_order(tmp_path):
    schema = pa.schema([("i", pa.int64()), ("text", pa.string())])
    writer = ShardWriter(tmp_path, "rows", schema, max_shard_bytes=4096, max_row_group_bytes=2048)
    for start in range(0, 1000, 100):
        values = list(range(start, start + 100))
        writer.write(pa.table({"i": values, "text": [f"row {v} " * 8 for v in values]}))
    written = writer.close()
    assert written.num_rows == 1000 and len(written.files) > 1
    assert written.files[0].endswith(f"train-00000-of-{len(written.files):05d}.parquet")
    back = pa.concat_tables(pq.read_table(tmp_path / f) for f in written.files)
    assert back["i"].to_pylist() == list(range(1000))
    # each shard was hashed as it was written: the manifest need not read it again
    on_disk = [(f, file_sha256(tmp_path / f), (tmp_path / f).stat().st_size) for f in written.files]
    assert list(written.hashes) == on_disk


def test_shard_writer_without_rows_writes_one_empty_loadable_shard(tmp_path):
    schema = pa.schema([("i", pa.int64())])
    written = ShardWriter(tmp_path, "empty", schema).close()
    assert written.num_rows == 0 and len(written.files) == 1
    assert pq.read_table(tmp_path / written.files[0]).schema == schema


def test_a_stopped_export_writes_no_range(release_ws, tmp_path):
    import threading

    import pytest

    from drqa.builders.release.config import GateConfig
    from drqa.builders.release.gate import read_workspace_gate_input

    data = read_workspace_gate_input(release_ws, GateConfig(), texts=False)
    stop = threading.Event()
    stop.set()  # what a failing gate beside the export does
    with release_ws.read() as con, pytest.raises(export.ExportStopped):
        export.write_labels_and_chat(con, tmp_path, data.candidates, stop)
    assert not list((tmp_path / "data").rglob("*.parquet"))


def test_ranges_cover_every_key_once_and_shrink_for_long_rows(monkeypatch):
    monkeypatch.setattr(export, "RANGE_BYTES", 1000)
    ranges, seen = export.Ranges(5000), []
    for start, length in ranges:
        seen.append((start, length))
        ranges.saw(length, length * (10 if start < 3000 else 500))  # rows get longer
    assert seen[0] == (0, export.FIRST_RANGE_ROWS) and seen[1][1] == 100
    assert {length for start, length in seen if start >= 3100} == {2}
    covered = [i for start, length in seen for i in range(start, start + length)]
    assert covered == list(range(5000))


def test_close_later_writes_the_same_shards_and_raises_a_write_error(tmp_path):
    import pytest

    from drqa.builders.release.shards import BackgroundShardWriter

    schema = pa.schema([("i", pa.int64())])
    done = {}
    for name in ("now", "later"):
        writer = BackgroundShardWriter(ShardWriter(tmp_path / name, "rows", schema))
        for start in range(0, 300, 100):
            writer.write(pa.table({"i": list(range(start, start + 100))}))
        done[name] = writer.close() if name == "now" else writer.close_later().result()
    assert done["now"].num_rows == done["later"].num_rows == 300
    assert [h[1] for h in done["now"].hashes] == [h[1] for h in done["later"].hashes]
    broken = BackgroundShardWriter(ShardWriter(tmp_path / "bad", "rows", schema))
    broken.write(pa.table({"other": [1]}))  # not the config's schema: the write fails
    with pytest.raises(Exception):  # noqa: B017 - whichever error the Parquet writer raises
        broken.close_later().result()


def test_texts_go_beside_their_chains_in_order_or_not():
    import polars as pl

    texts = {name: [f"{name} of {c}" for c in ("a", "b", "c")] for name in export.TEXT_COLUMNS}
    part = pl.DataFrame({"chain_id": ["a", "b", "c"], "label": ["A", "B", "C"]}).with_columns(
        pl.lit("").alias(name) for name in export.TEXT_COLUMNS
    )
    aligned = pl.DataFrame({"chain_id": ["a", "b", "c"], **texts})
    expected = part.drop(*export.TEXT_COLUMNS).hstack(aligned.drop("chain_id"))
    assert export._with_texts(part, aligned).equals(expected)
    assert export._with_texts(part, aligned.reverse()).equals(expected)  # joined on chain_id
