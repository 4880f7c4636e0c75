"""``drqa review status``: progress per round (records with ``min_submitted`` reviewers) and per
annotator, agreement, and humans vs automatic labels.

Computed from the catalog (``review_rounds``, ``review_items``, ``reviews``,
``review_consensus``, ``chains``): run ``drqa review pull`` first for fresh numbers.
"""

from __future__ import annotations

from drqa.curation_ui.agreement import cohen_kappa, confusion_matrix, fleiss_kappa
from drqa.workspace import Workspace


def review_status(ws: Workspace) -> dict:
    """Everything ``drqa review status`` prints, as plain data (``--json`` prints it as is)."""
    with ws.read() as con:
        rounds = con.execute(
            """
            SELECT rr.dataset, rr.n_records, rr.min_submitted, rr.api_url,
                   (SELECT count(*) FROM (
                        SELECT chain_id FROM reviews r WHERE r.dataset = rr.dataset
                        GROUP BY chain_id HAVING count(DISTINCT reviewer) >= rr.min_submitted
                   )) AS completed
            FROM review_rounds rr ORDER BY 1
            """
        ).fetchall()
        per_reviewer = con.execute(
            """
            SELECT r.dataset, r.reviewer, count(*) AS submitted, max(r.submitted_at) AS last
            FROM reviews r GROUP BY 1, 2 ORDER BY 1, 2
            """
        ).fetchall()
        ratings = con.execute(
            "SELECT chain_id, reviewer, label FROM reviews WHERE label IS NOT NULL "
            "QUALIFY row_number() OVER (PARTITION BY chain_id, reviewer "
            "ORDER BY submitted_at DESC NULLS LAST) = 1 ORDER BY chain_id, reviewer"
        ).fetchall()
        versus = con.execute(
            """
            SELECT c.label AS auto, rc.label AS human
            FROM review_consensus rc JOIN chains c USING (chain_id)
            WHERE rc.has_consensus AND c.label IS NOT NULL
            """
        ).fetchall()
        consensus = con.execute(
            "SELECT count(*) FILTER (has_consensus), count(*) FILTER (NOT has_consensus) "
            "FROM review_consensus"
        ).fetchone()
        unmatched = con.execute("SELECT count(*) FROM reviews_unmatched").fetchone()[0]
    sizes = {name: n for name, n, *_ in rounds}
    progress = [
        {
            "dataset": dataset,
            "reviewer": reviewer,
            "submitted": submitted,
            "of_records": sizes.get(dataset),
            "share": round(submitted / sizes[dataset], 4) if sizes.get(dataset) else None,
            "last_submitted_at": last.isoformat() if last else None,
        }
        for dataset, reviewer, submitted, last in per_reviewer
    ]
    return {
        "rounds": [
            {
                "dataset": d,
                "n_records": n,
                "min_submitted": m,
                "api_url": u,
                "completed": done,
                "completed_share": round(done / n, 4) if n else None,
            }
            for d, n, m, u, done in rounds
        ],  # completed: records with min_submitted reviewers (as pulled)
        "progress": progress,
        "inter_annotator": inter_annotator(ratings),
        "human_vs_auto": human_vs_auto(versus),
        "consensus": {"chains_with_consensus": consensus[0], "ties": consensus[1]},
        "unmatched_responses": unmatched,
    }


def inter_annotator(ratings: list[tuple[str, str, str]]) -> dict:
    """Cohen's kappa when exactly two reviewers rated, else Fleiss' kappa over shared items."""
    by_chain: dict[str, dict[str, str]] = {}
    for chain_id, reviewer, label in ratings:
        by_chain.setdefault(chain_id, {})[reviewer] = label
    reviewers = sorted({reviewer for _, reviewer, _ in ratings})
    shared = [labels for labels in by_chain.values() if len(labels) >= 2]
    if len(reviewers) == 2:
        a, b = reviewers
        pairs = [(labels[a], labels[b]) for labels in shared]
        kappa = cohen_kappa([p[0] for p in pairs], [p[1] for p in pairs])
        method = "cohen"
    else:
        kappa = fleiss_kappa([list(labels.values()) for labels in shared])
        method = "fleiss"
    return {
        "method": method,
        "kappa": None if kappa is None else round(kappa, 4),
        "reviewers": reviewers,
        "items_rated_by_2_or_more": len(shared),
    }


def human_vs_auto(pairs: list[tuple[str, str]]) -> dict:
    """How often the human consensus equals the automatic label; kappa; confusion (auto x human)."""
    auto = [a for a, _ in pairs]
    human = [h for _, h in pairs]
    kappa = cohen_kappa(auto, human)
    agree = sum(a == h for a, h in pairs)
    return {
        "n_chains": len(pairs),
        "agreement": round(agree / len(pairs), 4) if pairs else None,
        "kappa": None if kappa is None else round(kappa, 4),
        "confusion_auto_x_human": confusion_matrix(auto, human),
    }
