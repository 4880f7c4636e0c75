"""Which data made which checkpoint: ``drqa_training.json`` (machine-readable) and a model card
(``README.md``) with the same facts, written into the run folder next to the model."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

LINEAGE_JSON = "drqa_training.json"
CARD = "README.md"
FORMAT_VERSION = 1
_PACKAGES = ("trl", "transformers", "torch", "accelerate", "datasets")
_HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]*/[\w.-]+")


def hub_id(value: str | None) -> str | None:
    """``value`` when it names a Hub repo (``ORG/NAME``, not a local path), else None."""
    if not value or not _HUB_ID.fullmatch(value) or Path(value).expanduser().exists():
        return None
    return value


def model_index(facts: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The card's ``model-index``: the last ``train.eval`` figures per suite (the final policy
    on the suite's first ``limit`` problems, ``drqa eval``'s prompt and scorer)."""
    transfer = facts.get("transfer") or {}
    suites = transfer.get("suites") or {}
    if not suites:
        return None
    from drqa.builders.ingest.benchmark_sets import HUB_BENCHMARKS

    settings = transfer.get("settings") or {}
    how = "greedy" if not settings.get("temperature") else f"T={settings['temperature']}"
    results = []
    for suite, points in sorted(suites.items()):
        last = points[-1]
        hub = HUB_BENCHMARKS.get(suite)
        dataset = {"name": suite, "type": hub[0] if hub else suite}
        if hub:
            dataset.update({k: v for k, v in (("config", hub[1]), ("split", hub[2])) if v})
        note = (f"{last.get('samples', '?')} samples of the first {settings.get('limit', '?')} "
                f"problems, {how}, step {last['step']}")  # fmt: skip
        metrics = [{"type": "accuracy", "value": round(float(last.get("accuracy", 0.0)), 4),
                    "name": f"accuracy ({note})"}]  # fmt: skip
        if "mean_output_tokens" in last:
            metrics.append({"type": "mean_output_tokens", "name": "mean output tokens",
                            "value": round(float(last["mean_output_tokens"]), 1)})  # fmt: skip
        results.append({"task": {"type": "text-generation", "name": "Text Generation"},
                        "dataset": dataset, "metrics": metrics})  # fmt: skip
    return [{"name": Path(facts["output"]).name, "results": results}]


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


def _transfer_section(facts: dict[str, Any]) -> str:
    """The card's transfer and judge-validation figures (``train.eval``), or nothing."""
    lines = []
    suites = (facts.get("transfer") or {}).get("suites") or {}
    if suites:
        lines += ["", "## Transfer during training (`train.eval`)", "",
                  "| suite | step | accuracy | mean output tokens | truncated |",
                  "|---|---|---|---|---|"]  # fmt: skip
        for suite, points in sorted(suites.items()):
            lines += [f"| {suite} | {p['step']} | {100 * p.get('accuracy', 0.0):.1f}% | "
                      f"{p.get('mean_output_tokens', 0.0):.1f} | "
                      f"{100 * p.get('truncated', 0.0):.0f}% |" for p in points]  # fmt: skip
        lines += ["", "Single questions, `drqa eval`'s prompt and scorer; `transfer.png`."]
    judged = facts.get("judge_validation")
    if judged:
        per_label = ", ".join(
            f"{k} {100 * v:.0f}%" if v is not None else f"{k} -"
            for k, v in judged["per_label_accuracy"].items()
        )
        lines += ["", f"Judge on {judged['rows']} validation rows: accuracy "
                  f"{100 * judged['accuracy']:.1f}% ({per_label}); confusion matrix in "
                  "`judge_confusion.png` and `drqa_training.json`."]  # fmt: skip
    return "\n".join(lines) + ("\n" if lines else "")


def _what_it_learns(facts: dict[str, Any]) -> str:
    if (facts.get("task") or {}).get("kind") == "solve":
        return (
            "the model answers the release's problems itself and is rewarded by `budget@1` "
            "(correct within the problem's concise-chain token budget: 1; correct but longer: "
            "less; wrong or cut off: 0)."
        )
    if facts.get("method") == "sft":
        return "the model imitates the release's concise (B) chains (the paper's SFT baseline)."
    return (
        "given a question and one reasoning chain, the model judges the chain with one\n"
        "letter (A correct but could be more concise, B correct and concise, C incorrect)."
    )


def render_card(facts: dict[str, Any]) -> str:
    """A Hugging Face model card: YAML metadata, then what was trained on what, and how."""
    release = facts["release"]
    task = facts["task"]
    meta = {
        "base_model": hub_id(facts["base_model"]),  # omitted for a local folder
        "datasets": [hub_id(release["source"])] if hub_id(release["source"]) else None,
        "library_name": "transformers",
        "tags": ["drqa", "trl", facts["method"], "reasoning"],
        "model-index": model_index(facts),
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
    transfer = _transfer_section(facts)
    config_yaml = yaml.safe_dump({"train": facts["config"]}, sort_keys=False).strip()
    pin = f'drqa.load_release("{source}", "{version}", digest="{digest}")'
    return f"""---
{yaml.safe_dump(meta, sort_keys=False).strip()}
---

# {Path(facts["output"]).name}

Trained by `drqa train` ({facts["method"].upper()}, TRL) from `{facts["base_model"]}` on the DRQA
release below: {_what_it_learns(facts)}

## Data

{data_table}

Pin this data exactly with `{pin}` (release version {version}).
{transfer}
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
