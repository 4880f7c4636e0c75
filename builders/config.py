"""Typed, validated configuration of the builder stages: ingest, compose and generate.

Recipes (YAML) fill these; CLI flags override single fields. Every model is frozen and rejects
unknown keys, so a typo in a recipe is one clear error naming the field.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

BackendName = Literal["transformers", "openai", "vllm", "replay"]
CompositionPolicy = Literal["random", "difficulty-mixed"]
AnswerFormat = Literal["plain", "gsm8k", "boxed"]
BENCHMARKS = ("gsm8k", "math500", "aime2024", "aime2025", "amc2023", "gpqa_diamond")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SourceConfig(_Frozen):
    """One problem source: a local file or a Hugging Face dataset, and its column mapping."""

    path: str | None = Field(None, description="Local JSONL/JSON/Parquet/CSV file.")
    hub: str | None = Field(None, description="Hugging Face dataset id, e.g. openai/gsm8k.")
    hf_config: str | None = None
    split: str = "train"
    revision: str | None = None
    problem_field: str = "problem"
    answer_field: str = "answer"
    answer_format: AnswerFormat = Field(
        "plain", description="gsm8k: take the text after '####'; boxed: the last \\boxed{}."
    )
    id_field: str | None = None
    difficulty_field: str | None = None
    subject_field: str | None = None
    limit: int | None = Field(None, ge=1, description="Take at most this many rows.")

    @field_validator("hub")
    @classmethod
    def _one_location(cls, hub: str | None, info) -> str | None:
        if hub and info.data.get("path"):
            raise ValueError("give either path or hub, not both")
        return hub


class DecontaminationConfig(_Frozen):
    """Word n-gram overlap of every problem against evaluation benchmarks."""

    enabled: bool = True
    benchmarks: tuple[str, ...] = BENCHMARKS
    benchmark_dir: str | None = Field(
        None,
        description="Folder of <benchmark>.jsonl files; default: ../shared/data/benchmarks "
        "when present, else the Hub ids in drqa.builders.benchmarks.",
    )
    ngram: int = Field(13, ge=3)
    min_overlap: int = Field(1, ge=1, description="Shared n-grams that flag a problem.")
    min_fraction: float = Field(
        0.1, ge=0.0, le=1.0, description="...and the share of the problem's n-grams they make."
    )
    exclude_contaminated: bool = True


class IngestConfig(_Frozen):
    sources: tuple[SourceConfig, ...] = ()
    near_duplicate_threshold: float | None = Field(
        0.9, ge=0.5, le=1.0, description="Jaccard of word 5-gram MinHash; None disables."
    )
    decontamination: DecontaminationConfig = DecontaminationConfig()


class ComposeConfig(_Frozen):
    batch_sizes: tuple[int, ...] = (1, 2, 3, 5)
    policy: CompositionPolicy = "random"
    seed: int = 0
    max_problems: int | None = Field(None, ge=1)
    samples_per_prompt: int = Field(1, ge=1)
    single_template: str = "single-v1"
    batched_template: str = "batched-v1"
    system_prompt: str | None = None
    exclude_contaminated: bool = True

    @field_validator("batch_sizes")
    @classmethod
    def _positive(cls, sizes: tuple[int, ...]) -> tuple[int, ...]:
        if not sizes or any(k < 1 for k in sizes):
            raise ValueError("batch_sizes must be positive integers, e.g. [1, 2, 3, 5]")
        return tuple(sorted(set(sizes)))


class SamplingConfig(_Frozen):
    temperature: float = Field(0.6, ge=0.0)
    top_p: float = Field(0.95, gt=0.0, le=1.0)
    max_tokens: int = Field(32768, ge=1)
    seed: int | None = 0


class OpenAIConfig(_Frozen):
    base_urls: tuple[str, ...] = ("http://127.0.0.1:8000/v1",)
    api_key_env: str = Field("OPENAI_API_KEY", description="Environment variable with the key.")
    concurrency: int = Field(32, ge=1, description="Requests in flight, over all endpoints.")
    timeout_s: float = Field(600.0, gt=0)
    max_retries: int = Field(5, ge=0)
    backoff_s: float = Field(1.0, ge=0)
    extra_body: dict = Field(default_factory=dict)


class TransformersConfig(_Frozen):
    device: str = "auto"
    dtype: str = "auto"
    batch_size: int = Field(8, ge=1)


class VLLMConfig(_Frozen):
    tensor_parallel_size: int = Field(1, ge=1)
    data_parallel_size: int = Field(1, ge=1)
    gpu_memory_utilization: float = Field(0.9, gt=0, le=1)
    max_model_len: int | None = None
    extra: dict = Field(default_factory=dict, description="More keyword arguments for vllm.LLM.")


class GenerateConfig(_Frozen):
    backend: BackendName = "transformers"
    model: str = Field("", description="Local folder, Hub id, or the served model name.")
    revision: str | None = None
    sampling: SamplingConfig = SamplingConfig()
    openai: OpenAIConfig = OpenAIConfig()
    transformers: TransformersConfig = TransformersConfig()
    vllm: VLLMConfig = VLLMConfig()
    batch_sizes: tuple[int, ...] | None = Field(
        None, description="Generate only these batch sizes (default: all composed)."
    )
    price_per_million_input: float | None = None
    price_per_million_output: float | None = None
    checkpoint_seconds: float = Field(
        30.0, gt=0, description="Merge raw results into the catalog at most this often."
    )
    run_name: str | None = Field(None, description="A readable name for the run (lineage only).")
