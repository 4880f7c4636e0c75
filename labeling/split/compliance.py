"""How often models answer batches in the layout the compose prompt asked for.

Read from ``split_layouts`` (migration 0009): per model and batch size, responses, the share in
the requested layout (``Answer to Question k: ... \\boxed{}``) and the share split by the
grammar or the model fallback. Shown by ``drqa report`` and checked by the release gate
(``gate.min_layout_compliance``), so a model that ignores the layout is visible before anyone
trains on it.
"""

from __future__ import annotations

from drqa.model_names import display_model


def layout_compliance(con) -> list[dict]:
    """Rows (model, batch_size, responses, requested_share, grammar_share, model_share) for
    batched responses; empty before any response was labelled with splitter@3 or later."""
    found = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    tables = {row[0] for row in found}
    if "split_layouts" not in tables:
        return []
    rows = con.execute(
        "SELECT model, batch_size, count(*) AS responses, "
        "avg(CASE WHEN layout = 'requested' THEN 1.0 ELSE 0.0 END) AS requested_share, "
        "avg(CASE WHEN layout = 'grammar' THEN 1.0 ELSE 0.0 END) AS grammar_share, "
        "avg(CASE WHEN layout = 'model' THEN 1.0 ELSE 0.0 END) AS model_share "
        "FROM split_layouts WHERE batch_size > 1 GROUP BY model, batch_size "
        "ORDER BY model NULLS LAST, batch_size"
    ).fetchall()
    keys = ("model", "batch_size", "responses", "requested_share", "grammar_share", "model_share")
    return [
        {k: (round(v, 4) if isinstance(v, float) else v) for k, v in zip(keys, row, strict=True)}
        for row in rows
    ]


def overall_compliance(con) -> float | None:
    """The share of all batched responses in the requested layout (None when there are none)."""
    rows = layout_compliance(con)
    total = sum(row["responses"] for row in rows)
    if not total:
        return None
    return sum(row["requested_share"] * row["responses"] for row in rows) / total


def layout_key(model: str | None, batch_size: int) -> str:
    """The group name of one model and batch size in gate metrics, e.g. ``m x3``."""
    return f"{display_model(model)} x{batch_size}"


def layout_counts(con) -> dict[str, int]:
    """``layout_responses[m x3]`` and ``layout_requested[m x3]`` counts per model and batch size
    (the release gate's input for :func:`layout_compliance`); empty before any response."""
    counts: dict[str, int] = {}
    for row in layout_compliance(con):
        group = layout_key(row["model"], row["batch_size"])
        counts[f"layout_responses[{group}]"] = int(row["responses"])
        counts[f"layout_requested[{group}]"] = round(row["requested_share"] * row["responses"])
    return counts
