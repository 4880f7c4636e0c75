"""Issue 12, item 7: strict input. Wrong types, reused source ids and invisible-only problems are
rejected per row with a reason; a forced re-ingest keeps the source's counts true."""

from __future__ import annotations

import json

import polars as pl

from drqa.builders.ingest.config import IngestConfig, SourceConfig
from drqa.builders.ingest.pipeline import ingest_source
from drqa.workspace import Workspace

NO_DECONTAMINATION = IngestConfig.model_validate({"decontamination": {"enabled": False}})


def _rejects(ws: Workspace) -> dict[int, str]:
    with ws.read() as con:
        return dict(con.execute("SELECT source_row, reason FROM rejects").fetchall())


def test_parquet_with_wrong_types_is_rejected_per_row(tmp_path):
    path = tmp_path / "typed.parquet"
    pl.DataFrame(
        {
            "problem": [{"a": 1}, {"a": 2}, {"a": 3}],
            "answer": ["1", "2", "3"],
        }
    ).write_parquet(path)
    ws = Workspace.resolve(tmp_path / "ws")
    summary = ingest_source(ws, SourceConfig(path=str(path)), NO_DECONTAMINATION)
    assert summary.accepted == 0 and summary.rejected == {"bad_type": 3}
    with ws.read() as con:
        assert con.execute("SELECT count(*) FROM problems").fetchall() == [(0,)]

    answers = tmp_path / "answers.jsonl"
    answers.write_text(
        "".join(
            json.dumps(r) + "\n"
            for r in (
                {"problem": "What is 6 * 7?", "answer": 42},  # a number: fine
                {"problem": "What is 1 + 1?", "answer": ["2"]},  # a list: not an answer
                {"problem": "Is 2 prime?", "answer": True},  # a bool: not an answer
            )
        )
    )
    summary = ingest_source(ws, SourceConfig(path=str(answers)), NO_DECONTAMINATION)
    assert summary.accepted == 1 and summary.rejected == {"bad_type": 2}


def test_reused_source_id_and_invisible_problem_are_rejects(tmp_path):
    path = tmp_path / "p.jsonl"
    records = [
        {"id": "q1", "problem": "What is 2 + 2?", "answer": "4"},
        {"id": "q1", "problem": "What is 3 + 3?", "answer": "6"},  # same id, other problem
        {"id": "q3", "problem": "\u200b\u200c\u200d\ufeff \u2060", "answer": "0"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    ws = Workspace.resolve(tmp_path / "ws")
    summary = ingest_source(ws, SourceConfig(path=str(path), id_field="id"), NO_DECONTAMINATION)
    assert summary.accepted == 1
    assert _rejects(ws) == {2: "duplicate_id", 3: "empty_problem"}
    assert summary.rows == summary.accepted + summary.n_rejected == 3


def test_forced_reingest_keeps_counts_true(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text(
        "".join(
            json.dumps({"problem": f"What is {i} + {i}?", "answer": str(2 * i)}) + "\n"
            for i in range(13)
        )
    )
    ws = Workspace.resolve(tmp_path / "ws")
    source = SourceConfig(path=str(path))
    first = ingest_source(ws, source, NO_DECONTAMINATION)
    forced = ingest_source(ws, source, NO_DECONTAMINATION, force=True)
    assert first.accepted == forced.accepted == 13 and not forced.rejected
    with ws.read() as con:
        assert con.execute("SELECT n_rows, n_accepted, n_rejected FROM sources").fetchall() == [
            (13, 13, 0)
        ]
        assert con.execute("SELECT count(*) FROM problems").fetchall() == [(13,)]
