"""Issue 19: secrets a server echoes are masked before they are stored (and counted); a base URL
with user:password@ is refused with one line instead of silently sending Basic auth; a second
`drqa generate` of the same run is refused naming the holder, or waits with --wait."""

from __future__ import annotations

import base64
import json

import pytest

from drqa.builders.compose.config import ComposeConfig
from drqa.builders.compose.requests import compose_requests
from drqa.builders.generation.backends.openai_backend import OpenAIBackend
from drqa.builders.generation.backends.replay import ReplayBackend
from drqa.builders.generation.config import GenerateConfig
from drqa.builders.generation.generate import run_generation
from drqa.builders.generation.raw_store import chunk_files
from drqa.errors import DrqaError
from drqa.lease import LeaseHeld, lease
from drqa.recipe import load_recipe
from drqa.redact import redact_content
from drqa.workspace import Workspace
from tests.builders.generation.test_backends_openai import ScriptedServer, completion
from tests.builders.generation.test_generate import _make_pool

KEY = "sk-integrity0123456789abcdef"
BASIC = base64.b64encode(b"alice:hunter2pw").decode()


@pytest.fixture
def run_ws(tmp_path):
    ws = Workspace.resolve(tmp_path / "ws")
    _make_pool(ws, 4)
    summary = compose_requests(ws, ComposeConfig(batch_sizes=(1,)), GenerateConfig(model="m"))
    return ws, summary.run_id


def test_echoed_credentials_are_masked_in_raw_and_generations_and_counted(run_ws, monkeypatch):
    ws, run_id = run_ws
    monkeypatch.setenv("DRQA_TEST_KEY", KEY)
    echo = completion(
        content=f"You sent Authorization: Bearer {KEY}. \\boxed{{4}}",
        reasoning_content=f"the proxy said Basic {BASIC} and the basic arithmetic gives 4",
    )
    with ScriptedServer(lambda i, body: (200, {}, echo)) as server:
        config = GenerateConfig.model_validate(
            {"backend": "openai", "model": "served-name",
             "openai": {"base_urls": [server.url], "api_key_env": "DRQA_TEST_KEY"}}
        )  # fmt: skip
        backend = OpenAIBackend("served-name", [server.url], api_key_env="DRQA_TEST_KEY")
        summary = run_generation(ws, run_id, config, backend=backend, progress=False)
    assert summary.done == 4 and summary.masked >= 4 * 2
    raw = "".join(path.read_text() for path in chunk_files(ws, run_id))
    assert KEY not in raw and BASIC not in raw and "hunter2" not in raw
    with ws.read() as con:
        rows = con.execute("SELECT content, reasoning, raw_response FROM generations").fetchall()
    stored = json.dumps(rows)
    assert KEY not in stored and BASIC not in stored
    assert all("\\boxed{4}" in content and "basic arithmetic" in reasoning
               for content, reasoning, _ in rows)  # fmt: skip


def test_content_masking_leaves_mathematics_alone():
    prose = "Basic arithmetic: the key = 3, token = 5, bearer bonds pay 1000; sig = 0.05."
    assert redact_content(prose) == (prose, 0)
    masked, count = redact_content(f"x-api-key: {KEY} and https://u:pw@host/v1")
    assert KEY not in masked and "u:pw" not in masked and count == 2


@pytest.mark.parametrize("url", ["http://user:pass@127.0.0.1:8000/v1", "https://tok@h/v1"])
def test_base_url_credentials_are_refused_in_one_line(url):
    with pytest.raises(DrqaError) as caught:
        load_recipe(None, [f"generate.openai.base_urls=['{url}']"])
    message = str(caught.value)
    assert "carries credentials" in message and "api_key_env" in message and "\n" not in message
    with pytest.raises(DrqaError, match="carries credentials"):
        OpenAIBackend("m", [url])


def test_a_second_generate_of_the_same_run_is_refused_naming_the_holder(run_ws):
    ws, run_id = run_ws
    config = GenerateConfig(backend="replay", model="m")
    with (
        lease(ws.root, "generate", run_id, purpose="another drqa generate"),
        pytest.raises(LeaseHeld) as caught,
    ):
        run_generation(ws, run_id, config, backend=ReplayBackend(), progress=False)
    assert run_id in str(caught.value) and "pid" in str(caught.value)
    with ws.read() as con:  # nothing was generated twice (nothing at all by the refused one)
        assert con.execute("SELECT count(*) FROM generations").fetchall() == [(0,)]
    done = run_generation(ws, run_id, config, backend=ReplayBackend(), progress=False)
    assert done.done == 4


def test_judge_replies_echoing_the_key_are_stored_masked(tmp_path, monkeypatch):
    from drqa.labeling.config import JudgeConfig
    from drqa.labeling.llm_judge import LLMJudge, judge_pairs

    monkeypatch.setenv("DRQA_TEST_KEY", KEY)
    reply = completion(content=f"Authorization: Bearer {KEY}\nx-api-key: {KEY}\nequivalent")
    ws = Workspace.resolve(tmp_path / "ws")
    with ScriptedServer(lambda i, body: (200, {}, reply)) as server:
        judge = LLMJudge.from_config(
            JudgeConfig(base_url=server.url, model="served-name", api_key_env="DRQA_TEST_KEY")
        )
        judge_pairs(ws, judge, [("What is 2 + 2?", "4", "four")])
    with ws.read() as con:
        raw = con.execute("SELECT raw FROM judge_verdicts").fetchall()
    assert len(raw) == 1 and KEY not in raw[0][0] and raw[0][0].endswith("equivalent")
