"""Review sync speed against a real argilla-server (SQLite, drqa's SQL search engine).

Prints, side by side in one run:
- push 5,000 chains: ``drqa review push`` (bulk REST upserts of 500) vs the SDK's plain
  ``dataset.records.log(records)`` (default batch size, same records);
- pull 5,000 submitted responses: ``drqa review pull`` (pages of 1,000 into the catalog) vs the
  SDK's ``dataset.records(with_responses=True)`` iteration; the responses are created through the
  SDK (``records.log`` with ``rg.Response(..., user_id=annotator)``) as if annotators submitted;
- an annotator's pending-queue search latency (the UI's first page) at 5,000 and 50,000 records.

Usage: python benchmarks/review_sync.py [--chains 5000] [--big 50000] [--repeats 20]
The CPU may be shared: compare the columns of one run, not runs on different days.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import httpx


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chains", type=int, default=5000)
    parser.add_argument("--big", type=int, default=50000)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()

    import argilla as rg

    from drqa.curation_ui.pull import pull
    from drqa.curation_ui.push import push, select_for_review
    from drqa.curation_ui.server import start_server
    from drqa.curation_ui.settings import review_settings
    from drqa.schema import LABELS
    from drqa.testing.synthetic_chains import insert_synthetic_chains, synthetic_chains
    from drqa.workspace import Workspace

    root = Path(tempfile.mkdtemp(prefix="drqa-review-bench-"))
    ws = Workspace.resolve(root / "ws")
    insert_synthetic_chains(ws, synthetic_chains(args.chains, seed=11))
    started = time.perf_counter()
    handle = start_server(ws, 0)
    print(f"server ready in {time.perf_counter() - started:.1f}s at {handle.url}")
    try:
        client = rg.Argilla(api_url=handle.url, api_key=handle.api_key)
        annotator = _annotator(client, handle)

        # -- push --------------------------------------------------------------------------
        ours = push(ws, round_name="bench", per_stratum=10**9, audit_share=1.0)
        rows = select_for_review(ws, per_stratum=10**9, audit_share=1.0).iter_rows(named=True)
        sdk_records = [_sdk_record(rg, row) for row in rows]
        sdk_dataset = rg.Dataset(
            name="sdk-baseline", workspace="drqa", settings=review_settings(), client=client
        ).create()
        t0 = time.perf_counter()
        sdk_dataset.records.log(sdk_records)
        sdk_push_s = time.perf_counter() - t0

        # -- responses, as annotators would submit them ------------------------------------
        dataset = client.datasets(name=ours.dataset, workspace="drqa")
        t0 = time.perf_counter()
        answered = []
        for i, record in enumerate(dataset.records):
            record.responses.add(
                rg.Response("label", LABELS[i % 3], user_id=annotator.id, status="submitted")
            )
            answered.append(record)
        dataset.records.log(answered)
        respond_s = time.perf_counter() - t0

        # -- pull --------------------------------------------------------------------------
        pulled = pull(ws, round_name="bench")
        t0 = time.perf_counter()
        sdk_count = sum(
            1
            for record in dataset.records(with_responses=True)
            for response in record.responses
            if response.status == "submitted"
        )
        sdk_pull_s = time.perf_counter() - t0

        # -- pending queue latency ---------------------------------------------------------
        small = _pending_latency(handle, dataset.id, _api_key(handle, annotator), args.repeats)
        _grow(handle, dataset.id, args.big - args.chains, seed=12)
        big = _pending_latency(handle, dataset.id, _api_key(handle, annotator), args.repeats)
        fresh = _pending_latency(handle, dataset.id, handle.api_key, args.repeats)
    finally:
        handle.stop()

    print()
    print(f"{'':34}{'drqa':>14}{'SDK default':>14}")
    print(
        f"{'push ' + str(ours.n_records) + ' chains (records/s)':34}"
        f"{ours.records_per_s:>14.0f}{len(sdk_records) / sdk_push_s:>14.0f}"
    )
    print(
        f"{'pull ' + str(pulled.n_submitted) + ' responses (resp./s)':34}"
        f"{pulled.responses_per_s:>14.0f}{sdk_count / sdk_pull_s:>14.0f}"
    )
    print(f"(creating the {len(answered)} responses via SDK records.log took {respond_s:.1f}s)")
    print()
    print("pending-queue search, first page of 10 (median / p95 ms, drqa SQL engine):")
    print(f"  {args.chains:>6} records, annotator with all answered: {_fmt(small)}")
    print(f"  {args.big:>6} records, annotator with {args.chains} answered: {_fmt(big)}")
    print(f"  {args.big:>6} records, annotator with none answered: {_fmt(fresh)}")


def _annotator(client, handle):
    import argilla as rg

    user = rg.User(username="annie", password="bench-pass-1234", role="annotator", client=client)
    user = user.create()
    client.workspaces("drqa").add_user(user)
    return user


def _api_key(handle, user) -> str:
    answer = httpx.get(
        f"{handle.url}/api/v1/users/{user.id}", headers={"X-Argilla-Api-Key": handle.api_key}
    )
    return answer.json()["api_key"]


def _sdk_record(rg, row: dict):
    from drqa.curation_ui.render import record_payload

    payload = record_payload(row, "unused")
    suggestions = [
        rg.Suggestion("label", s["value"], score=s.get("score"), agent=s["agent"])
        for s in payload["suggestions"]
    ]
    return rg.Record(
        id=row["chain_id"],
        fields=payload["fields"],
        metadata=payload["metadata"],
        suggestions=suggestions,
    )


def _grow(handle, dataset_id, n: int, seed: int) -> None:
    """Add ``n`` more records straight through the bulk API (no catalog rows needed)."""
    from drqa.curation_ui.render import record_payload
    from drqa.testing.synthetic_chains import synthetic_chains

    frame = synthetic_chains(n, seed=seed).rename({"problem": "question", "gold": "gold_answer"})
    headers = {"X-Argilla-Api-Key": handle.api_key}
    t0 = time.perf_counter()
    with httpx.Client(base_url=handle.url, headers=headers, timeout=300) as http:
        batch = []
        for row in frame.iter_rows(named=True):
            row.setdefault("label_rule", "abc-rules@1")
            batch.append(record_payload(row, "unused") | {"suggestions": []})
            if len(batch) == 500:
                http.put(f"/api/v1/datasets/{dataset_id}/records/bulk", json={"items": batch})
                batch = []
        if batch:
            http.put(f"/api/v1/datasets/{dataset_id}/records/bulk", json={"items": batch})
    print(f"grew the dataset by {n} records in {time.perf_counter() - t0:.1f}s")


def _pending_latency(handle, dataset_id, api_key: str, repeats: int) -> list[float]:
    body = {
        "query": {},
        "filters": {"and": [{"type": "terms", "scope": {"entity": "response",
                    "property": "status"}, "values": ["pending"]}]},
    }  # fmt: skip
    timings = []
    with httpx.Client(base_url=handle.url, headers={"X-Argilla-Api-Key": api_key}) as http:
        for _ in range(repeats):
            t0 = time.perf_counter()
            answer = http.post(
                f"/api/v1/me/datasets/{dataset_id}/records/search",
                params={"include": "responses,suggestions", "limit": 10},
                json=body,
            )
            timings.append((time.perf_counter() - t0) * 1000)
            answer.raise_for_status()
    return timings


def _fmt(timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"{statistics.median(ordered):7.1f} / {p95:7.1f}"


if __name__ == "__main__":
    main()
