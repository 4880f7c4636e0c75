"""Where the benchmarks for decontamination and the quickstart eval are looked for by default:
``../shared/data/benchmarks`` beside the project (or the working folder), never further up."""

from __future__ import annotations

from drqa.builders.ingest.benchmark_sets import default_benchmark_dir


def _benchmarks(folder):
    path = folder / "shared" / "data" / "benchmarks"
    path.mkdir(parents=True)
    return path


def test_found_beside_the_project_from_a_folder_inside_it(tmp_path, monkeypatch):
    found = _benchmarks(tmp_path)
    inside = tmp_path / "project" / "runs" / "today"
    inside.mkdir(parents=True)
    (tmp_path / "project" / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    monkeypatch.chdir(inside)
    assert default_benchmark_dir() == found


def test_found_beside_a_working_folder_in_no_project(tmp_path, monkeypatch):
    found = _benchmarks(tmp_path)
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert default_benchmark_dir() == found


def test_a_shared_folder_further_up_is_never_taken(tmp_path, monkeypatch):
    _benchmarks(tmp_path)  # two levels above the working folder, which is in no project
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert default_benchmark_dir() is None
