"""How ``drqa label`` writes: one transaction per batch (its chains and how each response was
split), and a full disk reported with exactly what is already stored.

A batch is committed whole or not at all, so a run stopped anywhere (a kill, a full disk) leaves
only complete batches; their chains wait for the label rule (``label_reason = 'pending'``, no
label: never released) and the next ``drqa label`` skips them, labels the rest and applies the
rule to all.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import polars as pl

from drqa.catalog import rollback, run_sql
from drqa.errors import DrqaError
from drqa.exit_codes import DISK_FULL
from drqa.system_failures import disk_full
from drqa.workspace import Workspace

LAYOUT_COLUMNS = ("request_id", "model", "batch_size", "layout", "split_confidence",
                  "splitter_version", "labelled_at")  # fmt: skip


def write_batch(ws: Workspace, frame: pl.DataFrame, layouts: list[dict], columns: str) -> None:
    """Replace the chains (``columns``: the chains table's column list) and split layouts of
    the batch's requests, in one transaction."""
    with ws.write("drqa label") as con:
        con.register("new_chains", frame.select(columns.split(", ")).to_arrow())
        if layouts:
            layout_frame = pl.DataFrame(layouts, infer_schema_length=None).select(LAYOUT_COLUMNS)
            con.register("new_layouts", layout_frame.to_arrow())
        run_sql(con, "BEGIN TRANSACTION")
        try:
            run_sql(con, "DELETE FROM chains WHERE request_id IN "
                         "(SELECT request_id FROM new_chains)")  # fmt: skip
            run_sql(con, f"INSERT INTO chains ({columns}) SELECT {columns} FROM new_chains")
            if layouts:
                names = ", ".join(LAYOUT_COLUMNS)
                run_sql(con, "DELETE FROM split_layouts WHERE request_id IN "
                             "(SELECT request_id FROM new_layouts)")  # fmt: skip
                run_sql(con, f"INSERT INTO split_layouts ({names}) "
                             f"SELECT {names} FROM new_layouts")  # fmt: skip
            run_sql(con, "COMMIT")
        except BaseException:
            rollback(con)
            raise


@contextlib.contextmanager
def full_disk_says_what_is_stored(summary, total_chains: int, *, rule_step: bool = False
                                  ) -> Iterator[None]:  # fmt: skip
    """Turn a full disk inside the block into one line (exit 74) saying how many chains of
    ``total_chains`` this run committed (``summary.chains_written``) and how to continue."""
    try:
        yield
    except Exception as exc:
        where = disk_full(exc)
        if where is None:
            raise
        if rule_step:
            stored = (f"every chain ({summary.chains_written:,} new) was stored, but the label "
                      "rule was not applied")  # fmt: skip
        else:
            stored = (f"labelled {summary.chains_written:,} of {total_chains:,} chains "
                      f"({summary.requests_labelled:,} responses) before the disk filled; "
                      "they are stored without a label until the rule runs")  # fmt: skip
        raise DrqaError(
            f"disk full: No space left on device (writing {where}); {stored}: free space on "
            "that disk (df -h) and rerun `drqa label` to continue",
            exit_code=DISK_FULL,
        ) from exc
