"""Ingest: mapping, normalisation, rejects with reasons and rows, dedup, decontamination."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from drqa.builders.ingest.config import IngestConfig, SourceConfig
from drqa.builders.ingest.decontaminate import Decontaminator, naive_flag
from drqa.builders.ingest.pipeline import ingest_source
from drqa.cli import app
from drqa.errors import DrqaError
from drqa.ids import problem_id
from drqa.workspace import Workspace

NO_DECONTAMINATION = IngestConfig.model_validate({"decontamination": {"enabled": False}})


def _rejects(ws):
    with ws.read() as con:
        return con.execute("SELECT source_row, reason, detail FROM rejects ORDER BY 1").fetchall()


@pytest.fixture
def messy_file(tmp_path):
    """Valid rows mixed with every kind of bad input, as bytes (one line is not UTF-8)."""
    lines = [
        json.dumps({"question": "What is 2 + 3?", "answer": "We add.\n#### 5"}).encode(),
        b'{"question": "broken json", "answer": ',
        json.dumps({"question": "   ", "answer": "#### 1"}).encode(),
        json.dumps({"question": "What is 7 * 6?", "answer": "no marker here"}).encode(),
        b'{"question": "caf\xe9 bytes", "answer": "#### 2"}',
        json.dumps({"question": "What  is 2 +   3?", "answer": "#### 5"}).encode(),  # duplicate
        json.dumps(
            {
                "question": "A farmer has 1,200 sheep and sells 300 of them. How many are"
                " left on the farm after the sale?",
                "answer": "#### 1,200",
            }
        ).encode(),
        json.dumps(
            {
                "question": "A farmer has 1,200 sheep and sells 300 of them. How many are"
                " left on the farm after the sale today?",
                "answer": "#### 900",
            }
        ).encode(),
        b"[1, 2, 3]",
    ]
    path = tmp_path / "messy.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_bad_rows_are_kept_with_reason_and_row(tmp_path, messy_file):
    ws = Workspace.resolve(tmp_path / "ws")
    source = SourceConfig(path=str(messy_file), problem_field="question", answer_format="gsm8k")
    config = NO_DECONTAMINATION.model_copy(update={"near_duplicate_threshold": 0.7})
    summary = ingest_source(ws, source, config)
    rejects = {(row, reason) for row, reason, _ in _rejects(ws)}
    assert rejects == {
        (2, "malformed_json"),
        (3, "empty_problem"),
        (4, "missing_answer"),
        (5, "undecodable"),
        (6, "duplicate"),
        (8, "near_duplicate"),
        (9, "malformed_json"),
    }
    assert summary.rows == 9 and summary.accepted == 2 and summary.n_rejected == 7
    with ws.read() as con:
        stored = con.execute("SELECT problem, answer FROM problems ORDER BY source_row").fetchall()
    assert stored[0] == ("What is 2 + 3?", "5")
    assert stored[1][1] == "1200"  # thousands separator removed from a GSM8K answer


def test_ids_are_content_hashes_of_normalised_text():
    assert problem_id("What  is\n2+2?") == problem_id(" What is 2+2? ")
    assert problem_id("What is 2+2?") != problem_id("What is 2+3?")


def test_wrong_column_names_the_available_ones(tmp_path, messy_file):
    ws = Workspace.resolve(tmp_path / "ws")
    with pytest.raises(DrqaError, match=r"'problem'.*available columns: answer, question"):
        ingest_source(ws, SourceConfig(path=str(messy_file)), NO_DECONTAMINATION)
    assert not (ws.root / "catalog.duckdb").exists() or _rejects(ws) == []


def test_same_source_twice_is_not_read_again(tmp_path, messy_file):
    ws = Workspace.resolve(tmp_path / "ws")
    source = SourceConfig(path=str(messy_file), problem_field="question", answer_format="gsm8k")
    first = ingest_source(ws, source, NO_DECONTAMINATION)
    again = ingest_source(ws, source, NO_DECONTAMINATION)
    assert again.already_ingested and again.accepted == first.accepted
    forced = ingest_source(ws, source, NO_DECONTAMINATION, force=True)
    # a forced re-ingest keeps the source's counts true: its own problems are not duplicates
    assert (forced.rows, forced.accepted, forced.rejected) == (
        first.rows,
        first.accepted,
        first.rejected,
    )
    with ws.read() as con:
        stored = con.execute("SELECT n_accepted FROM sources").fetchall()
    assert stored == [(first.accepted,)]


@pytest.mark.parametrize("fmt", ["parquet", "csv", "json"])
def test_tabular_formats(tmp_path, fmt):
    import polars as pl

    frame = pl.DataFrame({"q": ["What is 1+1?", "What is 2+2?"], "a": ["2", "4"]})
    path = tmp_path / f"problems.{fmt}"
    if fmt == "parquet":
        frame.write_parquet(path)
    elif fmt == "csv":
        frame.write_csv(path)
    else:
        path.write_text(json.dumps(frame.to_dicts()))
    ws = Workspace.resolve(tmp_path / "ws")
    summary = ingest_source(
        ws, SourceConfig(path=str(path), problem_field="q", answer_field="a"), NO_DECONTAMINATION
    )
    assert summary.accepted == 2


def test_hub_source_goes_through_load_dataset(tmp_path, monkeypatch):
    """The Hub path calls the real `datasets.load_dataset` (a local dataset folder stands in)."""
    import datasets

    folder = tmp_path / "hub-copy"
    datasets.Dataset.from_dict(
        {"question": ["What is 3+4?"], "answer": ["It is 7.\n#### 7"]}
    ).to_parquet(str(folder / "train.parquet"))
    ws = Workspace.resolve(tmp_path / "ws")
    source = SourceConfig(
        hub=str(folder), split="train", problem_field="question", answer_format="gsm8k"
    )
    summary = ingest_source(ws, source, NO_DECONTAMINATION)
    assert summary.accepted == 1


def test_unreachable_hub_dataset_is_one_line(tmp_path, monkeypatch):
    import datasets.config
    import huggingface_hub.constants

    # offline as a user would set it (read at import time, so patched where it was read)
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(datasets.config, "HF_DATASETS_OFFLINE", True)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    ws = Workspace.resolve(tmp_path / "ws")
    with pytest.raises(DrqaError, match="cannot load Hub dataset nobody/nothing"):
        ingest_source(ws, SourceConfig(hub="nobody/nothing"), NO_DECONTAMINATION)


BENCH = {
    "bench_a": [
        "Natalia sold clips to 48 of her friends in April, and then she sold half as many"
        " clips in May. How many clips did Natalia sell altogether in April and May?"
    ],
    "bench_b": ["Find the number of ordered pairs of positive integers whose product is 2024."],
}


def test_decontamination_flags_overlap_and_matches_the_plain_loop():
    texts = [
        "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips"
        " in May. How many clips did Natalia sell altogether in April and May?",  # copy
        "A clean problem about trains leaving stations at different speeds and meeting later on.",
        "find the number of ordered pairs of positive integers whose product is 2024",  # short copy
    ]
    index = Decontaminator.build(BENCH, n=13)
    assert index.flag(texts) == [["bench_a"], [], ["bench_b"]]
    assert naive_flag(texts, BENCH, n=13) == index.flag(texts)


def test_contaminated_problems_are_flagged_rejected_and_counted(tmp_path):
    folder = tmp_path / "benchmarks"
    folder.mkdir()
    for name, problems in BENCH.items():
        (folder / f"{name}.jsonl").write_text(
            "".join(json.dumps({"problem": p}) + "\n" for p in problems)
        )
    source_path = tmp_path / "pool.jsonl"
    source_path.write_text(
        json.dumps({"problem": BENCH["bench_a"][0], "answer": "72"})
        + "\n"
        + json.dumps({"problem": "What is 10 - 3?", "answer": "7"})
        + "\n"
    )
    config = IngestConfig.model_validate(
        {"decontamination": {"benchmarks": list(BENCH), "benchmark_dir": str(folder)}}
    )
    ws = Workspace.resolve(tmp_path / "ws")
    summary = ingest_source(ws, SourceConfig(path=str(source_path)), config)
    assert summary.contaminated == {"bench_a": 1}
    assert summary.accepted == 1 and summary.rejected["contaminated"] == 1
    with ws.read() as con:
        flags = dict(con.execute("SELECT answer, contaminated_by FROM problems").fetchall())
    assert flags == {"72": ["bench_a"], "7": []}


def test_shared_pool_decontamination_against_real_benchmarks(shared_data):
    from drqa.builders.ingest.benchmark_sets import load_benchmark_problems

    benchmarks = load_benchmark_problems(("gsm8k", "math500"), shared_data / "benchmarks")
    sample = benchmarks["gsm8k"][:20] + benchmarks["math500"][:20]
    flags = Decontaminator.build(benchmarks).flag(sample)
    assert flags[:20] == [["gsm8k"]] * 20 and flags[20:] == [["math500"]] * 20


def test_cli_exit_status_says_rejects_exist(tmp_path, messy_file):
    result = CliRunner().invoke(
        app,
        [
            "ingest",
            str(messy_file),
            "--problem-field",
            "question",
            "--answer-format",
            "gsm8k",
            "--no-decontaminate",
            "--workspace",
            str(tmp_path / "ws"),
        ],
    )
    assert result.exit_code == 3, result.output
    assert "rejected: malformed_json" in result.output
    listing = CliRunner().invoke(app, ["rejects", "--json", "--workspace", str(tmp_path / "ws")])
    counts = json.loads(listing.output)["counts"]
    assert counts["malformed_json"] == 2 and counts["undecodable"] == 1
