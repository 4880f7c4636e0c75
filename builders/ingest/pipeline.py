"""``drqa ingest``: a source's rows become problems; every rejected row is kept with its reason.

Steps: read rows -> map columns -> normalise and validate -> exact duplicates (same problem id,
within the source or already in the catalog) -> near duplicates (MinHash) -> benchmark
decontamination (flagged, kept, left out of composition by default) -> one catalog transaction.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import polars as pl

from drqa.builders.ingest.benchmark_sets import default_benchmark_dir, load_benchmark_problems
from drqa.builders.ingest.config import IngestConfig, SourceConfig
from drqa.builders.ingest.decontaminate import Decontaminator
from drqa.builders.ingest.gold_answers import extract_gold
from drqa.builders.ingest.near_duplicates import find_near_duplicates
from drqa.builders.ingest.sources import SourceRow, describe_source, read_source
from drqa.catalog import insert_frame
from drqa.errors import DrqaError
from drqa.ids import content_hash, normalise_problem, problem_id
from drqa.workspace import Workspace


@dataclass
class IngestSummary:
    """What one source contributed: counts by outcome, reject reason and benchmark."""

    source_id: str
    uri: str
    rows: int = 0
    accepted: int = 0
    rejected: Counter = field(default_factory=Counter)
    contaminated: Counter = field(default_factory=Counter)
    already_ingested: bool = False
    seconds: float = 0.0

    @property
    def n_rejected(self) -> int:
        return sum(self.rejected.values())


@dataclass
class _Batch:
    problems: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[dict[str, Any]] = field(default_factory=list)

    def reject(self, row: int | None, reason: str, detail: str | None, raw: Any) -> None:
        text = raw if isinstance(raw, str) or raw is None else json.dumps(raw, default=str)
        self.rejects.append(
            {"source_row": row, "reason": reason, "detail": detail, "raw": (text or "")[:20000]}
        )


def ingest_source(
    ws: Workspace, source: SourceConfig, config: IngestConfig | None = None, *, force: bool = False
) -> IngestSummary:
    """Ingest one source into the workspace catalog and return its summary."""
    config = config or IngestConfig()
    started = time.perf_counter()
    kind, uri = describe_source(source)
    source_id = "s-" + content_hash(
        [kind, uri, source.hf_config, source.split, source.revision, source.model_dump()]
    )
    summary = IngestSummary(source_id=source_id, uri=uri)
    with ws.read() as con:
        if not force and _already_ingested(con, source_id, summary):
            return summary
        known = dict(con.execute("SELECT problem_id, problem FROM problems").fetchall())

    batch = _map_rows(read_source(source), source, summary, known, config)
    _drop_near_duplicates(batch, known, config, summary)
    _decontaminate(batch, config, summary)

    summary.accepted = sum(1 for p in batch.problems if not p["contaminated_by"])
    with ws.write(f"drqa ingest {uri}") as con:
        _store(con, source, kind, uri, source_id, batch, summary)
    summary.seconds = time.perf_counter() - started
    return summary


def _already_ingested(con, source_id: str, summary: IngestSummary) -> bool:
    rows = con.execute(
        "SELECT n_rows, n_accepted FROM sources WHERE source_id = ?", [source_id]
    ).fetchall()
    if not rows:
        return False
    summary.rows, summary.accepted, summary.already_ingested = rows[0][0], rows[0][1], True
    for reason, count in con.execute(
        "SELECT reason, count(*) FROM rejects WHERE source_id = ? GROUP BY reason", [source_id]
    ).fetchall():
        summary.rejected[reason] = count
    return True


def _map_rows(rows, source: SourceConfig, summary, known: dict[str, str], config) -> _Batch:
    batch = _Batch()
    seen: dict[str, int] = {}
    checked_columns = False
    for item in rows:
        summary.rows += 1
        if item.record is None:
            batch.reject(item.row, item.error or "unreadable", item.detail, item.raw)
            continue
        if not checked_columns:
            _check_mapping(item, source)
            checked_columns = True
        _map_one(item, source, batch, seen, known)
    if summary.rows == 0:
        raise DrqaError(f"source {summary.uri} holds no rows")
    for reject in batch.rejects:
        summary.rejected[reject["reason"]] += 1
    return batch


def _check_mapping(item: SourceRow, source: SourceConfig) -> None:
    columns = sorted(item.record)
    wanted = {"problem_field": source.problem_field, "answer_field": source.answer_field}
    for option in ("id_field", "difficulty_field", "subject_field"):
        if getattr(source, option):
            wanted[option] = getattr(source, option)
    for option, name in wanted.items():
        if name not in item.record:
            flag = "--" + option.replace("_", "-")
            raise DrqaError(
                f"column {name!r} ({option}) is not in {source.path or source.hub} "
                f"(row {item.row}); available columns: {', '.join(columns)}; set {flag}"
            )


def _map_one(item: SourceRow, source: SourceConfig, batch: _Batch, seen, known) -> None:
    record = item.record
    raw_problem = record.get(source.problem_field)
    text = normalise_problem(str(raw_problem)) if raw_problem is not None else ""
    if not text:
        batch.reject(item.row, "empty_problem", f"{source.problem_field!r} is empty", record)
        return
    answer = extract_gold(record.get(source.answer_field), source.answer_format)
    if answer is None:
        detail = f"{source.answer_field!r} is empty"
        if source.answer_format != "plain" and record.get(source.answer_field):
            detail = f"no {source.answer_format} answer found in {source.answer_field!r}"
        batch.reject(item.row, "missing_answer", detail, record)
        return
    pid = problem_id(text)
    if pid in seen:
        batch.reject(item.row, "duplicate", f"same problem as row {seen[pid]} ({pid})", record)
        return
    if pid in known:
        batch.reject(item.row, "duplicate", f"already in the catalog as {pid}", record)
        return
    seen[pid] = item.row
    difficulty = _as_float(record.get(source.difficulty_field)) if source.difficulty_field else None
    batch.problems.append(
        {
            "problem_id": pid,
            "source_row": item.row,
            "source_key": str(record[source.id_field]) if source.id_field else None,
            "problem": text,
            "answer": answer,
            "difficulty": difficulty,
            "subject": str(record.get(source.subject_field)) if source.subject_field else None,
            "contaminated_by": [],
        }
    )


def _as_float(value: Any) -> float | None:
    try:
        return float(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


def _drop_near_duplicates(batch: _Batch, known: dict[str, str], config, summary) -> None:
    if config.near_duplicate_threshold is None or not batch.problems:
        return
    known_items = list(known.items())
    texts = [text for _, text in known_items] + [p["problem"] for p in batch.problems]
    duplicates = find_near_duplicates(texts, config.near_duplicate_threshold, len(known_items))
    keep = []
    for index, problem in enumerate(batch.problems, start=len(known_items)):
        if index not in duplicates:
            keep.append(problem)
            continue
        original, similarity = duplicates[index]
        if original < len(known_items):
            where = f"{known_items[original][0]} in the catalog"
        else:
            where = f"row {batch.problems[original - len(known_items)]['source_row']}"
        batch.reject(
            problem["source_row"],
            "near_duplicate",
            f"near-duplicate of {where} (estimated Jaccard {similarity:.2f})",
            problem["problem"],
        )
        summary.rejected["near_duplicate"] += 1
    batch.problems = keep


def _decontaminate(batch: _Batch, config: IngestConfig, summary) -> None:
    settings = config.decontamination
    if not settings.enabled or not batch.problems:
        return
    folder = settings.benchmark_dir or default_benchmark_dir()
    benchmarks = load_benchmark_problems(settings.benchmarks, folder)
    index = Decontaminator.build(
        benchmarks, settings.ngram, settings.min_overlap, settings.min_fraction
    )
    flags = index.flag([p["problem"] for p in batch.problems])
    for problem, names in zip(batch.problems, flags, strict=True):
        if not names:
            continue
        problem["contaminated_by"] = names
        summary.contaminated.update(names)
        batch.reject(
            problem["source_row"],
            "contaminated",
            f"shares word {settings.ngram}-grams with {', '.join(names)}",
            problem["problem"],
        )
        summary.rejected["contaminated"] += 1


def _store(con, source, kind, uri, source_id, batch: _Batch, summary: IngestSummary) -> None:
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM rejects WHERE source_id = ?", [source_id])
        con.execute("DELETE FROM sources WHERE source_id = ?", [source_id])
        con.execute(
            "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                source_id,
                kind,
                uri,
                source.hf_config,
                source.split,
                source.revision,
                json.dumps(source.model_dump()),
                summary.rows,
                summary.accepted,
                summary.n_rejected,
                now,
            ],
        )
        if batch.problems:
            problems = pl.DataFrame(
                batch.problems,
                schema={
                    "problem_id": pl.String,
                    "source_row": pl.Int64,
                    "source_key": pl.String,
                    "problem": pl.String,
                    "answer": pl.String,
                    "difficulty": pl.Float64,
                    "subject": pl.String,
                    "contaminated_by": pl.List(pl.String),
                },
            ).with_columns(source_id=pl.lit(source_id), created_at=pl.lit(now))
            insert_frame(
                con, "problems", problems,
                "problem_id, source_id, source_row, source_key, problem, answer, difficulty,"
                " subject, contaminated_by, created_at",
            )  # fmt: skip
        if batch.rejects:
            rejects = pl.DataFrame(
                batch.rejects,
                schema={
                    "source_row": pl.Int64,
                    "reason": pl.String,
                    "detail": pl.String,
                    "raw": pl.String,
                },
            ).with_columns(source_id=pl.lit(source_id), created_at=pl.lit(now))
            insert_frame(
                con, "rejects", rejects, "source_id, source_row, reason, detail, raw, created_at",
                skip_existing=False,
            )  # fmt: skip
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
