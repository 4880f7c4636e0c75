"""Figures per eval run, always derived from the stored per-sample verdicts.

``drqa eval`` stores them in ``eval_results`` after scoring; ``drqa eval report`` recomputes
them from ``eval_samples`` the same way, so a stored figure can always be checked.
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


def load_samples(con, run_ids: Sequence[str]) -> pl.DataFrame:
    """The stored verdicts of ``run_ids``."""
    return fetch_frame(
        con,
        f"SELECT {SAMPLE_FIELDS} FROM eval_samples WHERE list_contains(?, run_id) "
        "ORDER BY run_id, problem_key, sample_index",
        [list(run_ids)],
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
        result[run_id] = figures
    return result


def store_results(store: Workspace, run_id: str, con=None) -> dict:
    """Recompute one run's figures from its verdicts and record them in ``eval_results``
    (on ``con`` when the caller holds the store's write connection)."""
    if con is None:
        with store.write("drqa eval (results)", wait_s=30.0) as own:
            return store_results(store, run_id, own)
    figures = figures_for(load_samples(con, [run_id])).get(run_id)
    if figures is None:
        return {}
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    con.execute(
        """
        INSERT INTO eval_results VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (run_id) DO UPDATE SET n_problems = excluded.n_problems,
            n_samples = excluded.n_samples, n_failed = excluded.n_failed,
            metrics = excluded.metrics, computed_at = excluded.computed_at
        """,
        [
            run_id, figures["n_problems"], figures["n_samples"], figures["n_failed"],
            json.dumps(figures), now,
        ],
    )  # fmt: skip
    return figures
