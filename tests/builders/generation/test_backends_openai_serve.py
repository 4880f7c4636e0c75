"""The openai backend against a real ``transformers serve`` process serving the tiny model."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("transformers")

from drqa.builders.generation.backends.base import GenerationRequest, SamplingParams  # noqa: E402
from drqa.builders.generation.backends.openai_backend import OpenAIBackend  # noqa: E402

DEAD_URL = "http://127.0.0.1:9/v1"


def _requests(n, *, seed=3, max_tokens=8):
    sampling = SamplingParams(temperature=0.6, top_p=0.95, max_tokens=max_tokens, seed=seed)
    return [
        GenerationRequest(f"r{i}", ({"role": "user", "content": f"What is {i} + 2?"},), sampling)
        for i in range(n)
    ]


def test_generates_through_a_real_server_with_usage(tiny_model_server, tiny_model_dir):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    backend = OpenAIBackend(tiny_model_server.model, [tiny_model_server.base_url], concurrency=2)
    assert backend.check() == [tiny_model_server.base_url]
    requests = _requests(3)
    got = {g.request_id: g for g in backend.generate(requests)}
    assert sorted(got) == ["r0", "r1", "r2"]
    for request in requests:
        gen = got[request.request_id]
        prompt = tokenizer.apply_chat_template(
            list(request.messages), tokenize=False, add_generation_prompt=True
        )
        assert gen.status == "ok", gen.error
        assert gen.prompt_tokens == len(tokenizer(prompt, add_special_tokens=False)["input_ids"])
        assert (gen.completion_tokens, gen.finish_reason) == (8, "length")
        # transformers serve 5.23 separates the thinking of qwen2 models (reasoning_content);
        # the prompt opened it and 8 random tokens never close it: all reasoning, no answer
        assert gen.reasoning and gen.content == ""
        assert gen.endpoint == tiny_model_server.base_url


def test_the_seed_reaches_the_server(tiny_model_server):
    # transformers serve seeds torch's global generator per request, so two requests in flight
    # at once share one random stream: only requests one at a time are reproducible there
    backend = OpenAIBackend(tiny_model_server.model, [tiny_model_server.base_url], concurrency=1)
    same = [g.reasoning for g in backend.generate(_requests(1, seed=21) + _requests(1, seed=21))]
    other = next(iter(backend.generate(_requests(1, seed=22)))).reasoning
    assert same[0] == same[1] and other != same[0]


def test_a_dead_endpoint_beside_the_real_server(tiny_model_server):
    backend = OpenAIBackend(
        tiny_model_server.model,
        [DEAD_URL, tiny_model_server.base_url],
        concurrency=2,
        backoff_s=0.05,
        max_retries=2,
    )
    assert backend.check() == [tiny_model_server.base_url]
    got = list(backend.generate(_requests(4)))
    assert len(got) == 4
    assert all(g.status == "ok" and g.endpoint == tiny_model_server.base_url for g in got)
    assert any(g.attempts > 1 for g in got)  # some went to the dead one first


def test_a_wrong_model_name_fails_with_the_servers_reason(tiny_model_server):
    backend = OpenAIBackend("no-such-model", [tiny_model_server.base_url], max_retries=0)
    [gen] = list(backend.generate(_requests(1)))
    # our wording: "HTTP <status> at <url>: <the server's reason>" (the status and the reason's
    # words are the server's: not pinned, a newer transformers serve may answer differently)
    assert gen.status == "failed" and re.match(r"HTTP \d{3} at \S+: \S", gen.error)
