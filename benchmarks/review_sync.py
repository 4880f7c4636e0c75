"""Review sync speed against a real argilla-server (SQLite, drqa's SQL search engine).

Prints, side by side in one run (medians of ``--repeats`` rounds, the two sides alternating,
the machine load from ``uptime`` beside each figure):
- push N chains: ``drqa review push`` (selection from the catalog, payloads built while earlier
  batches upload, orjson bodies, bulk upserts of 500 with 2 in flight, answered with counts by
  the embedded server's ``.../records/bulk-counts``) vs the SDK's plain
  ``dataset.records.log(records)`` (its default batch size, the same records), each round into
  a fresh dataset; drqa's time includes creating its dataset, the SDK's first figure does not
  (its dataset is made before the clock starts; the second row times that creation too, the
  same work as drqa's); then checks that both datasets hold identical records (fields, metadata,
  suggestions). Both sides run against the same server, so its own speed-ups
  (curation_ui/bulk_speedups.py: settings parsed once, one cached statement for the
  suggestions, statuses from response counts, start-up objects frozen out of the garbage
  collector, no webhook events without webhooks) help both; drqa's counts route alone skips
  the reload of what it stored and the records' API models (nothing reads them back) and
  queues for SQLite's one writer;
- pull N submitted responses: ``drqa review pull`` (every submitted response in one request
  without the records' fields, ``.../drqa-submitted-responses``, into the catalog) vs the SDK's
  ``dataset.records(with_responses=True)`` iteration; the responses are
  created through the SDK (``records.log`` with ``rg.Response(..., user_id=annotator)``) as if
  annotators submitted; checks that both read the same responses;
- with ``--big M``: an annotator's pending-queue search latency at N and M records.

Usage: python benchmarks/review_sync.py [--chains 5000] [--repeats 3] [--big 0]
The CPU may be shared: compare the columns of one run, not runs on different days.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import httpx


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chains", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=3, help="rounds per side (median)")
    parser.add_argument("--big", type=int, default=0, help="pending-queue latency at this size")
    parser.add_argument("--latency-repeats", type=int, default=20)
    args = parser.parse_args()

    import argilla as rg

    from drqa.curation_ui.pull import pull
    from drqa.curation_ui.push import push, select_for_review
    from drqa.curation_ui.server import start_server
    from drqa.curation_ui.settings import review_settings
    from drqa.testing.synthetic_chains import insert_synthetic_chains, synthetic_chains
    from drqa.workspace import Workspace

    root = Path(tempfile.mkdtemp(prefix="drqa-review-bench-"))
    ws = Workspace.resolve(root / "ws")
    insert_synthetic_chains(ws, synthetic_chains(args.chains, seed=11))
    started = time.perf_counter()
    handle = start_server(ws, 0)
    print(f"server ready in {time.perf_counter() - started:.1f}s at {handle.url}")
    ours_push, sdk_push, ours_pull, sdk_pull, sdk_push_created = [], [], [], [], []
    try:
        client = rg.Argilla(api_url=handle.url, api_key=handle.api_key)
        annotator = _annotator(client, handle)
        headers = {"X-Argilla-Api-Key": handle.api_key}

        # -- push: fresh datasets, the two sides alternating ---------------------------------
        rows = list(select_for_review(ws, per_stratum=10**9, audit_share=1.0).iter_rows(named=True))
        for i in range(args.repeats):
            load = _load()
            summary = push(ws, round_name=f"bench-{i}", per_stratum=10**9, audit_share=1.0)
            ours_push.append((summary.n_records / summary.seconds, load))
            print(f"  push {i}: drqa {ours_push[-1][0]:7.0f} rec/s   (load {load})")
            load = _load()
            t_create = time.perf_counter()
            sdk_dataset = rg.Dataset(
                name=f"sdk-{i}", workspace="drqa", settings=review_settings(), client=client
            ).create()
            t0 = time.perf_counter()
            sdk_records = [_sdk_record(rg, row) for row in rows]  # the SDK's way: Record objects
            sdk_dataset.records.log(sdk_records)
            done = time.perf_counter()
            sdk_push.append((len(sdk_records) / (done - t0), load))
            sdk_push_created.append((len(sdk_records) / (done - t_create), load))
            print(f"  push {i}: SDK  {sdk_push[-1][0]:7.0f} rec/s   (load {load}; "
                  f"{sdk_push_created[-1][0]:.0f} with its dataset's creation)")  # fmt: skip
        dataset = client.datasets(name=summary.dataset, workspace="drqa")
        same_records = _same_records(handle.url, headers, dataset, sdk_dataset)

        # -- responses, as annotators would submit them ------------------------------------
        t0 = time.perf_counter()
        answered = []
        for i, record in enumerate(dataset.records):
            right = ("correct", "incorrect", "cant_tell")[i % 3]
            split = "not_batched" if record.metadata["batch_size"] == 1 else "own_complete"
            for question, value in (("correctness", right), ("segmentation", split)):
                record.responses.add(
                    rg.Response(question, value, user_id=annotator.id, status="submitted")
                )
            answered.append(record)
        dataset.records.log(answered)
        respond_s = time.perf_counter() - t0

        # -- pull ----------------------------------------------------------------------------
        for i in range(args.repeats):
            load = _load()
            pulled = pull(ws, round_name=summary.dataset.rsplit("-round-", 1)[1])
            ours_pull.append((pulled.n_submitted / pulled.seconds, load))
            print(f"  pull {i}: drqa {ours_pull[-1][0]:7.0f} resp/s  (load {load})")
            load = _load()
            t0 = time.perf_counter()
            sdk_seen = {
                (record.id, response.user_id, response.question_name, response.value)
                for record in dataset.records(with_responses=True)
                for response in record.responses
                if response.status == "submitted"
            }
            sdk_pull.append((len(sdk_seen) / 2 / (time.perf_counter() - t0), load))
            print(f"  pull {i}: SDK  {sdk_pull[-1][0]:7.0f} resp/s  (load {load})")
        same_responses = _same_responses(ws, summary.dataset, sdk_seen)

        # -- pending queue latency ---------------------------------------------------------
        latency = []
        if args.big:
            key = _api_key(handle, annotator)
            latency.append((args.chains, _pending(handle, dataset.id, key, args.latency_repeats)))
            _grow(handle, dataset.id, args.big - args.chains, seed=12)
            latency.append((args.big, _pending(handle, dataset.id, key, args.latency_repeats)))
    finally:
        handle.stop()

    print()
    print(f"{'':38}{'drqa':>16}{'SDK default':>16}{'ratio':>8}")
    for name, ours, sdk in (
        (f"push {len(rows)} chains (records/s)", ours_push, sdk_push),
        ("  same, SDK timing its dataset creation", ours_push, sdk_push_created),
        (f"pull {pulled.n_submitted} responses (resp./s)", ours_pull, sdk_pull),
    ):
        a, b = _median(ours), _median(sdk)
        print(f"{name:38}{a:>16.0f}{b:>16.0f}{a / b:>7.2f}x")
    print(f"(medians of {args.repeats}; load averages (1 min) per round: push drqa "
          f"{_loads(ours_push)}, SDK {_loads(sdk_push)}; pull drqa {_loads(ours_pull)}, "
          f"SDK {_loads(sdk_pull)})")  # fmt: skip
    print(f"identical records in both datasets: {same_records}")
    print(f"identical responses read by both: {same_responses}")
    print(f"(creating the {len(answered)} responses via SDK records.log took {respond_s:.1f}s)")
    for size, timings in latency:
        print(f"pending-queue search at {size} records, median / p95 ms: {_fmt(timings)}")


def _load() -> str:
    """The 1-minute load average as ``uptime`` reports it."""
    out = subprocess.run(["uptime"], capture_output=True, text=True).stdout
    return out.rsplit("load average:", 1)[-1].split(",")[0].strip()


def _median(figures: list[tuple[float, str]]) -> float:
    return statistics.median(f for f, _ in figures)


def _loads(figures: list[tuple[float, str]]) -> str:
    return "/".join(load for _, load in figures)


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
    """The same record drqa pushes, as the SDK's ``rg.Record`` (suggestions by question name)."""
    from drqa.curation_ui.render import record_payload

    payload = record_payload(row, {"correctness": "correctness", "segmentation": "segmentation"})
    suggestions = [
        rg.Suggestion(s["question_id"], s["value"], score=s.get("score"), agent=s["agent"])
        for s in payload["suggestions"]
    ]
    return rg.Record(
        id=row["chain_id"],
        fields=payload["fields"],
        metadata=payload["metadata"],
        suggestions=suggestions,
    )


def _records(url: str, headers: dict, dataset) -> dict[str, tuple]:
    """Every record of a dataset as ``external_id -> (fields, metadata, suggestions)``."""
    names = {str(q.id): q.name for q in dataset.settings.questions}
    found, offset = {}, 0
    with httpx.Client(base_url=url, headers=headers, timeout=300) as http:
        while True:
            page = http.get(
                f"/api/v1/datasets/{dataset.id}/records",
                params={"include": "suggestions", "offset": offset, "limit": 1000},
            ).json()["items"]
            for r in page:
                suggestions = sorted(
                    (names[s["question_id"]], s["value"], s["score"], s["agent"])
                    for s in r.get("suggestions") or []
                )
                found[r["external_id"]] = (r["fields"], r.get("metadata") or {}, suggestions)
            if len(page) < 1000:
                return found
            offset += 1000


def _same_records(url: str, headers: dict, ours, sdk) -> str:
    a, b = _records(url, headers, ours), _records(url, headers, sdk)
    differ = sum(a[k] != b.get(k) for k in a) + len(set(b) - set(a))
    return "yes" if not differ and a else f"NO: {differ} of {len(a)} differ"


def _same_responses(ws, dataset_name: str, sdk_seen: set) -> str:
    with ws.read() as con:
        rows = con.execute(
            "SELECT chain_id, reviewer_id, correctness, segmentation FROM reviews "
            "WHERE dataset = ?",
            [dataset_name],
        ).fetchall()
    ours = {(c, u, "correctness", r) for c, u, r, _ in rows}
    ours |= {(c, u, "segmentation", s) for c, u, _, s in rows}
    sdk = {(c, str(u), q, v) for c, u, q, v in sdk_seen}
    return "yes" if ours == sdk and ours else f"NO: {len(ours ^ sdk)} differ of {len(sdk)}"


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
            batch.append(record_payload(row, {}))
            if len(batch) == 500:
                http.put(f"/api/v1/datasets/{dataset_id}/records/bulk", json={"items": batch})
                batch = []
        if batch:
            http.put(f"/api/v1/datasets/{dataset_id}/records/bulk", json={"items": batch})
    print(f"grew the dataset by {n} records in {time.perf_counter() - t0:.1f}s")


def _pending(handle, dataset_id, api_key: str, repeats: int) -> list[float]:
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
