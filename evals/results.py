"""Figures per eval run, always derived from the stored per-sample verdicts.

``drqa eval`` stores them in ``eval_results`` after scoring; ``drqa eval report`` recomputes
them from ``eval_samples`` the same way, so a stored figure can always be checked. Figures cover
exactly the problems x samples the last ``drqa eval`` call of the run asked for (the first
``asked_problems`` problems, samples ``0..asked_samples-1``), whatever else the run holds.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timezone

import polars as pl

from drqa.catalog import fetch_frame
from drqa.evals.metrics import suite_figures
from drqa.workspace import Workspace

SAMPLE_FIELDS = "run_id, problem_key, sample_index, status, correct, answer_key, truncated, " \
    "output_tokens, token_method"  # fmt: skip
_ASKED_SAMPLES = """
SELECT s.run_id, s.problem_key, s.sample_index, s.status, s.correct, s.answer_key, s.truncated,
       s.output_tokens, s.token_method, p.position, r.asked_problems, r.asked_samples
FROM eval_samples s
JOIN eval_problems p ON p.run_id = s.run_id AND p.problem_key = s.problem_key
LEFT JOIN eval_results r ON r.run_id = s.run_id
WHERE list_contains(?, s.run_id)
ORDER BY s.run_id, p.position, s.sample_index
"""


def load_samples(
    con, run_ids: Sequence[str], asked: dict[str, tuple[int, int]] | None = None
) -> pl.DataFrame:
    """The stored verdicts of ``run_ids`` within each run's asked set: ``asked`` (run id ->
    (problems, samples)) where given, else the set recorded in ``eval_results``."""
    frame = fetch_frame(con, _ASKED_SAMPLES, [list(run_ids)])
    if asked:
        runs = list(asked)
        frame = frame.with_columns(
            asked_problems=pl.when(pl.col("run_id").is_in(runs))
            .then(pl.col("run_id").replace_strict({r: a[0] for r, a in asked.items()},
                                                  default=None, return_dtype=pl.Int64))
            .otherwise(pl.col("asked_problems")),
            asked_samples=pl.when(pl.col("run_id").is_in(runs))
            .then(pl.col("run_id").replace_strict({r: a[1] for r, a in asked.items()},
                                                  default=None, return_dtype=pl.Int64))
            .otherwise(pl.col("asked_samples")),
        )  # fmt: skip
    within = pl.col("asked_problems").is_null() | (pl.col("position") < pl.col("asked_problems"))
    within &= pl.col("asked_samples").is_null() | (pl.col("sample_index") < pl.col("asked_samples"))
    return frame.filter(within).select(
        [c.strip() for c in SAMPLE_FIELDS.split(",")] + ["asked_problems", "asked_samples"]
    )


def grouped(samples: pl.DataFrame) -> dict[str, dict[str, list[dict]]]:
    """``run_id -> problem_key -> samples`` from a verdict frame."""
    result: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for row in samples.iter_rows(named=True):
        result[row["run_id"]][row["problem_key"]].append(row)
    return result


def figures_for(samples: pl.DataFrame) -> dict[str, dict]:
    """``run_id -> figures`` (see :func:`drqa.evals.metrics.suite_figures`), plus the failed
    count and whether any token count is approximate."""
    result = {}
    for run_id, problems in grouped(samples).items():
        flat = [s for group in problems.values() for s in group]
        figures = suite_figures(problems)
        figures["n_failed"] = sum(s["status"] == "failed" for s in flat)
        methods = sorted({s["token_method"] for s in flat if s["status"] != "failed"})
        figures["token_method"] = ",".join(methods)
        figures["tokens_approximate"] = any(m.startswith("approx") for m in methods)
        asked = (flat[0]["asked_problems"], flat[0]["asked_samples"]) if flat else (None, None)
        figures["asked"] = {"problems": asked[0], "samples": asked[1]}
        result[run_id] = figures
    return result


def store_results(
    store: Workspace, run_id: str, con=None, asked: tuple[int, int] | None = None
) -> dict:
    """Recompute one run's figures from its verdicts over the ``asked`` (problems, samples) set
    (default: the one recorded) and record them in ``eval_results`` (on ``con`` when the
    caller holds the store's write connection)."""
    if con is None:
        with store.write("drqa eval (results)", wait_s=30.0) as own:
            return store_results(store, run_id, own, asked)
    figures = figures_for(load_samples(con, [run_id], {run_id: asked} if asked else None))
    figures = figures.get(run_id)
    if figures is None:
        return {}
    asked = asked or (figures["asked"]["problems"], figures["asked"]["samples"])
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    con.execute(
        """
        INSERT INTO eval_results (run_id, n_problems, n_samples, n_failed, metrics,
            computed_at, asked_problems, asked_samples) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (run_id) DO UPDATE SET n_problems = excluded.n_problems,
            n_samples = excluded.n_samples, n_failed = excluded.n_failed,
            metrics = excluded.metrics, computed_at = excluded.computed_at,
            asked_problems = excluded.asked_problems, asked_samples = excluded.asked_samples
        """,
        [
            run_id, figures["n_problems"], figures["n_samples"], figures["n_failed"],
            json.dumps(figures), now, asked[0], asked[1],
        ],
    )  # fmt: skip
    return figures
