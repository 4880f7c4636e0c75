"""Issue 12, item 5: secrets. The review server's folder and files are private to the user, the
embedded server makes its own owner key (never ``ARGILLA_API_KEY``), and credentials in URLs or
keys in any letter case are redacted before anything is stored or printed."""

from __future__ import annotations

import stat

import httpx
import orjson
import pytest

from drqa.redact import redact
from drqa.workspace import Workspace


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_credentials_are_private_and_never_adopt_the_external_key(tmp_path, monkeypatch):
    from drqa.curation_ui.server import load_credentials, state_dir

    monkeypatch.setenv("ARGILLA_API_KEY", "external-team-key-0001")
    ws = Workspace.resolve(tmp_path / "ws")
    (ws.root / "argilla").mkdir(mode=0o755)  # an older, world-readable folder is tightened
    creds = load_credentials(ws)
    assert creds["api_key"] != "external-team-key-0001" and creds["api_key"].startswith("drqa.")
    assert load_credentials(ws) == creds
    assert _mode(state_dir(ws)) == 0o700
    assert _mode(state_dir(ws) / "credentials.json") == 0o600


@pytest.mark.review
def test_embedded_server_files_are_private_and_use_its_own_key(tmp_path, monkeypatch):
    pytest.importorskip("argilla")
    from drqa.curation_ui.server import start_server
    from drqa.curation_ui.server_env import ServerEnvUnavailable, is_ready

    if not is_ready():
        pytest.skip("argilla-server venv not created yet (drqa review serve makes it)")
    monkeypatch.setenv("ARGILLA_API_KEY", "external-team-key-0002")
    ws = Workspace.resolve(tmp_path / "ws")
    try:
        handle = start_server(ws, 0)
    except ServerEnvUnavailable as exc:
        pytest.skip(str(exc))
    with handle:
        home = ws.root / "argilla"
        assert _mode(home) == 0o700
        for name in ("argilla.db", "credentials.json", "server.json", "server.log"):
            assert _mode(home / name) == 0o600, name
        assert handle.api_key != "external-team-key-0002"
        me = f"{handle.url}/api/v1/me"
        assert httpx.get(me, headers={"X-Argilla-Api-Key": handle.api_key}).status_code == 200
        refused = httpx.get(me, headers={"X-Argilla-Api-Key": "external-team-key-0002"})
        assert refused.status_code == 401


@pytest.mark.parametrize(
    ("text", "secret", "leaks"),
    [
        ("cannot connect to http://alice:S3cretPw@10.0.0.9:8000/v1", None, ["S3cretPw", "alice"]),
        ("HTTP 401 at https://api.example.com/v1?api-key=QWERTY123456: no", None, ["QWERTY123456"]),
        ("HTTP 401 at https://h/v1?API_KEY=QWERTY123456", None, ["QWERTY123456"]),
        ("Authorization: BEARER abcdefgh12345678", None, ["abcdefgh12345678"]),
        ("bad key: SK-LIVE-ABCDEFGH echoed", "sk-live-abcdefgh", ["ABCDEFGH", "abcdefgh"]),
        ('{"message": "Incorrect API key provided: sk-proj-ABCDEFGHIJKLMNOPQRST"}', None,
         ["ABCDEFGHIJKLMNOPQRST"]),
    ],
)  # fmt: skip
def test_redaction_covers_url_credentials_and_any_case(text, secret, leaks):
    cleaned = redact(text, [secret])
    assert all(leak not in cleaned for leak in leaks), cleaned


def test_nothing_secret_reaches_the_raw_store(tmp_path):
    from drqa.builders.generation.raw_store import RawWriter
    from drqa.schema import Generation

    ws = Workspace.resolve(tmp_path / "ws")
    url = "http://bob:hunter2hunter2@127.0.0.1:9/v1?api-key=KEY-0123456789"
    with RawWriter(ws, "run-x", (0, 1), "openai", "m") as writer:
        writer.write(
            Generation("r-1", "failed", error=f"cannot connect to {url}", endpoint=url, attempts=1)
        )
        path = writer.path
    record = orjson.loads(path.read_bytes().splitlines()[0])
    stored = path.read_text()
    assert "hunter2" not in stored and "KEY-0123456789" not in stored
    assert record["endpoint"].startswith("http://***@127.0.0.1:9/v1")


@pytest.mark.review
def test_annotators_cannot_read_each_others_responses(review_server):
    import argilla as rg

    client = rg.Argilla(api_url=review_server.url, api_key=review_server.handle.api_key)
    workspace = (
        client.workspaces("secrets-test")
        or rg.Workspace(name="secrets-test", client=client).create()
    )
    for name in ("alice", "bob"):
        if name not in [u.username for u in workspace.users]:
            workspace.add_user(client.users(name))
    settings = rg.Settings(
        fields=[rg.TextField(name="chain")],
        questions=[rg.LabelQuestion(name="label", labels=["A", "B", "C"])],
    )
    dataset = (
        client.datasets(name="independence", workspace="secrets-test")
        or rg.Dataset(
            name="independence", workspace="secrets-test", settings=settings, client=client
        ).create()
    )
    dataset.records.log([{"chain": "two plus two is four"}])
    record_id = str(next(iter(dataset.records))._server_id)  # the SDK's .id is the external one
    review_server.submit("alice", record_id, "B")

    def responses(key: str) -> list[dict]:
        answer = httpx.get(
            f"{review_server.url}/api/v1/records/{record_id}",
            headers={"X-Argilla-Api-Key": key},
            timeout=30,
        )
        assert answer.status_code == 200, answer.text
        return answer.json()["responses"] or []

    assert responses(review_server.annotator_keys["bob"]) == []  # alice's label stays hidden
    assert len(responses(review_server.annotator_keys["alice"])) == 1  # her own one
    assert len(responses(review_server.handle.api_key)) == 1  # the owner sees every response


def test_a_refused_endpoint_is_printed_without_its_credentials(tmp_path):
    import json
    import os
    import subprocess
    import sys

    source = tmp_path / "p.jsonl"
    source.write_text(json.dumps({"problem": "What is 2 + 2?", "answer": "4"}) + "\n")
    drqa = [sys.executable, "-c", "from drqa.cli import main; main()"]
    env = {**os.environ, "COLUMNS": "200"}
    ingest = [*drqa, "ingest", str(source), "--no-decontaminate", "-w", str(tmp_path / "ws")]
    subprocess.run(ingest, env=env, capture_output=True, check=True)
    url = "http://bob:hunter2pw@127.0.0.1:9/v1?api-key=QWERTY123456"
    done = subprocess.run(
        [*drqa, "generate", "--backend", "openai", "--model", "m", "--base-url", url,
         "--no-progress", "-w", str(tmp_path / "ws")],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    refused = "127.0.0.1:9" in done.stderr or "carries credentials" in done.stderr  # issue 19.8
    assert done.returncode == 2 and refused, done.stderr
    assert "hunter2pw" not in done.stderr + done.stdout
    assert "QWERTY123456" not in done.stderr + done.stdout
