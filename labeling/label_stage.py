"""The label stage: generations in the catalog -> chains with answers, verdicts, tokens, labels.

Incremental: requests whose generation has no chains yet are split and verified; all of them
again when the splitter or verifier version changed. The label rule is then applied to every
chain (cheap, and some rules compare chains), so a new rule relabels without re-verifying.
Failed generations yield no chains; they are counted in the summary. Work is written in chunks,
so an interrupted run resumes where it stopped. Responses are split in the verifier's worker
processes (and in this one while it waits: :class:`~drqa.labeling.label_pool.LabelPool`), a
chunk ahead of the one being verified and written; rows are built in
:mod:`drqa.labeling.label_rows`.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

import polars as pl

from drqa.catalog import fetch_frame, run_sql
from drqa.labeling.config import JudgeConfig, SplitJudgeConfig
from drqa.labeling.label_pool import LabelPool
from drqa.labeling.label_rows import chain_rows, split_jobs, verify_and_count
from drqa.labeling.label_writes import full_disk_says_what_is_stored, write_batch
from drqa.labeling.llm_judge import LLMJudge, judge_uncertain
from drqa.labeling.rules import DEFAULT_RULE, apply_rule, resolve_rule
from drqa.labeling.split import SPLITTER_VERSION
from drqa.labeling.split.fallback import SplitJudgeFn
from drqa.labeling.verifier import VERIFIER_VERSION
from drqa.schema import CHAIN_COLUMNS, names
from drqa.workspace import Workspace, open_workspace

CHUNK_REQUESTS = 500
_TODO_SQL = """
SELECT g.request_id, r.run_id, r.batch_size, r.sample_index, r.problem_ids,
       g.content, g.reasoning, g.raw_response, g.finish_reason, g.completion_tokens,
       coalesce(g.model, json_extract_string(u.config, '$.model')) AS model,
       json_extract_string(u.config, '$.model') AS run_model
FROM generations g
JOIN requests r USING (request_id)
LEFT JOIN runs u ON u.run_id = r.run_id
WHERE g.status = 'ok' AND (
    g.request_id NOT IN (SELECT request_id FROM chains)
    OR g.request_id IN (SELECT request_id FROM chains
                        WHERE verifier_version <> ? OR splitter_version <> ?
                           OR (thinking IS NULL AND answer_section IS NULL)))
ORDER BY g.request_id
"""
_CHAIN_COLUMNS = ", ".join(names(CHAIN_COLUMNS))


@dataclass
class LabelSummary:
    """What one ``label_workspace`` call did, and the counts over all chains afterwards."""

    rule: str
    requests_labelled: int = 0
    chains_written: int = 0
    failed_generations: int = 0
    verifier_workers_killed: int = 0
    counts: list[dict] = field(default_factory=list)  # split_status, verify_status, label, n
    unlabelled: dict[str, dict[str, int]] = field(default_factory=dict)  # outcome -> reason -> n


def _split_checker(
    config: SplitJudgeConfig | None, ws: Workspace | None = None
) -> tuple[SplitJudgeFn, float] | None:
    """The split judge of ``label.split_judge`` and its threshold (None when not configured);
    its judgements are cached in ``ws``'s catalog (:mod:`drqa.labeling.split_judge`)."""
    if config is None:
        return None
    from drqa.labeling.split_judge import SplitJudge  # the model fallback (issue 17.1)

    return SplitJudge.from_config(config, ws), config.min_confidence


def relabel(ws: Workspace, rule: str = DEFAULT_RULE) -> list[dict]:
    """Apply ``rule`` to every chain of the workspace (no splitting, no verifying); return the
    chains counted by (split_status, verify_status, label, outcome, label_reason), from the
    frame just labelled; ``outcome`` is the label, ``review`` (routed to annotators:
    ``needs_review``) or ``excluded`` (never released, e.g. ``duplicate_chain_text``)."""
    with ws.read() as con:
        chains = fetch_frame(
            con,
            "SELECT chain_id, problem_id, batch_size, split_status, split_confidence, "
            "verify_status, total_tokens, model, request_id, position, "
            "hash(reasoning) AS reasoning_hash FROM chains",
        )
    if chains.is_empty():
        return []
    labelled = apply_rule(chains, rule)
    with ws.write("drqa label: apply rule") as con:
        columns = ("chain_id", "label", "label_reason", "needs_review", "label_rule")
        con.register("labels", labelled.select(columns).to_arrow())
        run_sql(
            con,
            "UPDATE chains SET label = l.label, label_reason = l.label_reason, "
            "needs_review = l.needs_review, label_rule = l.label_rule "
            "FROM labels l WHERE chains.chain_id = l.chain_id",
        )
    outcome = (  # what `drqa label` prints: the label, or why there is none
        pl.when(pl.col("label").is_not_null())
        .then(pl.col("label"))
        .when(pl.col("needs_review"))
        .then(pl.lit("review"))
        .otherwise(pl.lit("excluded"))
    )
    keys = ("split_status", "verify_status", "label", "outcome", "label_reason")
    counts = labelled.with_columns(outcome=outcome).group_by(*keys).len("n")
    return counts.sort(*keys, nulls_last=True).to_dicts()


def label_workspace(
    ws: Workspace | str | None = None,
    *,
    rule: str = DEFAULT_RULE,
    workers: int = 2,
    timeout_s: float = 5.0,
    show_progress: bool = True,
    judge: JudgeConfig | None = None,
    split_judge: SplitJudgeConfig | None = None,
) -> LabelSummary:
    """Split, verify, count tokens and label every generation not yet labelled (``drqa label``);
    ``judge`` (``label.judge``) asks an LLM about the verdicts rules cannot decide;
    ``split_judge`` (``label.split_judge``) checks the splits the grammar is unsure of."""
    from tqdm.auto import tqdm

    ws = open_workspace(ws)
    llm_judge = LLMJudge.from_config(judge) if judge is not None else None
    checker = _split_checker(split_judge, ws)
    rule_name, _ = resolve_rule(rule)
    summary = LabelSummary(rule=rule_name)
    pool = LabelPool(workers=workers, timeout_s=timeout_s, prestart=True)  # warms up meanwhile
    try:
        with ws.read() as con:
            todo = fetch_frame(con, _TODO_SQL, [VERIFIER_VERSION, SPLITTER_VERSION])
            golds = dict(con.execute("SELECT problem_id, answer FROM problems").fetchall())
            texts = dict(con.execute("SELECT problem_id, problem FROM problems").fetchall())
            summary.failed_generations = con.execute(
                "SELECT count(*) FROM generations WHERE status <> 'ok'"
            ).fetchall()[0][0]
    except BaseException:
        pool.discard()
        raise
    n_chains = int(todo["batch_size"].sum()) if not todo.is_empty() else 0
    if not n_chains:
        pool.discard()  # nothing to split or verify: its worker is not waited for
    with (
        pool,
        tqdm(total=n_chains, unit="chain", desc="label", disable=not show_progress) as bar,
    ):
        split: list[tuple[pl.DataFrame, list[int]]] = []
        layouts: list[dict] = []
        for start in range(0, todo.height + CHUNK_REQUESTS, CHUNK_REQUESTS):
            chunk = todo.slice(start, CHUNK_REQUESTS) if start < todo.height else None
            if chunk is not None:  # the workers split this chunk while the previous one ends
                split.append((chunk, pool.submit_split(split_jobs(chunk, texts))))
            if len(split) == 2 or (chunk is None and split):
                done, tickets = split.pop(0)
                rows = chain_rows(done, golds, rule_name, texts, layouts, checker,
                                  split=pool.collect(tickets))  # fmt: skip
                frame = verify_and_count(rows, pool, bar.update)
                done_ids = set(done["request_id"].to_list())
                with full_disk_says_what_is_stored(summary, n_chains):  # one batch: all or none
                    if llm_judge is not None:
                        frame = judge_uncertain(ws, frame, llm_judge, texts)
                    batch = [row for row in layouts if row["request_id"] in done_ids]
                    write_batch(ws, frame, batch, _CHAIN_COLUMNS)
                layouts = [row for row in layouts if row["request_id"] not in done_ids]
                summary.requests_labelled += done.height
                summary.chains_written += frame.height
        summary.verifier_workers_killed = pool.killed
    with full_disk_says_what_is_stored(summary, n_chains, rule_step=True):
        summary.counts = relabel(ws, rule)
    summary.unlabelled = unlabelled_by_reason(summary.counts)
    return summary


def summary_json(summary: LabelSummary) -> str:
    """The summary as JSON (``drqa label --json``)."""
    return json.dumps(summary.__dict__, indent=2, default=str)


def status_totals(counts: list[dict]) -> dict[str, Counter]:
    """Totals by split status, verify status and label from the rows :func:`relabel` returns."""
    totals: dict[str, Counter] = {"split": Counter(), "verify": Counter(), "label": Counter()}
    for row in counts:
        totals["split"][row["split_status"]] += row["n"]
        totals["verify"][row["verify_status"] or "-"] += row["n"]
        totals["label"][row.get("outcome") or row["label"] or "review"] += row["n"]
    return totals


def unlabelled_by_reason(counts: list[dict]) -> dict[str, dict[str, int]]:
    """Chains without a label, by outcome (``review``, ``excluded``) and reason
    (``uncertain``, ``error``, ``duplicate_chain_text``, ...): what no release holds yet."""
    out: dict[str, Counter] = {}
    for row in counts:
        if row["label"] is None:
            kind = row.get("outcome") or "review"
            out.setdefault(kind, Counter())[row.get("label_reason") or "-"] += row["n"]
    return {kind: dict(sorted(c.items())) for kind, c in sorted(out.items())}
