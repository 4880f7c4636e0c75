"""The release's dataset card: ``README.md`` with Hub YAML metadata (configs, ``dataset_info``
features with ``label`` as a ``ClassLabel``, licence, source datasets) and a body saying how the
data was built, what it holds, how to load it, the gate results, citations and limitations.

The card holds no local path: models and sources appear by name. It is hashed into the manifest,
so anything extra goes in up front (``drqa release --card-extra FILE``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl
import yaml

from drqa.builders.release.card_sections import (
    columns_table,
    excluded_section,
    markdown_table,
    text_section,
)
from drqa.builders.release.chat import CHAT_COLUMN_DOCS
from drqa.builders.release.gate import GateResult
from drqa.builders.release.provenance import SourceFacts, dumps, normalise_models, run_configs
from drqa.builders.release.shards import WrittenConfig
from drqa.schema import RELEASE_LABEL_COLUMNS

GATE_JSON = "gate.json"
CONFIG_DESCRIPTIONS = {
    "labels": "DRQA tuples: problem, chain, A/B/C label and lineage (the training data).",
    "chat": "One conversation per chain (user: its question; assistant: the model's own text, "
    "thinking + `</think>` + answer section), `chat_edits` saying what differs from the "
    "model's words; filter on `label` (A/B = correct).",
    "generations": "Raw prompts (`messages`) as sent and responses as received.",
    "problems": "The released problems with their gold answers.",
}
PAPER_URL = "https://arxiv.org/abs/2508.17803"
# authors as listed on the arXiv abstract page (checked 2026-12-04)
CITATION = """```bibtex
@misc{yan2025drqa,
  title         = {{DRQA}: Dynamic Reasoning Quota Allocation for Controlling Overthinking in
                   Reasoning Large Language Models},
  author        = {Kaiwen Yan and Xuanqing Shi and Hongcheng Guo and Wenxuan Wang and
                   Zhuosheng Zhang and Chengwei Qin},
  year          = {2025},
  eprint        = {2508.17803},
  archivePrefix = {arXiv},
  primaryClass  = {cs.CL},
  url           = {%s}
}
@software{drqa_platform,
  title = {drqa: batched chain-of-thought corpora for DRQA},
  note  = {%s}
}%s
```"""


@dataclass(frozen=True)
class CardFacts:
    """Everything the card states, gathered by :mod:`drqa.builders.release.snapshot`."""

    version: str
    created_at: str
    code_version: str
    license: str
    configs: dict[str, WrittenConfig]
    gate: GateResult
    override: str | None
    lineage: dict[str, Any]
    tokens_by_batch_size: pl.DataFrame
    label_counts: dict[str, int]
    plots: list[str] = field(default_factory=list)
    excluded: dict[str, int] = field(default_factory=dict)
    sources: list[SourceFacts] = field(default_factory=list)
    license_note: str | None = None
    repo: str | None = None  # the Hub repo the release is meant for, when given up front
    extra: str | None = None  # Markdown added with --card-extra
    download_bytes: dict[str, int] = field(default_factory=dict)  # Parquet bytes on disk
    awaiting_review: dict[str, int] = field(default_factory=dict)  # excluded, routed to review
    chat_notes: dict[str, int] = field(default_factory=dict)  # chat rows per kind of edit

    @property
    def row_counts(self) -> dict[str, int]:
        return {name: c.num_rows for name, c in self.configs.items()}


def size_category(n: int) -> str:
    """The Hub's size category for ``n`` rows."""
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                        (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M")):  # fmt: skip
        if n < limit:
            return name
    return "10M<n<100M"


def card_metadata(facts: CardFacts) -> dict[str, Any]:
    """The YAML front matter: configs with data files, features and sizes, licence, sources."""
    hub_sources = [s.name.split(" ")[0] for s in facts.sources if s.kind == "hub"]
    meta: dict[str, Any] = {"license": facts.license}
    if facts.license == "other":
        meta["license_name"] = "mixed-or-unknown-source-licences"  # see "Source datasets"
    meta |= {
        "task_categories": ["text-classification", "question-answering"],
        "language": ["en"],
        "tags": ["drqa", "reasoning", "chain-of-thought", "math"],
        "pretty_name": f"DRQA batched chain-of-thought corpus {facts.version}",
        "size_categories": [size_category(facts.row_counts.get("labels", 0))],
        "source_datasets": [f"extended|{name}" for name in hub_sources] or ["original"],
        "configs": [
            {
                "config_name": name,
                "data_files": [{"split": "train", "path": config.pattern}],
                **({"default": True} if name == "labels" else {}),
            }
            for name, config in facts.configs.items()
        ],
        "dataset_info": [
            {
                "config_name": name,
                "features": config.features._to_yaml_list(),
                "splits": [
                    {
                        "name": "train",
                        "num_bytes": config.num_bytes,
                        "num_examples": config.num_rows,
                    }
                ],  # fmt: skip
                "download_size": facts.download_bytes.get(name, 0),
                "dataset_size": config.num_bytes,
            }
            for name, config in facts.configs.items()
        ],
    }
    return meta


def gate_markdown(facts: CardFacts) -> str:
    """The gate's verdict and every check as a Markdown table (the full results: gate.json)."""
    gate = facts.gate
    verdict = "passed" if gate.passed else f"FAILED ({len(gate.failed)} checks)"
    rows = pl.DataFrame(
        [{"check": c.name, "status": c.status, "observed": c.observed, "threshold": c.threshold}
         for c in gate.checks],
        schema=["check", "status", "observed", "threshold"],
    )  # fmt: skip
    text = f"The quality gate (Great Expectations) {verdict} on {gate.n_candidates} chains.\n\n"
    if facts.override:
        text += f"**Released with an override:** {facts.override}\n\n"
    if gate.failed:
        text += "Failed checks: " + ", ".join(f"`{c.name}`" for c in gate.failed) + ".\n\n"
    return (
        text
        + f"<details>\n<summary>All {len(gate.checks)} checks</summary>\n\n"
        + markdown_table(rows)
        + "\n\n</details>"
        + (
            f"\n\nEvery check and metric, machine-readable: [`{GATE_JSON}`]({GATE_JSON}). "
            "The gate's report stays in the building workspace: "
            f"`reports/releases/{facts.version}/data_docs/gate.html` (one page, works offline) "
            "and the Great Expectations Data Docs next to it (`index.html`).\n"
        )
    )


def usage(facts: CardFacts) -> str:
    """How to load this release: by Hub id when it is known, else from its folder."""
    where = f'"{facts.repo}"' if facts.repo else '"path/to/this/folder"'
    revision = f', revision="{facts.version}"' if facts.repo else ""
    note = (
        ""
        if facts.repo
        else '\nOnce published (`drqa publish VERSION --repo ORG/NAME`), pass `"ORG/NAME"` '
        f'and `revision="{facts.version}"` instead of the folder.\n'
    )
    return f"""```python
from datasets import load_dataset

labels = load_dataset({where}, "labels", split="train"{revision})
labels.features["label"].int2str(labels[0]["label"])  # "A", "B" or "C"
chat = load_dataset({where}, "chat", split="train"{revision})  # messages per chain

import drqa  # checks every file against manifest.json first
labels = drqa.load_release({where}, version="{facts.version}")
```
{note}"""


def _limitations(facts: CardFacts) -> list[str]:
    items = []
    if facts.override:
        items.append(f"The gate failed and the release was forced: {facts.override}.")
    items += [f"Gate check failed: {c.name} (observed {c.observed}, needs {c.threshold})."
              for c in facts.gate.failed]  # fmt: skip
    left_out = sum(facts.excluded.values())
    if left_out:
        items.append(f"{left_out} chains are not in this release (see *What was left out*).")
    if facts.license_note:
        items.append(facts.license_note)
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


def _sources_section(facts: CardFacts) -> str:
    if not facts.sources:
        return "No source is recorded for the released problems."
    frame = pl.DataFrame(
        [{"source": s.name, "kind": s.kind, "licence": s.license, "problems": s.problems}
         for s in facts.sources]
    )  # fmt: skip
    return markdown_table(frame)


def _joined(values: list[Any]) -> str:
    return ", ".join(f"`{v}`" for v in values) or "-"


def render_card(facts: CardFacts) -> str:
    """The whole ``README.md``."""
    front = yaml.safe_dump(card_metadata(facts), sort_keys=False, allow_unicode=True)
    lineage = facts.lineage
    label_rows = pl.DataFrame(
        {"label": list(facts.label_counts), "chains": list(facts.label_counts.values())}
    )
    configs = "\n".join(
        f"- `{name}` ({c.num_rows} rows in {len(c.files)} Parquet shard"
        f"{'s' if len(c.files) != 1 else ''}): {CONFIG_DESCRIPTIONS.get(name, '')}"
        for name, c in facts.configs.items()
    )
    runs = "\n".join(
        f"  - run `{r['run_id']}` ({r['name']}): `{dumps(r['config'])}`"
        for r in run_configs(lineage.get("runs", []))
    )
    plots = "\n".join(f"![{p}]({p})" for p in facts.plots)
    docs = {c.name: c.doc for c in RELEASE_LABEL_COLUMNS}
    labels_table = columns_table(facts.configs["labels"], docs) if "labels" in facts.configs else ""
    chat_table = (
        "\nColumns of `chat`:\n\n" + columns_table(facts.configs["chat"], CHAT_COLUMN_DOCS) + "\n"
        if "chat" in facts.configs
        else ""
    )
    dataset_cite = (
        f"\n@misc{{drqa_release,\n  title = {{DRQA batched chain-of-thought corpus "
        f"{facts.version}}},\n  url   = {{https://huggingface.co/datasets/{facts.repo}}}\n}}"
        if facts.repo
        else ""
    )
    extra = f"\n{facts.extra.strip()}\n" if facts.extra and facts.extra.strip() else ""
    body = f"""
# DRQA batched chain-of-thought corpus, release {facts.version}

Built by {facts.code_version} on {facts.created_at}.
Each `labels` row is a (problem, chain, label) tuple for DRQA
([arXiv 2508.17803]({PAPER_URL})): **A** = chain from a single-question prompt, correct;
**B** = chain from a batched prompt, correct (concise); **C** = incorrect. `label` is a
`ClassLabel` (0 = A, 1 = B, 2 = C).

{usage(facts)}
## Configs
{configs}

Columns of `labels` (the training data; their one definition is `drqa.schema`):

{labels_table}
{chat_table}
## Text format
{text_section(facts)}

## Source datasets
{_sources_section(facts)}

Licence of this release: `{facts.license}`.{" " + facts.license_note if facts.license_note else ""}

## How it was built
- Models: {_joined(normalise_models(lineage.get("models", [])))}
- Batch sizes: {", ".join(str(b) for b in lineage.get("batch_sizes", [])) or "-"}
- Prompt templates: {_joined(lineage.get("templates", []))}
- Verifier versions: {_joined(lineage.get("verifier_versions", []))}
- Label rules: {_joined(lineage.get("label_rules", []))}
- Splitter versions: {_joined(lineage.get("splitter_versions", []))}
- Token counting: {_joined(lineage.get("token_methods", []))}
- Generation runs (model, backend, sampling, templates):
{runs or "  - -"}

## What it holds
{markdown_table(label_rows)}

Tokens per chain by batch size:

{markdown_table(facts.tokens_by_batch_size)}

{plots}

## What was left out
{excluded_section(facts)}

## Quality gate
{gate_markdown(facts)}
## Known limitations
{chr(10).join(f"- {item}" for item in _limitations(facts))}
{extra}
## Citation
{CITATION % (PAPER_URL, facts.code_version, dataset_cite)}
"""
    return f"---\n{front}---\n{body}"
