"""The release gate: ``run_gate(ws, config) -> GateResult`` (``drqa check`` and ``drqa release``).

Reads the chains a release would hold, validates them and their aggregates with Great
Expectations (:mod:`drqa.builders.release.gate_suite`) and reports one line per expectation:
pass/fail/skipped, the observed value and the threshold.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from drqa.builders.release.config import GateConfig
from drqa.builders.release.gate_data import GateInput, bounded_duckdb, read_gate_input
from drqa.builders.release.gate_metrics import gate_metrics
from drqa.builders.release.gate_suite import (
    LABEL_BATCH_SIZE,
    PURITY_CHECK,
    ROW_FRAME_COLUMNS,
    CheckSpec,
    check_specs,
    layout_specs,
    purity_specs,
    row_frame,
    run_suites,
)
from drqa.errors import DrqaError
from drqa.workspace import Workspace, open_workspace

Status = Literal["pass", "fail", "skipped"]


@dataclass(frozen=True)
class GateCheck:
    """One expectation's outcome."""

    name: str
    expectation: str
    status: Status
    observed: str
    threshold: str


@dataclass(frozen=True)
class GateResult:
    """Every check of one gate run, and the metrics they were computed from."""

    checks: tuple[GateCheck, ...]
    metrics: dict[str, float]
    n_candidates: int
    docs_dir: Path | None = None
    label_counts: dict[str, int] = field(default_factory=dict)
    pending_generations: int = 0  # answered requests not split and labelled yet

    @property
    def passed(self) -> bool:
        return all(check.status != "fail" for check in self.checks)

    @property
    def failed(self) -> list[GateCheck]:
        return [check for check in self.checks if check.status == "fail"]

    def summary(self) -> dict[str, Any]:
        """A JSON-ready summary (recorded in the catalog, the manifest and the card)."""
        return {
            "passed": self.passed,
            "n_candidates": self.n_candidates,
            "failed": [check.name for check in self.failed],
            "checks": [asdict(check) for check in self.checks],
            "metrics": {k: (None if math.isnan(v) else v) for k, v in self.metrics.items()},
            "pending_generations": self.pending_generations,
        }

    def pending_line(self) -> str | None:
        """``N generations are not labelled yet ...`` when some are, else None."""
        if not self.pending_generations:
            return None
        return (
            f"{self.pending_generations} generations are not labelled yet and are not in this "
            "gate (or a release): run `drqa label` first"
        )

    def failure_line(self) -> str:
        """The failed checks as one line: name (observed; threshold)."""
        return "; ".join(
            f"{c.name} (observed {c.observed}, needs {c.threshold})" for c in self.failed
        )


def run_gate(
    ws: Workspace | str | Path | None,
    config: GateConfig | None = None,
    *,
    docs_dir: Path | None = None,
) -> GateResult:
    """Run every gate expectation over the workspace's labelled chains.

    Raises a one-line ``DrqaError`` when the workspace has no catalog or no labelled chains, or
    when the catalog lacks a column the gate needs. ``docs_dir`` receives GX Data Docs HTML.
    """
    config = config or GateConfig()
    data = read_workspace_gate_input(ws, config, texts=False)  # texts are checked in DuckDB
    return run_gate_on_input(data, config, docs_dir=docs_dir)


def read_workspace_gate_input(
    ws: Workspace | str | Path | None, config: GateConfig, *, texts: bool = True
) -> GateInput:
    """The gate's input from a workspace, or a one-line error when there is nothing to check.

    ``texts=False`` reads stand-ins for the long texts (the gate alone: bounded memory)."""
    workspace = open_workspace(ws)
    where = str(workspace.catalog_path)
    with workspace.read() as con, bounded_duckdb(con):
        data = read_gate_input(con, config.unverifiable_statuses, where, texts=texts)
    if data.candidates.is_empty():
        raise DrqaError(
            f"nothing to check in workspace {workspace.root}: no labelled chains; "
            "run `drqa generate` and `drqa label` first"
        )
    return data


def run_gate_on_input(
    data: GateInput, config: GateConfig, *, docs_dir: Path | None = None
) -> GateResult:
    """Run the gate over already-read input (what ``make_release`` does, to read once)."""
    missing = [c for c in (*ROW_FRAME_COLUMNS, "contaminated_by", "label_source", "auto_label")
               if c not in data.candidates.columns]  # fmt: skip
    if missing:
        raise DrqaError(
            f"the gate cannot run: the candidate chains lack columns {', '.join(missing)}; "
            "the catalog predates this drqa version: rerun `drqa label`"
        )
    metrics = gate_metrics(data, config)
    purity = purity_specs(config, metrics.row(0, named=True))
    specs = check_specs(config, with_kappa=data.has_reviews) + purity
    specs += layout_specs(config, metrics.row(0, named=True))  # issue 17: layout compliance
    results = run_suites(specs, {"rows": row_frame(data.candidates), "metrics": metrics}, docs_dir)
    checks = [_check(spec, results.get(spec.name)) for spec in specs]
    if not purity and config.min_human_purity is not None:  # a minimum, nothing judged yet
        checks.append(
            GateCheck(PURITY_CHECK, "expect_column_max_to_be_between", "skipped",
                      "skipped: no segmentation reviews", f">= {config.min_human_purity:g}")
        )  # fmt: skip
    if not data.has_reviews:
        checks.append(
            GateCheck(
                "Cohen's kappa, review vs automatic labels",
                "expect_column_max_to_be_between",
                "skipped",
                "skipped: no reviews",
                f">= {config.min_kappa:g}",
            )
        )
    label_counts = {str(k): int(v) for k, v in data.candidates.group_by("label").len().iter_rows()}
    return GateResult(
        checks=tuple(checks),
        metrics=metrics.row(0, named=True),
        n_candidates=data.candidates.height,
        docs_dir=docs_dir,
        label_counts=label_counts,
        pending_generations=data.status_counts.get("n_pending_generations", 0),
    )


def _check(spec: CheckSpec, result: Any) -> GateCheck:
    name, threshold = spec.name, spec.threshold
    if result is None:  # GX dropped it: never report a silent pass
        return GateCheck(name, "?", "fail", "error: no result from Great Expectations", threshold)
    kind = result.expectation_config.type
    if result.exception_info and result.exception_info.get("raised_exception"):
        message = str(result.exception_info.get("exception_message")).splitlines()[0][:160]
        return GateCheck(name, kind, "fail", f"error: {message}", threshold)
    observed = dict(result.result)
    if spec.present_only and "element_count" in observed:  # the rows it checks: non-null ones
        observed["element_count"] -= int(observed.get("missing_count") or 0)
    return GateCheck(
        name, kind, "pass" if result.success else "fail", _observed(observed), threshold
    )


def _observed(result: dict[str, Any]) -> str:
    if "observed_value" in result:
        value = result["observed_value"]
        if value is None:
            return "not computable"
        if isinstance(value, float):
            return f"{value:.4g}"
        if isinstance(value, list):  # the frame's columns, less the per-label batch sizes
            return f"{len([c for c in value if c not in LABEL_BATCH_SIZE.values()])} columns"
        return str(value)
    unexpected = int(result.get("unexpected_count") or 0)
    if unexpected == 0:
        return f"0 of {result.get('element_count', 0)}"
    examples = ", ".join(str(v) for v in (result.get("partial_unexpected_list") or [])[:3])
    return f"{unexpected} of {result.get('element_count', 0)}, e.g. {examples}"
