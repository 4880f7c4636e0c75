"""The data contract every stage speaks: enumerations, and the columns of every row type.

Row types are column tables (name, DuckDB type, meaning), each defined once here:

- ``PROBLEM_COLUMNS``, ``REQUEST_COLUMNS``, ``GENERATION_COLUMNS``, ``CHAIN_COLUMNS``: the catalog
  tables ``problems``, ``requests``, ``generations``, ``chains``, as the migrations in
  ``drqa/migrations`` leave them (a test compares them with a freshly migrated catalog);
- ``RELEASE_LABEL_COLUMNS``: the ``labels`` config of a release, what the trainer reads. The
  release writes exactly these columns in this order with these types, and the dataset card's
  feature list is read from the written file, so this table is the one place they are documented.

Stages exchange rows as Polars/Arrow frames with these column names; :func:`polars_schema` gives
the Polars schema of a table. This module imports no stage and not even Polars at import time
(verifier worker processes import the enumerations). Backends return one :class:`Generation`
per request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, get_args

# -- enumerations: each defined once here; stages, gates and tests import them -----------------
Label = Literal["A", "B", "C"]
"""A: single-question chain, correct; B: batched chain, correct; C: incorrect."""
LABELS: tuple[Label, ...] = get_args(Label)

GenerationStatus = Literal["ok", "failed"]
GENERATION_STATUSES: tuple[GenerationStatus, ...] = get_args(GenerationStatus)

SplitStatus = Literal["ok", "missing", "truncated", "unsplittable"]
"""How a chain was cut out of its response: ok, its answer missing, cut off, or not found."""
SPLIT_STATUSES: tuple[SplitStatus, ...] = get_args(SplitStatus)

VerifyStatus = Literal[
    "correct", "incorrect", "no_answer", "gold_unparseable", "timeout", "uncertain", "error"
]
"""The verifier's verdict on one chain's answer against the gold answer (``uncertain``: rules
cannot decide, e.g. prose or names; ``error``: the verifier failed on the pair; both go to
review unlabelled)."""
VERIFY_STATUSES: tuple[VerifyStatus, ...] = get_args(VerifyStatus)

LabelSource = Literal["auto", "review"]
"""Where a released label came from: the rules, or the annotators' consensus."""
LABEL_SOURCES: tuple[LabelSource, ...] = get_args(LabelSource)


# -- row types ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    """One column of a row type: its name, DuckDB type and meaning."""

    name: str
    type: str  # DuckDB spelling: VARCHAR, BIGINT, INTEGER, DOUBLE, BOOLEAN, TIMESTAMP, JSON, X[]
    doc: str
    nullable: bool = True


def _cols(*rows: tuple) -> tuple[Column, ...]:
    return tuple(Column(*row) for row in rows)


PROBLEM_COLUMNS = _cols(
    ("problem_id", "VARCHAR", "hash of the normalised problem text", False),
    ("source_id", "VARCHAR", "the source it was ingested from", False),
    ("source_row", "BIGINT", "1-based line/row number in the source", False),
    ("source_key", "VARCHAR", "the source's own id, when it has one"),
    ("problem", "VARCHAR", "the problem text", False),
    ("answer", "VARCHAR", "the gold answer", False),
    ("difficulty", "DOUBLE", "numeric difficulty, when the source gives one"),
    ("subject", "VARCHAR", "subject or type, when the source gives one"),
    ("contaminated_by", "VARCHAR[]", "benchmarks whose n-grams overlap this problem"),
    ("created_at", "TIMESTAMP", "when it was ingested", False),
)

REQUEST_COLUMNS = _cols(
    ("request_id", "VARCHAR", "hash of (run_id, ordered problem ids, sample index)", False),
    ("run_id", "VARCHAR", "hash of the run's generation-relevant config", False),
    ("batch_id", "VARCHAR", "hash of the ordered problem ids", False),
    ("batch_size", "INTEGER", "questions in the prompt (1: single-question)", False),
    ("sample_index", "INTEGER", "which sample of this prompt", False),
    ("problem_ids", "VARCHAR[]", "in prompt order: position i is problem_ids[i]", False),
    ("messages", "JSON", "the chat messages as sent", False),
    ("template_name", "VARCHAR", "prompt template name", False),
    ("template_hash", "VARCHAR", "hash of the template text", False),
    ("created_at", "TIMESTAMP", "when it was composed", False),
)

GENERATION_COLUMNS = _cols(
    ("request_id", "VARCHAR", "the request answered", False),
    ("run_id", "VARCHAR", "its run", False),
    ("status", "VARCHAR", f"one of {', '.join(GENERATION_STATUSES)}", False),
    ("error", "VARCHAR", "reason when failed (after retries)"),
    ("content", "VARCHAR", "the answer part (after </think>) as received"),
    ("reasoning", "VARCHAR", "the thinking part (reasoning_content or <think>...</think>)"),
    ("raw_response", "VARCHAR", "the whole message exactly as received"),
    ("finish_reason", "VARCHAR", "stop | length | ..."),
    ("prompt_tokens", "BIGINT", "prompt tokens reported by the backend"),
    ("completion_tokens", "BIGINT", "completion tokens reported by the backend"),
    ("latency_s", "DOUBLE", "seconds from send to answer"),
    ("attempts", "INTEGER", "tries it took"),
    ("backend", "VARCHAR", "transformers | openai | vllm | replay"),
    ("model", "VARCHAR", "model name as served"),
    ("endpoint", "VARCHAR", "base URL that answered (openai backend)"),
    ("created_at", "TIMESTAMP", "when it was stored", False),
)

CHAIN_COLUMNS = _cols(
    ("chain_id", "VARCHAR", "request_id || '-q' || position", False),
    ("request_id", "VARCHAR", "the request whose response it was cut from", False),
    ("run_id", "VARCHAR", "the request's run", False),
    ("problem_id", "VARCHAR", "the question it answers", False),
    ("batch_size", "INTEGER", "questions in the prompt (1: single-question)", False),
    ("position", "INTEGER", "0-based position of the question in the prompt", False),
    ("sample_index", "INTEGER", "which sample of the prompt", False),
    ("reasoning", "VARCHAR", "thinking attributed to this question + its answer section"),
    ("answer", "VARCHAR", "final answer as written; NULL when none was given"),
    ("split_status", "VARCHAR", f"one of {', '.join(SPLIT_STATUSES)}", False),
    ("split_confidence", "DOUBLE", "how sure the splitter is of the cut (0..1)"),
    ("verify_status", "VARCHAR", f"one of {', '.join(VERIFY_STATUSES)}"),
    ("label", "VARCHAR", f"one of {', '.join(LABELS)}; NULL when routed to review"),
    ("label_reason", "VARCHAR", "why the rule gave this label"),
    ("needs_review", "BOOLEAN", "routed to annotators", False),
    ("label_rule", "VARCHAR", "rule name@version", False),
    ("verifier_version", "VARCHAR", "verifier that judged the answer", False),
    ("splitter_version", "VARCHAR", "splitter that cut the chain", False),
    ("thinking_tokens", "BIGINT", "tokens of the thinking part"),
    ("answer_tokens", "BIGINT", "tokens of the answer section"),
    ("total_tokens", "BIGINT", "thinking_tokens + answer_tokens"),
    ("token_method", "VARCHAR", "tokenizer:<name> | approx:<how>"),
    ("model", "VARCHAR", "the model that wrote it"),
    ("labelled_at", "TIMESTAMP", "when it was labelled", False),
    ("answer_source", "VARCHAR", "where the answer came from: answer-section, summary, thinking"),
    ("truncation", "VARCHAR", "why the chain is truncated (drqa.text.TRUNCATION_REASONS)"),
    ("shared_thinking", "BOOLEAN", "the batch's whole thinking is in this chain (not cut)"),
    ("verify_detail", "VARCHAR", "how the verdict was reached"),
    ("judge", "VARCHAR", "LLM judge (model@prompt-hash) that decided an uncertain verdict"),
    ("thinking", "VARCHAR", "the thinking attributed to this question (before </think>)"),
    ("answer_section", "VARCHAR", "its answer section as written (after </think>)"),
)

RELEASE_LABEL_COLUMNS = _cols(
    ("chain_id", "VARCHAR", "the chain: request_id-q<position>", False),
    ("problem_id", "VARCHAR", "hash of the normalised problem text", False),
    ("problem", "VARCHAR", "the question"),
    ("gold_answer", "VARCHAR", "its gold answer"),
    ("chain", "VARCHAR", "the reasoning chain for this question (thinking + answer section)"),
    ("thinking", "VARCHAR", "the chain's thinking as written (the text before </think>)"),
    ("answer_section", "VARCHAR", "the chain's answer section as written (after </think>)"),
    ("truncation", "VARCHAR", "why it was cut off (in_thinking: before </think>); NULL if not cut"),
    ("shared_thinking", "BOOLEAN", "the batch's whole thinking, not cut per question"),
    ("chain_answer", "VARCHAR", "the chain's final answer; NULL when none was given"),
    ("label", "VARCHAR", f"the DRQA label, one of {', '.join(LABELS)}", False),
    ("auto_label", "VARCHAR", "the automatic label (differs from label when reviewed)"),
    ("label_source", "VARCHAR", f"one of {', '.join(LABEL_SOURCES)}", False),
    ("n_reviewers", "INTEGER", "annotators behind a reviewed label"),
    ("label_reason", "VARCHAR", "why the rule gave the automatic label"),
    ("needs_review", "BOOLEAN", "the rules routed it to annotators"),
    ("batch_size", "INTEGER", "questions in the prompt it came from (1: single)"),
    ("position", "INTEGER", "0-based position of the question in that prompt"),
    ("sample_index", "INTEGER", "which sample of that prompt"),
    ("request_id", "VARCHAR", "the request (prompt + sample) it was cut from"),
    ("run_id", "VARCHAR", "the generation run"),
    ("model", "VARCHAR", "the model that wrote it"),
    ("split_status", "VARCHAR", f"one of {', '.join(SPLIT_STATUSES)}"),
    ("split_confidence", "DOUBLE", "how sure the splitter is of the cut (0..1)"),
    ("verify_status", "VARCHAR", f"one of {', '.join(VERIFY_STATUSES)}"),
    ("label_rule", "VARCHAR", "rule name@version"),
    ("verifier_version", "VARCHAR", "verifier that judged the answer"),
    ("splitter_version", "VARCHAR", "splitter that cut the chain"),
    ("thinking_tokens", "BIGINT", "tokens of the thinking part"),
    ("answer_tokens", "BIGINT", "tokens of the answer section"),
    ("total_tokens", "BIGINT", "thinking_tokens + answer_tokens"),
    ("token_method", "VARCHAR", "tokenizer:<name> | approx:<how>"),
    ("template_name", "VARCHAR", "prompt template"),
    ("template_hash", "VARCHAR", "hash of the prompt template"),
    ("contaminated_by", "VARCHAR[]", "benchmarks whose n-grams overlap the problem"),
    ("labelled_at", "TIMESTAMP", "when it was labelled"),
)

ROW_TYPES: dict[str, tuple[Column, ...]] = {
    "problems": PROBLEM_COLUMNS,
    "requests": REQUEST_COLUMNS,
    "generations": GENERATION_COLUMNS,
    "chains": CHAIN_COLUMNS,
    "release_labels": RELEASE_LABEL_COLUMNS,
}
"""Catalog table (or release config) name -> its columns."""


def names(columns: tuple[Column, ...]) -> tuple[str, ...]:
    """The column names, in order."""
    return tuple(column.name for column in columns)


def polars_schema(columns: tuple[Column, ...]) -> Any:
    """The ``polars.Schema`` of a row type (JSON is a string, ``X[]`` a list of X)."""
    import polars as pl

    scalar = {
        "VARCHAR": pl.String,
        "JSON": pl.String,
        "BIGINT": pl.Int64,
        "INTEGER": pl.Int32,
        "DOUBLE": pl.Float64,
        "BOOLEAN": pl.Boolean,
        "TIMESTAMP": pl.Datetime("us"),
    }

    def dtype(text: str):
        return pl.List(dtype(text[:-2])) if text.endswith("[]") else scalar[text]

    return pl.Schema({column.name: dtype(column.type) for column in columns})


def markdown_table(columns: tuple[Column, ...]) -> str:
    """The columns as a Markdown table (name, type, meaning), e.g. for a dataset card."""
    lines = ["| column | type | meaning |", "|---|---|---|"]
    lines += [f"| `{c.name}` | {c.type} | {c.doc} |" for c in columns]
    return "\n".join(lines)


@dataclass
class Generation:
    """What a backend got back for one request, raw and split into thinking and answer."""

    request_id: str
    status: GenerationStatus
    content: str | None = None
    reasoning: str | None = None
    raw_response: str | None = None
    finish_reason: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    latency_s: float | None = None
    attempts: int = 1
    error: str | None = None
    endpoint: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
