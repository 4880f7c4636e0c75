"""What a release would hold, read from the catalog: candidate chains with their problem,
request, generation and (when the review tables exist) the consensus human label.

The gate validates this frame; the release writes it. Reviews are optional at run time: the
``review_consensus`` view is looked up in ``information_schema`` so this works before and after
the review migration exists.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

from drqa.errors import DrqaError
from drqa.labeling.split.compliance import layout_counts
from drqa.schema import CHAIN_COLUMNS, LABELS, RELEASE_LABEL_COLUMNS, names, polars_schema

# Catalog columns the gate and release read, per table (the data contract of drqa.schema).
REQUIRED_CATALOG_COLUMNS = {
    "chains": names(CHAIN_COLUMNS),
    "problems": ("problem_id", "problem", "answer", "contaminated_by"),
    "requests": ("request_id", "batch_size", "template_name", "template_hash"),
    "generations": ("request_id", "status", "created_at"),
}  # fmt: skip

# Candidate columns the gate reads but a release does not ship; every other candidate column is
# a column of the release's ``labels`` config (drqa.schema.RELEASE_LABEL_COLUMNS, same order).
GATE_ONLY_COLUMNS = ("request_batch_size", "generation_status", "human_pure")
# The long texts of a candidate: what a release ships. The gate alone reads a stand-in for each
# (``left(text, 0)``: '' where the text is there, NULL where it is not, the column's own type),
# so its not-null and type checks see the same rows while its memory does not grow with text.
TEXT_COLUMNS = {
    "problem": "p.problem",
    "gold_answer": "p.answer",
    "chain": "c.reasoning",
    "thinking": "c.thinking",
    "answer_section": "c.answer_section",
}
_CANDIDATES_SQL = """
SELECT c.chain_id, c.problem_id, {texts}, c.truncation, c.shared_thinking,
       c.answer AS chain_answer,
       {label} AS label, c.label AS auto_label, {source} AS label_source,
       {n_reviewers} AS n_reviewers, {human_pure} AS human_pure,
       c.label_reason, c.needs_review, c.batch_size, r.batch_size AS request_batch_size,
       c.position, c.sample_index, c.request_id, c.run_id, c.model,
       c.split_status, c.split_confidence, c.verify_status,
       c.label_rule, c.verifier_version, c.splitter_version,
       c.thinking_tokens, c.answer_tokens, c.total_tokens, c.token_method,
       r.template_name, r.template_hash, g.status AS generation_status,
       p.contaminated_by, c.labelled_at
FROM chains c
LEFT JOIN problems p ON p.problem_id = c.problem_id
LEFT JOIN requests r ON r.request_id = c.request_id
LEFT JOIN generations g ON g.request_id = c.request_id
{review_join}
{pure_join}
WHERE {label} IS NOT NULL
ORDER BY c.chain_id
"""
# duplicate chain texts among the candidates, counted in DuckDB on 64-bit hashes (bounded memory)
_CHAIN_TEXTS_SQL = """
SELECT count(c.reasoning) AS n_chain_texts,
       count(DISTINCT hash(c.reasoning)) FILTER (WHERE c.reasoning IS NOT NULL)
           AS n_distinct_chain_texts  -- hash(NULL) is a value
FROM chains c
{review_join}
{pure_join}
WHERE {label} IS NOT NULL
"""

_STATUS_SQL = """
SELECT count(*) AS n_chains,
       count(*) FILTER (WHERE split_status <> 'ok') AS n_unsplittable,
       count(*) FILTER (WHERE split_status = 'ok') AS n_split,
       count(*) FILTER (WHERE split_status = 'ok'
                        AND (verify_status IS NULL OR verify_status IN ({unverifiable})))
           AS n_unverifiable,
       count(*) FILTER (WHERE split_status = 'ok' AND verify_status = 'timeout') AS n_timeout
FROM chains
"""


# answered requests that `drqa label` has not split into chains yet
_PENDING_SQL = """
SELECT count(*) FROM generations g
WHERE g.status = 'ok' AND NOT EXISTS (SELECT 1 FROM chains c WHERE c.request_id = g.request_id)
"""


# DuckDB for the gate's reads and the export: a fixed working memory (its block cache would
# otherwise keep up to 80% of the machine's memory of a scanned corpus; queries spill past it
# to a temporary folder), at most DUCKDB_THREADS threads
DUCKDB_MEMORY = "512MB"
# the export's scans stream (no sort of a whole table) and sort one bucket at a time: DuckDB's
# block cache of the scanned texts is what would fill a larger limit
EXPORT_DUCKDB_MEMORY = "256MB"
DUCKDB_THREADS = 4


@contextlib.contextmanager
def bounded_duckdb(
    con: duckdb.DuckDBPyConnection, spill_in: Path | None = None, memory: str | None = None
) -> Iterator[None]:
    """DuckDB's memory limit (``memory``, default ``DUCKDB_MEMORY``), threads and temporary
    folder (made in ``spill_in``, default the system's temporary folder, removed after) set on
    ``con``, reset after."""
    spill = Path(tempfile.mkdtemp(prefix=".duckdb-spill-", dir=spill_in))
    threads = max(1, min(DUCKDB_THREADS, os.cpu_count() or 1))
    settings = {"memory_limit": memory or DUCKDB_MEMORY, "threads": threads,
                "temp_directory": str(spill)}  # fmt: skip
    try:
        for name, value in settings.items():
            con.execute(f"SET {name} = '{value}'")
        yield
    finally:
        for name in settings:
            with contextlib.suppress(duckdb.Error):
                con.execute(f"RESET {name}")
        shutil.rmtree(spill, ignore_errors=True)


@dataclass(frozen=True)
class GateInput:
    """The candidate chains (one row per chain that has a label) and whole-catalog counts."""

    candidates: pl.DataFrame
    status_counts: dict[str, int]
    has_reviews: bool
    texts: bool = True  # False: the text columns hold stand-ins (see TEXT_COLUMNS), not texts


def release_labels(candidates: pl.DataFrame) -> pl.DataFrame:
    """The rows and columns of a release's ``labels`` config: candidates labelled A/B/C, with
    exactly the columns (names, order, types) of ``drqa.schema.RELEASE_LABEL_COLUMNS``."""
    schema = polars_schema(RELEASE_LABEL_COLUMNS)
    return candidates.filter(pl.col("label").is_in(LABELS)).select(list(schema)).cast(dict(schema))


def catalog_columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    """The column names of a table or view (empty when it does not exist)."""
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
    ).fetchall()
    return {name for (name,) in rows}


def has_review_consensus(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the review migration's ``review_consensus`` view exists with the columns used."""
    return {"chain_id", "label"} <= catalog_columns(con, "review_consensus")


def _purity_sql(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """``human_pure``: the reviewers' segmentation verdict on a chain (migration 0010's
    ``review_segmentation``), NULL when unjudged or before that migration."""
    if "pure" not in catalog_columns(con, "review_segmentation"):
        return {"human_pure": "CAST(NULL AS BOOLEAN)", "pure_join": ""}
    join = "LEFT JOIN review_segmentation rs ON rs.chain_id = c.chain_id"
    return {"human_pure": "rs.pure", "pure_join": join}


def check_catalog_columns(con: duckdb.DuckDBPyConnection, where: str) -> None:
    """Raise one line naming every missing table or column the gate needs."""
    missing = []
    for table, columns in REQUIRED_CATALOG_COLUMNS.items():
        present = catalog_columns(con, table)
        if not present:
            missing.append(f"table {table}")
            continue
        missing += [f"{table}.{col}" for col in columns if col not in present]
    if missing:
        raise DrqaError(
            f"the gate cannot run on {where}: the catalog lacks {', '.join(missing)}; "
            "upgrade drqa and rerun `drqa label` so the catalog matches the current schema"
        )


def text_columns_sql(texts: bool) -> str:
    """The candidates' text columns: the texts, or their stand-ins (see ``TEXT_COLUMNS``)."""
    if texts:
        return ", ".join(f"{sql} AS {name}" for name, sql in TEXT_COLUMNS.items())
    return ", ".join(f"left({sql}, 0) AS {name}" for name, sql in TEXT_COLUMNS.items())


def _candidate_parts(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The parts of ``_CANDIDATES_SQL`` that depend on the review tables present."""
    if has_review_consensus(con):
        has_n = "n_reviewers" in catalog_columns(con, "review_consensus")
        return dict(
            label="COALESCE(rc.label, c.label)",
            source="CASE WHEN rc.label IS NOT NULL THEN 'review' ELSE 'auto' END",
            n_reviewers="CAST(rc.n_reviewers AS INTEGER)" if has_n else "CAST(NULL AS INTEGER)",
            review_join="LEFT JOIN review_consensus rc ON rc.chain_id = c.chain_id",
            **_purity_sql(con),
        )
    return dict(
        label="c.label",
        source="'auto'",
        n_reviewers="CAST(NULL AS INTEGER)",
        review_join="",
        **_purity_sql(con),
    )


def candidates_sql(con: duckdb.DuckDBPyConnection) -> str:
    """The candidates with their texts, ordered by chain_id: what a release streams out."""
    return _CANDIDATES_SQL.format(texts=text_columns_sql(True), **_candidate_parts(con))


def _in_key_order(query: duckdb.DuckDBPyRelation) -> pa.Table:
    """The rows of ``query`` in ``chain_id`` order, reordered one column at a time (each
    column's unordered copy freed as soon as it is reordered: memory of one frame plus one
    column, as DuckDB's bounded sort held)."""
    table = query.to_arrow_table()
    order = pc.sort_indices(table.column("chain_id"))
    columns = {}
    for name in table.column_names:
        columns[name] = table.column(name).take(order)
        table = table.drop_columns([name])
    return pa.table(columns)


def read_gate_input(
    con: duckdb.DuckDBPyConnection,
    unverifiable: tuple[str, ...],
    where: str,
    *,
    texts: bool = True,
) -> GateInput:
    """Read the candidate chains and the status counts (one query each); ``texts=False`` reads
    stand-ins for the long texts (what the gate alone needs: its memory stays bounded)."""
    check_catalog_columns(con, where)
    reviews = has_review_consensus(con)
    parts = _candidate_parts(con)
    sql = _CANDIDATES_SQL.format(texts=text_columns_sql(texts), **parts)
    with ThreadPoolExecutor(1) as beside:  # the whole-catalog counts, on a cursor beside it
        counts_job = beside.submit(_catalog_counts, con, unverifiable, parts)
        if texts:
            candidates = pl.from_arrow(con.sql(sql).to_arrow_table())
        else:  # no texts: read unordered and put in chain_id order here (the same order,
            # chain_id unique), ~2x cheaper than DuckDB's ORDER BY carrying every column
            candidates = pl.from_arrow(_in_key_order(con.sql(sql.rsplit("ORDER BY", 1)[0])))
        counts = counts_job.result()
    n_reviewed = int((candidates["label_source"] == "review").sum()) if reviews else 0
    return GateInput(candidates, counts, has_reviews=n_reviewed > 0, texts=texts)


def _catalog_counts(
    con: duckdb.DuckDBPyConnection, unverifiable: tuple[str, ...], parts: dict[str, str]
) -> dict[str, int]:
    """Chains by split and verify status, generations not labelled yet, layout compliance and
    chain texts (all and distinct), read on a cursor of ``con``."""
    cursor = con.cursor()
    try:
        placeholders = ", ".join("?" for _ in unverifiable) or "NULL"
        status = cursor.execute(_STATUS_SQL.format(unverifiable=placeholders), list(unverifiable))
        names = [d[0] for d in status.description]
        counts = dict(zip(names, (int(v or 0) for v in status.fetchone()), strict=True))
        counts["n_pending_generations"] = int(cursor.execute(_PENDING_SQL).fetchone()[0] or 0)
        counts.update(layout_counts(cursor))  # issue 17: batched responses in the layout asked
        text_counts = cursor.execute(_CHAIN_TEXTS_SQL.format(**parts)).fetchone()
        counts["n_chain_texts"], counts["n_distinct_chain_texts"] = (int(v) for v in text_counts)
        return counts
    finally:
        cursor.close()
