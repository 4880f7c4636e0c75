"""The Great Expectations suites of the release gate: one over the candidate chains (row-level
checks), one over the one-row metrics frame (shares, tokens, kappa).

Runs in an ephemeral GX context on pandas frames (GX validates pandas; Polars converts with
``.to_pandas()``); optionally builds GX Data Docs HTML into a folder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from drqa.builders.release.config import GateConfig
from drqa.builders.release.gate_data import TEXT_COLUMNS
from drqa.schema import LABELS

ROW_FRAME_COLUMNS = (
    "chain_id", "problem_id", "problem", "gold_answer", "chain", "label", "batch_size",
    "request_batch_size", "position", "request_id", "template_name", "generation_status",
    "label_rule", "verifier_version", "thinking_tokens", "total_tokens",
)  # fmt: skip
NOT_NULL_COLUMNS = (
    "chain_id", "problem_id", "problem", "gold_answer", "chain", "label", "batch_size",
    "position", "request_id", "template_name", "generation_status", "label_rule",
    "verifier_version",
)  # fmt: skip
STRING_COLUMNS = ("chain_id", "problem_id", "problem", "gold_answer", "chain", "label")
INT_TYPES = ["int8", "int16", "int32", "int64"]
CONTAMINATION_CHECKED = "contamination checked for every problem"
# the batch size of the chains of one label (NULL on the others' rows), checked per label
LABEL_BATCH_SIZE = {"A": "batch_size_of_A", "B": "batch_size_of_B"}
# what a chain of that label with no batch size counts as there: a row the check sees (as when it
# filtered the rows by label) that passes (``not null: batch_size`` is the check that fails it)
_NO_BATCH_SIZE = {"A": 1, "B": 2}


@dataclass(frozen=True)
class CheckSpec:
    """One gate check: its name, the GX expectation, which frame it validates, its threshold."""

    name: str
    expectation: Any
    frame: str  # "rows" | "metrics"
    threshold: str
    # the rows it checks are its column's non-null values (a column NULL on every other row):
    # its report counts those rows, not the frame's
    present_only: bool = False


def _bounds(lo: float | None, hi: float | None) -> str:
    if lo is None:
        return f"< {hi:g}" if hi is not None else "-"
    return f">= {lo:g}" if hi is None else f"[{lo:g}, {hi:g}]"


def check_specs(config: GateConfig, with_kappa: bool) -> list[CheckSpec]:
    """Every expectation of the gate, in the order the report lists them."""
    import great_expectations.expectations as gxe

    tok = config.token_column
    specs = [
        CheckSpec(
            "schema: required columns",
            gxe.ExpectTableColumnsToMatchSet(column_set=list(ROW_FRAME_COLUMNS), exact_match=False),
            "rows",
            "all present",
        ),
        *(
            CheckSpec(
                f"type: {c} is str",
                gxe.ExpectColumnValuesToBeOfType(column=c, type_="str"),
                "rows",
                "str",
            )
            for c in STRING_COLUMNS
        ),
        *(
            CheckSpec(
                f"type: {c} is integer",
                gxe.ExpectColumnValuesToBeInTypeList(column=c, type_list=INT_TYPES),
                "rows",
                "integer",
            )
            for c in ("batch_size", "position", tok)
        ),
        *(
            CheckSpec(
                f"not null: {c}", gxe.ExpectColumnValuesToNotBeNull(column=c), "rows", "0 nulls"
            )
            for c in (*NOT_NULL_COLUMNS, tok)
        ),
        CheckSpec(
            "labels in {A, B, C}",
            gxe.ExpectColumnValuesToBeInSet(column="label", value_set=list(LABELS)),
            "rows",
            "A, B, C",
        ),
        CheckSpec(
            "unique chain_id",
            gxe.ExpectColumnValuesToBeUnique(column="chain_id"),
            "rows",
            "no duplicates",
        ),
        CheckSpec(
            "chain batch_size matches its request",
            gxe.ExpectColumnPairValuesToBeEqual(
                column_A="batch_size", column_B="request_batch_size"
            ),
            "rows",
            "equal",
        ),
        # the batch size of B (of A) chains only: one column each (``row_frame``), where a
        # row_condition would have GX copy the whole frame per metric
        CheckSpec(
            "every B from batch size >= 2",
            gxe.ExpectColumnValuesToBeBetween(column=LABEL_BATCH_SIZE["B"], min_value=2),
            "rows",
            ">= 2",
            present_only=True,
        ),
        CheckSpec(
            "every A from batch size 1",
            gxe.ExpectColumnValuesToBeInSet(column=LABEL_BATCH_SIZE["A"], value_set=[1]),
            "rows",
            "= 1",
            present_only=True,
        ),
        CheckSpec(
            CONTAMINATION_CHECKED,
            gxe.ExpectColumnValuesToBeNull(column="contamination_not_checked"),
            "rows",
            "0 unchecked: run `drqa decontaminate`",
        ),
        CheckSpec(
            "no problem overlaps an evaluation benchmark",
            gxe.ExpectColumnValuesToBeNull(column="contaminated_by_text"),
            "rows",
            "0 contaminated",
        ),
        _max("unsplittable share", "unsplittable_share", config.max_unsplittable_share, gxe),
        _max("unverifiable share", "unverifiable_share", config.max_unverifiable_share, gxe),
        _max("timed-out share", "timeout_share", config.max_timeout_share, gxe),
        _max(
            "duplicate chain text share",
            "duplicate_chain_share",
            config.max_duplicate_chain_share,
            gxe,
        ),
    ]
    for label in LABELS:
        bounds = config.label_shares.get(label)
        lo, hi = (bounds.min, bounds.max) if bounds else (0.0, 1.0)
        specs.append(
            CheckSpec(
                f"share of {label} labels",
                gxe.ExpectColumnMaxToBeBetween(column=f"share_{label}", min_value=lo, max_value=hi),
                "metrics",
                _bounds(lo, hi),
            )
        )
    specs += [
        CheckSpec(
            "problems with both A and B",
            gxe.ExpectColumnMaxToBeBetween(
                column="shared_problems", min_value=config.min_shared_problems
            ),
            "metrics",
            _bounds(config.min_shared_problems, None),
        ),
        CheckSpec(
            f"mean B {tok} / mean A {tok} on shared problems",
            gxe.ExpectColumnMaxToBeBetween(
                column="b_over_a_tokens", max_value=config.max_b_over_a_tokens, strict_max=True
            ),
            "metrics",
            _bounds(None, config.max_b_over_a_tokens),
        ),
    ]
    if with_kappa:
        specs.append(
            CheckSpec(
                "Cohen's kappa, review vs automatic labels",
                gxe.ExpectColumnMaxToBeBetween(column="kappa", min_value=config.min_kappa),
                "metrics",
                _bounds(config.min_kappa, None),
            )
        )
    return specs  # fmt: skip


PURITY_CHECK = "human-judged purity of batched chains"


def purity_specs(config: GateConfig, metrics: dict[str, float]) -> list[CheckSpec]:
    """One check per model and batch size with reviewers' segmentation verdicts: the human-judged
    purity, named with the splitter's own mean confidence on the same chains. It fails only
    when the recipe sets ``gate.min_human_purity``; unset, the figure is reported."""

    def name(group: str) -> str:
        confidence = metrics.get(f"split_confidence[{group}]")
        judged = int(metrics.get(f"purity_judged[{group}]") or 0)
        said = "-" if confidence is None or confidence != confidence else f"{confidence:.2f}"
        return f"{PURITY_CHECK}: {group} (splitter confidence {said}, {judged} judged)"

    return _share_specs(metrics, "human_purity", name, config.min_human_purity)


LAYOUT_CHECK = "batched responses in the requested layout"


def layout_specs(config: GateConfig, metrics: dict[str, float]) -> list[CheckSpec]:
    """One check per model and batch size: the share of batched responses in the prompt's
    requested layout. It fails only when the recipe sets ``gate.min_layout_compliance``;
    unset, the figure is reported (a model that ignores the layout is visible)."""

    def name(group: str) -> str:
        responses = int(metrics.get(f"layout_responses[{group}]") or 0)
        return f"{LAYOUT_CHECK}: {group} ({responses} responses)"

    return _share_specs(metrics, "requested_layout", name, config.min_layout_compliance)


def _share_specs(
    metrics: dict[str, float], metric: str, name: Callable[[str], str], low: float | None
) -> list[CheckSpec]:
    """One check per ``metric[group]`` share in ``metrics`` (a model and batch size): reported
    when ``low`` is None, else failing below it."""
    import great_expectations.expectations as gxe

    specs = []
    for column in sorted(k for k in metrics if k.startswith(f"{metric}[")):
        group = column[len(metric) + 1 : -1]
        expectation = gxe.ExpectColumnMaxToBeBetween(
            column=column, min_value=0.0 if low is None else low, max_value=1.0
        )
        bounds = "reported (no minimum set)" if low is None else _bounds(low, None)
        specs.append(CheckSpec(name(group), expectation, "metrics", bounds))
    return specs


def _max(name: str, column: str, limit: float, gxe) -> CheckSpec:
    expectation = gxe.ExpectColumnMaxToBeBetween(column=column, min_value=0.0, max_value=limit)
    return CheckSpec(name, expectation, "metrics", f"<= {limit:g}")


def row_frame(candidates: pl.DataFrame) -> pl.DataFrame:
    """The columns the row-level suite reads, with the benchmark overlap as text (NULL if none),
    the problem id of every chain whose problem was never checked (NULL once checked) and the
    batch size of A and of B chains (``LABEL_BATCH_SIZE``)."""
    contaminated = (
        pl.when(pl.col("contaminated_by").list.len() > 0)
        .then(pl.col("contaminated_by").list.join(","))
        .otherwise(None)
        .alias("contaminated_by_text")
    )
    # NULL contaminated_by = never checked: its own failure, never counted as clean
    not_checked = (
        pl.when(pl.col("contaminated_by").is_null())
        .then(pl.col("problem_id"))
        .otherwise(None)
        .alias("contamination_not_checked")
    )
    # GX needs only whether a text is there and its type: a stand-in ('' or NULL), not the text
    present = [
        pl.col(c).str.slice(0, 0) if candidates.schema[c] == pl.String and c in TEXT_COLUMNS
        else pl.col(c)
        for c in ROW_FRAME_COLUMNS if c in candidates.columns
    ]  # fmt: skip
    per_label = [
        pl.when(pl.col("label") == label)
        .then(pl.col("batch_size").fill_null(_NO_BATCH_SIZE[label]))
        .alias(column)
        for label, column in LABEL_BATCH_SIZE.items()
    ]
    return candidates.select(*present, contaminated, not_checked, *per_label)


def run_suites(
    specs: list[CheckSpec],
    frames: dict[str, pl.DataFrame],
    docs_dir: Path | None = None,
) -> dict[str, Any]:
    """Validate each frame with its expectations; return GX results keyed by check name."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("drqa")
    results: dict[str, Any] = {}
    for frame_name, frame in frames.items():
        chosen = [spec for spec in specs if spec.frame == frame_name]
        for spec in chosen:
            spec.expectation.meta = {"drqa_check": spec.name, "threshold": spec.threshold}
        # the suite is stored once with all its expectations (adding them one by one to a stored
        # suite re-serialises it each time)
        expectations = [spec.expectation for spec in chosen]
        suite = context.suites.add(
            gx.ExpectationSuite(name=f"drqa_gate_{frame_name}", expectations=expectations)
        )
        batch = source.add_dataframe_asset(frame_name).add_batch_definition_whole_dataframe("all")
        validation = context.validation_definitions.add(
            gx.ValidationDefinition(name=f"drqa_gate_{frame_name}", data=batch, suite=suite)
        )
        # BASIC: counts and up to 20 example values, what a check reports (SUMMARY also counts
        # each unexpected value: a third of the suites' time at 100k chains, never shown)
        run = validation.run(
            batch_parameters={"dataframe": _to_pandas(frame)}, result_format="BASIC"
        )
        for result in run.results:
            results[result.expectation_config.meta["drqa_check"]] = result
    if docs_dir is not None:
        from drqa.builders.release.gate_docs import build_data_docs

        build_data_docs(context, docs_dir)
    return results


def _to_pandas(frame: pl.DataFrame):
    """``frame`` for GX; the per-label batch sizes stay integers (pandas would make a column
    with NULLs float: GX would quote ``1.0`` for a batch size of 1)."""
    pandas = frame.to_pandas()
    for column in LABEL_BATCH_SIZE.values():
        if column in pandas.columns:
            pandas[column] = pandas[column].astype("Int64")
    return pandas
