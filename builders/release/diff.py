"""``drqa diff V1 V2``: chains added, removed, relabelled and rewritten (same label, another
thinking or answer section) between two releases, with a cause.

Causes: ``new generations`` (the chain's request was not in V1), ``verifier change`` /
``rule change`` / ``verifier and rule change`` (the versions that labelled it differ),
``human review`` (a review consensus label is involved), ``generation dropped`` (no chain of the
request is left), ``newly labelled`` / ``no longer labelled`` / ``other`` when none of those apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from drqa.builders.release.publish import release_folder
from drqa.builders.release.snapshot import data_path
from drqa.workspace import Workspace, open_workspace

_VERSION_CAUSE = """
CASE WHEN {o}.verifier_version <> {n}.verifier_version AND {o}.label_rule <> {n}.label_rule
          THEN 'verifier and rule change'
     WHEN {o}.verifier_version <> {n}.verifier_version THEN 'verifier change'
     WHEN {o}.label_rule <> {n}.label_rule THEN 'rule change' END
"""

_DIFF_SQL = f"""
WITH old AS (SELECT * FROM read_parquet(?)), new AS (SELECT * FROM read_parquet(?)),
old_by_request AS (SELECT request_id, any_value(verifier_version) AS verifier_version,
                          any_value(label_rule) AS label_rule FROM old GROUP BY request_id),
new_by_request AS (SELECT request_id, any_value(verifier_version) AS verifier_version,
                          any_value(label_rule) AS label_rule FROM new GROUP BY request_id)
SELECT 'added' AS change, n.chain_id, NULL AS old_label, n.label AS new_label,
       CASE WHEN o.request_id IS NULL THEN 'new generations'
            WHEN n.label_source = 'review' THEN 'human review'
            ELSE coalesce({_VERSION_CAUSE.format(o="o", n="n")}, 'newly labelled') END AS cause,
       n.verifier_version || ' ' || n.label_rule AS detail
FROM new n LEFT JOIN old_by_request o ON o.request_id = n.request_id
WHERE n.chain_id NOT IN (SELECT chain_id FROM old)
UNION ALL
SELECT 'removed', o.chain_id, o.label, NULL,
       CASE WHEN n.request_id IS NULL THEN 'generation dropped'
            WHEN o.label_source = 'review' THEN 'human review'
            ELSE coalesce({_VERSION_CAUSE.format(o="o", n="n")}, 'no longer labelled') END,
       o.verifier_version || ' ' || o.label_rule
FROM old o LEFT JOIN new_by_request n ON n.request_id = o.request_id
WHERE o.chain_id NOT IN (SELECT chain_id FROM new)
UNION ALL
SELECT 'relabelled', n.chain_id, o.label, n.label,
       CASE WHEN n.label_source = 'review' OR o.label_source = 'review' THEN 'human review'
            ELSE coalesce({_VERSION_CAUSE.format(o="o", n="n")}, 'other') END,
       o.verifier_version || ' ' || o.label_rule || ' -> ' || n.verifier_version || ' '
           || n.label_rule
FROM old o JOIN new n ON n.chain_id = o.chain_id
WHERE o.label IS DISTINCT FROM n.label
{{rewritten}}
ORDER BY 1, 2
"""
# chains whose text changed under the same label (both releases keep thinking/answer_section)
_REWRITTEN_SQL = """
UNION ALL
SELECT 'rewritten', n.chain_id, o.label, n.label,
       CASE WHEN o.splitter_version <> n.splitter_version THEN 'splitter change'
            ELSE 'other' END,
       CASE WHEN o.thinking IS DISTINCT FROM n.thinking THEN 'thinking' ELSE 'answer section' END
           || ' changed; ' || o.splitter_version || ' -> ' || n.splitter_version
FROM old o JOIN new n ON n.chain_id = o.chain_id
WHERE o.label IS NOT DISTINCT FROM n.label
  AND (o.thinking IS DISTINCT FROM n.thinking OR o.answer_section IS DISTINCT FROM n.answer_section)
"""
SECTION_COLUMNS = ("thinking", "answer_section")


@dataclass(frozen=True)
class ReleaseDiff:
    """The changes from ``old`` to ``new``: one row per changed chain."""

    old: str
    new: str
    rows: pl.DataFrame  # change, chain_id, old_label, new_label, cause, detail

    def counts(self) -> pl.DataFrame:
        """Changed chains per (change, cause)."""
        return self.rows.group_by("change", "cause").len("chains").sort("change", "cause")

    def to_dict(self) -> dict[str, Any]:
        changes = ("added", "removed", "relabelled", "rewritten")
        totals = {c: int((self.rows["change"] == c).sum()) for c in changes}
        return {
            "old": self.old,
            "new": self.new,
            "totals": totals,
            "by_cause": self.counts().to_dicts(),
            "rows": self.rows.to_dicts(),
        }


def _has_sections(con: duckdb.DuckDBPyConnection, path: str) -> bool:
    """True when a release's labels keep thinking and answer section (releases since 0008)."""
    columns = {row[0] for row in con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [path])
               .fetchall()}  # fmt: skip
    return set(SECTION_COLUMNS) <= columns


def diff_releases(ws: Workspace | str | Path | None, old: str, new: str) -> ReleaseDiff:
    """Compare the ``labels`` configs of two releases of a workspace."""
    workspace = open_workspace(ws)
    paths = [str(release_folder(workspace, v) / data_path("labels")) for v in (old, new)]
    con = duckdb.connect()
    try:
        sections = all(_has_sections(con, path) for path in paths)
        sql = _DIFF_SQL.replace("{rewritten}", _REWRITTEN_SQL if sections else "")
        rows = pl.from_arrow(con.sql(sql, params=paths).to_arrow_table())
    finally:
        con.close()
    return ReleaseDiff(old, new, rows)
