"""What goes into a review round, how a chain renders, and the one-line errors (no server)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from drqa.cli import app
from drqa.curation_ui.push import select_for_review
from drqa.curation_ui.render import record_payload, render_reasoning, suggestion_agent
from drqa.errors import DrqaError
from drqa.testing.synthetic_chains import insert_synthetic_chains, synthetic_chains
from drqa.workspace import Workspace


@pytest.fixture()
def ws(tmp_path):
    workspace = Workspace.resolve(tmp_path / "ws")
    insert_synthetic_chains(workspace, synthetic_chains(400, seed=3))
    return workspace


def test_selection_takes_routed_chains_strata_and_an_audit_share(ws):
    chosen = select_for_review(ws, per_stratum=5, audit_share=0.1, seed=7)
    with ws.read() as con:
        routed = con.execute("SELECT count(*) FROM chains WHERE needs_review").fetchone()[0]
    reasons = dict(chosen.group_by("reason").len().iter_rows())
    assert reasons["needs_review"] == routed > 0
    strata = chosen.filter(reason="stratified").group_by("label", "batch_size").len()
    assert strata["len"].max() == 5 and strata.height == 8  # A: 1 size, B: 3, C: 4
    assert 0 < reasons["audit"] < 0.2 * 400
    assert chosen["chain_id"].is_unique().all()


def test_selection_is_deterministic_for_a_seed(ws):
    first = select_for_review(ws, per_stratum=5, audit_share=0.1, seed=7)
    again = select_for_review(ws, per_stratum=5, audit_share=0.1, seed=7)
    other = select_for_review(ws, per_stratum=5, audit_share=0.1, seed=8)
    assert first["chain_id"].to_list() == again["chain_id"].to_list()
    assert first["chain_id"].to_list() != other["chain_id"].to_list()


def test_reasoning_renders_readably():
    text = render_reasoning("<think>Step one.\nStep two.\n\n\n\nDone.</think>", 3, 1)
    assert text.startswith("Question **2 of 3**")
    assert "Step one.  \nStep two.  \n\nDone.  " in text and "<think>" not in text
    assert "no reasoning" in render_reasoning(None, 1, 0)


def test_payload_suggests_both_judgements_with_scores_and_agents():
    row = {
        "chain_id": "r1-q0", "question": "Q?", "reasoning": "r", "answer": "4",
        "gold_answer": "4", "batch_size": 2, "position": 0, "label": "B",
        "label_rule": "abc-rules@1", "split_confidence": 0.75, "verify_status": "correct",
        "model": "m", "total_tokens": 12, "split_status": "ok", "reason": "audit",
        "verifier_version": "mv@0.9",
    }  # fmt: skip
    payload = record_payload(row, {"correctness": "qc", "segmentation": "qs"})
    assert payload["external_id"] == "r1-q0"
    assert payload["suggestions"] == [  # the verifier's verdict; the splitter's confidence
        {"question_id": "qc", "value": "correct", "agent": "mv:0.9", "type": "model",
         "score": 0.95},
        {"question_id": "qs", "value": "own_complete", "agent": "abc-rules:1", "type": "model",
         "score": 0.75},
    ]  # fmt: skip
    assert payload["metadata"]["batch_size"] == 2 and payload["metadata"]["reason"] == "audit"
    assert payload["metadata"]["certainty"] == 0.712  # the label's: split 0.75 x verdict 0.95
    assert suggestion_agent(None) == "drqa-label-rules"


@pytest.mark.parametrize("command", ["serve", "push", "pull", "status"])
def test_every_review_command_has_help(command):
    result = CliRunner().invoke(app, ["review", command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_push_to_unreachable_argilla_is_one_line_with_the_url(ws):
    pytest.importorskip("argilla")
    url = "http://127.0.0.1:9"  # discard port: nothing answers
    result = CliRunner().invoke(
        app, ["review", "push", "-w", str(ws.root), "--api-url", url, "--api-key", "k"]
    )
    assert isinstance(result.exception, DrqaError)
    message = str(result.exception)
    assert url in message and "\n" not in message


def test_push_without_a_server_says_how_to_start_one(ws, monkeypatch):
    monkeypatch.delenv("ARGILLA_API_URL", raising=False)
    result = CliRunner().invoke(app, ["review", "push", "-w", str(ws.root)])
    assert isinstance(result.exception, DrqaError)
    assert "drqa review serve" in str(result.exception)


def test_status_on_a_workspace_without_reviews(ws):
    result = CliRunner().invoke(app, ["review", "status", "-w", str(ws.root), "--json"])
    assert result.exit_code == 0, result.output
    assert '"progress": []' in result.output
