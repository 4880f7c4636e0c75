"""The release's dataset card: ``README.md`` with Hub YAML metadata and a body saying how the data
was built, what it holds, the gate results and known limitations."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import polars as pl
import pyarrow as pa
import yaml

from drqa.builders.release.gate import GateResult

CONFIG_DESCRIPTIONS = {
    "labels": "DRQA tuples: problem, chain, A/B/C label and lineage (the training data).",
    "generations": "Raw prompts as sent and responses as received, for the released chains.",
    "problems": "The released problems with their gold answers.",
}


@dataclass(frozen=True)
class CardFacts:
    """Everything the card states, gathered by :mod:`drqa.builders.release.snapshot`."""

    version: str
    created_at: str
    code_version: str
    license: str
    data_files: dict[str, str]  # config -> relative parquet path
    schemas: dict[str, pa.Schema]
    row_counts: dict[str, int]
    gate: GateResult
    override: str | None
    lineage: dict[str, Any]
    tokens_by_batch_size: pl.DataFrame
    label_counts: dict[str, int]
    plots: list[str] = field(default_factory=list)
    excluded: dict[str, int] = field(default_factory=dict)
    num_bytes: dict[str, int] = field(default_factory=dict)  # uncompressed Parquet bytes


def hf_dtype(arrow_type: pa.DataType) -> Any:
    """The Hub's YAML feature type for an Arrow type."""
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return {"list": hf_dtype(arrow_type.value_type)}
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return "string"
    if pa.types.is_timestamp(arrow_type):
        return f"timestamp[{arrow_type.unit}]"
    if pa.types.is_boolean(arrow_type):
        return "bool"
    if pa.types.is_float64(arrow_type):
        return "float64"
    if pa.types.is_float32(arrow_type):
        return "float32"
    return str(arrow_type)  # int8..int64, uint*


def _features(schema: pa.Schema) -> list[dict[str, Any]]:
    out = []
    for f in schema:
        dtype = hf_dtype(f.type)
        out.append({"name": f.name, **({"dtype": dtype} if isinstance(dtype, str) else dtype)})
    return out


def size_category(n: int) -> str:
    """The Hub's size category for ``n`` rows."""
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                        (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M")):  # fmt: skip
        if n < limit:
            return name
    return "10M<n<100M"


def card_metadata(facts: CardFacts) -> dict[str, Any]:
    """The YAML front matter: configs with data files, features, license, categories."""
    return {
        "license": facts.license,
        "task_categories": ["text-classification", "question-answering"],
        "language": ["en"],
        "tags": ["drqa", "reasoning", "chain-of-thought", "math"],
        "pretty_name": f"DRQA batched chain-of-thought corpus {facts.version}",
        "size_categories": [size_category(facts.row_counts.get("labels", 0))],
        "configs": [
            {
                "config_name": name,
                "data_files": [{"split": "train", "path": path}],
                **({"default": True} if name == "labels" else {}),
            }
            for name, path in facts.data_files.items()
        ],
        "dataset_info": [
            {
                "config_name": name,
                "features": _features(facts.schemas[name]),
                "splits": [
                    {
                        "name": "train",
                        "num_bytes": facts.num_bytes.get(name, 0),
                        "num_examples": facts.row_counts[name],
                    }
                ],
            }
            for name in facts.data_files
        ],
    }


def _table(frame: pl.DataFrame) -> str:
    head = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(_cell(v) for v in row) + " |" for row in frame.iter_rows()]
    return "\n".join([head, rule, *rows])


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value).replace("|", "\\|")


def _gate_section(facts: CardFacts) -> str:
    gate = facts.gate
    verdict = "passed" if gate.passed else f"FAILED ({len(gate.failed)} checks)"
    rows = pl.DataFrame(
        [{"check": c.name, "status": c.status, "observed": c.observed, "threshold": c.threshold}
         for c in gate.checks]
    )  # fmt: skip
    text = f"The quality gate (Great Expectations) {verdict}.\n\n"
    if facts.override:
        text += f"**Released with an override:** {facts.override}\n\n"
    return text + _table(rows) + "\n\nGX Data Docs: `report/data_docs/index.html`.\n"


def _limitations(facts: CardFacts) -> list[str]:
    items = []
    if facts.override:
        items.append(f"The gate failed and the release was forced: {facts.override}.")
    items += [f"Gate check failed: {c.name} (observed {c.observed}, needs {c.threshold})."
              for c in facts.gate.failed]  # fmt: skip
    for reason, n in facts.excluded.items():
        if n:
            items.append(f"{n} labelled chains were left out: {reason}.")
    methods = facts.lineage.get("token_methods", [])
    if any(str(m).startswith("approx") for m in methods):
        items.append("Token counts are approximate for some chains (token_method approx:...).")
    items.append(
        "Labels are automatic (answer verification + rules) unless label_source is 'review'; "
        "automatic verification can be wrong on unusual answer formats."
    )
    if not any(c.name.startswith("Cohen") and c.status != "skipped" for c in facts.gate.checks):
        items.append("No human review agreement was measured (no reviews in this release).")
    return items


def render_card(facts: CardFacts) -> str:
    """The whole ``README.md``."""
    front = yaml.safe_dump(card_metadata(facts), sort_keys=False, allow_unicode=True)
    lineage = facts.lineage
    label_rows = pl.DataFrame(
        {"label": list(facts.label_counts), "chains": list(facts.label_counts.values())}
    )
    configs = "\n".join(
        f"- `{name}` ({facts.row_counts[name]} rows, `{path}`): {CONFIG_DESCRIPTIONS[name]}"
        for name, path in facts.data_files.items()
    )
    runs = "\n".join(
        f"- run `{r['run_id']}` ({r['name']}): `{json.dumps(r['config'], sort_keys=True)}`"
        for r in lineage.get("runs", [])
    )
    plots = "\n".join(f"![{p}]({p})" for p in facts.plots)
    body = f"""
# DRQA batched chain-of-thought corpus, release {facts.version}

Built by [drqa](https://github.com/drqa/drqa) {facts.code_version} on {facts.created_at}.
Each `labels` row is a (problem, chain, label) tuple for DRQA (arXiv 2508.17803): **A** = chain
from a single-question prompt, correct; **B** = chain from a batched prompt, correct (concise);
**C** = incorrect.

```python
import drqa
ds = drqa.load_release("<this folder or ORG/NAME>", version="{facts.version}")  # checks hashes
# or: datasets.load_dataset("<folder or ORG/NAME>", "labels", revision="{facts.version}")
```

## Configs
{configs}

## How it was built
- Models: {", ".join(f"`{m}`" for m in lineage.get("models", [])) or "-"}
- Batch sizes: {", ".join(str(b) for b in lineage.get("batch_sizes", []))}
- Prompt templates: {", ".join(f"`{t}`" for t in lineage.get("templates", [])) or "-"}
- Verifier versions: {", ".join(f"`{v}`" for v in lineage.get("verifier_versions", []))}
- Label rules: {", ".join(f"`{v}`" for v in lineage.get("label_rules", []))}
- Splitter versions: {", ".join(f"`{v}`" for v in lineage.get("splitter_versions", []))}
- Token counting: {", ".join(f"`{v}`" for v in lineage.get("token_methods", []))}
- Generation runs (model, backend, sampling, templates):
{runs or "- -"}

## What it holds
{_table(label_rows)}

Tokens per chain by batch size:

{_table(facts.tokens_by_batch_size)}

{plots}

## Quality gate
{_gate_section(facts)}
## Known limitations
{chr(10).join(f"- {item}" for item in _limitations(facts))}
"""
    return f"---\n{front}---\n{body}"
