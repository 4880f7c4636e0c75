"""Issue 17.3: humans judge the answer and the split; the label follows; purity is reported.

No Argilla server here: the screen's settings, the rules' suggestions, the derived label, and
the human-judged purity in ``drqa report`` and the gate from review rows in a real catalog.
"""

from __future__ import annotations

import itertools

import pytest

from drqa.builders.release.config import GateConfig
from drqa.builders.release.gate import run_gate
from drqa.curation_ui.render import record_payload
from drqa.curation_ui.settings import CORRECTNESS, LABELS, SEGMENTATION
from drqa.curation_ui.verdicts import derive_label, suggested_segmentation
from drqa.labeling.report import build_report
from drqa.testing.synthetic_release import write_synthetic_corpus
from drqa.workspace import Workspace

QIDS = {"correctness": "qc", "segmentation": "qs"}


@pytest.mark.parametrize(
    ("size", "right", "split", "label"),
    [
        (1, "correct", "not_batched", "A"),
        (1, "incorrect", "not_batched", "C"),
        (3, "correct", "own_complete", "B"),
        (3, "correct", "contains_other", "C"),
        (2, "correct", "incomplete", "C"),
        (2, "incorrect", "own_complete", "C"),
        (2, "correct", "not_batched", None),  # contradicts the batch size: no label
        (5, "cant_tell", "own_complete", None),
        (1, None, None, None),
    ],
)
def test_the_label_follows_from_the_judgements_and_the_batch_size(size, right, split, label):
    assert derive_label(size, right, split) == label


def test_a_batched_chain_can_never_be_labelled_a():
    answers = [*CORRECTNESS, None]
    splits = [*SEGMENTATION, None]
    for size, right, split in itertools.product((2, 3, 5), answers, splits):
        assert derive_label(size, right, split) != "A", (size, right, split)


def test_a_batched_record_suggests_the_split_and_never_a():
    row = {
        "chain_id": "r-q1", "question": "Q?", "reasoning": "r", "answer": "4", "gold_answer": "4",
        "batch_size": 3, "position": 1, "label": "B", "label_rule": "abc-rules@1",
        "split_confidence": 0.8, "verify_status": "correct", "split_status": "ok",
        "splitter_version": "split@2",
    }  # fmt: skip
    suggestions = {s["question_id"]: s for s in record_payload(row, QIDS)["suggestions"]}
    assert suggestions["qs"]["value"] == "own_complete" and suggestions["qs"]["score"] == 0.8
    assert suggestions["qs"]["agent"] == "split:2"
    assert {s["value"] for s in suggestions.values()}.isdisjoint(LABELS)
    assert "**B** batched, correct" in record_payload(row, QIDS)["fields"]["why"]
    shared = suggested_segmentation({**row, "shared_thinking": True})
    assert shared == ("contains_other", 0.9)
    assert suggested_segmentation({**row, "split_status": "unsplittable"}) is None
    assert suggested_segmentation({**row, "batch_size": 1}) == ("not_batched", 1.0)


@pytest.fixture()
def reviewed_ws(tmp_path):
    """A healthy synthetic corpus where a reviewer judged 10 batched chains: 8 pure, 2 not."""
    ws = Workspace.resolve(tmp_path / "ws")
    write_synthetic_corpus(ws, 30, seed=2, unsplittable_rate=0.0)
    with ws.write("test reviews") as con:
        con.execute(
            """
            INSERT INTO reviews BY NAME
            SELECT 'round-1' AS dataset, chain_id, chain_id AS record_id, 'ann' AS reviewer,
                   'ann-id' AS reviewer_id, now() AS submitted_at, now() AS pulled_at,
                   'correct' AS correctness,
                   CASE WHEN row_number() OVER (ORDER BY chain_id) <= 2 THEN 'contains_other'
                        ELSE 'own_complete' END AS segmentation,
                   CASE WHEN row_number() OVER (ORDER BY chain_id) <= 2 THEN 'C'
                        ELSE 'B' END AS label
            FROM chains WHERE batch_size = 2 AND label = 'B' ORDER BY chain_id LIMIT 10
            """
        ).fetchall()
        con.execute(  # the splitter was 0.9 sure of those chains; humans find 0.8 pure
            "UPDATE chains SET split_confidence = 0.9 WHERE chain_id IN "
            "(SELECT chain_id FROM reviews)"
        ).fetchall()
        model = con.execute("SELECT any_value(model) FROM chains").fetchone()[0]
    return ws, model


def test_report_shows_human_purity_beside_the_splitter_confidence(reviewed_ws):
    ws, model = reviewed_ws
    rows = build_report(ws, plots=False).human_purity
    assert [(r["model"], r["batch_size"], r["judged"]) for r in rows] == [(model, 2, 10)]
    assert rows[0]["human_purity"] == pytest.approx(0.8)
    assert rows[0]["split_confidence_judged"] == pytest.approx(0.9)
    assert rows[0]["chains"] >= 10 and rows[0]["split_confidence"] is not None


def test_gate_reports_purity_and_fails_only_below_a_set_minimum(reviewed_ws):
    ws, model = reviewed_ws
    result = run_gate(ws)
    purity = [c for c in result.checks if c.name.startswith("human-judged purity")]
    assert len(purity) == 1 and purity[0].status == "pass"
    assert f"{model} x2" in purity[0].name and "splitter confidence 0.90" in purity[0].name
    assert "10 judged" in purity[0].name and purity[0].observed == "0.8"
    assert purity[0].threshold == "reported (no minimum set)"
    assert result.metrics["human_purity"] == pytest.approx(0.8)
    strict = run_gate(ws, GateConfig(min_human_purity=0.95))
    failed = [c for c in strict.failed if c.name.startswith("human-judged purity")]
    assert len(failed) == 1 and failed[0].threshold == ">= 0.95" and not strict.passed


def test_gate_without_segmentation_reviews_skips_the_purity_line(tmp_path):
    ws = Workspace.resolve(tmp_path / "ws")
    write_synthetic_corpus(ws, 12, seed=3, unsplittable_rate=0.0)
    result = run_gate(ws, GateConfig(min_human_purity=0.9))
    line = next(c for c in result.checks if c.name.startswith("human-judged purity"))
    assert line.status == "skipped" and line.threshold == ">= 0.9"


def test_drqa_report_prints_the_purity_table(reviewed_ws):
    from typer.testing import CliRunner

    from drqa.cli import app

    ws, model = reviewed_ws
    result = CliRunner().invoke(app, ["report", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert "human-judged purity" in result.output and "0.8" in result.output
