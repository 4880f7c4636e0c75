"""The backend registry and the replay backend."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from drqa.builders.generation.backends.base import GenerationRequest, SamplingParams
from drqa.builders.generation.backends.registry import make_backend
from drqa.builders.generation.backends.replay import CANNED_ANSWER, ReplayBackend
from drqa.builders.generation.config import GenerateConfig, OpenAIConfig, VLLMConfig
from drqa.errors import DrqaError


def _requests(n, prefix="r"):
    return [
        GenerationRequest(f"{prefix}{i}", ({"role": "user", "content": str(i)},), SamplingParams())
        for i in range(n)
    ]


def test_make_backend_builds_each_backend_from_its_config_section():
    tf = make_backend(GenerateConfig(backend="transformers", model="/models/x"))
    assert tf.name == "transformers" and tf.model_name == "/models/x"
    oa = make_backend(
        GenerateConfig(
            backend="openai",
            model="deepseek-reasoner",
            openai=OpenAIConfig(base_urls=("http://a:1/v1", "http://b:2/v1/"), concurrency=7),
        )
    )
    assert oa.name == "openai"
    assert list(oa.base_urls) == ["http://a:1/v1", "http://b:2/v1"]
    assert oa.concurrency == 7
    vl = make_backend(
        GenerateConfig(backend="vllm", model="m", vllm=VLLMConfig(tensor_parallel_size=8))
    )
    assert vl.name == "vllm" and vl.engine_kwargs["tensor_parallel_size"] == 8
    assert make_backend(GenerateConfig(backend="replay")).name == "replay"


def test_backends_that_need_a_model_say_so():
    for name in ("openai", "vllm", "transformers"):
        with pytest.raises(DrqaError, match="model"):
            make_backend(GenerateConfig(backend=name, model=""))


def test_registry_imports_no_heavy_library():
    code = (
        "import sys\n"
        "from drqa.builders.generation.backends.registry import make_backend\n"
        "from drqa.builders.generation.config import GenerateConfig\n"
        "for n in ('transformers', 'openai', 'vllm', 'replay'):\n"
        "    make_backend(GenerateConfig(backend=n, model='' if n == 'replay' else 'm'))\n"
        "print(sorted(m for m in ('torch', 'transformers', 'vllm') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_replay_answers_from_a_mapping_a_callable_or_the_canned_answer():
    answers = {"r0": "<think>t0</think>a0", "r1": "plain"}
    got = list(ReplayBackend(answers).generate(_requests(3)))
    assert [(g.status, g.reasoning, g.content) for g in got[:2]] == [
        ("ok", "t0", "a0"), ("ok", None, "plain"),
    ]  # fmt: skip
    assert got[2].status == "failed" and "no replay answer" in got[2].error

    echo_backend = ReplayBackend(lambda r: f"</think>{r.messages[0]['content']}")
    echo = list(echo_backend.generate(_requests(2)))
    assert [g.content for g in echo] == ["0", "1"]

    canned = next(iter(ReplayBackend().generate(_requests(1))))
    assert canned.raw_response == CANNED_ANSWER and canned.content.endswith("\\boxed{0}.")


def test_replay_injects_failures_every_kth_request():
    got = list(ReplayBackend(fail_every=3).generate(_requests(10)))
    failed = [g.request_id for g in got if g.status == "failed"]
    assert failed == ["r2", "r5", "r8"]
    assert len(got) == 10


def test_replay_from_file(tmp_path):
    path = tmp_path / "answers.jsonl"
    path.write_text(json.dumps({"request_id": "r0", "response": "x"}) + "\n\n")
    backend = make_backend(GenerateConfig(backend="replay", model=str(path)))
    assert next(iter(backend.generate(_requests(1)))).content == "x"
    path.write_text(json.dumps({"request_id": "r0", "response": "x"}) + "\n{oops\n")
    with pytest.raises(DrqaError, match=r"answers.jsonl:2"):
        ReplayBackend.from_file(path)
    with pytest.raises(DrqaError, match="cannot read replay answers"):
        ReplayBackend.from_file(tmp_path / "missing.jsonl")


def test_replayed_lines_keep_their_finish_reason_and_never_invent_one(tmp_path):
    path = tmp_path / "answers.jsonl"
    lines = [
        {"request_id": "r0", "response": "a", "finish_reason": "length"},
        {"request_id": "r1", "response": "b", "finish_reason": "stop"},
        {"request_id": "r2", "response": "c"},  # not recorded: unknown, not "stop"
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    got = list(ReplayBackend.from_file(path).generate(_requests(3)))
    assert [g.finish_reason for g in got] == ["length", "stop", None]
    assert next(iter(ReplayBackend().generate(_requests(1)))).finish_reason == "stop"
