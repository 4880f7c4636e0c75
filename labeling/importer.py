"""Bring generations made elsewhere into the catalog so ``drqa label`` treats them like our own.

A file (JSONL or Parquet) holds single-question rows (``problem``, ``gold``, ``response``,
optional ``model``, ``reasoning``, ``id``, ``finish_reason``) or batched rows (``problems`` and
``golds`` lists instead). Each import becomes a source, its problems, one run per model (config
``{"backend": "import", "model": ...}``), requests (the user message rebuilt) and generations.
Responses that start inside the thinking (``</think>`` with no ``<think>``) are cut into reasoning
and content; when a file holds such rows, its rows with no ``</think>`` were cut off in the
thinking (``finish_reason = 'length'``). Bad rows are kept in ``rejects`` with a reason.
Importing the same file again adds nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import polars as pl

from drqa.builders.ingest.config import DecontaminationConfig
from drqa.builders.ingest.contamination import count_by_benchmark, flag_contamination
from drqa.catalog import run_sql
from drqa.errors import DrqaError
from drqa.ids import batch_id, content_hash, problem_id, request_id
from drqa.text import split_sections
from drqa.workspace import Workspace, open_workspace

_TEMPLATE = "import"


@dataclass(frozen=True)
class ImportMapping:
    """Which field of a row holds what (``drqa import-generations`` flags)."""

    problem: str = "problem"
    gold: str = "gold"
    response: str = "response"
    reasoning: str = "reasoning"
    model: str = "model"
    id: str = "id"
    problems: str = "problems"
    golds: str = "golds"
    finish_reason: str = "finish_reason"


@dataclass
class ImportSummary:
    """What an import added and what it rejected, by reason."""

    source_id: str
    rows: int = 0
    generations_added: int = 0
    problems_added: int = 0
    runs: list[str] = field(default_factory=list)
    rejected: Counter = field(default_factory=Counter)
    starts_in_thinking: bool = False
    contaminated: Counter = field(default_factory=Counter)
    contamination_checked: bool = True

    @property
    def exit_code(self) -> int:
        """0 when every row was imported, 3 when some were rejected (as ``drqa ingest``)."""
        return 3 if sum(self.rejected.values()) else 0


def _read_rows(path: Path) -> list[tuple[int, dict | None, str | None]]:
    """(row number, record or None, error) for every row of a JSONL or Parquet file."""
    suffix = path.suffix.lower()
    if suffix not in (".jsonl", ".ndjson", ".json", ".parquet"):
        raise DrqaError(f"cannot import {path}: use a .jsonl or .parquet file")
    rows: list[tuple[int, dict | None, str | None]] = []
    if suffix == ".parquet":
        rows = [(i, record, None) for i, record in enumerate(pl.read_parquet(path).to_dicts(), 1)]
    with path.open("rb") as handle:
        for number, line in enumerate(handle if suffix != ".parquet" else (), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except (ValueError, UnicodeDecodeError) as exc:
                rows.append((number, None, f"malformed_json: {exc}"))
                continue
            if not isinstance(record, dict):
                rows.append((number, None, "malformed_json: not an object"))
            else:
                rows.append((number, record, None))
    if not rows:  # as `drqa ingest` refuses an empty source: exit 2, no workspace made
        raise DrqaError(f"{path} holds no rows: nothing to import")
    return rows


def split_response(
    response: str, reasoning: Any, starts_in_thinking: bool
) -> tuple[str | None, str | None, str | None]:
    """(content, reasoning, finish_reason) of an imported response (cut by
    :func:`drqa.text.split_sections`; cut off while thinking -> no content, ``length``)."""
    if isinstance(reasoning, str) and reasoning:
        return response, reasoning, None
    sections = split_sections(response, starts_in_thinking=starts_in_thinking)
    if not sections.closed:
        return None, sections.thinking, "length"
    return sections.answer, sections.thinking, None


def _as_texts(value: Any) -> list[str] | None:
    if isinstance(value, list) and value and all(isinstance(v, (str, int, float)) for v in value):
        return [str(v) for v in value]
    return None


def import_generations(
    path: str | Path,
    ws: Workspace | str | None = None,
    *,
    mapping: ImportMapping | None = None,
    default_model: str | None = None,
    starts_in_thinking: bool | None = None,
    decontamination: DecontaminationConfig | None = None,
) -> ImportSummary:
    """Import a JSONL/Parquet file of generations (``drqa import-generations``).

    ``starts_in_thinking=None`` decides from the file: True when some responses hold ``</think>``
    and none holds ``<think>``. Problems are checked against the evaluation benchmarks exactly as
    ``drqa ingest`` checks them (``decontamination``; disabled leaves them "not checked", which
    the release gate refuses).
    """
    path = Path(path).expanduser().resolve()
    if not path.is_file():
        raise DrqaError(f"no file at {path}: pass a .jsonl or .parquet file of generations")
    rows = _read_rows(path)
    ws = open_workspace(ws, create=True)
    m = mapping or ImportMapping()
    source_id = "src-" + content_hash(["import", str(path), m.__dict__])
    summary = ImportSummary(source_id=source_id, rows=len(rows))
    if starts_in_thinking is None:
        texts = [r[m.response] for _, r, _ in rows if r and isinstance(r.get(m.response), str)]
        starts_in_thinking = any("</think>" in t for t in texts) and not any(
            "<think>" in t for t in texts
        )
    summary.starts_in_thinking = starts_in_thinking
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    problems: dict[str, dict] = {}
    runs: dict[str, dict] = {}
    requests: list[dict] = []
    generations: list[dict] = []
    rejects: list[dict] = []
    seen: Counter = Counter()

    def reject(number: int, reason: str, detail: str, raw: Any) -> None:
        summary.rejected[reason] += 1
        text = json.dumps(raw, default=str)[:2000] if raw is not None else None
        rejects.append({"source_row": number, "reason": reason, "detail": detail, "raw": text})

    for number, record, error in rows:
        if record is None:
            reject(number, "malformed_json", error or "", None)
            continue
        batched = m.problems in record
        texts = _as_texts(record.get(m.problems)) if batched else _as_texts([record.get(m.problem)])
        golds = _as_texts(record.get(m.golds)) if batched else _as_texts([record.get(m.gold)])
        response = record.get(m.response)
        if not texts or any(not t.strip() for t in texts):
            reject(number, "missing_problem", f"no {m.problems if batched else m.problem}", record)
            continue
        if not golds or len(golds) != len(texts):
            reason = "batch_length_mismatch" if golds else "missing_gold"
            reject(number, reason, f"{len(texts)} problems, {len(golds or [])} golds", record)
            continue
        if not isinstance(response, str) or not response.strip():
            reject(number, "missing_response", f"no text in {m.response!r}", record)
            continue
        if any("\x00" in text for text in [*texts, *golds, response]):
            reject(number, "nul_character", "a NUL character (\\u0000) in its text", record)
            continue
        model = str(record.get(m.model) or default_model or "unknown")
        config = {"backend": "import", "model": model, "source": str(path)}
        run = "run-" + content_hash(config)
        runs.setdefault(run, {"run_id": run, "name": f"import:{model}", "config": config})
        key = record.get(m.id)
        pids = []
        for i, (text, gold) in enumerate(zip(texts, golds, strict=True)):
            pid = problem_id(text)
            pids.append(pid)
            if pid in problems and problems[pid]["answer"] != gold.strip():
                reject(number, "gold_conflict", f"{pid}: {problems[pid]['answer']!r} vs {gold!r}",
                       None)  # fmt: skip
            problems.setdefault(pid, {
                "problem_id": pid, "source_id": source_id, "source_row": number,
                "source_key": None if key is None else (f"{key}#{i}" if batched else str(key)),
                "problem": text, "answer": gold.strip(),
            })  # fmt: skip
        sample = seen[(run, tuple(pids))]
        seen[(run, tuple(pids))] += 1
        rid = request_id(run, pids, sample)
        message = texts[0] if len(texts) == 1 else "\n\n".join(
            f"Question {i}: {t}" for i, t in enumerate(texts, 1)
        )  # fmt: skip
        requests.append({
            "request_id": rid, "run_id": run, "batch_id": batch_id(pids), "batch_size": len(pids),
            "sample_index": sample, "problem_ids": pids,
            "messages": json.dumps([{"role": "user", "content": message}]),
            "template_name": _TEMPLATE, "template_hash": content_hash(_TEMPLATE),
            "created_at": now,
        })  # fmt: skip
        content, reasoning, finish = split_response(
            response, record.get(m.reasoning), starts_in_thinking
        )
        generations.append({
            "request_id": rid, "run_id": run, "status": "ok", "content": content,
            "reasoning": reasoning, "raw_response": response,
            "finish_reason": record.get(m.finish_reason) or finish, "backend": "import",
            "model": model, "created_at": now,
        })  # fmt: skip
    flags = flag_contamination([p["problem"] for p in problems.values()], decontamination)
    summary.contamination_checked = flags is not None
    summary.contaminated = count_by_benchmark(flags)
    for problem, names in zip(problems.values(), flags or [None] * len(problems), strict=True):
        problem["contaminated_by"] = names
    _write(ws, path, m, summary, problems, runs, requests, generations, rejects, now)
    return summary


def _write(ws, path, m, summary, problems, runs, requests, generations, rejects, now) -> None:
    accepted = len(generations)
    with ws.write("drqa import-generations") as con:
        run_sql(con, "BEGIN TRANSACTION")
        run_sql(
            con,
            "INSERT INTO sources VALUES (?, 'file', ?, NULL, NULL, NULL, ?, ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            [summary.source_id, str(path), json.dumps(m.__dict__), summary.rows, accepted,
             summary.rows - accepted, now],
        )  # fmt: skip
        before = con.execute("SELECT count(*) FROM problems").fetchall()[0][0]
        if problems:
            frame = pl.DataFrame(
                list(problems.values()),
                schema_overrides={"contaminated_by": pl.List(pl.String)},
                infer_schema_length=None,
            ).with_columns(created_at=pl.lit(now))
            con.register("new_problems", frame.to_arrow())
            run_sql(
                con,
                "INSERT INTO problems (problem_id, source_id, source_row, source_key, problem, "
                "answer, contaminated_by, created_at) SELECT problem_id, source_id, source_row, "
                "source_key, problem, answer, contaminated_by, created_at FROM new_problems "
                "ON CONFLICT DO NOTHING",
            )
        summary.problems_added = (
            con.execute("SELECT count(*) FROM problems").fetchall()[0][0] - before
        )
        for run in runs.values():
            run_sql(
                con,
                "INSERT INTO runs VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [run["run_id"], run["name"], json.dumps(run["config"]), now],
            )
        summary.runs = sorted(runs)
        if requests:
            con.register("new_requests", pl.DataFrame(requests).to_arrow())
            run_sql(
                con,
                "INSERT INTO requests SELECT request_id, run_id, batch_id, batch_size, "
                "sample_index, problem_ids, messages::JSON, template_name, template_hash, "
                "created_at FROM new_requests ON CONFLICT DO NOTHING",
            )
            before = con.execute("SELECT count(*) FROM generations").fetchall()[0][0]
            frame = pl.DataFrame(generations, infer_schema_length=None)
            con.register("new_generations", frame.to_arrow())
            run_sql(
                con,
                "INSERT INTO generations (request_id, run_id, status, content, reasoning, "
                "raw_response, finish_reason, backend, model, created_at) SELECT request_id, "
                "run_id, status, content, reasoning, raw_response, finish_reason, backend, model, "
                "created_at FROM new_generations ON CONFLICT DO NOTHING",
            )
            after = con.execute("SELECT count(*) FROM generations").fetchall()[0][0]
            summary.generations_added = after - before
        if (
            rejects
            and not con.execute(
                "SELECT 1 FROM rejects WHERE source_id = ? LIMIT 1", [summary.source_id]
            ).fetchall()
        ):
            frame = pl.DataFrame(rejects, infer_schema_length=None).with_columns(
                source_id=pl.lit(summary.source_id), created_at=pl.lit(now)
            )
            con.register("new_rejects", frame.to_arrow())
            run_sql(
                con,
                "INSERT INTO rejects SELECT source_id, source_row, reason, detail, raw, created_at "
                "FROM new_rejects",
            )
        run_sql(con, "COMMIT")
