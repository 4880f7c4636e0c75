"""Typed configuration of the ingest stage: sources, duplicates and decontamination."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from drqa.config import FrozenConfig

AnswerFormat = Literal["plain", "gsm8k", "boxed"]
BENCHMARKS = ("gsm8k", "math500", "aime2024", "aime2025", "amc2023", "gpqa_diamond")


class SourceConfig(FrozenConfig):
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
    license: str | None = Field(
        None, description="The source's licence id (e.g. mit), stated in release cards."
    )

    @field_validator("hub")
    @classmethod
    def _one_location(cls, hub: str | None, info) -> str | None:
        if hub and info.data.get("path"):
            raise ValueError("give either path or hub, not both")
        return hub


class DecontaminationConfig(FrozenConfig):
    """Word n-gram overlap of every problem against evaluation benchmarks."""

    enabled: bool = True
    benchmarks: tuple[str, ...] = BENCHMARKS
    benchmark_dir: str | None = Field(
        None,
        description="Folder of <benchmark>.jsonl files; default: ../shared/data/benchmarks "
        "when present, else the Hub ids in drqa.builders.ingest.benchmark_sets.",
    )
    ngram: int = Field(13, ge=3)
    min_overlap: int = Field(1, ge=1, description="Shared n-grams that flag a problem.")
    min_fraction: float = Field(
        0.1, ge=0.0, le=1.0, description="...and the share of the problem's n-grams they make."
    )
    exclude_contaminated: bool = True


class IngestConfig(FrozenConfig):
    sources: tuple[SourceConfig, ...] = ()
    near_duplicate_threshold: float | None = Field(
        0.9, ge=0.5, le=1.0, description="Jaccard of word 5-gram MinHash; None disables."
    )
    decontamination: DecontaminationConfig = DecontaminationConfig()
