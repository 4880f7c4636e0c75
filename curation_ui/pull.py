"""``drqa review pull``: submitted Argilla responses into the ``reviews`` table.

Each row keeps the reviewer's two judgements (``correctness``, ``segmentation``) and the A/B/C
label they imply for the chain's batch size (:mod:`drqa.curation_ui.verdicts`); the catalog's
``review_segmentation`` and ``review_purity`` views turn the segmentation verdicts into
human-judged purity per model and batch size.

The table mirrors what is submitted now: a response changed in Argilla is updated, one withdrawn
(discarded or back to draft) is removed, an unchanged one keeps its row (and ``pulled_at``), so
pulling twice changes nothing. Responses on records whose chain the catalog does not know go to
``reviews_unmatched`` and are counted, never merged.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

import polars as pl

from drqa.curation_ui.connection import Target, resolve_target
from drqa.curation_ui.push import ARGILLA_WORKSPACE
from drqa.curation_ui.verdicts import derived_label
from drqa.errors import DrqaError
from drqa.workspace import Workspace

try:  # orjson reads a page of records several times faster than the standard library
    from orjson import loads as _loads
except ImportError:  # pragma: no cover - optional speed-up
    from json import loads as _loads

PAGE = 1000  # argilla-server's limit per page of records
PAGE_WORKERS = 4  # pages fetched at once (the server answers one while drqa reads another)
_COLUMNS = {
    "dataset": pl.Utf8,
    "chain_id": pl.Utf8,
    "record_id": pl.Utf8,
    "reviewer": pl.Utf8,
    "reviewer_id": pl.Utf8,
    "label": pl.Utf8,
    "comment": pl.Utf8,
    "submitted_at": pl.Datetime("us"),
    "correctness": pl.Utf8,
    "segmentation": pl.Utf8,
}


@dataclass(frozen=True)
class PullSummary:
    """What one pull found and changed, per the whole set of rounds pulled."""

    datasets: list[str]
    n_records: int
    n_submitted: int
    added: int
    changed: int
    removed: int
    unmatched: int
    seconds: float
    responses_per_s: float

    def as_dict(self) -> dict:
        return asdict(self)


def fetch_responses(
    target: Target, dataset_name: str, progress=None, *, slim: bool = True
) -> tuple[pl.DataFrame, int]:
    """Every submitted response of one dataset as rows, and the number of records seen.

    Pages of records are fetched a few at a time and read into columns; each row carries the
    reviewer's two judgements and the label they imply for the record's batch size (an older
    round that asked for the label itself keeps the label as given). drqa's embedded server
    answers every submitted response in one request without the records' fields (``slim``);
    any other Argilla is read page by page.
    """
    dataset = target.client().datasets(name=dataset_name, workspace=ARGILLA_WORKSPACE)
    if dataset is None:
        raise DrqaError(
            f"dataset {dataset_name!r} is not on {target.url} (workspace {ARGILLA_WORKSPACE!r}); "
            "was it deleted, or pushed to another --api-url?"
        )
    columns: dict[str, list] = {name: [] for name in (*_COLUMNS, "batch_size")}
    path = f"/api/v1/datasets/{dataset.id}/records"
    with target.http() as http:
        users = {u["id"]: u["username"] for u in _get(http, "/api/v1/users")["items"]}
        fast = http.get(f"/api/v1/datasets/{dataset.id}/drqa-submitted-responses") if slim else None
        if fast is not None and fast.status_code == 200:  # drqa's server: no fields sent
            answer = _loads(fast.content)
            _read_slim(answer["items"], dataset_name, users, columns, progress)
            return _frame(columns), int(answer["records"])
        first = _get(http, path, params={"include": "responses", "offset": 0, "limit": PAGE})
        _read_page(first["items"], dataset_name, users, columns, progress)
        total = int(first.get("total") or len(first["items"]))
        offsets = range(PAGE, total, PAGE) if len(first["items"]) == PAGE else range(0)
        with ThreadPoolExecutor(PAGE_WORKERS) as pool:
            pages = pool.map(
                lambda offset: _get(
                    http, path, params={"include": "responses", "offset": offset, "limit": PAGE}
                )["items"],
                offsets,
            )
            n_records = len(first["items"])
            for page in pages:
                _read_page(page, dataset_name, users, columns, progress)
                n_records += len(page)
    return _frame(columns), n_records


def _frame(columns: dict[str, list]) -> pl.DataFrame:
    """The pulled columns as a frame, each row's label derived from its two judgements."""
    frame = pl.DataFrame(columns, schema={**_COLUMNS, "batch_size": pl.Int64})
    frame = frame.with_columns(
        pl.coalesce("label", derived_label()).alias("label"),
        pl.col("submitted_at").dt.replace_time_zone(None),
    )
    return frame.select(list(_COLUMNS))


def _read_slim(items: list[dict], dataset_name: str, users: dict, columns: dict, progress):
    """Append the rows of ``drqa-submitted-responses`` (one per submitted response)."""
    add = {name: values.append for name, values in columns.items()}
    for item in items:
        values = item.get("values") or {}
        user_id = item["user_id"]
        add["dataset"](dataset_name)
        add["chain_id"](item.get("external_id"))
        add["record_id"](item["record_id"])
        add["reviewer"](users.get(user_id, user_id))
        add["reviewer_id"](user_id)
        add["label"]((values.get("label") or {}).get("value"))
        add["comment"]((values.get("comment") or {}).get("value"))
        add["submitted_at"](datetime.fromisoformat(item["updated_at"]))
        add["correctness"]((values.get("correctness") or {}).get("value"))
        add["segmentation"]((values.get("segmentation") or {}).get("value"))
        add["batch_size"]((item.get("metadata") or {}).get("batch_size"))
    if progress is not None:
        progress(len(items))


def _read_page(records: list[dict], dataset_name: str, users: dict, columns: dict, progress):
    """Append the submitted responses of one page of records to ``columns``."""
    add = {name: values.append for name, values in columns.items()}
    for record in records:
        responses = record.get("responses")
        if not responses:
            continue
        size = (record.get("metadata") or {}).get("batch_size")
        for response in responses:
            if response["status"] != "submitted":
                continue
            values = response.get("values") or {}
            user_id = response["user_id"]
            add["dataset"](dataset_name)
            add["chain_id"](record.get("external_id"))
            add["record_id"](record["id"])
            add["reviewer"](users.get(user_id, user_id))
            add["reviewer_id"](user_id)
            add["label"]((values.get("label") or {}).get("value"))
            add["comment"]((values.get("comment") or {}).get("value"))
            add["submitted_at"](datetime.fromisoformat(response["updated_at"]))
            add["correctness"]((values.get("correctness") or {}).get("value"))
            add["segmentation"]((values.get("segmentation") or {}).get("value"))
            add["batch_size"](size)
    if progress is not None:
        progress(len(records))


def _get(http, path: str, params: dict | None = None) -> dict:
    answer = http.get(path, params=params)
    if answer.status_code != 200:
        raise DrqaError(f"Argilla at {http.base_url} answered {answer.status_code} to {path}")
    return _loads(answer.content)


def pull(
    ws: Workspace,
    *,
    round_name: str | None = None,
    api_url: str | None = None,
    api_key: str | None = None,
    progress=None,
) -> PullSummary:
    """Pull submitted responses of every pushed round (or one) into ``reviews``."""
    with ws.read() as con:
        found = con.execute("SELECT dataset, round FROM review_rounds ORDER BY 1").fetchall()
    rounds = [row[0] for row in found]
    if round_name is not None:
        rounds = [dataset for dataset, name in found if name == round_name]
        if found and not rounds:
            raise DrqaError(
                f"no review round {round_name!r} was pushed from {ws.root}; pushed rounds: "
                f"{', '.join(sorted({name for _, name in found}))}",
                exit_code=1,
            )
    if not rounds:
        raise DrqaError(
            f"nothing was pushed for review from {ws.root}: run `drqa review push` first",
            exit_code=1,
        )
    target = resolve_target(ws, api_url, api_key)
    started = time.perf_counter()
    frames, n_records = [], 0
    for name in rounds:
        frame, seen = fetch_responses(target, name, progress)
        frames.append(frame)
        n_records += seen
    pulled = pl.concat(frames)
    counts = _store(ws, rounds, pulled)
    seconds = time.perf_counter() - started
    return PullSummary(
        datasets=rounds,
        n_records=n_records,
        n_submitted=pulled.height,
        **counts,
        seconds=round(seconds, 3),
        responses_per_s=round(pulled.height / seconds, 1) if seconds else 0.0,
    )


def _store(ws: Workspace, rounds: list[str], pulled: pl.DataFrame) -> dict[str, int]:
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    with ws.write("review pull", wait_s=30) as con:
        con.register("pulled", pulled.to_arrow())
        con.execute(
            "CREATE TEMP TABLE pulled_known AS SELECT p.* FROM pulled p "
            "WHERE p.chain_id IN (SELECT chain_id FROM chains)"
        )
        con.execute(
            "CREATE TEMP TABLE round_names AS SELECT unnest(?::VARCHAR[]) AS dataset", [rounds]
        )
        same = "r.dataset = k.dataset AND r.chain_id = k.chain_id AND r.reviewer = k.reviewer"
        unchanged = (
            f"{same} AND r.label IS NOT DISTINCT FROM k.label "
            "AND r.comment IS NOT DISTINCT FROM k.comment "
            "AND r.correctness IS NOT DISTINCT FROM k.correctness "
            "AND r.segmentation IS NOT DISTINCT FROM k.segmentation "
            "AND r.submitted_at IS NOT DISTINCT FROM k.submitted_at"
        )
        stale = (
            f"r.dataset IN (SELECT dataset FROM round_names) "
            f"AND NOT EXISTS (SELECT 1 FROM pulled_known k WHERE {unchanged})"
        )
        n_stale = con.execute(f"SELECT count(*) FROM reviews r WHERE {stale}").fetchone()[0]
        n_changed = con.execute(
            f"SELECT count(*) FROM reviews r WHERE {stale} "
            f"AND EXISTS (SELECT 1 FROM pulled_known k WHERE {same})"
        ).fetchone()[0]
        con.execute(f"DELETE FROM reviews r WHERE {stale}")
        inserted = con.execute(
            f"""
            INSERT INTO reviews BY NAME
            SELECT k.dataset, k.chain_id, k.record_id, k.reviewer, k.reviewer_id, k.label,
                   k.comment, k.submitted_at, ?::TIMESTAMP AS pulled_at, k.correctness,
                   k.segmentation
            FROM pulled_known k
            WHERE NOT EXISTS (SELECT 1 FROM reviews r WHERE {same})
            """,
            [now],
        ).fetchone()[0]
        in_rounds = "dataset IN (SELECT dataset FROM round_names)"
        con.execute(f"DELETE FROM reviews_unmatched WHERE {in_rounds}")
        con.execute(
            """
            INSERT INTO reviews_unmatched BY NAME
            SELECT dataset, chain_id AS external_id, record_id, reviewer, label, comment,
                   submitted_at,
                   CASE WHEN chain_id IS NULL THEN 'no_external_id' ELSE 'unknown_chain' END
                       AS reason,
                   ?::TIMESTAMP AS pulled_at, correctness, segmentation
            FROM pulled WHERE chain_id IS NULL OR chain_id NOT IN (SELECT chain_id FROM chains)
            """,
            [now],
        )
        unmatched = con.execute(
            f"SELECT count(*) FROM reviews_unmatched WHERE {in_rounds}"
        ).fetchone()[0]
    return {
        "added": int(inserted) - int(n_changed),
        "changed": int(n_changed),
        "removed": int(n_stale) - int(n_changed),
        "unmatched": int(unmatched),
    }
