"""``drqa eval report``: the paper's table, recomputed from the stored per-sample verdicts.

Rows are models, columns per suite ``Acc | Tokens`` (pass@1 in percent over k samples; mean
output tokens); every model but the baseline also shows its change against it (``+2.0 pt``,
``-26%``) where both were asked the same (:mod:`drqa.evals.compare`: same problems, prompt,
max tokens and k; otherwise the notes say what differs), with ``*`` where a paired bootstrap
over at least 30 shared problems says the accuracy change is significant (95% interval excludes
0). The run of each model x suite evaluated last is used, over the problems x samples that call
asked for. A cell whose contamination check did not run (``--allow-unchecked``) or found
overlap (``--allow-contaminated``) is marked ``!`` and the notes give the reason.
"""

from __future__ import annotations

import json
from importlib import resources

import polars as pl

from drqa.catalog import fetch_frame
from drqa.errors import DrqaError
from drqa.evals.compare import MIN_PAIRED_PROBLEMS, change
from drqa.evals.metrics import per_problem_accuracy
from drqa.evals.requests import eval_store
from drqa.evals.results import figures_for, grouped, load_samples
from drqa.evals.suites import SUITE_TITLES, SUITES
from drqa.workspace import Workspace


def paper_reference() -> dict:
    """The paper's published numbers shipped in ``evals/reference/paper.json``."""
    entry = resources.files("drqa.evals") / "reference" / "paper.json"
    return json.loads(entry.read_text(encoding="utf-8"))


def latest_runs(con) -> pl.DataFrame:
    """The eval run of every model label x suite evaluated last."""
    return fetch_frame(
        con,
        """
        SELECT e.run_id, model_label, suite, model, revision, backend,
               sampling::VARCHAR AS sampling, prompt_name, prompt_hash, benchmark_sha256,
               training::VARCHAR AS training, contamination::VARCHAR AS contamination,
               created_at, coalesce(r.computed_at, created_at) AS evaluated_at
        FROM eval_runs e LEFT JOIN eval_results r USING (run_id)
        WHERE e.run_id IN (SELECT DISTINCT run_id FROM eval_samples)
        QUALIFY row_number() OVER (PARTITION BY model_label, suite
                                   ORDER BY evaluated_at DESC) = 1
        ORDER BY created_at, model_label, suite
        """,
    )


def build_report(
    ws: Workspace,
    *,
    baseline: str | None = None,
    with_paper: bool = False,
    resamples: int = 2000,
) -> dict:
    """The report as a JSON-ready dict: models, their figures per suite, changes vs baseline."""
    store = eval_store(ws, create=False)
    with store.read() as con:
        runs = latest_runs(con)
        samples = load_samples(con, runs["run_id"].to_list())
    if runs.is_empty():
        raise DrqaError(f"no scored evaluations in {store.root}: run `drqa eval` first")
    labels = list(dict.fromkeys(runs["model_label"]))
    if baseline is not None and baseline not in labels:
        raise DrqaError(f"--baseline {baseline!r} is not an evaluated model; have {labels}")
    baseline = baseline or labels[0]
    figures = figures_for(samples)
    by_problem = {run: per_problem_accuracy(p) for run, p in grouped(samples).items()}
    suites = [s for s in SUITES if s in set(runs["suite"])]
    run_of = {(r["model_label"], r["suite"]): r for r in runs.iter_rows(named=True)}

    models = []
    for label in labels:
        first = next(r for r in runs.iter_rows(named=True) if r["model_label"] == label)
        entry = {
            "label": label,
            "model": first["model"],
            "revision": first["revision"],
            "backend": first["backend"],
            "training": json.loads(first["training"]) if first["training"] else None,
            "suites": {},
        }
        for suite in suites:
            run = run_of.get((label, suite))
            if run is None:
                continue
            cell = _cell(run, figures[run["run_id"]])
            base_run = run_of.get((baseline, suite))
            if label != baseline and base_run is not None:
                cell["vs_baseline"] = change(
                    cell, _cell(base_run, figures[base_run["run_id"]]),
                    by_problem[run["run_id"]], by_problem[base_run["run_id"]], resamples,
                )  # fmt: skip
            entry["suites"][suite] = cell
        models.append(entry)
    report = {"baseline": baseline, "suites": suites, "models": models}
    if with_paper:
        report["paper"] = paper_reference()
    return report


def _cell(run: dict, figures: dict) -> dict:
    accuracy = 100 * figures["pass@1"]
    return {
        "run_id": run["run_id"],
        "accuracy": accuracy,
        "accuracy_interval": [100 * figures["pass@1_low"], 100 * figures["pass@1_high"]],
        "accuracy_se": 100 * figures["pass@1_se"],
        "mean_tokens": figures["mean_tokens"],
        "prompt": f"{run['prompt_name']}@{run['prompt_hash']}",
        "benchmark_sha256": run["benchmark_sha256"],
        "sampling": json.loads(run["sampling"]),
        "contamination": json.loads(run["contamination"]) if run["contamination"] else None,
        "figures": figures,
    }


def _unchecked(cell: dict) -> str | None:
    """Why a cell's contamination was not cleared (None when it was checked clean)."""
    c = cell.get("contamination") or {}
    if c.get("status") == "unchecked":
        return f"contamination unchecked ({c.get('reason')}; allowed: {c.get('allowed')})"
    if c.get("status") == "contaminated":
        return f"contaminated: {c.get('overlap')} training problems overlap (allowed)"
    return None


def render_markdown(report: dict) -> str:
    """The report as a Markdown table in the paper's layout, with notes under it."""
    suites = report["suites"]
    header = ["Model"] + [f"{SUITE_TITLES[s]} {part}" for s in suites for part in ("Acc", "Tokens")]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for model in report["models"]:
        name = model["label"] + (" (baseline)" if model["label"] == report["baseline"] else "")
        cells = [name]
        for suite in suites:
            cell = model["suites"].get(suite)
            if cell is None:
                cells += ["-", "-"]
                continue
            change = cell.get("vs_baseline")
            acc = f"{cell['accuracy']:.2f}" + ("!" if _unchecked(cell) else "")
            tokens = "-" if cell["mean_tokens"] is None else f"{cell['mean_tokens']:,.0f}"
            if change and not change["matched"]:
                acc += " (not compared)"
            elif change:
                mark = "*" if (change["paired"] or {}).get("significant") else ""
                acc += f" ({change['accuracy_pt']:+.1f} pt{mark})"
                if change["tokens_pct"] is not None:
                    tokens += f" ({change['tokens_pct']:+.0f}%)"
            cells += [acc, tokens]
        lines.append("| " + " | ".join(cells) + " |")
    for row in (report.get("paper") or {}).get("rows", []):
        cells = [row["label"]]
        for suite in suites:
            ref = row["suites"].get(suite)
            cells += [f"{ref['accuracy']:.2f}", f"{ref['mean_tokens']:,}"] if ref else ["-", "-"]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", *_notes(report)]
    return "\n".join(lines) + "\n"


def _notes(report: dict) -> list[str]:
    notes = [
        "Acc: pass@1 in percent, averaged over k samples per problem; Tokens: mean output "
        "tokens per sample (reasoning included). Changes are against the baseline, only where "
        "both were asked the same problems, prompt, max tokens and k; * marks an accuracy "
        "change whose paired-bootstrap 95% interval excludes 0, on at least "
        f"{MIN_PAIRED_PROBLEMS} shared problems; ! marks a cell whose contamination check "
        "did not clear it.",
    ]
    for model in report["models"]:
        for suite, cell in model["suites"].items():
            f = cell["figures"]
            low, high = cell["accuracy_interval"]
            text = (
                f"- {model['label']} / {SUITE_TITLES[suite]}: {f['n_problems']} problems x "
                f"k={f['k']}, 95% interval {low:.2f}-{high:.2f}, majority@k "
                f"{100 * f['majority@k']:.2f}, truncated {100 * f['truncation_rate']:.1f}%, "
                f"no answer {100 * f['no_answer_rate']:.1f}%"
            )
            if f["n_failed"]:
                text += f", {f['n_failed']} failed samples left out"
            if f["tokens_approximate"]:
                text += ", tokens approximate"
            vs = cell.get("vs_baseline") or {}
            if vs and not vs["matched"]:
                text += "; not compared with the baseline: " + ", ".join(vs["differs"])
            paired = vs.get("paired") or {}
            if paired and paired["n_problems"] < MIN_PAIRED_PROBLEMS:
                text += f"; {paired['n_problems']} shared problems: too few for a paired test"
            if _unchecked(cell):
                text += f"; ! {_unchecked(cell)}"
            notes.append(text)
    return notes


def write_report(
    ws: Workspace, *, baseline: str | None = None, with_paper: bool = False, plots: bool = True
) -> tuple[dict, list]:
    """Build the report and write ``report.md``, ``report.json`` (and PNGs) into
    ``WORKSPACE/reports/evals``; return the report and the files written."""
    report = build_report(ws, baseline=baseline, with_paper=with_paper)
    folder = ws.reports_dir / "evals"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.md").write_text(render_markdown(report), encoding="utf-8")
    (folder / "report.json").write_text(json.dumps(report, indent=2, default=str), "utf-8")
    files = [folder / "report.md", folder / "report.json"]
    if plots:
        from drqa.evals.plots import write_plots

        runs = [cell["run_id"] for m in report["models"] for cell in m["suites"].values()]
        with eval_store(ws, create=False).read() as con:
            samples = load_samples(con, runs)
        files += write_plots(report, samples, folder)
    return report, files
