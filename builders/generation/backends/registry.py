"""Backends by name: build one from a GenerateConfig, importing only the module it needs."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from drqa.builders.generation.backends.base import Backend
from drqa.builders.generation.config import GenerateConfig
from drqa.errors import DrqaError


def _transformers(config: GenerateConfig) -> Backend:
    module = importlib.import_module("drqa.builders.generation.backends.transformers_backend")
    options = config.transformers
    return module.TransformersBackend(
        config.model,
        revision=config.revision,
        device=options.device,
        dtype=options.dtype,
        batch_size=options.forward_batch_rows,
    )


def _openai(config: GenerateConfig) -> Backend:
    module = importlib.import_module("drqa.builders.generation.backends.openai_backend")
    options = config.openai
    if not config.model:
        raise DrqaError("the openai backend needs generate.model: the name the server serves")
    return module.OpenAIBackend(
        config.model,
        options.base_urls,
        api_key_env=options.api_key_env,
        concurrency=options.concurrency,
        timeout_s=options.timeout_s,
        max_retries=options.max_retries,
        backoff_s=options.backoff_s,
        extra_body=options.extra_body,
    )


def _vllm(config: GenerateConfig) -> Backend:
    module = importlib.import_module("drqa.builders.generation.backends.vllm_backend")
    options = config.vllm
    if not config.model:
        raise DrqaError("the vllm backend needs generate.model: a model folder or Hub id")
    return module.VLLMBackend(
        config.model,
        revision=config.revision,
        tensor_parallel_size=options.tensor_parallel_size,
        gpu_memory_utilization=options.gpu_memory_utilization,
        max_model_len=options.max_model_len,
        extra=options.extra,
    )


def _replay(config: GenerateConfig) -> Backend:
    module = importlib.import_module("drqa.builders.generation.backends.replay")
    if config.model:  # a JSONL file of {"request_id", "response"} lines
        return module.ReplayBackend.from_file(config.model)
    return module.ReplayBackend()


_FACTORIES: dict[str, Callable[[GenerateConfig], Backend]] = {
    "transformers": _transformers,
    "openai": _openai,
    "vllm": _vllm,
    "replay": _replay,
}


def make_backend(config: GenerateConfig) -> Backend:
    """The backend ``config.backend`` names, configured from ``config`` (nothing loaded yet)."""
    try:
        factory = _FACTORIES[config.backend]
    except KeyError:
        raise DrqaError(
            f"unknown backend {config.backend!r}: choose one of {', '.join(_FACTORIES)}"
        ) from None
    return factory(config)
