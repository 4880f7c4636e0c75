"""Typed configuration of the label stage (the recipe's ``label:`` section)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from drqa.config import FrozenConfig

RuleName = Literal["paper", "paper@1", "strict-shorter", "strict-shorter@1"]


class JudgeConfig(FrozenConfig):
    """An optional LLM judge for the pairs rule-based matching abstains on (``uncertain``):
    any OpenAI-compatible endpoint, through the generation stage's ``openai`` backend."""

    base_url: str = Field(description="OpenAI-compatible base URL, e.g. http://host:8000/v1.")
    model: str = Field(description="Model name the endpoint serves.")
    prompt_template: Path | None = Field(
        None,
        description="Prompt template file with {question}, {gold} and {answer} fields; "
        "default: the built-in template of drqa.labeling.llm_judge.",
    )
    api_key_env: str = Field("OPENAI_API_KEY", description="Environment variable of the key.")
    max_tokens: int = Field(512, ge=1, description="Tokens the judge may write.")
    timeout_s: float = Field(
        120.0, gt=0, le=3600, allow_inf_nan=False, description="Seconds per judge request."
    )
    concurrency: int = Field(8, ge=1, description="Judge requests in flight.")


class SplitJudgeConfig(FrozenConfig):
    """An optional model fallback for batched responses the grammar splits with low confidence
    (``drqa.labeling.split.fallback``): any OpenAI-compatible endpoint; disagreements with the
    grammar go to review."""

    base_url: str = Field(description="OpenAI-compatible base URL, e.g. http://host:8000/v1.")
    model: str = Field(description="Model name the endpoint serves.")
    min_confidence: float = Field(
        0.7, ge=0.0, le=1.0, description="Responses split below this confidence are checked."
    )
    api_key_env: str = Field("OPENAI_API_KEY", description="Environment variable of the key.")
    timeout_s: float = Field(
        120.0, gt=0, le=3600, allow_inf_nan=False, description="Seconds per request."
    )
    prompt_template: Path | None = Field(
        None,
        description="Jinja prompt file with {{ response }}, {{ n }} and {{ problems }}; "
        "default: labeling/templates/split_judge.jinja (drqa.labeling.split_judge).",
    )
    max_tokens: int = Field(2048, ge=1, description="Tokens the model may write.")
    concurrency: int = Field(8, ge=1, description="Requests in flight.")


class LabelConfig(FrozenConfig):
    """How chains are split, verified and labelled."""

    rule: RuleName = Field("paper", description="Label rule: paper (paper@1) or strict-shorter.")
    workers: int = Field(2, ge=1, description="Verifier worker processes.")
    timeout_s: float = Field(
        5.0, ge=0.1, le=3600, allow_inf_nan=False,
        description="Seconds allowed to verify one answer (finite, 0.1 to 3600).",
    )  # fmt: skip
    judge: JudgeConfig | None = Field(
        None, description="LLM judge for verdicts rules cannot decide (uncertain); off if unset."
    )
    split_judge: SplitJudgeConfig | None = Field(
        None, description="Model fallback for low-confidence batched splits; off if unset."
    )
