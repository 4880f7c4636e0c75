"""Publishing: a folder in Hub layout (real round trip) and the Hub (mocked at HfApi only)."""

from __future__ import annotations

from types import SimpleNamespace

import datasets
import huggingface_hub
import pytest

import drqa
from drqa.builders.release.publish import publish_to_folder, publish_to_hub
from drqa.builders.release.snapshot import make_release
from drqa.errors import DrqaError


def test_folder_round_trip_through_load_dataset(release_ws, tmp_path):
    source = make_release(release_ws, "1.0.0")
    target = publish_to_folder(release_ws, "1.0.0", tmp_path / "hub-layout")
    assert sorted(p.name for p in target.iterdir()) == sorted(p.name for p in source.iterdir())
    labels = datasets.load_dataset(str(target), "labels", split="train")
    original = drqa.load_release(str(source))
    assert labels.num_rows == original.num_rows
    assert labels.features == original.features
    assert sorted(labels["chain_id"]) == sorted(original["chain_id"])
    assert datasets.load_dataset(str(target), "problems", split="train").num_rows == 60
    assert drqa.load_release(str(target), "1.0.0").num_rows == labels.num_rows
    with pytest.raises(DrqaError, match="not empty"):
        publish_to_folder(release_ws, "1.0.0", target)
    with release_ws.read() as con:
        assert con.execute("SELECT target, location FROM publications").fetchall() == [
            ("folder", str(target))
        ]


class FakeHfApi:
    """Records calls at the Hub boundary (the Hub cannot be reached from here)."""

    calls: list[tuple[str, tuple, dict]] = []
    token: str | None = None

    def __init__(self, token=None):
        FakeHfApi.token = token

    def create_repo(self, *args, **kwargs):
        self.calls.append(("create_repo", args, kwargs))

    def upload_folder(self, **kwargs):
        self.calls.append(("upload_folder", (), kwargs))
        return SimpleNamespace(oid="c0ffee" * 6 + "c0ff")

    def create_tag(self, *args, **kwargs):
        self.calls.append(("create_tag", args, kwargs))


def test_publish_to_hub_creates_repo_uploads_and_tags(release_ws, monkeypatch):
    folder = make_release(release_ws, "1.2.0")
    FakeHfApi.calls = []
    monkeypatch.setattr(huggingface_hub, "HfApi", FakeHfApi)
    monkeypatch.setenv("HF_TOKEN", "hf_test_token")
    commit = publish_to_hub(release_ws, "1.2.0", "org/drqa-set")
    names = [name for name, _, _ in FakeHfApi.calls]
    assert names == ["create_repo", "upload_folder", "create_tag"]
    _, args, kwargs = FakeHfApi.calls[0]
    assert args == ("org/drqa-set",) and kwargs["repo_type"] == "dataset" and kwargs["exist_ok"]
    upload = FakeHfApi.calls[1][2]
    assert upload["folder_path"] == folder and upload["repo_type"] == "dataset"
    assert upload["repo_id"] == "org/drqa-set"
    _, args, kwargs = FakeHfApi.calls[2]
    assert kwargs["tag"] == "1.2.0" and kwargs["revision"] == commit
    assert kwargs["repo_type"] == "dataset"
    assert FakeHfApi.token == "hf_test_token"
    with release_ws.read() as con:
        assert con.execute("SELECT target, location, revision FROM publications").fetchone() == (
            "hub",
            "org/drqa-set",
            commit,
        )


def test_publish_refuses_unknown_version_bad_repo_and_tampered_release(release_ws, monkeypatch):
    monkeypatch.setattr(huggingface_hub, "HfApi", FakeHfApi)
    with pytest.raises(DrqaError, match="no release 1.0.0"):
        publish_to_hub(release_ws, "1.0.0", "org/name")
    folder = make_release(release_ws, "1.0.0")
    with pytest.raises(DrqaError, match="not a Hub repo id"):
        publish_to_hub(release_ws, "1.0.0", "just-a-name")
    (folder / "README.md").write_text("edited")
    FakeHfApi.calls = []
    with pytest.raises(DrqaError, match="README.md was changed"):
        publish_to_hub(release_ws, "1.0.0", "org/name")
    assert FakeHfApi.calls == []
