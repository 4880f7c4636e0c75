"""Push's bulk upload: lazy batches, a bounded lead, upserts that update in place."""

from __future__ import annotations

import re

import httpx
import pytest

from drqa.curation_ui.upload import batched
from drqa.errors import DrqaError


def test_batches_are_consecutive_and_read_lazily():
    pulled = []

    def items():
        for i in range(7):
            pulled.append(i)
            yield i

    batches = batched(items(), 3)
    assert next(batches) == [0, 1, 2] and pulled == [0, 1, 2]  # nothing read ahead
    assert list(batches) == [[3, 4, 5], [6]]
    assert list(batched([], 3)) == []
    with pytest.raises(ValueError, match="at least 1"):
        next(batched([1], 0))


@pytest.fixture()
def fresh_dataset(review_server, request):
    """A new round dataset (drqa's settings) and the payloads of the workspace's chains."""
    from drqa.curation_ui.connection import resolve_target
    from drqa.curation_ui.push import ensure_dataset, select_for_review
    from drqa.curation_ui.render import record_payload

    target = resolve_target(review_server.ws, None, None)
    name = re.sub(r"[^a-zA-Z0-9_-]+", "-", request.node.name)
    dataset = ensure_dataset(target, f"upload-{name}"[:100], 1)
    ids = {q.name: str(q.id) for q in dataset.settings.questions}
    rows = select_for_review(review_server.ws, per_stratum=10**6, audit_share=1.0).head(120)
    payloads = [record_payload(row, ids) for row in rows.iter_rows(named=True)]
    return target, dataset, payloads


def _suggestions(target, dataset) -> dict[str, list[tuple]]:
    names = {str(q.id): q.name for q in dataset.settings.questions}
    answer = httpx.get(
        f"{target.url}/api/v1/datasets/{dataset.id}/records",
        params={"include": "suggestions", "limit": 1000},
        headers={"X-Argilla-Api-Key": target.api_key},
        timeout=60,
    )
    answer.raise_for_status()
    return {
        r["external_id"]: sorted(
            (names[s["question_id"]], s["value"], s["agent"], s["score"]) for s in r["suggestions"]
        )
        for r in answer.json()["items"]
    }


def _as_stored(payload: dict, names: dict[str, str]) -> list[tuple]:
    return sorted(
        (names[s["question_id"]], s["value"], s["agent"], s["score"])
        for s in payload["suggestions"]
    )


@pytest.mark.review
def test_upload_keeps_a_bounded_lead_and_counts_what_it_created(fresh_dataset):
    from drqa.curation_ui.upload import upload

    target, dataset, payloads = fresh_dataset
    yielded, leads = [0], []

    def lazily():
        for payload in payloads:
            yielded[0] += 1
            yield payload

    answered = [0]

    def progress(n: int) -> None:
        answered[0] += n
        leads.append(yielded[0] - answered[0])

    created, updated = upload(target, dataset, lazily(), progress, batch_size=20, workers=2)
    assert (created, updated) == (len(payloads), 0) and answered[0] == len(payloads)
    assert max(leads) <= 3 * 20  # two batches in flight and one being built, never the corpus
    assert dataset.progress()["total"] == len(payloads)


@pytest.mark.review
@pytest.mark.parametrize("counts_route", [True, False])
def test_pushing_changed_suggestions_updates_them_in_place(fresh_dataset, counts_route):
    from drqa.curation_ui.upload import upload

    target, dataset, payloads = fresh_dataset
    names = {str(q.id): q.name for q in dataset.settings.questions}
    assert upload(target, dataset, payloads, counts_route=counts_route, batch_size=50) == (
        len(payloads),
        0,
    )
    stored = _suggestions(target, dataset)
    assert stored == {p["external_id"]: _as_stored(p, names) for p in payloads}

    for payload in payloads:  # a new verifier version with other verdicts and scores
        for s in payload["suggestions"]:
            if names[s["question_id"]] == "correctness":
                s["value"] = "incorrect" if s["value"] == "correct" else "correct"
                s["agent"], s["score"] = "mv:1.0", 0.5
    again = upload(target, dataset, payloads, counts_route=counts_route, batch_size=50)
    assert again == (0, len(payloads))
    stored = _suggestions(target, dataset)  # replaced, one suggestion per question still
    assert stored == {p["external_id"]: _as_stored(p, names) for p in payloads}
    assert any(s[2] == "mv:1.0" for suggestions in stored.values() for s in suggestions)


@pytest.mark.review
def test_a_refused_batch_is_one_line_naming_its_records(fresh_dataset):
    from drqa.curation_ui.upload import upload

    target, dataset, payloads = fresh_dataset
    payloads[30]["fields"]["not_a_field"] = "x"
    with pytest.raises(DrqaError, match=r"refused records 25-50 of dataset 'upload-") as error:
        upload(target, dataset, payloads, batch_size=25)
    assert "\n" not in str(error.value).strip()


@pytest.mark.review
@pytest.mark.parametrize("counts_route", [True, False])
def test_a_repush_keeps_each_records_status(review_server, counts_route):
    """Completed (two submitted responses, min_submitted 2) stays completed after the records
    are pushed again; the others stay pending."""
    from drqa.curation_ui.connection import resolve_target
    from drqa.curation_ui.push import ensure_dataset, select_for_review
    from drqa.curation_ui.render import record_payload
    from drqa.curation_ui.upload import upload

    target = resolve_target(review_server.ws, None, None)
    dataset = ensure_dataset(target, f"upload-status-{counts_route}", 2)
    ids = {q.name: str(q.id) for q in dataset.settings.questions}
    rows = select_for_review(review_server.ws, per_stratum=10**6, audit_share=1.0).head(12)
    payloads = [record_payload(row, ids) for row in rows.iter_rows(named=True)]
    upload(target, dataset, payloads, counts_route=counts_route)

    def statuses() -> dict[str, tuple[str, str]]:
        answer = httpx.get(
            f"{target.url}/api/v1/datasets/{dataset.id}/records",
            params={"limit": 100},
            headers={"X-Argilla-Api-Key": target.api_key},
            timeout=60,
        )
        answer.raise_for_status()
        return {r["external_id"]: (r["id"], r["status"]) for r in answer.json()["items"]}

    before = statuses()
    assert {status for _, status in before.values()} == {"pending"}
    done_id, _ = before[payloads[0]["external_id"]]
    half_id, _ = before[payloads[1]["external_id"]]
    for user in ("alice", "bob"):
        review_server.judge(user, done_id, "correct", "not_batched")
    review_server.judge("alice", half_id, "correct", "not_batched")
    assert upload(target, dataset, payloads, counts_route=counts_route) == (0, len(payloads))
    after = statuses()
    assert after[payloads[0]["external_id"]][1] == "completed"
    assert {status for key, (_, status) in after.items() if key != payloads[0]["external_id"]} == {
        "pending"
    }
