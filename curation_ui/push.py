"""``drqa review push``: chains chosen for review go to one Argilla dataset per review round.

What goes in: a sample stratified by automatic label x batch size, every chain labelling routed to
review (``needs_review``), and a random audit share of the rest. Choices are deterministic for a
seed (md5 of seed and chain id), and the Argilla record's external id is the chain id, so pushing
twice updates records in place and never duplicates them.
"""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

import polars as pl

from drqa.curation_ui import settings as review_settings
from drqa.curation_ui.connection import Target, resolve_target
from drqa.curation_ui.render import record_payload
from drqa.curation_ui.upload import upload
from drqa.errors import DrqaError
from drqa.workspace import Workspace

ARGILLA_WORKSPACE = "drqa"

_CANDIDATES_SQL = """
WITH prompts AS (  -- the questions of each batched prompt, in prompt order
    SELECT c2.request_id,
           list({'position': c2.position, 'problem': p2.problem} ORDER BY c2.position)
               AS siblings
    FROM chains c2 JOIN problems p2 ON p2.problem_id = c2.problem_id
    WHERE c2.batch_size > 1 GROUP BY c2.request_id
)
SELECT c.chain_id, c.problem_id, c.batch_size, c.position, c.reasoning, c.answer,
       c.verify_status, c.label, c.label_reason, c.label_rule, c.split_status,
       c.split_confidence, c.needs_review, c.total_tokens, c.model, c.run_id, s.siblings,
       c.shared_thinking, c.verifier_version, c.splitter_version,
       p.problem AS question, p.answer AS gold_answer,
       ('x' || substr(md5(CAST($seed AS VARCHAR) || ':' || c.chain_id), 1, 8))::BIT::UBIGINT
           / 4294967296.0 AS draw,
       ('x' || substr(md5(CAST($seed AS VARCHAR) || ':audit:' || c.chain_id), 1, 8))::BIT::UBIGINT
           / 4294967296.0 AS audit_draw
FROM chains c JOIN problems p ON p.problem_id = c.problem_id
LEFT JOIN prompts s ON s.request_id = c.request_id
"""
_NOT_IN_NAME = re.compile(r"[^a-zA-Z0-9_-]+")
NAME_LIMIT = 120


@dataclass(frozen=True)
class PushSummary:
    """What one push sent where."""

    dataset: str
    url: str
    n_records: int
    by_reason: dict[str, int]
    created: int
    updated: int
    seconds: float
    records_per_s: float = field(default=0.0)

    def as_dict(self) -> dict:
        return asdict(self)


def dataset_name(ws: Workspace, round_name: str) -> str:
    """``drqa-<workspace>-<run>-round-<round>``: which workspace, generation run and review
    round a dataset holds (``<n>-runs`` when the chains come from several runs)."""
    with ws.read() as con:
        rows = con.execute(
            "SELECT DISTINCT c.run_id, r.name FROM chains c LEFT JOIN runs r USING (run_id)"
        ).fetchall()
    names = sorted({name or run_id[:16] for run_id, name in rows})
    run = names[0] if len(names) == 1 else f"{len(names)}-runs"
    parts = ["drqa", ws.root.name, run, "round", str(round_name)]
    name = "-".join(_NOT_IN_NAME.sub("-", p).strip("-") or "x" for p in parts)
    return name[:NAME_LIMIT]


def select_for_review(
    ws: Workspace, *, per_stratum: int = 25, audit_share: float = 0.05, seed: int = 0
) -> pl.DataFrame:
    """The chains of one review round with a ``reason``: needs_review, stratified or audit."""
    with ws.read() as con:
        frame = pl.from_arrow(con.sql(_CANDIDATES_SQL, params={"seed": seed}).to_arrow_table())
    if frame.is_empty():
        return frame.with_columns(pl.lit(None, pl.Utf8).alias("reason"))
    frame = frame.sort("draw")
    routed = pl.col("needs_review") | pl.col("label").is_null()
    stratified = (
        ~routed & (pl.int_range(pl.len()).over("label", "batch_size") < per_stratum)
    ).fill_null(False)
    reason = (
        pl.when(routed)
        .then(pl.lit("needs_review"))
        .when(stratified)
        .then(pl.lit("stratified"))
        .when(pl.col("audit_draw") < audit_share)
        .then(pl.lit("audit"))
    )
    frame = frame.with_columns(reason.alias("reason"))
    return frame.filter(pl.col("reason").is_not_null()).sort("chain_id")


def ensure_dataset(target: Target, name: str, min_submitted: int):
    """The round's dataset, created with drqa's settings, or checked against them when it exists."""
    from drqa.optional import require

    rg = require("argilla", "drqa review push")
    client = target.client()
    workspace = client.workspaces(ARGILLA_WORKSPACE)
    if workspace is None:
        workspace = rg.Workspace(name=ARGILLA_WORKSPACE, client=client).create()
    wanted = review_settings.review_settings(min_submitted)
    existing = client.datasets(name=name, workspace=workspace)
    if existing is not None:
        problem = review_settings.first_difference(
            review_settings.describe(wanted), review_settings.describe(existing.settings)
        )
        if problem:
            raise DrqaError(
                f"dataset {name!r} on {target.url} no longer matches drqa's review settings: "
                f"{problem}; push to a new --round (or delete that dataset in Argilla)"
            )
        return existing
    return rg.Dataset(name=name, workspace=workspace, settings=wanted, client=client).create()


def push(
    ws: Workspace,
    *,
    round_name: str = "1",
    api_url: str | None = None,
    api_key: str | None = None,
    min_submitted: int = review_settings.DEFAULT_MIN_SUBMITTED,
    per_stratum: int = 25,
    audit_share: float = 0.05,
    seed: int = 0,
    progress=None,
    on_total=None,
) -> PushSummary:
    """Push one review round; returns what was sent (the CLI prints it as a table).

    ``progress(n)`` is called as each batch of ``n`` records is accepted; ``on_total(n)`` once
    with the number of records about to be sent (a progress bar's total)."""
    target = resolve_target(ws, api_url, api_key)
    chosen = select_for_review(ws, per_stratum=per_stratum, audit_share=audit_share, seed=seed)
    if chosen.is_empty():
        raise DrqaError(
            f"no labelled chains in {ws.catalog_path}: run `drqa label` first", exit_code=1
        )
    if on_total is not None:
        on_total(chosen.height)
    name = dataset_name(ws, round_name)
    started = time.perf_counter()
    dataset = ensure_dataset(target, name, min_submitted)
    question_ids = {q.name: str(q.id) for q in dataset.settings.questions}
    payloads = (record_payload(row, question_ids) for row in chosen.iter_rows(named=True))
    created, updated = upload(target, dataset, payloads, progress)  # built while sending
    seconds = time.perf_counter() - started
    _record_round(ws, name, round_name, target, min_submitted, seed, chosen)
    counts = chosen.group_by("reason").len().sort("reason").iter_rows()
    return PushSummary(
        dataset=name,
        url=target.url,
        n_records=chosen.height,
        by_reason=dict(counts),
        created=created,
        updated=updated,
        seconds=round(seconds, 3),
        records_per_s=round(chosen.height / seconds, 1) if seconds else 0.0,
    )


def _record_round(ws, name, round_name, target, min_submitted, seed, chosen: pl.DataFrame) -> None:
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    items = chosen.select(
        pl.lit(name).alias("dataset"),
        "chain_id",
        "reason",
        pl.col("label").alias("auto_label"),
        "label_rule",
        pl.lit(now).alias("pushed_at"),
    )
    with ws.write("review push", wait_s=30) as con:
        con.register("pushed_items", items.to_arrow())
        con.execute("INSERT OR REPLACE INTO review_items SELECT * FROM pushed_items")
        n_records = con.execute(
            "SELECT count(*) FROM review_items WHERE dataset = ?", [name]
        ).fetchone()[0]
        con.execute(
            "INSERT OR REPLACE INTO review_rounds VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [name, round_name, target.url, ARGILLA_WORKSPACE, min_submitted, n_records, seed, now],
        )
