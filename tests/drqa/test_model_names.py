"""One rule tells a local path from a Hub id or a served model name, for every stage."""

from __future__ import annotations

import pytest

from drqa.model_names import canonical_model, display_model, is_hub_id, looks_like_path


@pytest.mark.parametrize(
    ("text", "hub", "path"),
    [
        ("gpt2", True, False),
        ("Qwen/QwQ-32B", True, False),
        ("org/name.v2", True, False),
        ("/models/tiny", False, True),
        ("./tiny", False, True),
        ("../tiny", False, True),
        ("~/tiny", False, True),
        ("a/b/c", False, True),
        ("C:\\models\\tiny", False, True),
        ("https://huggingface.co/Qwen/QwQ-32B", False, False),
        ("qwen2.5:7b", False, False),  # a served model name: neither
        ("tiny model", False, False),
    ],
)
def test_one_rule_for_paths_and_hub_ids(text, hub, path):
    assert is_hub_id(text) is hub
    assert looks_like_path(text) is path


def test_reports_name_a_folder_by_its_last_part_and_keep_names(tmp_path):
    folder = tmp_path / "tiny-qwen2"
    folder.mkdir()
    assert display_model(str(folder)) == "tiny-qwen2"
    assert display_model("C:\\models\\tiny") == "tiny"
    assert display_model("Qwen/QwQ-32B") == "Qwen/QwQ-32B"
    assert display_model("qwen2.5:7b") == "qwen2.5:7b"
    assert display_model(None) == "-"


def test_identity_resolves_folders_and_keeps_names(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m").mkdir()
    assert canonical_model("./m") == str((tmp_path / "m").resolve())
    assert canonical_model("m") == str((tmp_path / "m").resolve())  # exists on disk
    assert canonical_model("Qwen/QwQ-32B") == "Qwen/QwQ-32B"
    assert canonical_model("qwen2.5:7b") == "qwen2.5:7b"
