"""One sequential scan hands a query's rows out in key order (issue 20: time linear in the
corpus): the same rows and types as a ranged ``ORDER BY`` query, through bucket files or not."""

from __future__ import annotations

import threading

import duckdb
import polars as pl
import pytest

from drqa.builders.release import export, key_order
from drqa.builders.release.key_order import KeyOrderedScan, ScanStopped
from drqa.builders.release.snapshot import make_release

_ROWS = """
SELECT 'k' || lpad(CAST((i * 7919) % 500 AS VARCHAR), 4, '0') AS id,
       repeat('text ', CAST(i % 37 AS INTEGER)) AS body,
       [i, i + 1] AS pair, {'n': i} AS box
FROM range(500) t(i)
"""


@pytest.fixture()
def con():
    con = duckdb.connect()
    con.execute(f"CREATE TABLE rows AS {_ROWS}")  # stored out of key order
    yield con
    con.close()


@pytest.mark.parametrize("bucket_bytes", [10**9, 4000])  # sorted at once / through ~40 buckets
def test_ranges_hold_the_rows_an_ordered_query_gives(con, tmp_path, monkeypatch, bucket_bytes):
    monkeypatch.setattr(key_order, "BUCKET_BYTES", bucket_bytes)
    monkeypatch.setattr(key_order, "SCAN_ROWS", 32)
    monkeypatch.setattr(key_order, "GROUP_ROWS", 64)  # batches ranked two at a time
    keys = pl.Series("id", sorted(r[0] for r in con.sql("SELECT id FROM rows").fetchall()))
    ordered = "SELECT * FROM rows WHERE id >= $lo AND id <= $hi ORDER BY id"
    with KeyOrderedScan(con, "SELECT * FROM rows", "id", keys, tmp_path) as scan:
        for start in range(0, keys.len(), 23):
            lo, hi = keys[start], keys[min(start + 22, keys.len() - 1)]
            got = scan.rows_between(lo, hi)
            assert got.equals(con.sql(ordered, params={"lo": lo, "hi": hi}).to_arrow_table())
            assert got.column(0).num_chunks <= 1
        if bucket_bytes < 10**9:
            assert len(scan.files) > 5  # the small buckets were used
    assert list(tmp_path.iterdir()) == []  # bucket files removed
    with KeyOrderedScan(con, "SELECT * FROM rows", "id", keys, tmp_path) as scan:
        whole = scan.rows_between(keys[0], keys[-1])
    expected = con.sql("SELECT * FROM rows ORDER BY id").to_arrow_table()
    assert whole.equals(expected)
    if bucket_bytes == 10**9:  # one bucket: validity bitmaps as DuckDB's (the card's bytes)
        assert whole.nbytes == expected.nbytes


@pytest.mark.parametrize("bucket_bytes", [10**9, 4000])
def test_rows_whose_key_is_not_asked_for_are_left_out(con, tmp_path, monkeypatch, bucket_bytes):
    monkeypatch.setattr(key_order, "BUCKET_BYTES", bucket_bytes)
    monkeypatch.setattr(key_order, "SCAN_ROWS", 32)
    monkeypatch.setattr(key_order, "GROUP_ROWS", 64)
    every = sorted(r[0] for r in con.sql("SELECT id FROM rows").fetchall())
    keys = pl.Series("id", every[1::3])  # a third of them, the first one not among them
    with KeyOrderedScan(con, "SELECT * FROM rows", "id", keys, tmp_path) as scan:
        got = scan.rows_between(every[0], every[-1])
    assert got.column("id").to_pylist() == keys.to_list()
    kept = con.sql(
        "SELECT * FROM rows WHERE id IN (SELECT unnest($keys)) ORDER BY id",
        params={"keys": keys.to_list()},
    ).to_arrow_table()
    assert got.equals(kept)


def test_key_ranks_find_each_key_and_nothing_else():
    keys = pl.Series("id", ["a", "b", "d", "é", "ü"])
    ranks = key_order.KeyRanks(keys)
    values = pl.Series("id", ["d", "c", None, "a", "ü", "zz", "é", "b"])
    assert ranks(values).tolist() == [2, -1, -1, 0, 4, -1, 3, 1]
    ranks.distinct = False  # as when two keys share a hash: binary search on the keys
    assert ranks(values).tolist() == [2, -1, -1, 0, 4, -1, 3, 1]
    assert key_order.KeyRanks(pl.Series("id", [], dtype=pl.String))(values).tolist() == [-1] * 8


def test_a_set_stop_event_ends_the_scan(con, tmp_path):
    stop = threading.Event()
    stop.set()
    keys = pl.Series("id", ["k0000"])
    scan = KeyOrderedScan(con, "SELECT * FROM rows", "id", keys, tmp_path, stop=stop)
    with scan, pytest.raises(ScanStopped):
        scan.rows_between("k0000", "k0000")
    assert list(tmp_path.iterdir()) == []


def test_release_through_bucket_files_has_the_same_bytes(release_ws, monkeypatch):
    monkeypatch.setattr(export, "MAX_RANGE_ROWS", 7)
    monkeypatch.setattr(export, "FIRST_RANGE_ROWS", 3)
    whole = make_release(release_ws, "1.0.0")
    monkeypatch.setattr(key_order, "BUCKET_BYTES", 2000)  # every config through many buckets
    monkeypatch.setattr(key_order, "SCAN_ROWS", 16)
    monkeypatch.setattr(key_order, "GROUP_ROWS", 32)
    loads, load = [], KeyOrderedScan._load
    monkeypatch.setattr(KeyOrderedScan, "_load", lambda self, i: loads.append(i) or load(self, i))
    bucketed = make_release(release_ws, "1.0.1")
    assert len(loads) > 10  # bucket files written and read back
    shards = sorted(p.relative_to(whole) for p in (whole / "data").rglob("*.parquet"))
    assert shards and shards == sorted(
        p.relative_to(bucketed) for p in (bucketed / "data").rglob("*.parquet")
    )
    for shard in shards:
        assert (whole / shard).read_bytes() == (bucketed / shard).read_bytes(), shard
    assert not list(bucketed.rglob(".key-order-*"))
