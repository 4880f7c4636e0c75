"""The vLLM offline engine on GPUs: ``LLM(...)`` once, then ``LLM.chat`` over chunks of requests.

vLLM lives in its own GPU environment (``pip install "drqa[vllm]"``); it is imported only when a
run starts. The mapping from drqa's settings to vLLM's arguments, and from vLLM's outputs back to
Generations, are plain functions so they are tested where vLLM cannot be installed.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Iterator
from typing import Any

from drqa.builders.generation.backends.base import Backend, GenerationRequest
from drqa.builders.generation.backends.thinking import OPEN_TAG, answered
from drqa.builders.generation.config import DATA_PARALLEL_HINT
from drqa.errors import DrqaError
from drqa.optional import require
from drqa.schema import Generation


def engine_kwargs(
    model: str,
    revision: str | None = None,
    *,
    tensor_parallel_size: int = 1,
    gpu_memory_utilization: float = 0.9,
    max_model_len: int | None = None,
    extra: dict | None = None,
) -> dict[str, Any]:
    """Keyword arguments for ``vllm.LLM``; ``extra`` passes anything else through (and wins).

    Data parallelism is not one of them: vLLM's offline ``LLM`` refuses ``data_parallel_size >
    1`` in one process; serve the model with ``vllm serve --data-parallel-size N`` (or several
    servers) and use the openai backend with their base URLs instead."""
    if int((extra or {}).get("data_parallel_size", 1) or 1) > 1:
        raise DrqaError(DATA_PARALLEL_HINT)
    kwargs: dict[str, Any] = {
        "model": model,
        "tensor_parallel_size": tensor_parallel_size,
        "gpu_memory_utilization": gpu_memory_utilization,
    }
    if revision:
        kwargs["revision"] = revision
    if max_model_len is not None:
        kwargs["max_model_len"] = max_model_len
    kwargs.update(extra or {})
    return kwargs


def sampling_kwargs(request: GenerationRequest) -> dict[str, Any]:
    """Keyword arguments for ``vllm.SamplingParams`` for one request (one sample, its own seed)."""
    sampling = request.sampling
    return {
        "n": 1,
        "temperature": sampling.temperature,
        "top_p": sampling.top_p,
        "max_tokens": sampling.max_tokens,
        "seed": request.seed,
    }


def generation_from_output(request: GenerationRequest, output: Any, latency_s: float) -> Generation:
    """Turn one ``vllm.RequestOutput`` (``.prompt``, ``.prompt_token_ids``, ``.outputs[0]``
    with ``.text``, ``.token_ids``, ``.finish_reason``) into a Generation."""
    completion = output.outputs[0]
    text = completion.text or ""
    opened = (output.prompt or "").rstrip().endswith(OPEN_TAG)
    finish = completion.finish_reason
    if finish not in ("stop", "length"):
        return Generation(
            request.request_id,
            "failed",
            raw_response=text,
            finish_reason=finish,
            error=f"vLLM finished the request with finish_reason={finish!r}",
            latency_s=latency_s,
        )
    return answered(
        request.request_id,
        text,
        opened_in_prompt=opened,
        finish_reason=finish,
        prompt_tokens=len(output.prompt_token_ids or ()),
        completion_tokens=len(completion.token_ids or ()),
        latency_s=latency_s,
        endpoint="vllm",
    )


class VLLMBackend(Backend):
    """Generate with ``vllm.LLM.chat``; the engine starts on the first ``generate``/``check``."""

    name = "vllm"

    def __init__(
        self,
        model: str,
        *,
        revision: str | None = None,
        tensor_parallel_size: int = 1,
        gpu_memory_utilization: float = 0.9,
        max_model_len: int | None = None,
        extra: dict | None = None,
        chunk_size: int = 1024,
    ) -> None:
        self.model = model
        self.revision = revision
        self.engine_kwargs = engine_kwargs(
            model,
            revision,
            tensor_parallel_size=tensor_parallel_size,
            gpu_memory_utilization=gpu_memory_utilization,
            max_model_len=max_model_len,
            extra=extra,
        )
        self.chunk_size = chunk_size
        self._llm = None

    def check(self) -> None:
        """Import vLLM and start the engine now (one DrqaError line if vLLM is missing)."""
        self._engine()

    def _engine(self):
        if self._llm is None:
            vllm = require("vllm", "the vllm backend")
            self._llm = vllm.LLM(**self.engine_kwargs)
        return self._llm

    def generate(self, requests: Iterable[GenerationRequest]) -> Iterator[Generation]:
        """Yield Generations chunk by chunk (``chunk_size`` requests per ``LLM.chat`` call)."""
        vllm = require("vllm", "the vllm backend")
        llm = self._engine()
        iterator = iter(requests)
        while chunk := list(itertools.islice(iterator, self.chunk_size)):
            started = time.perf_counter()
            params = [vllm.SamplingParams(**sampling_kwargs(r)) for r in chunk]
            try:
                outputs = llm.chat([list(r.messages) for r in chunk], params, use_tqdm=False)
            except (RuntimeError, ValueError) as exc:
                reason = f"{type(exc).__name__} in vLLM chat: {str(exc).splitlines()[0]}"
                yield from (Generation(r.request_id, "failed", error=reason) for r in chunk)
                continue
            latency = time.perf_counter() - started
            for request, output in zip(chunk, outputs, strict=True):
                yield generation_from_output(request, output, latency)

    def close(self) -> None:
        """Drop the engine (vLLM frees GPU memory when it is garbage-collected)."""
        self._llm = None
