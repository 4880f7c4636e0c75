"""vLLM backend: the argument mapping and output mapping, tested without vLLM installed."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from drqa.builders.generation.backends.base import GenerationRequest, SamplingParams
from drqa.builders.generation.backends.vllm_backend import (
    VLLMBackend,
    engine_kwargs,
    generation_from_output,
    sampling_kwargs,
)
from drqa.errors import MissingDependency
from drqa.optional import is_available

MESSAGES = ({"role": "user", "content": "What is 2 + 2?"},)


def test_engine_kwargs_pass_parallelism_and_extras_through():
    kwargs = engine_kwargs(
        "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
        "abc123",
        tensor_parallel_size=4,
        gpu_memory_utilization=0.85,
        max_model_len=32768,
        extra={"enable_prefix_caching": True, "gpu_memory_utilization": 0.8},
    )
    assert kwargs == {
        "model": "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
        "revision": "abc123",
        "tensor_parallel_size": 4,
        "gpu_memory_utilization": 0.8,  # extra wins
        "max_model_len": 32768,
        "enable_prefix_caching": True,
    }
    plain = engine_kwargs("m")
    assert plain == {"model": "m", "tensor_parallel_size": 1, "gpu_memory_utilization": 0.9}


def test_data_parallel_is_refused_with_the_served_alternative():
    from drqa.builders.generation.config import GenerateConfig
    from drqa.errors import DrqaError

    with pytest.raises(DrqaError, match="vllm serve MODEL --data-parallel-size N"):
        engine_kwargs("m", extra={"data_parallel_size": 2})
    with pytest.raises(ValueError, match="vllm serve MODEL --data-parallel-size N"):
        GenerateConfig.model_validate({"vllm": {"data_parallel_size": 2}})


def test_sampling_kwargs_use_the_per_sample_seed():
    sampling = SamplingParams(temperature=0.6, top_p=0.95, max_tokens=32768, seed=7)
    request = GenerationRequest("r1", MESSAGES, sampling, sample_index=3)
    assert sampling_kwargs(request) == {
        "n": 1, "temperature": 0.6, "top_p": 0.95, "max_tokens": 32768, "seed": 10,
    }  # fmt: skip
    unseeded = GenerationRequest("r2", MESSAGES, SamplingParams(seed=None), sample_index=3)
    assert sampling_kwargs(unseeded)["seed"] is None


def _output(text, finish, prompt="<|User|>q<|Assistant|><think>\n", n_prompt=5, n_out=7):
    completion = SimpleNamespace(text=text, token_ids=list(range(n_out)), finish_reason=finish)
    return SimpleNamespace(prompt=prompt, prompt_token_ids=list(range(n_prompt)),
                           outputs=[completion])  # fmt: skip


def test_generation_from_output_splits_thinking_and_counts_tokens():
    request = GenerationRequest("r1", MESSAGES, SamplingParams())
    gen = generation_from_output(request, _output("2+2=4\n</think>\n\n\\boxed{4}", "stop"), 1.5)
    assert (gen.status, gen.finish_reason, gen.reasoning, gen.content) == (
        "ok", "stop", "2+2=4", "\\boxed{4}",
    )  # fmt: skip
    assert (gen.prompt_tokens, gen.completion_tokens, gen.latency_s) == (5, 7, 1.5)
    assert gen.raw_response == "2+2=4\n</think>\n\n\\boxed{4}"

    cut = generation_from_output(request, _output("still thinking", "length"), 0.1)
    assert (cut.finish_reason, cut.reasoning, cut.content) == ("length", "still thinking", "")

    aborted = generation_from_output(request, _output("x", "abort"), 0.1)
    assert aborted.status == "failed" and "abort" in aborted.error


def test_engine_arguments_are_built_without_importing_vllm():
    backend = VLLMBackend("m", revision="r", tensor_parallel_size=2, max_model_len=4096)
    assert backend.engine_kwargs == {
        "model": "m", "revision": "r", "tensor_parallel_size": 2,
        "gpu_memory_utilization": 0.9, "max_model_len": 4096,
    }  # fmt: skip


@pytest.mark.skipif(is_available("vllm"), reason="vllm is installed here")
def test_missing_vllm_is_one_line_naming_the_extra():
    backend = VLLMBackend("m")
    with pytest.raises(MissingDependency) as info:
        list(backend.generate([GenerationRequest("r1", MESSAGES, SamplingParams())]))
    message = str(info.value)
    assert 'pip install "drqa[vllm]"' in message and "\n" not in message
