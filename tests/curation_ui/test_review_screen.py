"""What an annotator sees: label certainty, why the label was proposed, the other questions of a
batched prompt, TeX for Argilla's renderer, neutral answers, the round's name, and users."""

from __future__ import annotations

import httpx
import pytest
from typer.testing import CliRunner

from drqa.cli import app
from drqa.curation_ui.certainty import label_certainty
from drqa.curation_ui.config import ReviewConfig
from drqa.curation_ui.push import dataset_name, select_for_review
from drqa.curation_ui.render import (
    latex_for_argilla,
    record_payload,
    render_answer,
    render_siblings,
)
from drqa.curation_ui.settings import DEFAULT_MIN_SUBMITTED, FIELDS
from drqa.errors import DrqaError
from drqa.testing.synthetic_chains import insert_synthetic_chains, synthetic_chains
from drqa.workspace import Workspace

ROW = {
    "chain_id": "r1-q1", "question": r"Find \(x\) if \[x^2 = 4\]", "reasoning": "x is 2",
    "answer": None, "gold_answer": "2", "batch_size": 3, "position": 1, "label": "C",
    "label_reason": "truncated_no_answer", "label_rule": "paper@1", "split_confidence": 1.0,
    "verify_status": "no_answer", "split_status": "truncated", "needs_review": False,
    "model": "m", "total_tokens": 9, "reason": "audit",
    "siblings": [{"position": 0, "problem": "What is 1 < 2?"}, {"position": 1, "problem": "x"},
                 {"position": 2, "problem": r"Compute \(y\)"}],
}  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, 0.6),  # cut off before answering: C, but a weak one (was 1.0: the split's score)
        ({"verify_status": "correct", "label": "B", "split_status": "ok"}, 0.95),
        ({"verify_status": "correct", "split_status": "ok", "split_confidence": 0.6}, 0.57),
        ({"verify_status": "incorrect", "split_status": "ok"}, 0.8),
        ({"verify_status": "no_answer", "split_status": "missing"}, 0.5),
        ({"verify_status": "correct", "split_status": "ok", "needs_review": True}, 0.5),
        ({"verify_status": "correct", "verify_confidence": 0.7, "split_confidence": 0.5}, 0.35),
    ],
)
def test_certainty_combines_split_and_verdict(changes, expected):
    assert label_certainty({**ROW, **changes}) == pytest.approx(expected)


QIDS = {"correctness": "qc", "segmentation": "qs"}


def test_record_shows_why_siblings_tex_and_neutral_answers():
    payload = record_payload(ROW, QIDS)
    fields = payload["fields"]
    assert list(fields) == list(FIELDS)
    assert fields["question"] == "Find $x$ if $$x^2 = 4$$"
    assert "**Proposed: C**" in fields["why"] and "cut off" in fields["why"]
    assert "no_answer" in fields["why"] and "truncated" in fields["why"]
    assert "0.60" in fields["why"]
    siblings = fields["siblings"]
    assert siblings.startswith("<details><summary>2 other questions") and "</details>" in siblings
    assert "1. What is 1 &lt; 2?" in siblings and "3. Compute $y$" in siblings
    assert "\n2. " not in siblings  # the chain's own question is not repeated
    assert fields["model_answer"] == "_(no final answer)_" and fields["gold_answer"] == "2"
    assert payload["suggestions"] == [  # cut off: "incorrect" suggested at 0.6, split unjudged
        {"question_id": "qc", "value": "incorrect", "agent": "paper:1", "type": "model",
         "score": 0.6}
    ]  # fmt: skip
    assert payload["metadata"]["label_reason"] == "truncated_no_answer"
    assert payload["metadata"]["certainty"] == 0.6
    alone = record_payload({**ROW, "batch_size": 1, "position": 0, "siblings": None}, QIDS)
    assert "Asked alone" in alone["fields"]["siblings"]
    unjudged = {**ROW, "label": None, "verify_status": "timeout", "split_status": "unsplittable"}
    assert record_payload(unjudged, QIDS)["suggestions"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"so \(a+b\) and \[ \frac{1}{2} \] done", r"so $a+b$ and $$\frac{1}{2}$$ done"),
        ("\\[\nx\n\\]", "$$x$$"),
        ("no maths here", "no maths here"),
    ],
)
def test_tex_delimiters_become_dollars(text, expected):
    assert latex_for_argilla(text) == expected


@pytest.mark.parametrize(
    ("answer", "expected"),
    [("42", "42"), (r"\frac{1}{2}", r"$\frac{1}{2}$"), ("x^2", "$x^2$"), ("a*b", r"a\*b"),
     ("", "_(no final answer)_"), (None, "_(no final answer)_")],
)  # fmt: skip
def test_answers_are_neutral_text_or_tex_never_code(answer, expected):
    assert render_answer(answer) == expected and "`" not in render_answer(answer)


def test_siblings_keep_prompt_order():
    text = render_siblings([{"position": 2, "problem": "c"}, {"position": 0, "problem": "a"}], 1)
    assert text.index("1. a") < text.index("3. c")


def test_one_reviewer_is_enough_by_default():
    assert DEFAULT_MIN_SUBMITTED == 1 == ReviewConfig().min_submitted


@pytest.fixture()
def ws(tmp_path):
    workspace = Workspace.resolve(tmp_path / "my-corpus")
    insert_synthetic_chains(workspace, synthetic_chains(60, seed=5))
    return workspace


def make_batch(ws: Workspace, size: int = 3) -> list[str]:
    """Turn ``size`` synthetic chains into the chains of one batched prompt; their ids."""
    with ws.write("test batch") as con:
        ids = [r[0] for r in con.execute(
            "SELECT chain_id FROM chains WHERE label IS NOT NULL ORDER BY chain_id LIMIT ?", [size]
        ).fetchall()]  # fmt: skip
        for position, chain_id in enumerate(ids):
            con.execute(
                "UPDATE chains SET request_id = 'req-batch', batch_size = ?, position = ? "
                "WHERE chain_id = ?",
                [size, position, chain_id],
            )
    return ids


def test_selection_carries_siblings_of_batched_chains(ws):
    ids = make_batch(ws)
    chosen = select_for_review(ws, per_stratum=50, audit_share=1.0)
    batched = chosen.filter(chosen["chain_id"] == ids[1]).row(0, named=True)
    assert [s["position"] for s in batched["siblings"]] == [0, 1, 2]
    assert batched["siblings"][1]["problem"] == batched["question"]
    field = record_payload(batched, QIDS)["fields"]["siblings"]
    assert "2 other questions" in field and "(this is question 2)" in field
    single = chosen.filter(chosen["batch_size"] == 1).row(0, named=True)
    assert single["siblings"] is None


def test_dataset_name_says_workspace_run_and_round(ws):
    name = dataset_name(ws, "2")
    assert name.startswith("drqa-my-corpus-") and name.endswith("-round-2")
    assert all(c.isalnum() or c in "-_" for c in name)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "Bad Name"], "user name 'Bad Name' is not allowed"),
        (["add", "carol", "--role", "owner"], "role 'owner' is not one of annotator, reviewer"),
        (["add", "carol", "--password", "short"], "at least 8 characters"),
    ],
)
def test_users_add_refuses_bad_input_before_any_server(ws, args, message):
    result = CliRunner().invoke(app, ["review", "users", *args, "-w", str(ws.root)])
    assert isinstance(result.exception, DrqaError) and message in str(result.exception)


@pytest.mark.parametrize("command", ["add", "list", "remove"])
def test_users_commands_have_help(command):
    result = CliRunner().invoke(app, ["review", "users", command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


@pytest.mark.review
def test_users_add_list_remove_on_the_real_server(review_server):
    from drqa.curation_ui.users import add_user, list_users, remove_user

    ws = review_server.ws
    carol = add_user(ws, "carol", "reviewer")
    assert carol.password and len(carol.password) >= 8
    token = httpx.post(  # the new user can sign in, as the web UI does
        f"{review_server.url}/api/v1/token",
        data={"username": "carol", "password": carol.password},
        timeout=10,
    )
    assert token.status_code in (200, 201), token.text
    me = httpx.get(
        f"{review_server.url}/api/v1/me",
        headers={"Authorization": f"Bearer {token.json()['access_token']}"},
        timeout=10,
    )
    assert me.json()["role"] == "admin"
    users = {u.username: u for u in list_users(ws)}
    assert users["carol"].role == "reviewer" and users["carol"].in_workspace
    assert users["alice"].role == "annotator"
    with pytest.raises(DrqaError, match="already exists"):
        add_user(ws, "carol")
    remove_user(ws, "carol")
    assert "carol" not in {u.username for u in list_users(ws)}
    with pytest.raises(DrqaError, match="no user 'carol'"):
        remove_user(ws, "carol")


@pytest.mark.review
def test_a_lone_reviewer_completes_records_with_the_default(review_server):
    import argilla as rg

    from drqa.curation_ui.push import push

    summary = push(review_server.ws, round_name="solo", per_stratum=1, audit_share=0.0)
    client = rg.Argilla(api_url=review_server.url, api_key=review_server.handle.api_key)
    dataset = client.datasets(name=summary.dataset, workspace="drqa")
    assert dataset.settings.distribution.min_submitted == 1
    assert {f.name for f in dataset.settings.fields} == set(FIELDS)
    record = next(iter(dataset.records))
    review_server.judge("alice", str(record._server_id), "correct", "not_batched")
    progress = dataset.progress()
    assert progress["completed"] == 1, progress
    from drqa.curation_ui.pull import pull
    from drqa.curation_ui.status import review_status

    pull(review_server.ws, round_name="solo")
    solo = next(
        r for r in review_status(review_server.ws)["rounds"] if r["dataset"] == summary.dataset
    )
    assert (solo["completed"], solo["min_submitted"]) == (1, 1)
