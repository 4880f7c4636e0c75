"""The whole review workflow against a real argilla-server and the real argilla SDK."""

from __future__ import annotations

import json

import httpx
import pytest
from typer.testing import CliRunner

from drqa.cli import app
from drqa.curation_ui.settings import LABELS
from drqa.errors import DrqaError

pytestmark = pytest.mark.review

ROUND = "t1"


@pytest.fixture(scope="module")
def pushed(review_server):
    """Round t1 pushed once, with the SDK's view of the dataset."""
    import argilla as rg

    from drqa.curation_ui.push import push

    summary = push(
        review_server.ws, round_name=ROUND, per_stratum=6, audit_share=0.1, min_submitted=2
    )
    client = rg.Argilla(api_url=review_server.url, api_key=review_server.handle.api_key)
    dataset = client.datasets(name=summary.dataset, workspace="drqa")
    return summary, dataset


def _search(server, dataset, user: str | None, body: dict) -> dict:
    key = server.annotator_keys[user] if user else server.handle.api_key
    answer = httpx.post(
        f"{server.url}/api/v1/me/datasets/{dataset.id}/records/search",
        params={"include": "responses", "limit": body.pop("limit", 50)},
        headers={"X-Argilla-Api-Key": key},
        json=body,
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_push_creates_the_round_with_drqa_settings(pushed, review_server):
    summary, dataset = pushed
    assert summary.created == summary.n_records > 0
    assert dataset.settings.distribution.min_submitted == 2
    questions = {q.name: q for q in dataset.settings.questions}
    assert set(questions) == {"correctness", "segmentation", "comment"}  # no A/B/C question
    assert list(questions["correctness"].labels) == ["correct", "incorrect", "cant_tell"]
    options = {str(v) for q in questions.values() for v in (getattr(q, "labels", None) or [])}
    assert options.isdisjoint({*LABELS, *LABELS.values()})  # no "A - single question" offered
    assert "A/B/C" in dataset.settings.guidelines or "| **A** |" in dataset.settings.guidelines
    records = list(dataset.records(with_suggestions=True))
    assert len(records) == summary.n_records
    by_question: dict[str, list] = {}
    for record in records:
        for s in record.suggestions:
            by_question.setdefault(s.question_name, []).append((record, s))
    correctness = by_question["correctness"]
    assert 0 < len(correctness) < len(records)  # chains that timed out get no suggestion
    assert {s.value for _, s in correctness} == {"correct", "incorrect"}
    assert {s.agent for _, s in correctness} == {"mv:0.9"}  # the verifier suggests
    assert all(0.5 <= s.score <= 1.0 for _, s in correctness)
    for record, s in by_question["segmentation"]:  # alone: not batched; batched: the split
        batched = record.metadata["batch_size"] > 1
        assert (s.value == "not_batched") != batched and s.agent == "split:1"


def test_pushing_twice_never_duplicates(pushed, review_server):
    from drqa.curation_ui.push import push

    summary, dataset = pushed
    again = push(
        review_server.ws, round_name=ROUND, per_stratum=6, audit_share=0.1, min_submitted=2
    )
    assert again.n_records == summary.n_records and again.created == 0
    assert dataset.progress()["total"] == summary.n_records


def test_engine_answers_searches_filters_sort_and_pages(pushed, review_server):
    summary, dataset = pushed
    everything = _search(review_server, dataset, None, {"query": {}, "limit": 1000})
    assert everything["total"] == summary.n_records
    page = _search(review_server, dataset, None, {"query": {}, "limit": 7})
    assert len(page["items"]) == 7 and page["total"] == summary.n_records
    text = _search(review_server, dataset, None, {"query": {"text": {"q": "times"}}})
    assert text["total"] == summary.n_records  # every synthetic question says "times"
    nothing = _search(review_server, dataset, None, {"query": {"text": {"q": "zebra"}}})
    assert nothing["total"] == 0
    by_size = {
        "query": {},
        "filters": {"and": [{"type": "terms", "scope": {"entity": "metadata",
                    "metadata_property": "batch_size"}, "values": ["3"]}]},
        "sort": [{"scope": {"entity": "metadata", "metadata_property": "total_tokens"},
                  "order": "desc"}],
        "limit": 1000,
    }  # fmt: skip
    found = _search(review_server, dataset, None, by_size)
    sizes = {i["record"]["metadata"]["batch_size"] for i in found["items"]}
    tokens = [i["record"]["metadata"]["total_tokens"] for i in found["items"]]
    assert sizes == {3} and tokens == sorted(tokens, reverse=True) and found["total"] > 0
    suggested_c = {
        "query": {},
        "filters": {"and": [{"type": "terms", "scope": {"entity": "suggestion",
                    "question": "correctness", "property": "value"}, "values": ["incorrect"]}]},
    }  # fmt: skip
    c_total = _search(review_server, dataset, None, suggested_c)["total"]
    scored = {
        "query": {},
        "filters": {"and": [{"type": "range", "scope": {"entity": "suggestion",
                    "question": "correctness", "property": "score"}, "ge": 0.9, "le": 1.0}]},
    }  # fmt: skip
    assert 0 < c_total < summary.n_records
    assert 0 < _search(review_server, dataset, None, scored)["total"] < summary.n_records


def test_pending_queue_is_per_annotator(pushed, review_server):
    _, dataset = pushed
    pending = {
        "query": {},
        "filters": {"and": [{"type": "terms", "scope": {"entity": "response",
                    "property": "status"}, "values": ["pending"]}]},
        "limit": 3,
    }  # fmt: skip
    before = _search(review_server, dataset, "alice", dict(pending))
    first = before["items"][0]["record"]
    review_server.judge("alice", first["id"], "correct", "not_batched")
    after_alice = _search(review_server, dataset, "alice", dict(pending))
    after_bob = _search(review_server, dataset, "bob", dict(pending))
    assert after_alice["total"] == before["total"] - 1
    assert after_bob["total"] == before["total"]
    assert first["id"] not in {i["record"]["id"] for i in after_alice["items"]}
    submitted = {**pending, "filters": {"and": [{"type": "terms", "scope": {
        "entity": "response", "property": "status"}, "values": ["submitted"]}]}}  # fmt: skip
    assert _search(review_server, dataset, "alice", submitted)["total"] == 1


def test_metadata_metrics_and_progress_come_from_sql(pushed, review_server):
    summary, dataset = pushed
    headers = {"X-Argilla-Api-Key": review_server.handle.api_key}
    props = httpx.get(
        f"{review_server.url}/api/v1/me/datasets/{dataset.id}/metadata-properties",
        headers=headers,
    ).json()["items"]
    by_name = {p["name"]: p["id"] for p in props}
    size = httpx.get(
        f"{review_server.url}/api/v1/metadata-properties/{by_name['batch_size']}/metrics",
        headers=headers,
    ).json()
    assert size["min"] == 1 and size["max"] == 5
    status = httpx.get(
        f"{review_server.url}/api/v1/metadata-properties/{by_name['verify_status']}/metrics",
        headers=headers,
    ).json()
    assert sum(v["count"] for v in status["values"]) == summary.n_records
    progress = dataset.progress(with_users_distribution=True)
    assert progress["total"] == summary.n_records


JUDGEMENTS = (  # (correctness, segmentation) a reviewer gives, by record
    ("incorrect", "own_complete"),
    ("correct", "own_complete"),
    ("correct", "contains_other"),
)


def test_pull_stores_judgements_and_derived_labels_idempotently(pushed, review_server):
    from drqa.curation_ui.pull import pull
    from drqa.curation_ui.status import review_status
    from drqa.curation_ui.verdicts import derive_label

    _, dataset = pushed
    records = list(dataset.records)[-12:]  # alice answered the first one in the queue test
    for i, record in enumerate(records):
        server_id = str(record._server_id)
        right, split = JUDGEMENTS[i % 3]
        if record.metadata["batch_size"] == 1:
            split = "not_batched"
        review_server.judge("alice", server_id, right, split, comment=f"note {i}")
        review_server.judge("bob", server_id, right if i % 4 else "incorrect", split)
    first = pull(review_server.ws, round_name=ROUND)
    assert first.n_submitted >= 24 and first.unmatched == 0
    again = pull(review_server.ws, round_name=ROUND)
    assert (again.added, again.changed, again.removed) == (0, 0, 0)
    with review_server.ws.read() as con:
        rows = con.execute(
            "SELECT r.reviewer, r.label, r.correctness, r.segmentation, r.comment, c.batch_size "
            "FROM reviews r JOIN chains c USING (chain_id) WHERE r.dataset = ? "
            "AND r.chain_id IN (SELECT unnest(?::VARCHAR[]))",
            [dataset.name, [r.id for r in records]],
        ).fetchall()
        consensus = con.execute(
            "SELECT label, n_reviewers, has_consensus FROM review_consensus WHERE chain_id = ?",
            [records[1].id],
        ).fetchone()
    assert len(rows) == 24
    for _, label, right, split, _, size in rows:  # the label follows from the two judgements
        assert label == derive_label(size, right, split) and label != ("A" if size > 1 else "-")
    alice = {r[4] for r in rows if r[0] == "alice"}
    assert alice == {f"note {i}" for i in range(12)}
    expected = "B" if records[1].metadata["batch_size"] > 1 else "A"
    assert consensus == (expected, 2, True)
    report = review_status(review_server.ws)
    raters = report["inter_annotator"]["reviewers"]  # the browser test may add the owner
    assert report["inter_annotator"]["method"] == ("cohen" if len(raters) == 2 else "fleiss")
    assert report["inter_annotator"]["kappa"] is not None
    assert report["human_vs_auto"]["n_chains"] > 0
    reviewers = {p["reviewer"] for p in report["progress"]}
    assert {"alice", "bob"} <= reviewers


def test_pull_stores_a_segmentation_verdict_and_purity_shows(pushed, review_server):
    from drqa.curation_ui.pull import pull
    from drqa.labeling.report import build_report

    _, dataset = pushed
    untouched = list(dataset.records)[5:-12]  # not judged by the tests above
    batched = [r for r in untouched if r.metadata["batch_size"] > 1][:2]
    review_server.judge("alice", str(batched[0]._server_id), "correct", "contains_other")
    review_server.judge("alice", str(batched[1]._server_id), "correct", "own_complete")
    pull(review_server.ws, round_name=ROUND)
    with review_server.ws.read() as con:
        stored = con.execute(
            "SELECT r.segmentation, r.label, s.pure FROM reviews r "
            "JOIN review_segmentation s USING (chain_id) "
            "WHERE r.reviewer = 'alice' AND r.chain_id = ?",
            [batched[0].id],
        ).fetchone()
    assert stored == ("contains_other", "C", False)  # right answer, bad split: never B
    purity = build_report(review_server.ws, plots=False).human_purity
    assert purity and all(0.0 <= row["human_purity"] <= 1.0 for row in purity)
    assert {row["batch_size"] for row in purity} <= {2, 3, 5}
    assert all(row["split_confidence_judged"] is not None for row in purity)


def test_unknown_records_are_kept_aside_and_counted(pushed, review_server):
    from drqa.curation_ui.pull import pull

    _, dataset = pushed
    headers = {"X-Argilla-Api-Key": review_server.handle.api_key}
    fields = {"question": "q", "reasoning": "r", "model_answer": "1", "gold_answer": "1",
              "siblings": "-", "why": "-"}  # fmt: skip
    answer = httpx.put(
        f"{review_server.url}/api/v1/datasets/{dataset.id}/records/bulk",
        headers=headers,
        json={"items": [{"external_id": "not-a-chain-q0", "fields": fields}]},
    )
    answer.raise_for_status()
    review_server.judge("bob", answer.json()["items"][0]["id"], "incorrect", "not_batched")
    summary = pull(review_server.ws, round_name=ROUND)
    assert summary.unmatched == 1
    with review_server.ws.read() as con:
        kept = con.execute("SELECT external_id, reason FROM reviews_unmatched").fetchall()
        in_reviews = con.execute(
            "SELECT count(*) FROM reviews WHERE chain_id = 'not-a-chain-q0'"
        ).fetchone()[0]
    assert kept == [("not-a-chain-q0", "unknown_chain")] and in_reviews == 0


def test_settings_mismatch_is_one_line_naming_the_difference(review_server):
    import argilla as rg

    from drqa.curation_ui.push import dataset_name, push

    client = rg.Argilla(api_url=review_server.url, api_key=review_server.handle.api_key)
    settings = rg.Settings(
        fields=[rg.TextField(name="question")],
        questions=[rg.LabelQuestion(name="label", labels=["A", "B"])],
    )
    name = dataset_name(review_server.ws, "old")
    rg.Dataset(name=name, workspace="drqa", settings=settings, client=client).create()
    with pytest.raises(DrqaError) as error:
        push(review_server.ws, round_name="old")
    message = str(error.value)
    assert name in message and "fields" in message and "\n" not in message


def test_cli_push_pull_status_use_the_running_server(pushed, review_server):
    ws = str(review_server.ws.root)
    runner = CliRunner()
    flags = ["--round", ROUND, "--per-stratum", "6", "--audit-share", "0.1", "--json"]
    flags += ["--min-submitted", "2"]
    pushed_again = runner.invoke(app, ["review", "push", "-w", ws, *flags])
    assert pushed_again.exit_code == 0, pushed_again.output
    assert json.loads(pushed_again.output)["created"] == 0
    pulled = runner.invoke(app, ["review", "pull", "-w", ws, "--json"])
    assert pulled.exit_code == 0, pulled.output
    status = runner.invoke(app, ["review", "status", "-w", ws, "--json"])
    assert status.exit_code == 0 and json.loads(status.output)["progress"]
    table = runner.invoke(app, ["review", "status", "-w", ws])
    assert table.exit_code == 0 and "agreement" in table.output


def test_the_embedded_shortcuts_match_the_plain_rest_api(pushed, review_server):
    """Push's counts route and pull's one-request responses route (drqa's server only) give
    what the plain bulk upsert and record pages give any Argilla."""
    from drqa.curation_ui.connection import resolve_target
    from drqa.curation_ui.pull import fetch_responses
    from drqa.curation_ui.push import select_for_review, upload
    from drqa.curation_ui.render import record_payload

    summary, dataset = pushed
    target = resolve_target(review_server.ws, None, None)
    slim, n_slim = fetch_responses(target, summary.dataset)
    paged, n_paged = fetch_responses(target, summary.dataset, slim=False)
    assert slim.height > 0 and n_slim == n_paged >= summary.n_records
    key = ["chain_id", "reviewer"]
    assert slim.sort(key).equals(paged.sort(key))
    chosen = select_for_review(review_server.ws, per_stratum=6, audit_share=0.1).head(30)
    ids = {q.name: str(q.id) for q in dataset.settings.questions}
    payloads = [record_payload(row, ids) for row in chosen.iter_rows(named=True)]
    assert upload(target, dataset, payloads) == (0, 30)  # all there already: updated
    assert upload(target, dataset, payloads, counts_route=False) == (0, 30)
