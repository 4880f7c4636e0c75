"""Typed configuration of generation: backend, model, sampling and each backend's settings.

Usable on its own (evals build a ``GenerateConfig`` without the builder's compose section).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from drqa.config import FrozenConfig

BackendName = Literal["transformers", "openai", "vllm", "replay"]


class SamplingConfig(FrozenConfig):
    temperature: float = Field(0.6, ge=0.0)
    top_p: float = Field(0.95, gt=0.0, le=1.0)
    max_tokens: int = Field(32768, ge=1)
    seed: int | None = 0


def url_credentials_problem(url: str, api_key_env: str = "OPENAI_API_KEY") -> str | None:
    """Why ``url`` is refused when it carries ``user:password@``: httpx would send those as
    Basic auth instead of the documented ``Authorization: Bearer $api_key_env``."""
    if "@" not in url.split("://", 1)[-1].split("/", 1)[0]:
        return None
    return (
        "a base URL carries credentials (user:password@host); drqa sends the API key as a "
        f"Bearer token from the environment variable named by openai.api_key_env "
        f"({api_key_env}): remove them from the URL and export the key there"
    )


class OpenAIConfig(FrozenConfig):
    base_urls: tuple[str, ...] = ("http://127.0.0.1:8000/v1",)
    api_key_env: str = Field("OPENAI_API_KEY", description="Environment variable with the key.")

    @field_validator("base_urls")
    @classmethod
    def _no_url_credentials(cls, urls: tuple[str, ...]) -> tuple[str, ...]:
        for url in urls:
            problem = url_credentials_problem(url)
            if problem:
                raise ValueError(problem)
        return urls

    concurrency: int = Field(32, ge=1, description="Requests in flight, over all endpoints.")
    timeout_s: float = Field(600.0, gt=0, le=86400, allow_inf_nan=False)
    max_retries: int = Field(5, ge=0)
    backoff_s: float = Field(1.0, ge=0)
    extra_body: dict = Field(default_factory=dict)


class TransformersConfig(FrozenConfig):
    device: str = "auto"
    dtype: str = "auto"
    forward_batch_rows: int = Field(
        8, ge=1, description="Requests (rows) per forward pass / generate call on the device."
    )


DATA_PARALLEL_HINT = (
    "data parallelism is not available in vLLM's offline engine (one process): run "
    "`vllm serve MODEL --data-parallel-size N` (or one server per GPU) and use --backend openai "
    "with its base URL (or several --base-url)"
)


class VLLMConfig(FrozenConfig):
    tensor_parallel_size: int = Field(1, ge=1)
    gpu_memory_utilization: float = Field(0.9, gt=0, le=1)
    max_model_len: int | None = None
    extra: dict = Field(default_factory=dict, description="More keyword arguments for vllm.LLM.")

    @model_validator(mode="before")
    @classmethod
    def _no_data_parallel(cls, value):
        """vLLM's offline engine refuses data parallelism in one process: say what works."""
        if isinstance(value, dict) and "data_parallel_size" in value:
            if int(value["data_parallel_size"] or 1) > 1:
                raise ValueError(DATA_PARALLEL_HINT)
            value = {k: v for k, v in value.items() if k != "data_parallel_size"}
        return value


class GenerateConfig(FrozenConfig):
    backend: BackendName = "transformers"
    model: str = Field("", description="Local folder, Hub id, or the served model name.")
    revision: str | None = None
    sampling: SamplingConfig = SamplingConfig()
    openai: OpenAIConfig = OpenAIConfig()
    transformers: TransformersConfig = TransformersConfig()
    vllm: VLLMConfig = VLLMConfig()
    only_batch_sizes: tuple[int, ...] | None = Field(
        None,
        description="Generate only the requests with these batch sizes (questions per prompt); "
        "default: every composed size.",
    )
    price_per_million_input: float | None = None
    price_per_million_output: float | None = None
    checkpoint_seconds: float = Field(
        30.0, gt=0, description="Merge raw results into the catalog at most this often."
    )
    run_name: str | None = Field(None, description="A readable name for the run (lineage only).")
