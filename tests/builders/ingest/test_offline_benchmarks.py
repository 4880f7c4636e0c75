"""Benchmarks for decontamination offline: a folder gives the suites it holds (and ingest says
which were checked); an evidently unreachable Hub is one line at once, never a retry loop."""

from __future__ import annotations

import json
import time

import pytest

from drqa.builders.ingest.benchmark_sets import load_benchmark_problems
from drqa.builders.ingest.config import BENCHMARKS, IngestConfig, SourceConfig
from drqa.builders.ingest.pipeline import ingest_source
from drqa.errors import DrqaError
from drqa.hub import probe_hub
from drqa.workspace import open_workspace

LEAKED = (
    "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in "
    "May. How many clips did Natalia sell altogether in April and May?"
)


def _write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_a_folder_with_some_suites_checks_those_and_names_the_rest(tmp_path):
    folder = tmp_path / "bench"
    folder.mkdir()
    _write_jsonl(folder / "gsm8k.jsonl", [{"problem": LEAKED}])
    _write_jsonl(folder / "amc2023.jsonl", [{"problem": "An unrelated contest problem text."}])
    assert set(load_benchmark_problems(BENCHMARKS, folder)) == {"gsm8k", "amc2023"}

    source = _write_jsonl(
        tmp_path / "src.jsonl",
        [{"problem": LEAKED, "answer": "72"}, {"problem": "What is 2 + 3?", "answer": "5"}],
    )
    ws = open_workspace(tmp_path / "ws", create=True)
    config = IngestConfig.model_validate({"decontamination": {"benchmark_dir": str(folder)}})
    summary = ingest_source(ws, SourceConfig(path=str(source)), config)
    assert summary.benchmarks_checked == ("gsm8k", "amc2023")
    assert set(summary.benchmarks_unchecked) == set(BENCHMARKS) - {"gsm8k", "amc2023"}
    assert (summary.accepted, summary.contaminated["gsm8k"]) == (1, 1)


def test_a_folder_without_any_suite_is_one_clear_error(tmp_path):
    (tmp_path / "other.jsonl").write_text("{}\n", encoding="utf-8")
    with pytest.raises(DrqaError, match="--benchmarks-dir .*none of gsm8k"):
        load_benchmark_problems(("gsm8k", "math500"), tmp_path)


@pytest.fixture
def hub_must_not_be_called(monkeypatch):
    import datasets

    def refuse(*args, **kwargs):
        raise AssertionError("load_dataset was called although the Hub is out of reach")

    monkeypatch.setattr(datasets, "load_dataset", refuse)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HF_DATASETS_OFFLINE", raising=False)
    probe_hub.cache_clear()
    yield
    probe_hub.cache_clear()


def test_an_unreachable_hub_fails_at_once_with_one_line(monkeypatch, hub_must_not_be_called):
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens on port 9
    started = time.perf_counter()
    with pytest.raises(DrqaError) as raised:
        load_benchmark_problems(BENCHMARKS, None)
    assert time.perf_counter() - started < 10  # one refused connection, not a retry loop
    message = str(raised.value)
    assert "\n" not in message and "unreachable" in message and "--benchmarks-dir" in message


def test_hf_hub_offline_tries_the_cache_once_and_names_the_setting(monkeypatch):
    import datasets

    calls = []

    def offline_cache_miss(*args, **kwargs):
        calls.append(args[0])
        raise ConnectionError("not in the cache")  # what an offline cache miss raises

    monkeypatch.setattr(datasets, "load_dataset", offline_cache_miss)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(DrqaError, match="HF_HUB_OFFLINE is set.*--benchmarks-dir"):
        load_benchmark_problems(BENCHMARKS, None)
    assert len(calls) == 1  # stops at the first suite


def test_decontaminate_says_which_suites_of_a_folder_it_checked(tmp_path):
    from drqa.builders.ingest.config import DecontaminationConfig
    from drqa.builders.ingest.contamination import decontaminate_workspace

    folder = tmp_path / "bench"
    folder.mkdir()
    _write_jsonl(folder / "gsm8k.jsonl", [{"problem": LEAKED}])
    source = _write_jsonl(tmp_path / "src.jsonl", [{"problem": LEAKED, "answer": "72"}])
    ws = open_workspace(tmp_path / "ws", create=True)
    unchecked = IngestConfig.model_validate({"decontamination": {"enabled": False}})
    ingest_source(ws, SourceConfig(path=str(source)), unchecked)
    summary = decontaminate_workspace(ws, DecontaminationConfig(benchmark_dir=str(folder)))
    assert (summary.checked, summary.benchmarks_checked) == (1, ("gsm8k",))
    assert summary.contaminated["gsm8k"] == 1
