"""Issue 19.9: every command with an empty or missing input exits with the documented status
and one `error:` line (in-process through the real entry point, `drqa.cli.main`)."""

from __future__ import annotations

import json

import pytest

from drqa.cli import main


def _run(capsys, *args: str) -> tuple[int, list[str]]:
    with pytest.raises(SystemExit) as done:
        main(list(args))
    err = capsys.readouterr().err
    return done.value.code or 0, err.strip().splitlines()


def _one_error_line(lines: list[str]) -> str:
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    return lines[0]


@pytest.fixture
def files(tmp_path):
    (tmp_path / "empty.jsonl").write_text("")
    (tmp_path / "blank.jsonl").write_text("\n\n")
    (tmp_path / "p.jsonl").write_text(json.dumps({"problem": "What is 1 + 1?", "answer": "2"}))
    return tmp_path


@pytest.mark.parametrize("name", ["empty.jsonl", "blank.jsonl"])
def test_import_generations_of_an_empty_file_exits_2_and_makes_no_workspace(capsys, files, name):
    code, lines = _run(capsys, "import-generations", str(files / name), "-w", str(files / "ws"))
    assert code == 2 and "holds no rows" in _one_error_line(lines)
    assert not (files / "ws").exists()


@pytest.mark.parametrize(
    "args, words",
    [
        (["ingest", "empty.jsonl"], "holds no rows"),
        (["ingest", "missing.jsonl"], "does not exist"),
        (["import-generations", "missing.jsonl"], "no file at"),
        (["label", "--recipe", "missing.yaml"], "does not exist"),
        (["label", "--set", "label.rule={a: [1"], "not valid YAML"),
        (["label", "--set", "label.timeout_s=inf"], "label.timeout_s"),
    ],
)
def test_missing_or_empty_inputs_exit_2_with_one_line(capsys, files, monkeypatch, args, words):
    monkeypatch.chdir(files)
    code, lines = _run(capsys, *args, "-w", str(files / "ws"))
    assert code == 2 and words in _one_error_line(lines)


@pytest.mark.parametrize(
    "command",
    [["rejects"], ["runs"], ["compose"], ["generate"], ["merge"], ["decontaminate"], ["label"],
     ["report"], ["check"], ["release", "1.0.0"], ["diff", "1.0.0", "1.1.0"],
     ["publish", "1.0.0", "--to", "out"], ["status"]],
)  # fmt: skip
def test_commands_on_a_missing_workspace_exit_2_and_create_nothing(capsys, files, command):
    code, lines = _run(capsys, *command, "-w", str(files / "nowhere"))
    assert code == 2 and "no drqa workspace" in _one_error_line(lines)
    assert not (files / "nowhere").exists()


def test_stages_without_their_input_rows_exit_2(capsys, files):
    ws = str(files / "ws")
    code, _ = _run(capsys, "ingest", str(files / "p.jsonl"), "--no-decontaminate", "-w", ws)
    assert code == 0
    for command in (["label"], ["report"]):  # no generations, no chains: bad state, not failure
        code, lines = _run(capsys, *command, "-w", ws)
        assert code == 2 and "drqa generate" in _one_error_line(lines)
