"""How each response was split is recorded (split_layouts), reported and checked by the gate."""

from __future__ import annotations

import polars as pl

from drqa.labeling.split.compliance import layout_compliance, layout_counts
from drqa.workspace import Workspace

LAYOUT = "ok</think>Answer to Question 1: \\boxed{3}\nAnswer to Question 2: \\boxed{4}"
FREE = "ok</think>The answers are 3 and 4."


def _todo(responses: list[str]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "request_id": [f"r{i}" for i in range(len(responses))],
            "run_id": ["run"] * len(responses),
            "batch_size": [2] * len(responses),
            "sample_index": [0] * len(responses),
            "problem_ids": [["p1", "p2"]] * len(responses),
            "content": responses,
            "reasoning": [None] * len(responses),
            "raw_response": responses,
            "finish_reason": ["stop"] * len(responses),
            "model": ["m"] * len(responses),
            "run_model": ["m"] * len(responses),
            "completion_tokens": [None] * len(responses),
        }
    )


def test_label_rows_record_the_layout_and_the_report_and_gate_read_it(tmp_path):
    from drqa.builders.release.config import GateConfig
    from drqa.builders.release.gate_metrics import layout_compliance as gate_layout
    from drqa.builders.release.gate_suite import layout_specs
    from drqa.labeling.label_rows import chain_rows
    from drqa.labeling.label_writes import LAYOUT_COLUMNS

    layouts: list[dict] = []
    rows = chain_rows(_todo([LAYOUT, FREE, FREE]), {"p1": "3", "p2": "4"}, "paper", {}, layouts)
    assert [r["answer"] for r in rows] == ["3", "4"] * 3
    assert [row["layout"] for row in layouts] == ["requested", "grammar", "grammar"]
    ws = Workspace.resolve(tmp_path / "ws")
    with ws.write("test") as con:
        con.register("new", pl.DataFrame(layouts).select(LAYOUT_COLUMNS).to_arrow())
        con.execute(f"INSERT INTO split_layouts ({', '.join(LAYOUT_COLUMNS)}) SELECT * FROM new")
    with ws.read() as con:
        report = layout_compliance(con)
        counts = layout_counts(con)
    assert report == [
        {"model": "m", "batch_size": 2, "responses": 3, "requested_share": 0.3333,
         "grammar_share": 0.6667, "model_share": 0.0}
    ]  # fmt: skip
    metrics = gate_layout(counts)
    assert abs(metrics["requested_layout[m x2]"] - 1 / 3) < 1e-9
    reported = layout_specs(GateConfig(), metrics)
    assert len(reported) == 1 and reported[0].threshold == "reported (no minimum set)"
    strict = layout_specs(GateConfig(min_layout_compliance=0.9), metrics)
    assert strict[0].threshold != reported[0].threshold
