"""``drqa status``: one screen of a workspace: generation runs (done/failed), labels (A/B/C and
the unlabelled by reason), releases with their manifest digest, trainings and evals.

Read straight from the catalog with SQL (core imports no stage; the command itself is in
:mod:`drqa.env_command`, the app layer). The catalog does not record
training output folders: trainings are the ``drqa_training.json`` folders found in the workspace
(``models/*``, as the quickstart writes them) plus the trained models the evals name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from drqa.schema import LABELS
from drqa.workspace import Workspace, open_workspace

LINEAGE_FILE = "drqa_training.json"  # what `drqa train` writes beside the model


@dataclass
class WorkspaceStatus:
    """Everything ``drqa status`` shows, as plain data (``--json`` prints it as is)."""

    workspace: str
    problems: int = 0
    runs: list[dict] = field(default_factory=list)
    labels: dict[str, int] = field(default_factory=dict)
    unlabelled: dict[str, int] = field(default_factory=dict)
    releases: list[dict] = field(default_factory=list)
    trainings: list[dict] = field(default_factory=list)
    evals: list[dict] = field(default_factory=list)


def _rows(con, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def workspace_status(ws: Workspace) -> WorkspaceStatus:
    """Collect the status of ``ws`` (a read of the catalog and of ``models/*``)."""
    status = WorkspaceStatus(workspace=str(ws.root))
    if not ws.catalog_path.exists():
        return status
    with ws.read() as con:
        status.problems = con.execute("SELECT count(*) FROM problems").fetchone()[0]
        status.runs = _rows(
            con,
            """
            SELECT r.run_id, r.name, count(q.request_id) AS requests,
                   count(*) FILTER (g.status = 'ok') AS done,
                   count(*) FILTER (g.status = 'failed') AS failed
            FROM runs r LEFT JOIN requests q USING (run_id)
                 LEFT JOIN generations g USING (request_id)
            GROUP BY ALL ORDER BY r.run_id
            """,
        )
        for row in _rows(con, "SELECT label, count(*) AS n FROM chains GROUP BY ALL"):
            if row["label"] is not None:
                status.labels[row["label"]] = row["n"]
        for row in _rows(
            con,
            "SELECT coalesce(label_reason, 'unknown') AS reason, count(*) AS n FROM chains "
            "WHERE label IS NULL GROUP BY ALL ORDER BY n DESC, reason",
        ):
            status.unlabelled[row["reason"]] = row["n"]
        status.releases = _rows(
            con,
            "SELECT version, n_labels AS rows, label_counts, gate_passed, "
            "override_reason IS NOT NULL AS overridden, manifest_sha256 AS digest, folder "
            "FROM releases ORDER BY created_at",
        )
    status.evals = _evals(ws)
    for release in status.releases:
        if isinstance(release["label_counts"], str):
            release["label_counts"] = json.loads(release["label_counts"])
    status.trainings = _trainings(ws, status.evals)
    for row in status.evals:
        row.pop("training", None)
    return status


EVAL_STORE = "evals"  # `drqa eval` keeps its own catalog in WORKSPACE/evals


def _evals(ws: Workspace) -> list[dict]:
    """Accuracy per model and suite from the eval store (empty when nothing was evaluated)."""
    folder = ws.root / EVAL_STORE
    if not (folder / "catalog.duckdb").exists():
        return []
    with open_workspace(folder).read() as con:
        return _rows(
            con,
            """
            SELECT e.model_label AS model, e.suite, count(s.request_id) AS samples,
                   count(*) FILTER (s.correct) AS correct, any_value(e.training) AS training
            FROM eval_runs e LEFT JOIN eval_samples s USING (run_id)
            GROUP BY e.model_label, e.suite ORDER BY e.model_label, e.suite
            """,
        )


def _trainings(ws: Workspace, evals: list[dict]) -> list[dict]:
    """``drqa train`` outputs found in the workspace, then those only the evals know of."""
    found = [
        _training_row(str(lineage.parent), _read_json(lineage))
        for lineage in sorted(ws.root.glob(f"*/*/{LINEAGE_FILE}"))
    ]
    for row in evals:
        facts = row.get("training")
        facts = json.loads(facts) if isinstance(facts, str) else facts
        if not facts:
            continue
        known = _training_row(f"(evaluated as {row['model']})", facts)
        if not any(_same_training(known, other) for other in found):
            found.append(known)
    return found


def _same_training(one: dict, other: dict) -> bool:
    keys = ("method", "base_model", "release", "digest")
    return all(one[key] == other[key] for key in keys)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _training_row(output: str, facts: dict) -> dict:
    release = facts.get("release") if isinstance(facts.get("release"), dict) else {}
    return {
        "output": output,
        "method": facts.get("method"),
        "base_model": facts.get("base_model"),
        "release": release.get("version") or facts.get("release_version"),
        "digest": release.get("manifest_sha256") or facts.get("manifest_sha256"),
    }


def _gate(release: dict) -> str:
    if release["gate_passed"]:
        return "passed"
    return "failed, overridden" if release["overridden"] else "failed"


def _short(digest: str | None) -> str:
    return f"{digest[:12]}…" if digest else "-"


def print_status(status: WorkspaceStatus) -> None:
    """The one-screen view: a few small tables, each skipped with a word when empty."""
    from drqa.console import console, print_table

    console.print(f"workspace {status.workspace}: {status.problems} problems")
    if status.runs:
        print_table(
            "generation runs",
            ["run", "name", "requests", "done", "failed"],
            [(r["run_id"], r["name"], r["requests"], r["done"], r["failed"]) for r in status.runs],
        )
    else:
        console.print("generation runs: none (drqa generate)")
    if status.labels or status.unlabelled:
        rows = [(f"label {k}", n) for k, n in sorted(status.labels.items())]
        rows += [(f"unlabelled: {reason}", n) for reason, n in status.unlabelled.items()]
        print_table("chains", ["", "count"], rows)
    else:
        console.print("chains: none labelled yet (drqa label)")
    if status.releases:
        print_table(
            "releases",
            ["version", "rows", "A/B/C", "gate", "manifest sha256"],
            [
                (
                    r["version"],
                    r["rows"],
                    "/".join(str(r["label_counts"].get(k, 0)) for k in LABELS),
                    _gate(r),
                    _short(r["digest"]),
                )
                for r in status.releases
            ],
        )
    else:
        console.print("releases: none (drqa check, then drqa release VERSION)")
    if status.trainings:
        print_table(
            "trainings",
            ["output", "method", "release", "release sha256"],
            [
                (t["output"], t["method"], t["release"], _short(t["digest"]))
                for t in status.trainings
            ],
        )
    else:
        console.print("trainings: none found in this workspace (drqa train --output DIR)")
    if status.evals:
        print_table(
            "evals",
            ["model", "suite", "samples", "correct"],
            [(e["model"], e["suite"], e["samples"], e["correct"]) for e in status.evals],
        )
    else:
        console.print("evals: none (drqa eval --model M)")
