"""``drqa ingest``: a source's rows become problems; every rejected row is kept with its reason.

Steps: read rows -> map columns, strict types, blank text, duplicates within the source
(:mod:`.rows`) -> build the benchmark index. Then, under the workspace's write lock (so two
ingests can never both accept the same problem): exact duplicates of catalog problems -> near
duplicates (MinHash) -> benchmark decontamination (flagged, kept, left out of composition by
default) -> one catalog transaction, committed only when rows read = accepted + rejected.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone

import polars as pl

from drqa.builders.ingest.config import IngestConfig, SourceConfig
from drqa.builders.ingest.contamination import build_index
from drqa.builders.ingest.near_duplicates import find_near_duplicates
from drqa.builders.ingest.rows import Batch, map_rows
from drqa.builders.ingest.sources import describe_source, read_source
from drqa.catalog import insert_frame, rollback
from drqa.errors import DrqaError
from drqa.ids import content_hash
from drqa.workspace import Workspace

# an ingest has done its reading by the time it needs the lock: it waits for another writer
LOCK_WAIT_S = 600.0

_PROBLEM_SCHEMA = {
    "problem_id": pl.String,
    "source_row": pl.Int64,
    "source_key": pl.String,
    "problem": pl.String,
    "answer": pl.String,
    "difficulty": pl.Float64,
    "subject": pl.String,
    "contaminated_by": pl.List(pl.String),
}
_REJECT_SCHEMA = {
    "source_row": pl.Int64,
    "reason": pl.String,
    "detail": pl.String,
    "raw": pl.String,
}


@dataclass
class IngestSummary:
    """What one source contributed: counts by outcome, reject reason and benchmark.

    ``rows == accepted + n_rejected`` always (asserted before the catalog commit); contaminated
    problems count as rejects (reason ``contaminated``) and are kept, flagged, in ``problems``.
    ``contamination_checked`` is False when decontamination was disabled;
    ``benchmarks_checked`` names the suites the problems were checked against (a
    ``--benchmarks-dir`` may hold only some of them: the rest are in ``benchmarks_unchecked``).
    """

    source_id: str
    uri: str
    rows: int = 0
    accepted: int = 0
    rejected: Counter = field(default_factory=Counter)
    contaminated: Counter = field(default_factory=Counter)
    already_ingested: bool = False
    contamination_checked: bool = True
    benchmarks_checked: tuple[str, ...] = ()
    benchmarks_unchecked: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def n_rejected(self) -> int:
        return sum(self.rejected.values())

    @property
    def exit_code(self) -> int:
        """0 when every row was accepted, 3 when some were rejected (the CLI's exit status)."""
        return 3 if self.n_rejected else 0


def ingest_source(
    ws: Workspace, source: SourceConfig, config: IngestConfig | None = None, *, force: bool = False
) -> IngestSummary:
    """Ingest one source into the workspace catalog and return its summary.

    Safe against concurrent ingests: the duplicate checks and the insert run under the
    workspace's write lock, and every row read is either accepted or rejected with a reason.
    """
    config = config or IngestConfig()
    started = time.perf_counter()
    kind, uri = describe_source(source)
    source_id = "s-" + content_hash(
        [kind, uri, source.hf_config, source.split, source.revision, source.model_dump()]
    )
    summary = IngestSummary(source_id=source_id, uri=uri)
    if not force and ws.catalog_path.exists():
        with ws.read() as con:
            if _already_ingested(con, source_id, summary):
                return summary
    batch, summary.rows = map_rows(read_source(source), source, uri)
    index = build_index(config.decontamination) if config.decontamination.enabled else None
    summary.contamination_checked = index is not None
    if index is not None:
        summary.benchmarks_checked = tuple(index.names)
        wanted = config.decontamination.benchmarks
        summary.benchmarks_unchecked = tuple(n for n in wanted if n not in index.names)
    with ws.write(f"drqa ingest {uri}", wait_s=LOCK_WAIT_S) as con:
        if not force and _already_ingested(con, source_id, summary):
            return summary
        _against_catalog(con, batch, source_id, config)
        if index is not None:
            _decontaminate(batch, index, config.decontamination.ngram)
        _count(batch, summary)
        _store(con, source, kind, uri, source_id, batch, summary, force)
    summary.seconds = time.perf_counter() - started
    return summary


def _already_ingested(con, source_id: str, summary: IngestSummary) -> bool:
    rows = con.execute(
        "SELECT n_rows, n_accepted FROM sources WHERE source_id = ?", [source_id]
    ).fetchall()
    if not rows:
        return False
    summary.rows, summary.accepted, summary.already_ingested = rows[0][0], rows[0][1], True
    summary.rejected.clear()
    for reason, count in con.execute(
        "SELECT reason, count(*) FROM rejects WHERE source_id = ? GROUP BY reason", [source_id]
    ).fetchall():
        summary.rejected[reason] = count
    return True


def _against_catalog(con, batch: Batch, source_id: str, config: IngestConfig) -> None:
    """Reject candidates already in the catalog (from another source) or near them."""
    known = dict(
        con.execute(
            "SELECT problem_id, problem FROM problems WHERE source_id <> ?", [source_id]
        ).fetchall()
    )
    keep = []
    for problem in batch.problems:
        if problem["problem_id"] in known:
            batch.reject_problem(
                problem, "duplicate", f"already in the catalog as {problem['problem_id']}"
            )
        else:
            keep.append(problem)
    batch.problems = keep
    _drop_near_duplicates(batch, known, config)


def _drop_near_duplicates(batch: Batch, known: dict[str, str], config) -> None:
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
        batch.reject_problem(
            problem,
            "near_duplicate",
            f"near-duplicate of {where} (estimated Jaccard {similarity:.2f})",
        )
    batch.problems = keep


def _decontaminate(batch: Batch, index, ngram: int) -> None:
    """Flag every candidate: ``[]`` when clean, else the benchmarks (and a reject row)."""
    flags = index.flag([p["problem"] for p in batch.problems]) if batch.problems else []
    for problem, names in zip(batch.problems, flags, strict=True):
        problem["contaminated_by"] = names
        if names:
            batch.reject_problem(
                problem, "contaminated", f"shares word {ngram}-grams with {', '.join(names)}"
            )


def _count(batch: Batch, summary: IngestSummary) -> None:
    summary.rejected = batch.reasons()
    summary.contaminated = Counter(n for p in batch.problems for n in p["contaminated_by"] or ())
    summary.accepted = sum(1 for p in batch.problems if not p["contaminated_by"])
    if summary.rows != summary.accepted + summary.n_rejected:
        raise DrqaError(
            f"ingest of {summary.uri} lost rows: read {summary.rows}, accepted {summary.accepted},"
            f" rejected {summary.n_rejected}; nothing was written (please report this)"
        )


def _store(con, source, kind, uri, source_id, batch: Batch, summary, force: bool) -> None:
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM rejects WHERE source_id = ?", [source_id])
        con.execute("DELETE FROM sources WHERE source_id = ?", [source_id])
        con.execute(
            "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                source_id, kind, uri, source.hf_config, source.split, source.revision,
                json.dumps(source.model_dump()), summary.rows, summary.accepted,
                summary.n_rejected, now,
            ],
        )  # fmt: skip
        if batch.problems:
            problems = pl.DataFrame(batch.problems, schema=_PROBLEM_SCHEMA).with_columns(
                source_id=pl.lit(source_id), created_at=pl.lit(now)
            )
            # the checks above ran under the write lock: a conflict now is a bug, never a skip;
            # only a forced re-ingest replaces this source's own earlier rows
            verb = "INSERT OR REPLACE INTO" if force else "INSERT INTO"
            con.register("_new_problems", problems.to_arrow())
            try:
                con.execute(
                    f"{verb} problems SELECT problem_id, source_id, source_row, source_key, "
                    "problem, answer, difficulty, subject, contaminated_by, created_at "
                    "FROM _new_problems"
                )
                stored = con.execute(
                    "SELECT count(*) FROM problems p JOIN _new_problems n USING (problem_id) "
                    "WHERE p.source_id = ?",
                    [source_id],
                ).fetchall()[0][0]
            finally:
                con.unregister("_new_problems")
            if stored != len(batch.problems):
                raise DrqaError(
                    f"ingest of {uri}: {len(batch.problems) - stored} of {len(batch.problems)} "
                    "problems were not stored; nothing was written (please report this)"
                )
        if batch.rejects:
            rejects = pl.DataFrame(batch.rejects, schema=_REJECT_SCHEMA).with_columns(
                source_id=pl.lit(source_id), created_at=pl.lit(now)
            )
            insert_frame(
                con, "rejects", rejects, "source_id, source_row, reason, detail, raw, created_at",
                skip_existing=False,
            )  # fmt: skip
        con.execute("COMMIT")
    except Exception:
        rollback(con)
        raise
