"""Catalog statements for the labelling stage."""

from __future__ import annotations

import duckdb


def run_sql(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> None:
    """Execute one statement and finish its result (duckdb 2.0 blocks on unfinished ones)."""
    result = con.execute(sql, params) if params is not None else con.execute(sql)
    result.fetchall()


def query_frame(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):
    """A query's result as a Polars frame (through Arrow)."""
    import polars as pl

    return pl.from_arrow(con.sql(sql, params=params).to_arrow_table())
