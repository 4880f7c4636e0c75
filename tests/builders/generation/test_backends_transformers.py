"""The transformers backend with the tiny model, in-process on CPU."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from drqa.builders.generation.backends.base import GenerationRequest, SamplingParams  # noqa: E402
from drqa.builders.generation.backends.transformers_backend import TransformersBackend  # noqa: E402
from drqa.errors import DrqaError  # noqa: E402


def _request(i, *, seed=0, sample_index=0, max_tokens=12, temperature=0.6, text=None):
    sampling = SamplingParams(temperature=temperature, top_p=0.95, max_tokens=max_tokens, seed=seed)
    content = text or f"What is {i} + {i * 3}? Give the answer."
    messages = ({"role": "user", "content": content},)
    return GenerationRequest(f"r{i}", messages, sampling, sample_index)


@pytest.fixture(scope="module")
def backend(tiny_model_dir):
    with TransformersBackend(str(tiny_model_dir), device="cpu", batch_size=4) as b:
        yield b


def test_generates_one_result_per_request_with_token_counts(backend, tiny_model_dir):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    requests = [_request(i, max_tokens=6 + i) for i in range(6)]  # two batches, ragged prompts
    got = list(backend.generate(requests))
    assert [g.request_id for g in got] == [r.request_id for r in requests]
    for request, gen in zip(requests, got, strict=True):
        prompt = tokenizer.apply_chat_template(
            list(request.messages), tokenize=False, add_generation_prompt=True
        )
        assert gen.status == "ok" and gen.error is None
        assert gen.prompt_tokens == len(tokenizer(prompt, add_special_tokens=False)["input_ids"])
        # a random model almost never emits eos in a few tokens: cut at this request's max_tokens
        assert gen.finish_reason == "length"
        assert gen.completion_tokens == request.sampling.max_tokens
        # the chat template opened the thinking and it never closed: all of it is reasoning
        assert gen.content == "" and gen.reasoning == gen.raw_response.strip()
        assert gen.endpoint == "cpu" and gen.latency_s > 0


def test_a_seed_fixes_the_answer_whatever_the_batch(backend, tiny_model_dir):
    requests = [_request(i, seed=11) for i in range(3)]
    together = [g.raw_response for g in backend.generate(requests)]
    alone = [g.raw_response for g in TransformersBackend(
        str(tiny_model_dir), device="cpu", batch_size=1
    ).generate(requests)]  # fmt: skip
    assert together == alone
    reseeded = [_request(i, seed=12) for i in range(3)]
    other_seed = [g.raw_response for g in backend.generate(reseeded)]
    assert other_seed != together
    next_sample = list(backend.generate([_request(0, seed=11, sample_index=1)]))[0].raw_response
    assert next_sample != together[0]  # seed + sample index


def test_temperature_zero_is_greedy(backend):
    first = list(backend.generate([_request(1, temperature=0.0, seed=None)]))[0]
    second = list(backend.generate([_request(1, temperature=0.0, seed=None)]))[0]
    assert first.raw_response == second.raw_response


def test_eos_gives_finish_reason_stop(tiny_model_dir, tmp_path):
    """A copy of the tiny model rigged so that end-of-turn is always the likeliest token."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    eos = tokenizer.convert_tokens_to_ids(tokenizer.eos_token)
    direction = torch.ones(model.config.hidden_size) / model.config.hidden_size**0.5
    with torch.no_grad():
        model.model.embed_tokens.weight += 20 * direction
        model.lm_head.weight[eos] = 50 * direction
    model.save_pretrained(tmp_path)
    tokenizer.save_pretrained(tmp_path)
    got = list(TransformersBackend(str(tmp_path), device="cpu").generate([_request(0)]))[0]
    assert (got.status, got.finish_reason, got.completion_tokens) == ("ok", "stop", 1)
    assert got.raw_response == ""


def test_missing_model_folder_is_one_line_naming_the_path(tmp_path):
    missing = tmp_path / "no-such-model"
    backend = TransformersBackend(str(missing), device="cpu")
    with pytest.raises(DrqaError) as info:
        list(backend.generate([_request(0)]))
    assert str(missing) in str(info.value) and "\n" not in str(info.value)

    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DrqaError, match="no config.json"):
        TransformersBackend(str(empty)).check()


def test_a_model_without_chat_template_is_refused_up_front(tiny_model_dir, tmp_path):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    AutoModelForCausalLM.from_pretrained(tiny_model_dir).save_pretrained(tmp_path)
    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    tokenizer.chat_template = None
    tokenizer.save_pretrained(tmp_path)
    (tmp_path / "chat_template.jinja").unlink(missing_ok=True)
    with pytest.raises(DrqaError, match="has no chat template"):
        TransformersBackend(str(tmp_path), device="cpu").check()


def test_forward_batch_rows_comes_from_the_config(tiny_model_dir):
    from drqa.builders.generation.backends.registry import make_backend
    from drqa.builders.generation.config import GenerateConfig

    config = GenerateConfig.model_validate(
        {"model": str(tiny_model_dir), "transformers": {"device": "cpu", "forward_batch_rows": 3}}
    )
    backend = make_backend(config)
    assert (backend.model_name, backend.device_setting, backend.batch_size) == (
        str(tiny_model_dir),
        "cpu",
        3,
    )


def test_a_hub_model_without_the_hub_fails_at_once_in_one_line(monkeypatch):
    from drqa.hub import probe_hub

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens on port 9
    probe_hub.cache_clear()
    started = time.perf_counter()
    try:
        with pytest.raises(DrqaError) as raised:
            TransformersBackend("no-such-org/no-such-model", device="cpu").check()
    finally:
        probe_hub.cache_clear()
    assert time.perf_counter() - started < 15  # one refused probe, no retry loop
    message = str(raised.value)
    assert "no-such-org/no-such-model" in message and "out of reach" in message
    assert "\n" not in message
