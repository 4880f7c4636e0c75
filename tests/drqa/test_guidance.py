"""The CLI guides: --version, the next command after each stage, the stage to run first when one
finds nothing, --json on the scripted commands, tables that never cut ids, and generate's check
of the models a server lists."""

from __future__ import annotations

import json

import httpx
import pytest
from typer.testing import CliRunner

from drqa import console as console_module
from drqa.builders.generation.backends.openai_backend import served_model_problem
from drqa.cli import app
from drqa.errors import DrqaError
from drqa.guidance import next_command, ws_flag
from drqa.testing.synthetic_release import write_synthetic_corpus
from drqa.workspace import Workspace

runner = CliRunner()
PROBLEMS = "drqa/data/quickstart_problems.jsonl"


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("drqa 0.")


def test_workspace_flag_only_when_not_the_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DRQA_WORKSPACE", raising=False)
    assert ws_flag(tmp_path / "drqa-workspace") == ""
    assert ws_flag(tmp_path / "other") == f" -w {tmp_path / 'other'}"
    assert next_command("release", None, version="1.2.0").startswith("drqa publish 1.2.0 --to")


def test_stages_say_what_to_run_first(tmp_path):
    ws = tmp_path / "ws"
    ingested = runner.invoke(app, ["ingest", PROBLEMS, "-w", str(ws), "--no-decontaminate"])
    assert ingested.exit_code == 0, ingested.output
    assert f"wrote {ws / 'catalog.duckdb'}" in ingested.output
    assert f"next: drqa generate --recipe RECIPE -w {ws}" in ingested.output
    for command in ("label", "report"):
        result = runner.invoke(app, [command, "-w", str(ws)])
        assert result.exit_code == 1 and isinstance(result.exception, DrqaError)
        message = str(result.exception)
        assert (
            message.startswith(f"no requests in {ws} yet: run `drqa generate")
            and "\n" not in message
        )


def test_ingest_json_has_sources_wrote_and_next(tmp_path):
    ws = tmp_path / "ws"
    result = runner.invoke(app, ["ingest", PROBLEMS, "-w", str(ws), "--no-decontaminate", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["sources"][0]["accepted"] == 24
    assert payload["next"].startswith("drqa generate") and payload["wrote"]


def test_release_and_publish_json_and_private_needs_a_repo(tmp_path):
    ws = Workspace.resolve(tmp_path / "ws")
    write_synthetic_corpus(ws, 30, seed=2, unsplittable_rate=0.0)
    released = runner.invoke(app, ["release", "1.0.0", "-w", str(ws.root), "--json"])
    assert released.exit_code == 0, released.output
    payload = json.loads(released.output)
    assert payload["folder"] == str(ws.releases_dir / "1.0.0") and payload["digest"]
    assert any(w.endswith("README.md") for w in payload["wrote"])
    assert payload["next"].startswith("drqa publish 1.0.0")
    text = runner.invoke(app, ["check", "-w", str(ws.root)])
    assert "next: drqa release VERSION" in text.output
    refused = runner.invoke(
        app, ["publish", "1.0.0", "-w", str(ws.root), "--to", str(tmp_path / "p"), "--private"]
    )
    assert isinstance(refused.exception, DrqaError) and "--private" in str(refused.exception)
    published = runner.invoke(
        app, ["publish", "1.0.0", "-w", str(ws.root), "--to", str(tmp_path / "p"), "--json"]
    )
    assert published.exit_code == 0, published.output
    out = json.loads(published.output)
    assert out["to"] == str(tmp_path / "p") and out["next"].startswith("drqa train --release")


def test_tables_never_cut_ids(monkeypatch, capsys):
    monkeypatch.setattr(console_module.console, "width", 40)
    run_id = "run-" + "0123456789abcdef" * 4
    console_module.print_table("runs", ["run_id", "name"], [[run_id, "a long run name here"]])
    out = capsys.readouterr().out
    assert run_id in out and "…" not in out


@pytest.mark.parametrize(
    ("served", "model", "expected"),
    [
        (["Qwen/QwQ-32B"], "qwen/QwQ-32B", "use --model Qwen/QwQ-32B"),
        (["/srv/models/tiny"], "tiny", "use --model /srv/models/tiny"),
        (["a", "b"], "c", "it serves: a, b; pass --model with one of these names exactly"),
    ],
)
def test_a_model_the_server_does_not_list_is_one_line(served, model, expected):
    answer = httpx.Response(200, json={"object": "list", "data": [{"id": s} for s in served]})
    with pytest.raises(DrqaError, match="does not serve model") as info:
        served_model_problem("http://h/v1", model, answer)
    assert expected in str(info.value)


@pytest.mark.parametrize("payload", [{"data": []}, {"data": [{"id": "m"}]}, "not json"])
def test_listed_or_unlisted_models_pass(payload):
    answer = httpx.Response(200, **({"json": payload} if isinstance(payload, dict) else
                                    {"text": payload}))  # fmt: skip
    served_model_problem("http://h/v1", "m", answer)


def test_generate_check_against_a_real_server_names_the_served_model(tiny_model_server):
    from drqa.builders.generation.backends.openai_backend import OpenAIBackend

    backend = OpenAIBackend("not-this-model", [tiny_model_server.base_url])
    with pytest.raises(DrqaError) as info:
        backend.check()
    assert tiny_model_server.model in str(info.value)


def test_publish_private_creates_a_private_hub_repo(tmp_path, monkeypatch):
    import huggingface_hub

    from tests.builders.release.test_publish import FakeHfApi

    ws = Workspace.resolve(tmp_path / "ws")
    write_synthetic_corpus(ws, 30, seed=4, unsplittable_rate=0.0)
    assert runner.invoke(app, ["release", "1.0.0", "-w", str(ws.root)]).exit_code == 0
    FakeHfApi.calls = []
    monkeypatch.setattr(huggingface_hub, "HfApi", FakeHfApi)
    result = runner.invoke(
        app, ["publish", "1.0.0", "-w", str(ws.root), "--repo", "org/set", "--private"]
    )
    assert result.exit_code == 0, result.output
    create = next(kwargs for name, _, kwargs in FakeHfApi.calls if name == "create_repo")
    assert create["private"] is True
    assert "the card's usage snippet does not name org/set" in result.output
    assert (
        "private, commit" in result.output and "next: drqa train --release org/set" in result.output
    )
