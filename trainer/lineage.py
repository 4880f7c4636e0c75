"""Which data made which checkpoint: ``drqa_training.json`` (machine-readable) and a model card
(``README.md``) with the same facts, written into the run folder next to the model."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

LINEAGE_JSON = "drqa_training.json"
CARD = "README.md"
FORMAT_VERSION = 1
_PACKAGES = ("trl", "transformers", "torch", "accelerate", "datasets")


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def library_versions() -> dict[str, str | None]:
    """Installed versions of the libraries that shaped the run."""
    out: dict[str, str | None] = {}
    for name in _PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def final_metrics(history: list[dict[str, Any]]) -> dict[str, Any]:
    """The last logged value of every metric (and the run summary TRL logs at the end)."""
    merged: dict[str, Any] = {}
    for entry in history:
        merged.update({k: v for k, v in entry.items() if isinstance(v, int | float)})
    return merged


def write_lineage(output: Path, facts: dict[str, Any]) -> Path:
    """Write ``drqa_training.json`` and the model card; return the JSON's path."""
    facts = {"drqa_training": FORMAT_VERSION, **facts}
    path = output / LINEAGE_JSON
    path.write_text(json.dumps(facts, indent=2, sort_keys=True, default=str) + "\n")
    (output / CARD).write_text(render_card(facts), encoding="utf-8")
    return path


def _table(rows: dict[str, Any]) -> str:
    lines = ["| | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in rows.items()]
    return "\n".join(lines)


def render_card(facts: dict[str, Any]) -> str:
    """A Hugging Face model card: YAML metadata, then what was trained on what, and how."""
    release = facts["release"]
    task = facts["task"]
    meta = {
        "base_model": facts["base_model"] if "/" in facts["base_model"] else None,
        "library_name": "transformers",
        "tags": ["drqa", "trl", facts["method"], "reasoning"],
    }
    meta = {k: v for k, v in meta.items() if v is not None}
    metrics = facts.get("final_metrics") or {}
    shown = {k: round(v, 4) if isinstance(v, float) else v for k, v in sorted(metrics.items())}
    rewards = facts.get("rewards") or []
    reward_lines = "\n".join(f"- `{r['name']}@{r['version']}` weight {r['weight']}"
                             for r in rewards) or "- none (SFT)"  # fmt: skip
    gate = "passed" if not release["ungated_because"] else (
        "NOT gated: " + "; ".join(release["ungated_because"])
        + f". Trained anyway because: {release['allow_ungated']}"
    )  # fmt: skip
    template = f"{task.get('template', '-')} (sha256 {task.get('template_sha256', '-')})"
    data_table = _table(
        {
            "release": f"`{release['source']}`",
            "version": release["version"],
            "manifest sha256": f"`{release['manifest_sha256']}`",
            "quality gate": gate,
            "prompt template": template,
            "rows in / train / validation": (
                f"{task['rows_in']} / {task['train_rows']} / {task['validation_rows']}"
            ),
            "labels used for training": task.get("class_counts_train"),
            "dropped rows": task.get("dropped"),
        }
    )
    run_table = _table(
        {
            "steps": facts["global_step"],
            "resumed from": facts.get("resumed_from") or "-",
            "drqa": facts["code_version"],
            **{k: v for k, v in facts["versions"].items() if v},
        }
    )
    source, version, digest = release["source"], release["version"], release["digest"]
    config_yaml = yaml.safe_dump({"train": facts["config"]}, sort_keys=False).strip()
    pin = f'drqa.load_release("{source}", "{version}", digest="{digest}")'
    return f"""---
{yaml.safe_dump(meta, sort_keys=False).strip()}
---

# {Path(facts["output"]).name}

Trained by `drqa train` ({facts["method"].upper()}, TRL) from `{facts["base_model"]}` on the DRQA
release below: given a question and one reasoning chain, the model judges the chain with one
letter (A correct but could be more concise, B correct and concise, C incorrect).

## Data

{data_table}

Pin this data exactly with `{pin}`.

## Training

Rewards:
{reward_lines}

{run_table}

Final metrics:

{_table(shown)}

<details><summary>Configuration (the recipe's <code>train:</code> section)</summary>

```yaml
{config_yaml}
```

</details>

The same facts, machine-readable, are in `drqa_training.json`; curves in `training_curves.png`;
sampled completions in `completions/*.parquet`; the exact rows in `drqa_task/`.
"""
