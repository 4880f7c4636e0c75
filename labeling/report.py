"""The labelling report: per batch size, tokens per question, accuracy and labels, with plots.

Accuracy counts chains that were judged (correct / (correct + incorrect + no_answer)); chains
routed to review (gold_unparseable, timeout, unsplittable) are left out and counted apart.
PNGs (:mod:`drqa.labeling.plots`) go to ``ws.reports_dir / "labels"``: tokens by batch size and
label, a token histogram with the generation cap, the same questions alone vs in a batch, accuracy
and truncation rate by batch size; per model when there are several.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from drqa.catalog import fetch_frame
from drqa.errors import DrqaError
from drqa.labeling.plots import write_report_plots
from drqa.labeling.split.compliance import layout_compliance
from drqa.workspace import Workspace, open_workspace

_JUDGED = ("correct", "incorrect", "no_answer")


@dataclass
class LabelReport:
    """Per-batch-size figures and the files written."""

    by_batch_size: list[dict] = field(default_factory=list)
    paired_questions: int = 0
    plots: list[Path] = field(default_factory=list)
    table_path: Path | None = None
    notes: list[str] = field(default_factory=list)  # plots skipped, and why
    # chains per token_method: usage (the generation's own count), usage-share, tokenizer:, approx:
    token_sources: dict[str, int] = field(default_factory=dict)
    # batched chains per model and batch size: human-judged purity (reviewers' segmentation
    # verdicts, catalog view review_purity) beside the splitter's own mean confidence
    human_purity: list[dict] = field(default_factory=list)
    # batched responses per model and batch size: the share in the prompt's requested layout
    layout_compliance: list[dict] = field(default_factory=list)


def report_table(chains: pl.DataFrame) -> pl.DataFrame:
    """Per batch size: chains, mean tokens per question, accuracy, label counts, review count."""
    judged = pl.col("verify_status").is_in(_JUDGED)
    return (
        chains.group_by("batch_size")
        .agg(
            chains=pl.len(),
            mean_tokens=pl.col("total_tokens").mean().round(1),
            mean_thinking_tokens=pl.col("thinking_tokens").mean().round(1),
            judged=judged.sum(),
            accuracy=((pl.col("verify_status") == "correct").sum() / judged.sum()).round(4),
            A=(pl.col("label") == "A").sum(),
            B=(pl.col("label") == "B").sum(),
            C=(pl.col("label") == "C").sum(),
            review=pl.col("needs_review").sum(),
        )
        .sort("batch_size")
    )


def paired_tokens(chains: pl.DataFrame) -> pl.DataFrame:
    """Problems answered both alone and in a batch by the same model: mean tokens of each."""
    per = chains.group_by("problem_id", "model", pl.col("batch_size") > 1).agg(
        pl.col("total_tokens").mean().alias("tokens")
    )
    single = per.filter(~pl.col("batch_size")).select("problem_id", "model", single="tokens")
    batched = per.filter(pl.col("batch_size")).select("problem_id", "model", batched="tokens")
    return single.join(batched, on=["problem_id", "model"], how="inner")


def generation_caps(con) -> dict[str, int]:
    """Each model's generation cap (``sampling.max_tokens`` of its runs; the largest if several)."""
    rows = con.execute(
        "SELECT c.model, max(TRY_CAST(json_extract(r.config, '$.sampling.max_tokens') AS BIGINT)) "
        "FROM (SELECT DISTINCT model, run_id FROM chains) c JOIN runs r USING (run_id) "
        "GROUP BY c.model"
    ).fetchall()
    return {str(model): int(cap) for model, cap in rows if cap}


def review_purity(con) -> list[dict]:
    """Rows of the ``review_purity`` view that reviewers judged (none before any review)."""
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'review_purity'"
    ).fetchall()[0][0]
    if not found:
        return []
    return fetch_frame(
        con, "SELECT * FROM review_purity WHERE judged > 0 ORDER BY model, batch_size"
    ).to_dicts()


def build_report(ws: Workspace | str | None = None, *, plots: bool = True) -> LabelReport:
    """Figures per batch size and PNG plots of the workspace's chains (``drqa report``)."""
    ws = open_workspace(ws)
    with ws.read() as con:
        chains = fetch_frame(
            con,
            "SELECT problem_id, model, batch_size, verify_status, label, needs_review, "
            "total_tokens, thinking_tokens, split_status, token_method FROM chains",
        )
        caps = generation_caps(con)
        purity = review_purity(con)
        compliance = layout_compliance(con)
    if chains.is_empty():
        raise DrqaError(f"no chains in {ws.root}: run `drqa label` first")
    table = report_table(chains)
    pairs = paired_tokens(chains)
    report = LabelReport(by_batch_size=table.to_dicts(), paired_questions=pairs.height)
    report.human_purity = purity
    report.token_sources = token_sources(chains)
    report.layout_compliance = compliance
    out = ws.reports_dir / "labels"
    out.mkdir(parents=True, exist_ok=True)
    report.table_path = out / "by_batch_size.csv"
    table.write_csv(report.table_path)
    if plots:
        report.plots, report.notes = write_report_plots(chains, pairs, out, caps)
    report.notes.append(token_source_note(report.token_sources))
    return report


def token_sources(chains: pl.DataFrame) -> dict[str, int]:
    """Chains per ``token_method`` (most first)."""
    counts = chains.group_by("token_method").len().sort("len", "token_method", descending=True)
    return {str(m): n for m, n in zip(counts["token_method"], counts["len"], strict=True)}


def token_source_note(sources: dict[str, int]) -> str:
    """One line saying where the token counts come from."""
    words = {"usage": "the generation's own usage", "usage-share": "the batched response's usage "
             "shared by text length", "None": "not counted"}  # fmt: skip
    parts = [f"{n} from {words.get(m) or ('re-tokenised text, ' + m)}" for m, n in sources.items()]
    return "token counts: " + "; ".join(parts)
