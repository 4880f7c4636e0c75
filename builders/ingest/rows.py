"""Source rows to candidate problems: strict types, blank text, duplicates within the source.

Every row read ends up either as a candidate problem or as a reject with a reason; nothing is
stringified into a problem (a Parquet struct is a ``bad_type`` reject, not ``"{'a': 1}"``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from drqa.builders.ingest.config import SourceConfig
from drqa.builders.ingest.gold_answers import extract_gold
from drqa.builders.ingest.sources import SourceRow
from drqa.errors import DrqaError
from drqa.ids import normalise_problem, problem_id

# zero-width and other invisible format characters that NFKC keeps
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)


@dataclass
class Batch:
    """Candidate problems and rejects of one source, in row order."""

    problems: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[dict[str, Any]] = field(default_factory=list)

    def reject(self, row: int | None, reason: str, detail: str | None, raw: Any) -> None:
        text = raw if isinstance(raw, str) or raw is None else json.dumps(raw, default=str)
        self.rejects.append(
            {"source_row": row, "reason": reason, "detail": detail, "raw": (text or "")[:20000]}
        )

    def reject_problem(self, problem: dict[str, Any], reason: str, detail: str) -> None:
        """Move a candidate to the rejects (the caller removes it from ``problems``)."""
        self.reject(problem["source_row"], reason, detail, problem["problem"])

    def reasons(self) -> Counter:
        return Counter(r["reason"] for r in self.rejects)


def is_blank(text: str) -> bool:
    """True when ``text`` holds nothing visible (white space and zero-width characters only)."""
    return not _INVISIBLE.sub("", text).strip()


def map_rows(rows, source: SourceConfig, uri: str) -> tuple[Batch, int]:
    """``(batch, rows read)``: each row mapped to a candidate problem or a reject."""
    batch = Batch()
    seen: dict[str, int] = {}
    seen_keys: dict[str, tuple[int, str]] = {}
    n_rows = 0
    checked_columns = False
    for item in rows:
        n_rows += 1
        if item.record is None:
            batch.reject(item.row, item.error or "unreadable", item.detail, item.raw)
            continue
        if not checked_columns:
            _check_mapping(item, source)
            checked_columns = True
        _map_one(item, source, batch, seen, seen_keys)
    if n_rows == 0:
        raise DrqaError(f"source {uri} holds no rows")
    return batch, n_rows


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


def _type_name(value: Any) -> str:
    return type(value).__name__


def _map_one(item: SourceRow, source: SourceConfig, batch: Batch, seen, seen_keys) -> None:
    record = item.record
    raw_problem = record.get(source.problem_field)
    if raw_problem is not None and not isinstance(raw_problem, str):
        detail = f"{source.problem_field!r} is a {_type_name(raw_problem)}, not text"
        batch.reject(item.row, "bad_type", detail, record)
        return
    for name in (source.problem_field, source.answer_field):
        if isinstance(record.get(name), str) and "\x00" in record[name]:
            detail = f"{name!r} holds a NUL character (\\u0000); remove it from the source"
            batch.reject(item.row, "nul_character", detail, record)
            return
    text = normalise_problem(raw_problem) if raw_problem is not None else ""
    if is_blank(text):
        batch.reject(item.row, "empty_problem", f"{source.problem_field!r} is empty", record)
        return
    raw_answer = record.get(source.answer_field)
    if raw_answer is not None and (
        isinstance(raw_answer, bool) or not isinstance(raw_answer, (str, int, float))
    ):
        detail = f"{source.answer_field!r} is a {_type_name(raw_answer)}, not text or a number"
        batch.reject(item.row, "bad_type", detail, record)
        return
    answer = extract_gold(raw_answer, source.answer_format)
    if answer is None or is_blank(answer):
        detail = f"{source.answer_field!r} is empty"
        if source.answer_format != "plain" and raw_answer:
            detail = f"no {source.answer_format} answer found in {source.answer_field!r}"
        batch.reject(item.row, "missing_answer", detail, record)
        return
    pid = problem_id(text)
    key = None
    if source.id_field:
        raw_key = record.get(source.id_field)
        key = None if raw_key is None else str(raw_key)
    if pid in seen:
        batch.reject(item.row, "duplicate", f"same problem as row {seen[pid]} ({pid})", record)
        return
    if key is not None and key in seen_keys:
        first_row, first_pid = seen_keys[key]
        detail = (
            f"{source.id_field!r} {key!r} already used by row {first_row} "
            f"for a different problem ({first_pid})"
        )
        batch.reject(item.row, "duplicate_id", detail, record)
        return
    seen[pid] = item.row
    if key is not None:
        seen_keys[key] = (item.row, pid)
    difficulty = _as_float(record.get(source.difficulty_field)) if source.difficulty_field else None
    subject = record.get(source.subject_field) if source.subject_field else None
    batch.problems.append(
        {
            "problem_id": pid,
            "source_row": item.row,
            "source_key": key,
            "problem": text,
            "answer": answer,
            "difficulty": difficulty,
            "subject": None if subject is None else str(subject),
            "contaminated_by": None,  # NULL = not checked
        }
    )


def _as_float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None
