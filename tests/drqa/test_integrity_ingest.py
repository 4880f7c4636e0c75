"""CSV sources are read row by row (a ragged row, bad bytes: a reject with its row number, the
rest ingested, exit 3); a problem holding NUL is a `nul_character` reject."""

from __future__ import annotations

import json

from drqa.builders.ingest.config import IngestConfig, SourceConfig
from drqa.builders.ingest.pipeline import ingest_source
from drqa.workspace import Workspace

CONFIG = IngestConfig.model_validate(
    {"decontamination": {"enabled": False}, "near_duplicate_threshold": None}
)


def _ingest(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    ws = Workspace.resolve(tmp_path / "ws")
    summary = ingest_source(ws, SourceConfig(path=str(path)), CONFIG)
    with ws.read() as con:
        rejects = con.execute(
            "SELECT source_row, reason, detail FROM rejects ORDER BY source_row"
        ).fetchall()
        stored = con.execute("SELECT problem, answer FROM problems ORDER BY problem").fetchall()
    return summary, rejects, stored


def test_a_ragged_csv_row_is_a_reject_with_its_row_and_the_rest_is_ingested(tmp_path):
    data = (
        b'problem,answer\n"What is 1 + 1?",2\n"What is 2 + 2?",4,oops\n'
        b'"What is 3 + 3, really?",6\n"What is \xff 4?",8\n\n"Multi\nline 5 + 5?",10\n'
    )
    summary, rejects, stored = _ingest(tmp_path, "p.csv", data)
    assert summary.exit_code == 3 and summary.rows == 5
    assert [(row, reason) for row, reason, _ in rejects] == [
        (2, "ragged_csv_row"), (4, "undecodable")
    ]  # fmt: skip
    assert "3 fields where the header has 2" in rejects[0][2]
    assert stored == [
        ("Multi line 5 + 5?", "10"), ("What is 1 + 1?", "2"), ("What is 3 + 3, really?", "6")
    ]  # fmt: skip


def test_a_clean_csv_keeps_empty_fields_missing(tmp_path):
    summary, rejects, stored = _ingest(
        tmp_path, "p.csv", b"\xef\xbb\xbfproblem,answer\nWhat is 7 + 1?,8\nWhat is 9 + 1?,\n"
    )
    assert [reason for _, reason, _ in rejects] == ["missing_answer"]
    assert stored == [("What is 7 + 1?", "8")]


def test_a_problem_holding_nul_is_rejected_with_a_reason(tmp_path):
    rows = [{"problem": "What is 1 + 1?\u0000", "answer": "2"},
            {"problem": "What is 2 + 2?", "answer": "4\u0000"},
            {"problem": "What is 3 + 3?", "answer": "6"}]  # fmt: skip
    data = "".join(json.dumps(row) + "\n" for row in rows).encode()
    summary, rejects, stored = _ingest(tmp_path, "p.jsonl", data)
    assert [(row, reason) for row, reason, _ in rejects] == [
        (1, "nul_character"), (2, "nul_character")
    ]  # fmt: skip
    assert stored == [("What is 3 + 3?", "6")] and summary.exit_code == 3


def test_import_generations_rejects_nul_with_a_reason(tmp_path):
    from drqa.labeling.importer import import_generations

    rows = [{"problem": "What is 1 + 1?", "gold": "2", "response": "\\boxed{2}\u0000"},
            {"problem": "What is 2 + 2?\u0000", "gold": "4", "response": "\\boxed{4}"},
            {"problem": "What is 3 + 3?", "gold": "6", "response": "\\boxed{6}"}]  # fmt: skip
    path = tmp_path / "g.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    summary = import_generations(path, tmp_path / "ws", decontamination=CONFIG.decontamination)
    assert dict(summary.rejected) == {"nul_character": 2} and summary.exit_code == 3
    assert summary.generations_added == 1
